"""Benchmark: exact LMG (Shapley decomposition of R^2), n = 10,000, beside its peers.

Each group times cati's sweep and, in the same run on the same data, its peers:

* ``batched solves``: the previous algorithm (one ``k x k`` solve per subset, batched by
  size), kept here as the reference peer;
* ``pingouin relimp``: ``pingouin.linear_regression(..., relimp=True)``, when pingouin is
  installed (``.venv/bin/pip install pingouin``); 15 drivers only (20 take minutes).

pytest-benchmark prints each group as one table, with every row's ratio to the fastest.
Timings are never asserted; the assertions check that the numbers agree (to 1e-10).

Run: ``make bench`` or ``.venv/bin/python -m pytest tests/bench/test_drivers_bench.py
-o addopts="" --benchmark-only``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest

from reports import drivers
from reports.drivers import relative_importance

N = 10_000
BOOTSTRAP = 200
HAS_PINGOUIN = importlib.util.find_spec("pingouin") is not None


def _synthetic(p: int, n: int = N, seed: int = 42) -> tuple[pd.DataFrame, pd.Series]:
    """Correlated satisfaction-like drivers (common factor + noise) and an outcome."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    X = 0.6 * common + 0.8 * rng.normal(size=(n, p))
    beta = rng.uniform(0.0, 1.0, size=p)
    y = X @ beta + rng.normal(scale=2.0, size=n)
    return pd.DataFrame(X, columns=[f"aspect_{i + 1:02d}" for i in range(p)]), pd.Series(y)


def subset_r2_by_batched_solves(rxx: npt.ArrayLike, rxy: npt.ArrayLike) -> npt.NDArray[Any]:
    """The previous algorithm: every subset's ``r_S' R_SS^{-1} r_S`` by a ``k x k`` solve,
    subsets of one size gathered into chunks of batched ``numpy.linalg.solve`` calls."""
    R = np.asarray(rxx, dtype=np.float64)
    r = np.asarray(rxy, dtype=np.float64)
    p = r.shape[0]
    masks = np.arange(1 << p, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(p)) & 1).astype(bool)
    size = bits.sum(axis=1)
    out = np.zeros(1 << p, dtype=np.float64)
    chunk = 1 << 15
    for k in range(1, p + 1):
        sel = np.flatnonzero(size == k)
        idx_all = np.nonzero(bits[sel])[1].reshape(-1, k)
        for start in range(0, sel.size, chunk):
            idx = idx_all[start : start + chunk]
            rs = r[idx]
            if k == 1:
                out[sel[start : start + chunk]] = rs[:, 0] ** 2
                continue
            sub = R[idx[:, :, None], idx[:, None, :]]
            sol = np.linalg.solve(sub, rs[:, :, None])[:, :, 0]
            out[sel[start : start + chunk]] = np.einsum("ij,ij->i", rs, sol)
    return out


def _run(benchmark: Any, fn: Callable[[], Any], rounds: int) -> Any:
    return benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=0)


@pytest.mark.parametrize("p", [15, 20])
def test_exact_lmg_sweep(benchmark: Any, p: int) -> None:
    benchmark.group = f"exact LMG, {p} drivers, n={N}"
    X, y = _synthetic(p)
    result = _run(benchmark, lambda: relative_importance(X, y, "lmg"), rounds=5)
    assert result.shape == (p,)
    assert result.sum() == pytest.approx(result.attrs["r_squared"], abs=1e-10)
    assert (result >= 0).all()


@pytest.mark.parametrize("p", [15, 20])
def test_exact_lmg_peer_batched_solves(
    benchmark: Any, p: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    benchmark.group = f"exact LMG, {p} drivers, n={N}"
    X, y = _synthetic(p)
    expected = relative_importance(X, y, "lmg")
    monkeypatch.setattr(drivers, "all_subset_r2", subset_r2_by_batched_solves)
    result = _run(benchmark, lambda: relative_importance(X, y, "lmg"), rounds=1 if p > 15 else 3)
    assert result.to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-10)


@pytest.mark.skipif(not HAS_PINGOUIN, reason="pingouin is not installed (the optional peer)")
def test_exact_lmg_peer_pingouin_relimp(benchmark: Any) -> None:
    import pingouin

    p = 15
    benchmark.group = f"exact LMG, {p} drivers, n={N}"
    X, y = _synthetic(p)
    expected = relative_importance(X, y, "lmg")
    table = _run(
        benchmark, lambda: pingouin.linear_regression(X, y, relimp=True, as_dataframe=True), 1
    )
    relimp = table.set_index("names")["relimp"].loc[list(X.columns)]
    assert relimp.to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-10)


def test_exact_lmg_bootstrap_200(benchmark: Any) -> None:
    benchmark.group = f"exact LMG + {BOOTSTRAP} bootstrap resamples, 15 drivers, n={N}"
    X, y = _synthetic(15)
    table = _run(
        benchmark, lambda: relative_importance(X, y, "lmg", bootstrap=BOOTSTRAP, seed=1), 2
    )
    assert table.attrs["bootstrap"] == BOOTSTRAP
    assert (table["ci_low"] <= table["importance"]).all()
    assert (table["importance"] <= table["ci_high"]).all()


def test_exact_lmg_bootstrap_200_peer_batched_solves(
    benchmark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    benchmark.group = f"exact LMG + {BOOTSTRAP} bootstrap resamples, 15 drivers, n={N}"
    X, y = _synthetic(15)
    expected = relative_importance(X, y, "lmg", bootstrap=BOOTSTRAP, seed=1)
    monkeypatch.setattr(drivers, "all_subset_r2", subset_r2_by_batched_solves)
    table = _run(
        benchmark, lambda: relative_importance(X, y, "lmg", bootstrap=BOOTSTRAP, seed=1), 1
    )
    pd.testing.assert_frame_equal(table, expected, atol=1e-10, rtol=0)
