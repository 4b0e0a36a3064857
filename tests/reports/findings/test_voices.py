"""Open answers: theme mentions with their own polarity, counts by question, polarity and
NPS group, complaints as the only evidence of a problem (reports.findings.voices)."""

from __future__ import annotations

import pandas as pd
import pytest

from reports.findings.model import PreparedStudy
from reports.findings.prepare import prepare_study
from reports.findings.voices import (
    answer_ratings,
    aspect_theme,
    complaining,
    pick_quotes,
    theme_findings,
    top_complaints,
    verbatim_table,
)
from tests.reports.document.synthetic import make_study

ANSWERS = [  # question, NPS group, answer (real Cyrillic data)
    ("why_low", "detractor", "Доставка задерживается на неделю, сроки срывают."),
    ("why_low", "passive", "Цены выше, чем у конкурентов."),
    ("why_low", "detractor", "Менеджер не перезванивает."),
    ("why_high", "promoter", "Менеджер всегда на связи."),
    ("comment", "detractor", "Цены адекватные, есть скидки, но доставка опять задержалась."),
    ("comment", "promoter", "Спасибо за работу."),
]


@pytest.fixture(scope="module")
def study() -> PreparedStudy:
    return prepare_study(make_study(n_scale=0.3))


@pytest.fixture(scope="module")
def texts(study: PreparedStudy) -> pd.DataFrame:
    """The verbatim table of a study whose open answers are exactly ``ANSWERS``."""
    data = study.data
    responses = data.responses.copy()
    for column in study.roles.open_answers:
        responses[column] = None
    nps = study.roles.nps
    scores = {"detractor": 3, "passive": 7, "promoter": 10}
    questions = list(study.roles.open_answers)
    qcol = {"why_low": questions[0], "why_high": questions[-1], "comment": questions[0]}
    rows = list(responses.index)
    for row, (question, group, text) in zip(rows, ANSWERS, strict=False):
        responses.at[row, nps] = scores[group]
        responses.at[row, qcol[question]] = text
    from dataclasses import replace

    return verbatim_table(prepare_study(replace(data, responses=responses)), "ru")


def test_each_mention_has_its_own_polarity_within_one_answer(texts: pd.DataFrame) -> None:
    mixed = texts[texts["text"].str.startswith("Цены адекватные")].iloc[0]
    assert mixed["polarity"]["price"] == "praise"
    assert mixed["polarity"]["delivery"] == "complaint"
    assert set(mixed["themes"]) == set(mixed["polarity"])


def test_praise_is_never_evidence_of_a_complaint(texts: pd.DataFrame) -> None:
    price = complaining(texts, "price")
    assert price["text"].tolist() == ["Цены выше, чем у конкурентов."]
    manager = [str(q["text"]) for q in pick_quotes(complaining(texts, "account manager"), 5)]
    assert manager == ["Менеджер не перезванивает."]
    assert "Менеджер всегда на связи." not in manager


def test_themes_are_ranked_by_complaints_not_by_mentions(
    study: PreparedStudy, texts: pd.DataFrame
) -> None:
    # price: 2 mentions, 1 complaint; delivery: 2 complaints; manager: 1 complaint, 1 praise
    assert top_complaints(study, texts, 1) == ["delivery"]
    praise_only = texts[texts["text"] == "Менеджер всегда на связи."]
    assert top_complaints(study, praise_only, 3) == []


def test_theme_findings_count_each_polarity_by_group(texts: pd.DataFrame) -> None:
    found = {(f.question, f.theme, f.polarity): f for f in theme_findings(texts)}
    questions = list(dict.fromkeys(texts["question"]))
    low, high = questions[0], questions[-1]
    price_complaint = found[(low, "price", "complaint")]
    assert price_complaint.mentions == 1
    assert price_complaint.by_group == {"detractor": 0, "passive": 1, "promoter": 0}
    assert found[(low, "price", "praise")].by_group == {
        "detractor": 1,
        "passive": 0,
        "promoter": 0,
    }
    assert found[(high, "account manager", "praise")].mentions == 1
    assert (high, "account manager", "complaint") not in found
    assert sum(f.mentions for f in found.values()) == sum(len(p) for p in texts["polarity"])


def test_the_clients_rating_breaks_ties_of_words_that_do_not_judge(
    study: PreparedStudy,
) -> None:
    column = study.sat_cols["delivery"]
    low = study.df.index[study.df[column] == 1][0]
    high = study.df.index[study.df[column] == 5][0]
    ratings = answer_ratings(study, [low, high])
    assert ratings[0]["delivery"] == 0.0 and ratings[1]["delivery"] == 1.0
    assert aspect_theme(study, "manager") == "account manager"


def test_the_studys_own_dictionary_codes_the_findings() -> None:
    from dataclasses import replace

    from reports.findings import compute_findings
    from reports.findings.facts import findings_facts
    from reports.themes import load_themes

    own = load_themes(
        {
            "schema_version": 2,
            "themes": {"цены": {"ru": {"words": ["цена", "прайс"], "complaint": ["высокий"]}}},
        }
    )
    findings = compute_findings(replace(make_study(n_scale=0.3), themes=own), "ru")
    themes = findings_facts(findings, "ru")["themes"]
    assert themes and {t["theme"] for t in themes} == {"цены"}
    assert "complaint" in {t["polarity"] for t in themes}
    assert set(findings.theme_table.index) <= {"цены", "(no theme)"}
