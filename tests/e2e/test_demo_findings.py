"""The demo's findings against the demo's generating model (cati.demo.respondents).

The model's loyalty is driven by the account manager (weight 0.45), quality (0.30),
delivery (0.15) and price (0.10); products have no effect. The report must lead with one
of the three strongest drivers, never make a low-impact aspect a top action, and never
state a product difference.
"""

from __future__ import annotations

import pytest

from cati.demo.respondents import DRIVER_WEIGHTS
from reports.chapters.summary import FIRST_ACTIONS, SUMMARY_ACTIONS
from reports.findings import Findings, compute_findings
from reports.findings.recommend import aspect_theme
from tests.e2e.demo_answers import demo_answers

pytestmark = [pytest.mark.slow]  # five demo studies: about 10-25 s

SEEDS = (1, 2, 3, 4, 5)
TRUE_TOP3 = sorted(DRIVER_WEIGHTS, key=DRIVER_WEIGHTS.__getitem__, reverse=True)[:3]


@pytest.fixture(scope="module")
def demo_findings() -> dict[int, Findings]:
    return {seed: compute_findings(demo_answers(seed), "en") for seed in SEEDS}


def test_first_recommendation_is_one_of_the_models_three_strongest_drivers(
    demo_findings: dict[int, Findings],
) -> None:
    for seed, f in demo_findings.items():
        first = f.recommendations[0]
        assert first.kind == "improve" and first.subject in TRUE_TOP3, (seed, first)


def test_no_aspect_under_ten_percent_of_the_drivers_is_a_top_three_action(
    demo_findings: dict[int, Findings],
) -> None:
    for seed, f in demo_findings.items():
        assert f.drivers is not None
        top = [r for r in f.recommendations if r.kind in FIRST_ACTIONS][:SUMMARY_ACTIONS]
        for d in f.drivers.drivers:
            if d.share >= 0.10:
                continue
            theme = aspect_theme(f.study, d.aspect)
            for r in top:
                assert r.subject != d.aspect, (seed, r)
                assert not (r.kind == "theme" and r.subject == theme), (seed, r)


def test_aspects_below_the_importance_cut_are_watch_or_hold_items_after_the_actions(
    demo_findings: dict[int, Findings],
) -> None:
    for f in demo_findings.values():
        assert f.ipa is not None
        cut = f.ipa.attrs["importance_cut"]
        kinds = [r.kind for r in f.recommendations]
        for r in f.recommendations:
            if r.kind == "improve":
                assert f.ipa.loc[r.subject, "importance"] >= cut
            if r.kind == "watch":
                assert f.ipa.loc[r.subject, "importance"] < cut
                assert kinds.index("watch") > max(i for i, k in enumerate(kinds) if k == "improve")


def test_no_product_difference_is_stated(demo_findings: dict[int, Findings]) -> None:
    for seed, f in demo_findings.items():
        tested = [d for d in f.comparisons.family if d.attribute == "product"]
        assert tested, "products are compared"
        assert not [d for d in tested if d.significant], seed
        assert not [r for r in f.recommendations if r.subject.startswith("product=")]


def test_the_built_in_lost_clients_gap_survives_the_report_wide_correction(
    demo_findings: dict[int, Findings],
) -> None:
    for f in demo_findings.values():
        pair = next(
            d
            for d in f.comparisons.of_kind("segment_pair")
            if {d.group, d.versus} == {"lost", "regular"}
        )
        assert pair.significant and pair.p_adjusted >= pair.p


def test_an_empty_concentrate_here_quadrant_is_said_not_filled(
    demo_findings: dict[int, Findings],
) -> None:
    from reports.analysis import report_from_findings
    from reports.ipa import CONCENTRATE_HERE
    from reports.model import Paragraph

    empty = [f for f in demo_findings.values() if f.ipa is not None]
    empty = [f for f in empty if not (f.ipa["quadrant"] == CONCENTRATE_HERE).any()]  # type: ignore[index]
    assert empty, "some demo seeds have no aspect both important and weak"
    for f in empty:
        for lang, sentence in (
            ("en", "No aspect is both important and weak"),
            ("ru", "Ни одна сторона работы не сочетает высокую важность с оценкой ниже средней"),
        ):
            summary = report_from_findings(f, lang).section("summary")
            texts = [b.text for b in summary.blocks if isinstance(b, Paragraph)]
            assert any(sentence in t for t in texts)
