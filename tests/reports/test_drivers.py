"""Relative importance: exact LMG (Shapley), Johnson's relative weights, correlations."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from reports import drivers
from reports.drivers import all_subset_r2, lmg_from_subsets, relative_importance
from reports.errors import (
    CollinearityError,
    ConstantDriverError,
    InsufficientDataError,
    ReportInputError,
)
from tests.reports._data import MTCARS, SWISS


def _r2_ols(X: np.ndarray, y: np.ndarray) -> float:
    A = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(A, y, rcond=None)
    resid = y - A @ beta
    return 1.0 - float(resid @ resid) / float(((y - y.mean()) ** 2).sum())


def _lmg_by_refitting_every_order(X: pd.DataFrame, y: pd.Series) -> dict[str, float]:
    """LMG by its definition (Lindeman, Merenda & Gold 1980): average, over all p!
    orders, of each driver's R^2 increase, with every model refitted by least squares."""
    cols = list(X.columns)
    cache: dict[frozenset[str], float] = {frozenset(): 0.0}

    def r2(s: frozenset[str]) -> float:
        if s not in cache:
            cache[s] = _r2_ols(X[sorted(s)].to_numpy(), y.to_numpy())
        return cache[s]

    total = dict.fromkeys(cols, 0.0)
    orders = list(itertools.permutations(cols))
    for order in orders:
        seen: frozenset[str] = frozenset()
        for c in order:
            total[c] += r2(seen | {c}) - r2(seen)
            seen = seen | {c}
    return {c: v / len(orders) for c, v in total.items()}


SWISS_X = SWISS.drop(columns="Fertility")
SWISS_Y = SWISS["Fertility"]


def test_swiss_r_squared_matches_r_lm_summary() -> None:
    # R: summary(lm(Fertility ~ ., data = swiss)) -> Multiple R-squared: 0.7067
    imp = relative_importance(SWISS_X, SWISS_Y)
    assert imp.attrs["r_squared"] == pytest.approx(0.7067, abs=5e-5)
    assert imp.attrs["n"] == 47


def test_swiss_lmg_equals_definition_by_refitting_all_orders() -> None:
    # Groemping (2006, JSS 17(1)) illustrates relaimpo's lmg on this model; here the
    # values are checked against the definition itself (5! = 120 orders, OLS refits).
    imp = relative_importance(SWISS_X, SWISS_Y, method="lmg")
    expected = _lmg_by_refitting_every_order(SWISS_X, SWISS_Y)
    for driver, value in expected.items():
        assert imp[driver] == pytest.approx(value, abs=1e-12)
    # Rounded values (4 d.p.), for readers comparing with relaimpo's printout of
    # calc.relimp(Fertility ~ ., swiss, type = "lmg"):
    assert imp.round(4).to_dict() == {
        "Agriculture": 0.0571,
        "Examination": 0.1712,
        "Education": 0.2601,
        "Catholic": 0.1056,
        "Infant.Mortality": 0.1128,
    }


def test_lmg_sums_to_r_squared_and_is_non_negative() -> None:
    imp = relative_importance(SWISS_X, SWISS_Y)
    assert imp.sum() == pytest.approx(imp.attrs["r_squared"], abs=1e-12)
    assert (imp >= 0).all()


def test_johnson_matches_rwa_package_mtcars_example() -> None:
    # rwa package docs (Chan, "regression methods" vignette):
    # rwa_multiregress(mtcars, "mpg", c("cyl", "disp", "hp", "wt"))$result
    #   cyl 0.2096904 / 24.70914, disp 0.1883043 / 22.18908,
    #   hp 0.1799590 / 21.20570,  wt 0.2706812 / 31.89607
    imp = relative_importance(MTCARS[["cyl", "disp", "hp", "wt"]], MTCARS["mpg"], "johnson")
    expected_raw = {"cyl": 0.2096904, "disp": 0.1883043, "hp": 0.1799590, "wt": 0.2706812}
    expected_rescaled = {"cyl": 24.70914, "disp": 22.18908, "hp": 21.20570, "wt": 31.89607}
    for k in expected_raw:
        assert imp[k] == pytest.approx(expected_raw[k], abs=5e-8)
        assert 100 * imp[k] / imp.sum() == pytest.approx(expected_rescaled[k], abs=5e-6)
    assert imp.sum() == pytest.approx(imp.attrs["r_squared"], abs=1e-12)


def test_uncorrelated_drivers_get_their_squared_correlation() -> None:
    # With orthogonal drivers every method reduces to r_j^2 (Groemping 2006, section 2).
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(500, 3))
    Q, _ = np.linalg.qr(Z - Z.mean(axis=0))
    X = pd.DataFrame(Q, columns=["a", "b", "c"])
    y = 3 * X["a"] + X["b"] + rng.normal(size=500) * 0.05
    lmg = relative_importance(X, y, "lmg")
    joh = relative_importance(X, y, "johnson")
    r = relative_importance(X, y, "correlation")
    assert lmg.to_numpy() == pytest.approx((r**2).to_numpy(), abs=1e-10)
    assert joh.to_numpy() == pytest.approx((r**2).to_numpy(), abs=1e-10)


