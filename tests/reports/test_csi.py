"""CSI: rescaling, aspect means with t intervals, top-2-box, the weighted index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reports.csi import aspect_score, aspect_table, csi_index, rescale
from reports.errors import InsufficientDataError, InvalidScoreError, ReportInputError

SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]


@pytest.mark.parametrize(
    ("values", "scale", "expected"),
    [([1, 3, 5], (1, 5), [0, 50, 100]), ([1, 10], (1, 10), [0, 100]), ([0, 7], (0, 10), [0, 70])],
)
def test_rescale_to_0_100(values: list[int], scale: tuple[int, int], expected: list[float]) -> None:
    assert rescale(values, scale).tolist() == pytest.approx(expected)


def test_rescale_refuses_values_off_scale() -> None:
    with pytest.raises(InvalidScoreError):
        rescale([6], (1, 5))


def test_mean_interval_matches_r_t_test() -> None:
    # R: t.test(sleep$extra[sleep$group == 1]) -> mean 0.75,
    # 95 percent confidence interval: -0.5297804  2.0297804.
    # On the scale (-2, 4) the 0-100 mean is (x + 2) / 6 * 100.
    a = aspect_score(SLEEP_1, (-2, 4))
    assert a.mean_raw == pytest.approx(0.75)
    assert a.ci_low == pytest.approx((-0.5297804 + 2) / 6 * 100, abs=1e-5)
    assert a.ci_high == pytest.approx((2.0297804 + 2) / 6 * 100, abs=1e-5)


def test_dont_know_never_enters_the_mean() -> None:
    a = aspect_score([5, 4, 4, 3, 99, np.nan], (1, 5), dont_know={99})
    assert a.mean == pytest.approx(75.0)
    assert a.n == 4 and a.n_dont_know == 2
    assert a.top_box == pytest.approx(0.75)


def test_top_box_on_ten_point_scale_is_nine_and_ten() -> None:
    a = aspect_score([10, 9, 8, 1], (1, 10))
    assert a.top_box == pytest.approx(0.5)


def test_weighted_mean_and_equal_weights_agree_with_unweighted() -> None:
    x = [1, 2, 3, 4, 5]
    a = aspect_score(x, (1, 5))
    b = aspect_score(x, (1, 5), weights=[2, 2, 2, 2, 2])
    assert (a.mean, a.ci_low, a.ci_high) == pytest.approx((b.mean, b.ci_low, b.ci_high))
    c = aspect_score([1, 5], (1, 5), weights=[3, 1])
    assert c.mean == pytest.approx(25.0)


def test_only_dont_know_raises_insufficient_data() -> None:
    with pytest.raises(InsufficientDataError):
        aspect_score([99, 99], (1, 5), dont_know={99})


def test_single_answer_has_no_interval_but_is_flagged() -> None:
    a = aspect_score([4], (1, 5))
    assert a.mean == pytest.approx(75.0) and np.isnan(a.ci_low) and a.small_sample


def test_aspect_table_mixes_scales() -> None:
    df = pd.DataFrame({"price": [1, 5, 3], "delivery": [10, 1, 99]})
    t = aspect_table(df, {"price": (1, 5), "delivery": (1, 10)}, dont_know={99})
    assert t.loc["price", "mean"] == pytest.approx(50.0)
    assert t.loc["delivery", "n"] == 2


def test_csi_index_normalises_importance_and_is_weighted_mean() -> None:
    r = csi_index(
        pd.Series({"price": 60.0, "delivery": 80.0, "quality": 70.0}),
        pd.Series({"price": 4.0, "delivery": 2.0, "quality": 2.0}),
    )
    assert r.weights.sum() == pytest.approx(1.0)
    assert r.value == pytest.approx((4 * 60 + 2 * 80 + 2 * 70) / 8)
    assert csi_index({"a": 50.0, "b": 70.0}).value == pytest.approx(60.0)


def test_csi_index_refuses_missing_or_bad_importance() -> None:
    with pytest.raises(ReportInputError):
        csi_index({"a": 50.0, "b": 70.0}, {"a": 1.0})
    with pytest.raises(ReportInputError):
        csi_index({"a": 50.0}, {"a": -1.0})
    with pytest.raises(ReportInputError):
        csi_index({"a": 50.0}, {"a": 0.0})
