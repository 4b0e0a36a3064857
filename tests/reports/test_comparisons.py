"""Significance tests against R's documented outputs, Holm's correction, segment table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reports.comparisons import (
    Kind,
    chi_square_test,
    compare_segments,
    holm,
    mann_whitney,
    two_proportion_ztest,
    welch_ttest,
)
from reports.errors import InsufficientDataError, ReportInputError

# R datasets::sleep, extra hours of sleep for drug 1 and drug 2.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_holm_matches_wikipedia_worked_example() -> None:
    # Holm-Bonferroni method (Wikipedia, "Example"): p = 0.01, 0.04, 0.03, 0.005 at
    # alpha = 0.05 rejects H1 and H4 only; R p.adjust(p, "holm") = 0.03 0.06 0.06 0.02.
    adj = holm([0.01, 0.04, 0.03, 0.005])
    assert adj.tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert (adj < 0.05).tolist() == [True, False, False, True]


def test_holm_is_monotone_capped_and_ignores_nan() -> None:
    adj = holm([0.5, np.nan, 0.4, 0.001])
    assert np.isnan(adj[1])
    assert adj[3] == pytest.approx(0.003)
    assert adj[0] == pytest.approx(0.8) and adj[2] == pytest.approx(0.8)
    assert holm([0.9, 0.8]).tolist() == [1.0, 1.0]


def test_chi_square_matches_r_prop_test_smokers_example() -> None:
    # R ?prop.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
    # prop.test(smokers, patients): X-squared = 12.6, df = 3, p-value = 0.005585
    table = [[83, 3], [90, 3], [129, 7], [70, 12]]
    r = chi_square_test(table)
    assert r.statistic == pytest.approx(12.6, abs=0.05)
    assert r.df == 3
    assert r.p_value == pytest.approx(0.005585, abs=5e-7)


def test_two_proportion_z_squared_equals_uncorrected_chi_square() -> None:
    z = two_proportion_ztest(83, 86, 70, 82)
    chi = chi_square_test([[83, 3], [70, 12]])
    assert z.statistic**2 == pytest.approx(chi.statistic)
    assert z.p_value == pytest.approx(chi.p_value)


def test_welch_matches_r_t_test_on_sleep() -> None:
    # R: t.test(extra ~ group, data = sleep)
    # t = -1.8608, df = 17.776, p-value = 0.07939
    r = welch_ttest(SLEEP_1, SLEEP_2)
    assert r.statistic == pytest.approx(-1.8608, abs=5e-5)
    assert r.df == pytest.approx(17.776, abs=5e-4)
    assert r.p_value == pytest.approx(0.07939, abs=5e-6)


def test_mann_whitney_matches_r_wilcox_test_example() -> None:
    # R ?wilcox.test: x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)
    # y <- c(1.15, 0.88, 0.90, 0.74, 1.21); wilcox.test(x, y, alternative = "g"):
    # W = 35, p-value = 0.1272 (exact) -> two-sided 0.2544.
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    r = mann_whitney(x, y)
    assert r.statistic == 35
    assert r.p_value == pytest.approx(2 * 0.1272, abs=1e-4)


def _survey() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    seg = np.repeat(["new", "regular", "lost"], [60, 60, 60])
    rating = np.concatenate(
        [rng.integers(3, 6, 60), rng.integers(3, 6, 60), rng.integers(1, 4, 60)]
    )
    score = np.concatenate(
        [rng.integers(7, 11, 60), rng.integers(7, 11, 60), rng.integers(0, 7, 60)]
    )
    return pd.DataFrame({"segment": seg, "rating": rating, "nps": score})


@pytest.mark.parametrize("kind", ["mean", "rank", "nps", "proportion"])
def test_segment_table_is_tidy_and_flags_the_different_segment(kind: Kind) -> None:
    value = "nps" if kind == "nps" else "rating"
    out = compare_segments(_survey(), "segment", value, kind=kind, success={4, 5})
    assert list(out["segment"]) == ["new", "regular", "lost"]
    assert out["significant"].dtype == bool
    lost = out.set_index("segment").loc["lost"]
    assert bool(lost["significant"]) and lost["difference"] < 0
    assert (out["p_adjusted"] >= out["p_value"]).all()


def test_small_segments_are_reported_not_tested() -> None:
    df = pd.DataFrame({"segment": ["a"] * 20 + ["b"], "rating": [3] * 10 + [4] * 10 + [5]})
    out = compare_segments(df, "segment", "rating", kind="mean", min_n=2).set_index("segment")
    assert bool(out.loc["b", "small_n"]) and np.isnan(out.loc["b", "p_value"])
    assert not bool(out.loc["b", "significant"])


def test_bad_arguments_raise() -> None:
    df = _survey()
    with pytest.raises(ReportInputError):
        compare_segments(df, "segment", "rating", kind="proportion")
    with pytest.raises(ReportInputError):
        compare_segments(df, "nope", "rating")
    with pytest.raises(InsufficientDataError):
        welch_ttest([1.0], [1.0, 2.0])
