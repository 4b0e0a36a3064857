"""NPS: shares, multinomial standard error, adjusted-Wald interval, comparisons."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.errors import InsufficientDataError, InvalidScoreError, ReportInputError
from reports.nps import compare_nps, nps, nps_group
from surveys.errors import CatiError


def _sample(promoters: int, passives: int, detractors: int) -> list[int]:
    return [10] * promoters + [8] * passives + [3] * detractors


def test_score_and_shares_follow_reichheld_definition() -> None:
    r = nps(_sample(50, 30, 20))
    assert r.score == pytest.approx(30.0)
    assert (r.promoters, r.passives, r.detractors) == pytest.approx((0.5, 0.3, 0.2))
    assert r.n == 100


def test_standard_error_is_multinomial_not_two_binomials() -> None:
    # Rocks (2016) eq. (1): Var = (p_P + p_D - (p_P - p_D)^2) / n
    # = (0.5 + 0.2 - 0.09) / 100 = 0.0061 -> SE = 7.8102 points.
    r = nps(_sample(50, 30, 20))
    assert r.se == pytest.approx(100 * math.sqrt(0.0061), rel=1e-12)
    # Promoter and detractor shares are negatively correlated (covariance -p_P p_D / n), so
    # treating them as independent binomials would understate the variance:
    independent = (0.5 * 0.5 + 0.2 * 0.8) / 100
    assert (r.se / 100) ** 2 == pytest.approx(independent + 2 * 0.5 * 0.2 / 100)


def test_adjusted_wald_interval_matches_rocks_2016_formula() -> None:
    # Adjusted Wald (Rocks 2016; R package NPS, nps_test(test = "adjusted.wald",
    # pseudo_observations = c(0.75, 1.5, 0.75))), worked by hand for 50/30/20 of 100:
    # n' = 103, P' = 50.75/103, D' = 20.75/103, centre = 30/103 = 0.291262,
    # var' = (P' + D' - centre^2)/103 = 0.0059160, z = 1.959964 -> [14.0511, 44.2013].
    r = nps(_sample(50, 30, 20))
    assert r.ci_low == pytest.approx(14.0511, abs=1e-4)
    assert r.ci_high == pytest.approx(44.2013, abs=1e-4)
    assert r.method == "adjusted-wald"


def test_wald_interval_is_symmetric_around_score() -> None:
    r = nps(_sample(50, 30, 20), method="wald")
    half = 1.959963984540054 * r.se
    assert (r.ci_low, r.ci_high) == pytest.approx((30 - half, 30 + half))


def test_all_promoters_gives_100_with_a_real_interval() -> None:
    r = nps([10, 9, 10])
    assert r.score == 100.0
    assert r.ci_high == 100.0  # clipped
    assert r.ci_low < 100.0  # adjusted Wald does not collapse to a point
    assert r.small_sample  # three answers: report, but flag


def test_zero_answers_raise_insufficient_data() -> None:
    with pytest.raises(InsufficientDataError) as exc:
        nps([np.nan, 99], dont_know={99})
    assert isinstance(exc.value, ValueError)
    assert isinstance(exc.value, CatiError)


def test_three_answers_are_computed_and_flagged_small() -> None:
    r = nps([10, 5, 7])
    assert r.n == 3 and r.small_sample
    assert r.score == pytest.approx(0.0)


@pytest.mark.parametrize("bad", [11, -1, 7.5])
def test_scores_outside_scale_or_fractional_raise(bad: float) -> None:
    with pytest.raises(InvalidScoreError):
        nps([10, bad])


def test_dont_know_codes_and_nan_are_dropped_and_counted() -> None:
    r = nps([10, 9, 0, 99, np.nan, 98], dont_know={98, 99})
    assert r.n == 3 and r.n_missing == 3
    assert r.score == pytest.approx(100 * (2 - 1) / 3)


def test_missing_raise_policy_refuses_gaps() -> None:
    with pytest.raises(ReportInputError):
        nps([10, np.nan], missing="raise")


def test_text_answers_not_declared_as_codes_are_an_error() -> None:
    with pytest.raises(InvalidScoreError):
        nps([10, "DK"])
    assert nps([10, "DK"], dont_know={"DK"}).n == 1


def test_weights_change_shares_and_use_kish_effective_n() -> None:
    r = nps([10, 0], weights=[3, 1])
    assert r.score == pytest.approx(50.0)
    assert r.n_effective == pytest.approx(16 / 10)  # (3+1)^2 / (9+1)


def test_nps_group_cut_points() -> None:
    assert [nps_group(s) for s in (0, 6, 7, 8, 9, 10)] == [
        "detractor",
        "detractor",
        "passive",
        "passive",
        "promoter",
        "promoter",
    ]


def test_compare_nps_difference_and_wald_z() -> None:
    a, b = _sample(50, 30, 20), _sample(30, 30, 40)
    c = compare_nps(a, b, method="wald")
    # Rocks (2016): independent samples, Var(diff) = Var_a/n_a + Var_b/n_b
    var_a = (0.5 + 0.2 - 0.3**2) / 100
    var_b = (0.3 + 0.4 - 0.1**2) / 100
    assert c.difference == pytest.approx(40.0)
    assert c.z == pytest.approx(0.4 / math.sqrt(var_a + var_b))
    assert c.p_value == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(c.z / math.sqrt(2)))))
    assert c.ci_low < 40 < c.ci_high


def test_compare_identical_groups_is_not_significant() -> None:
    c = compare_nps(_sample(5, 5, 5), _sample(5, 5, 5))
    assert c.difference == 0.0 and c.p_value == pytest.approx(1.0)


def test_compare_accepts_results() -> None:
    c = compare_nps(nps([10, 10, 10]), nps([0, 0, 0]))
    assert c.difference == 200.0 and c.p_value < 0.05


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=200))
def test_invariants_shares_sum_to_one_and_score_in_range(scores: list[int]) -> None:
    r = nps(scores)
    assert r.promoters + r.passives + r.detractors == pytest.approx(1.0)
    assert -100.0 <= r.ci_low <= r.ci_high <= 100.0
    assert -100.0 <= r.score <= 100.0
