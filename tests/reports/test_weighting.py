"""Post-stratification, raking (IPF) and Kish's design effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize

from reports.errors import (
    ConvergenceError,
    EmptyCellError,
    MarginsMismatchError,
    WeightsError,
)
from reports.weighting import effective_sample_size, kish_design_effect, poststratify, rake


def test_poststratified_counts_equal_population_sizes() -> None:
    strata = pd.Series(["lost"] * 50 + ["regular"] * 50)
    w = poststratify(strata, {"lost": 200, "regular": 2000})
    assert w.groupby(strata).sum().to_dict() == pytest.approx({"lost": 200, "regular": 2000})
    assert w.iloc[0] == pytest.approx(4.0) and w.iloc[-1] == pytest.approx(40.0)


def test_poststratify_sample_scale_sums_to_respondents() -> None:
    w = poststratify(["a", "a", "b"], {"a": 10, "b": 30}, scale="sample")
    assert w.sum() == pytest.approx(3.0)


def test_poststratify_keeps_base_weight_ratios_within_cell() -> None:
    w = poststratify(["a", "a"], {"a": 30}, base_weights=[1, 2])
    assert w.tolist() == pytest.approx([10.0, 20.0])


def test_empty_cell_and_unknown_cell_raise() -> None:
    with pytest.raises(EmptyCellError, match="no \\(positively weighted\\) respondents"):
        poststratify(["a", "a"], {"a": 10, "b": 5})
    with pytest.raises(EmptyCellError, match="no population size"):
        poststratify(["a", "c"], {"a": 10})


def test_raking_on_full_two_way_table_preserves_odds_ratio() -> None:
    # Seed table (Klemens, "Modeling with Data", IPF example): survey counts 7 9 / 12 7,
    # raked to census margins rows (5, 15), columns (10, 10). IPF converges to the table
    # with those margins and the seed's cross-product ratio 7*7/(9*12) (Deming & Stephan
    # 1940; Bishop, Fienberg & Holland 1975, ch. 3). Solve that table independently:
    ratio = 7 * 7 / (9 * 12)
    a = optimize.brentq(lambda x: x * (5 + x) / ((5 - x) * (10 - x)) - ratio, 1e-9, 5 - 1e-9)
    expected = {(1, 1): a, (1, 2): 5 - a, (2, 1): 10 - a, (2, 2): 5 + a}
    rows = [
        (r, c)
        for (r, c), k in {(1, 1): 7, (1, 2): 9, (2, 1): 12, (2, 2): 7}.items()
        for _ in range(k)
    ]
    df = pd.DataFrame(rows, columns=["row", "col"])
    res = rake(df, {"row": {1: 5, 2: 15}, "col": {1: 10, 2: 10}}, tol=1e-12, max_iter=1000)
    assert res.converged
    cells = res.weights.groupby([df["row"], df["col"]]).sum()
    for key, value in expected.items():
        assert cells[key] == pytest.approx(value, rel=1e-9)


def test_raking_reproduces_every_margin_and_accepts_shares() -> None:
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "segment": rng.choice(["new", "regular", "lost"], 300),
            "region": rng.choice(["msk", "spb", "other"], 300),
        }
    )
    margins: dict[str, dict[str, float]] = {
        "segment": {"new": 0.2, "regular": 0.5, "lost": 0.3},
        "region": {"msk": 400, "spb": 200, "other": 400},
    }
    res = rake(df, margins)
    assert res.weights.groupby(df["segment"]).sum().to_dict() == pytest.approx(
        {"new": 200, "regular": 500, "lost": 300}
    )
    assert res.weights.groupby(df["region"]).sum().to_dict() == pytest.approx(
        {"msk": 400, "spb": 200, "other": 400}
    )


def test_margins_that_do_not_sum_to_the_same_total_raise() -> None:
    df = pd.DataFrame({"a": ["x", "y"], "b": ["u", "v"]})
    with pytest.raises(MarginsMismatchError):
        rake(df, {"a": {"x": 10, "y": 10}, "b": {"u": 10, "v": 15}})


def test_level_with_target_but_no_respondent_raises() -> None:
    df = pd.DataFrame({"a": ["x", "x"]})
    with pytest.raises(EmptyCellError):
        rake(df, {"a": {"x": 10, "y": 10}})


def test_incompatible_margins_do_not_converge() -> None:
    # Respondents only in cells (x,u) and (y,v): margins x=10,y=10 / u=5,v=15 cannot both hold.
    df = pd.DataFrame({"a": ["x", "y"], "b": ["u", "v"]})
    margins = {"a": {"x": 10, "y": 10}, "b": {"u": 5, "v": 15}}
    with pytest.raises(ConvergenceError):
        rake(df, margins, max_iter=50)
    assert not rake(df, margins, max_iter=50, raise_on_failure=False).converged


def test_kish_design_effect_and_effective_n() -> None:
    # Kish (1965): deff = n sum w^2 / (sum w)^2; n_eff = n / deff.
    w = [1, 1, 2, 2]
    assert kish_design_effect(w) == pytest.approx(4 * 10 / 36)
    assert effective_sample_size(w) == pytest.approx(3.6)
    assert kish_design_effect([5, 5, 5]) == pytest.approx(1.0)


def test_negative_weights_raise() -> None:
    with pytest.raises(WeightsError):
        kish_design_effect([1, -1])
