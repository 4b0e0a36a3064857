"""Recommendations ranked by importance × room to improve (reports.findings.recommend)."""

from __future__ import annotations

import pandas as pd
import pytest

from reports.chapters._context import ChapterContext
from reports.chapters.recommendations import empty_quadrant_note, recommendation_text
from reports.findings import compute_findings
from reports.findings.family import comparison_family
from reports.findings.figures import segment_nps
from reports.findings.model import Comparisons, Evidence, Findings, Recommendation
from reports.findings.prepare import prepare_study
from reports.findings.recommend import expected_gain, recommend
from reports.ipa import importance_performance
from reports.texts import Texts
from tests.reports.document.synthetic import make_study

NO_COMPARISONS = Comparisons(family=(), method="holm", alpha=0.05)


@pytest.fixture(scope="module")
def study():  # type: ignore[no-untyped-def]
    return prepare_study(make_study(n_scale=0.5))


def ipa_of(shares: dict[str, float], scores: dict[str, float]) -> pd.DataFrame:
    return importance_performance(pd.Series(shares), pd.Series(scores))


NO_WEAK_DRIVER = ipa_of(  # the demo's shape: the dominant driver scores above average
    {
        "manager": 0.57,
        "quality": 0.20,
        "delivery": 0.10,
        "price": 0.05,
        "documents": 0.05,
        "support": 0.03,
    },
    {"manager": 66, "quality": 70, "delivery": 48, "price": 40, "documents": 72, "support": 60},
)


def kinds_subjects(recs: tuple) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(r.kind, r.subject) for r in recs]


def test_gain_is_driver_share_times_room_to_improve() -> None:
    assert expected_gain(0.57, 66.0) == pytest.approx(0.57 * 0.34)
    assert expected_gain(0.2, 100.0) == 0.0
    assert expected_gain(0.2, 120.0) == 0.0  # no negative room


def test_an_empty_concentrate_quadrant_is_not_filled_from_low_priority(study) -> None:  # type: ignore[no-untyped-def]
    empty_texts = pd.DataFrame(
        columns=["respondent", "question", "nps_group", "segment", "text", "themes", "polarity"]
    )
    recs = recommend(study, NO_WEAK_DRIVER, NO_COMPARISONS, {}, empty_texts)
    assert recs == recommend(study, NO_WEAK_DRIVER, NO_COMPARISONS, {}, empty_texts)
    pairs = kinds_subjects(recs)
    improve = [s for k, s in pairs if k == "improve"]
    assert improve == ["manager", "quality"]  # important aspects only, by gain
    assert ("watch", "price") in pairs and ("watch", "delivery") in pairs
    assert pairs.index(("watch", "price")) > pairs.index(("detractors", "detractors"))
    assert [r.rank for r in recs] == list(range(1, len(recs) + 1))


def test_the_largest_gain_leads_even_from_above_the_average_score(study) -> None:  # type: ignore[no-untyped-def]
    ipa = ipa_of({"a": 0.55, "b": 0.35, "c": 0.10}, {"a": 62, "b": 50, "c": 70})
    empty_texts = pd.DataFrame(
        columns=["respondent", "question", "nps_group", "segment", "text", "themes", "polarity"]
    )
    recs = recommend(study, ipa, NO_COMPARISONS, {}, empty_texts)
    improve = [r for r in recs if r.kind == "improve"]
    # a: 0.55 x 38 / 100 = 0.209 beats b: 0.35 x 50 / 100 = 0.175, although only b is
    # below the average score; c (10 %, below the importance cut) is no action.
    assert [r.subject for r in improve] == ["a", "b"]
    assert [r.evidence.quadrant for r in improve] == ["keep up the good work", "concentrate here"]
    assert [r.expected_gain for r in improve] == [pytest.approx(0.209), pytest.approx(0.175)]
    assert "c" not in [r.subject for r in recs]


