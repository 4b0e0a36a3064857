"""Open answers: polarity by question, themes by NPS group, quotes (reports.findings.voices)."""

from __future__ import annotations

import pandas as pd

from reports.findings.voices import answer_polarity, pick_quotes, theme_findings, theme_polarity


def answers() -> pd.DataFrame:
    rows = [
        ("why_low", "detractor", "Доставка задерживается на неделю, сроки срывают.", ["delivery"]),
        ("why_low", "passive", "Цены выше, чем у конкурентов.", ["price"]),
        ("why_low", "detractor", "Менеджер не перезванивает.", ["account manager"]),
        ("why_high", "promoter", "Менеджер всегда на связи.", ["account manager"]),
        (
            "comment",
            "detractor",
            "Менеджер всегда на связи и быстро решает вопросы.",
            ["account manager", "speed"],
        ),
        ("comment", "promoter", "Спасибо за работу.", []),
    ]
    return pd.DataFrame(
        [
            {
                "respondent": i,
                "question": q,
                "nps_group": g,
                "segment": "lost",
                "text": t,
                "themes": th,
            }
            for i, (q, g, t, th) in enumerate(rows, start=1)
        ]
    )


def test_polarity_follows_who_the_question_was_asked_of() -> None:
    polarity = answer_polarity(answers())
    assert polarity == ["complaint", "complaint", "complaint", "praise", "neutral", "neutral"]


def test_praise_in_an_open_comment_is_never_a_complaint() -> None:
    texts = answers().assign(polarity=lambda d: answer_polarity(d))
    complaints = texts[texts["polarity"] == "complaint"]
    quotes = [str(q["text"]) for q in pick_quotes(complaints, 5)]
    assert "Менеджер всегда на связи и быстро решает вопросы." not in quotes
    assert "Доставка задерживается на неделю, сроки срывают." in quotes


def test_theme_findings_count_mentions_by_group_per_question() -> None:
    texts = answers().assign(polarity=lambda d: answer_polarity(d))
    found = {(f.question, f.theme): f for f in theme_findings(texts)}
    manager = found[("why_low", "account manager")]
    assert manager.mentions == 1 and manager.polarity == "complaint"
    assert manager.by_group == {"detractor": 1, "passive": 0, "promoter": 0}
    assert found[("why_high", "account manager")].polarity == "praise"
    assert found[("comment", "speed")].polarity == "neutral"


def test_theme_polarity_needs_two_thirds_of_the_mentions() -> None:
    assert theme_polarity({"complaint": 2, "praise": 1}) == "complaint"
    assert theme_polarity({"complaint": 1, "praise": 1}) == "neutral"
    assert theme_polarity({}) == "neutral"


def test_a_question_declared_improvement_holds_complaints_whoever_answered() -> None:
    polarity = answer_polarity(answers(), improvement=("comment",))
    assert polarity[4:] == ["complaint", "complaint"]