def test_weights_equal_to_row_duplication() -> None:
    X = SWISS_X.iloc[:20]
    y = SWISS_Y.iloc[:20]
    w = np.r_[np.full(10, 2.0), np.ones(10)]
    dup = pd.concat([X.iloc[:10], X], ignore_index=True)
    ydup = pd.concat([y.iloc[:10], y], ignore_index=True)
    a = relative_importance(X, y, weights=w)
    b = relative_importance(dup, ydup)
    assert a.to_numpy() == pytest.approx(b.to_numpy(), abs=1e-12)


def test_bootstrap_returns_intervals_around_estimate_reproducibly() -> None:
    a = relative_importance(SWISS_X, SWISS_Y, bootstrap=60, seed=1)
    b = relative_importance(SWISS_X, SWISS_Y, bootstrap=60, seed=1)
    assert isinstance(a, pd.DataFrame)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["importance", "share", "ci_low", "ci_high", "se"]
    assert (a["ci_low"] <= a["ci_high"]).all()
    assert a["share"].sum() == pytest.approx(1.0)


def test_constant_driver_raises_with_its_name() -> None:
    X = SWISS_X.assign(Constant=5.0)
    with pytest.raises(ConstantDriverError, match="Constant"):
        relative_importance(X, SWISS_Y)


def test_constant_outcome_raises() -> None:
    with pytest.raises(ConstantDriverError, match="outcome"):
        relative_importance(SWISS_X, np.ones(47))


def test_collinear_drivers_raise() -> None:
    X = SWISS_X.assign(Twice=2 * SWISS_X["Education"])
    with pytest.raises(CollinearityError, match="Education ~ Twice"):
        relative_importance(X, SWISS_Y)
    with pytest.raises(CollinearityError):
        relative_importance(X, SWISS_Y, method="johnson")


def test_too_few_rows_raise() -> None:
    with pytest.raises(InsufficientDataError):
        relative_importance(SWISS_X.iloc[:5], SWISS_Y.iloc[:5])


def test_missing_rows_are_dropped_listwise() -> None:
    X = SWISS_X.copy()
    X.iloc[0, 0] = math.nan
    imp = relative_importance(X, SWISS_Y)
    assert imp.attrs["n"] == 46


def _correlated(p: int, n: int = 300, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = 0.7 * rng.normal(size=(n, 1)) + rng.normal(size=(n, p))
    y = X @ rng.uniform(-1.0, 1.0, size=p) + rng.normal(size=n)
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    return corr[:-1, :-1], corr[:-1, -1]


def _r2_by_solving(rxx: np.ndarray, rxy: np.ndarray, mask: int) -> float:
    """The textbook R^2 of one subset: ``r_S' R_SS^{-1} r_S`` (Groemping 2006, section 3)."""
    idx = [i for i in range(len(rxy)) if mask >> i & 1]
    if not idx:
        return 0.0
    return float(rxy[idx] @ np.linalg.solve(rxx[np.ix_(idx, idx)], rxy[idx]))


@pytest.mark.parametrize("batch", [20, 3])  # 3: the first drivers split off in turn
def test_every_subset_r2_by_sweeping_equals_solving_its_normal_equations(
    batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drivers, "_BATCH_DRIVERS", batch)
    rxx, rxy = _correlated(9)
    r2 = all_subset_r2(rxx, rxy)
    expected = [_r2_by_solving(rxx, rxy, mask) for mask in range(1 << 9)]
    assert r2 == pytest.approx(expected, abs=1e-13)
    assert r2[0] == 0.0


def test_lmg_from_subsets_equals_the_average_over_every_order() -> None:
    rxx, rxy = _correlated(6, seed=3)
    r2 = all_subset_r2(rxx, rxy)
    total = np.zeros(6)
    for order in itertools.permutations(range(6)):
        mask = 0
        for j in order:
            total[j] += r2[mask | 1 << j] - r2[mask]
            mask |= 1 << j
    assert lmg_from_subsets(r2, 6) == pytest.approx(total / math.factorial(6), abs=1e-14)


def test_subset_r2_of_a_wrong_shape_is_refused() -> None:
    with pytest.raises(ReportInputError, match="all 2\\^3 subsets"):
        lmg_from_subsets(np.zeros(7), 3)
    with pytest.raises(ReportInputError, match="3 x 3"):
        all_subset_r2(np.eye(2), [0.1, 0.2, 0.3])


def test_bootstrap_equals_refitting_on_resampled_rows() -> None:
    """Resamples weighted by how often each row was drawn give the same intervals as
    copies of the drawn rows (the draws follow the same seeded generator)."""
    boot = relative_importance(SWISS_X, SWISS_Y, bootstrap=40, seed=5)
    rng = np.random.default_rng(5)
    draws = []
    for _ in range(40):
        rows = rng.integers(0, len(SWISS_X), size=len(SWISS_X))
        draws.append(relative_importance(SWISS_X.iloc[rows], SWISS_Y.iloc[rows]).to_numpy())
    low, high = np.quantile(np.vstack(draws), [0.025, 0.975], axis=0)
    assert boot["ci_low"].to_numpy() == pytest.approx(low, abs=1e-12)
    assert boot["ci_high"].to_numpy() == pytest.approx(high, abs=1e-12)