@pytest.fixture(scope="module")
def findings() -> Findings:
    return compute_findings(make_study(n_scale=0.5), "ru")


def test_low_impact_aspect_wording_cannot_be_read_as_raising_prices(findings: Findings) -> None:
    price = watch_price()
    ru = recommendation_text(ChapterContext(findings, Texts("ru")), price)
    en = recommendation_text(ChapterContext(findings, Texts("en")), price)
    assert en.startswith("Monitor how clients rate “Prices”") and "Raise" not in en
    assert ru.startswith("Следить за оценкой «Цены»") and "Подтянуть" not in ru


def watch_price() -> Recommendation:
    return Recommendation(
        rank=9,
        kind="watch",
        subject="price",
        expected_gain=0.03,
        gain_unit="loyalty_index",
        evidence=Evidence(driver_share=0.05, performance=40.0, quadrant="low priority"),
    )


def test_improve_wording_names_the_aspect_not_an_action_on_it(findings: Findings) -> None:
    for lang, start in (
        ("en", "Improve how clients rate “"),
        ("ru", "Повысить удовлетворённость клиентов по пункту «"),
    ):
        ctx = ChapterContext(findings, Texts(lang))
        weak = [r for r in findings.recommendations if r.evidence.quadrant == "concentrate here"]
        for r in weak:
            assert recommendation_text(ctx, r).startswith(start)


def test_empty_quadrant_note_only_when_the_quadrant_is_empty(findings: Findings) -> None:
    from dataclasses import replace

    ctx = ChapterContext(replace(findings, ipa=NO_WEAK_DRIVER), Texts("en"))
    assert empty_quadrant_note(ctx) == (
        "No aspect is both important and weak: the “concentrate here” quadrant is empty."
    )
    full = ipa_of({"a": 0.6, "b": 0.4}, {"a": 40, "b": 80})
    assert empty_quadrant_note(ChapterContext(replace(findings, ipa=full), Texts("en"))) is None


def test_family_of_the_synthetic_study_keeps_its_built_in_difference(study) -> None:  # type: ignore[no-untyped-def]
    family = comparison_family(study, segment_nps(study))
    kinds = {d.kind for d in family.family}
    assert kinds == {"segment_pair", "segment_vs_rest", "group_vs_rest", "aspect_by_segment"}
    lost = family.find("segment_vs_rest", "lost")
    assert lost is not None and lost.significant and lost.difference < 0


def test_one_clients_words_illustrate_one_action_only(study) -> None:  # type: ignore[no-untyped-def]
    both = "Менеджер не перезванивает, а в последней партии был брак."
    rows = [
        (1, both, {"account manager": "complaint", "quality": "complaint"}),
        (2, "Менеджер не перезванивает неделями.", {"account manager": "complaint"}),
        (3, "Бывает брак в партиях, возвращаем.", {"quality": "complaint"}),
        (4, "Качество отличное, брака не видели.", {"quality": "praise"}),
    ]
    texts = pd.DataFrame(
        [
            {
                "respondent": r,
                "question": "why_low",
                "nps_group": "detractor",
                "segment": "lost",
                "text": text,
                "themes": list(polarity),
                "polarity": polarity,
                "ratings": {},
            }
            for r, text, polarity in rows
        ]
    )
    ipa = ipa_of(
        {"manager": 0.5, "quality": 0.4, "price": 0.1}, {"manager": 60, "quality": 50, "price": 40}
    )
    recs = {r.subject: r for r in recommend(study, ipa, NO_COMPARISONS, {}, texts)}
    manager, quality = recs["manager"].evidence.quote, recs["quality"].evidence.quote
    assert both in (manager, quality)  # the richer complaint is quoted once
    assert manager != quality
    assert manager in (both, "Менеджер не перезванивает неделями.")
    assert quality in (both, "Бывает брак в партиях, возвращаем.")
    assert recs["quality"].evidence.mentions == 2  # praise of quality is not counted
