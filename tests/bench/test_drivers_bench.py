"""Benchmark: exact LMG (Shapley decomposition of R^2) for 15 and 20 drivers, n = 2000.

Run with ``.venv/bin/python -m pytest tests/bench/test_drivers_bench.py -o addopts=""
--benchmark-only``. Timings are recorded by pytest-benchmark, never asserted; the
assertions only check that the numbers are right (LMG sums to R^2).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from reports.drivers import relative_importance


def _synthetic(p: int, n: int = 2000, seed: int = 42) -> tuple[pd.DataFrame, pd.Series]:
    """Correlated satisfaction-like drivers (common factor + noise) and an outcome."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    X = 0.6 * common + 0.8 * rng.normal(size=(n, p))
    beta = rng.uniform(0.0, 1.0, size=p)
    y = X @ beta + rng.normal(scale=2.0, size=n)
    return pd.DataFrame(X, columns=[f"aspect_{i + 1:02d}" for i in range(p)]), pd.Series(y)


@pytest.mark.parametrize("p", [15, 20])
def test_exact_lmg_benchmark(benchmark: Any, p: int) -> None:
    X, y = _synthetic(p)
    result = benchmark.pedantic(relative_importance, args=(X, y, "lmg"), rounds=3, iterations=1)
    assert result.shape == (p,)
    assert result.sum() == pytest.approx(result.attrs["r_squared"], abs=1e-10)
    assert (result >= 0).all()
