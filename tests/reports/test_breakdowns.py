"""Breakdowns by any attribute, with bins and small-n flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reports.breakdowns import bin_attribute, breakdown
from reports.errors import ReportInputError
from reports.nps import nps


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 200
    return pd.DataFrame(
        {
            "manager": rng.choice(["Ivanova", "Petrov", "Sidorov"], n, p=[0.5, 0.45, 0.05]),
            "revenue": rng.lognormal(12, 1, n),
            "nps": rng.integers(0, 11, n),
            "delivery": rng.integers(1, 6, n),
            "w": rng.uniform(0.5, 2.0, n),
        }
    )


def test_nps_by_manager_matches_nps_per_group_and_flags_small_groups() -> None:
    df = _data()
    t = breakdown(df, "manager", "nps", min_n=30).set_index("group")
    for name, part in df.groupby("manager"):
        assert t.loc[name, "value"] == pytest.approx(nps(part["nps"]).score)
        assert t.loc[name, "n"] == len(part)
    assert bool(t.loc["Sidorov", "small_n"]) and not bool(t.loc["Ivanova", "small_n"])
    assert t.loc["Total", "n"] == len(df)


def test_revenue_quartile_bands_cover_everyone() -> None:
    df = _data()
    t = breakdown(df, "revenue", "delivery", "csi", bins=4, scale=(1, 5), include_total=False)
    assert len(t) == 4 and t["n"].sum() == len(df)
    assert t["value"].between(0, 100).all()


def test_explicit_edges_and_empty_band_is_kept_not_hidden() -> None:
    df = pd.DataFrame({"revenue": [1, 2, 3, 50], "nps": [10, 9, 0, 10]})
    t = breakdown(df, "revenue", "nps", bins=[0, 10, 20, 100], include_total=False)
    assert t["n"].tolist() == [3, 0, 1]
    assert np.isnan(t["value"].iloc[1]) and bool(t["small_n"].iloc[1])


def test_weighted_top_box_and_mean() -> None:
    df = pd.DataFrame({"g": ["a", "a"], "x": [5, 1], "w": [3.0, 1.0]})
    top = breakdown(df, "g", "x", "top_box", weights="w", scale=(1, 5), min_n=1)
    assert top.loc[0, "value"] == pytest.approx(0.75)
    mean = breakdown(df, "g", "x", "mean", weights="w", min_n=1)
    assert mean.loc[0, "value"] == pytest.approx(4.0)
    assert mean.loc[0, "n_effective"] == pytest.approx(16 / 10)


def test_counts_metric_reports_weighted_total() -> None:
    df = pd.DataFrame({"g": ["a", "b", "b"], "x": [1, 2, 3], "w": [1.0, 2.0, 2.0]})
    t = breakdown(df, "g", "x", "n", weights="w").set_index("group")
    assert t.loc["b", "value"] == pytest.approx(4.0) and t.loc["b", "n"] == 2


def test_bin_attribute_rejects_bad_edges_and_missing_scale() -> None:
    with pytest.raises(ReportInputError):
        bin_attribute([1, 2], [5, 1])
    with pytest.raises(ReportInputError):
        breakdown(_data(), "manager", "delivery", "csi")
