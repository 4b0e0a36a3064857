"""Weights that make the interviews speak for the client base, and what they cost.

B2B studies interview segments at different rates (a quota of 50 "lost" clients out of
200, 50 "regular" clients out of 2,000), so unweighted totals over-represent the small
segments. Two standard corrections:

* **Post-stratification** to known segment sizes: every respondent in cell ``h`` gets
  ``w_i = d_i * N_h / sum_{j in h} d_j`` (Kalton & Flores-Cervantes 2003, section 2.3),
  where ``d_i`` are base weights (1 by default). Weighted counts then equal the
  population sizes exactly.
* **Raking** (iterative proportional fitting, Deming & Stephan 1940) when only the
  *margins* of several variables are known (segment sizes, regions, ...): weights are
  scaled to each margin in turn until all margins agree within a tolerance. This is the
  algorithm of R's ``survey::rake`` (Lumley 2010, section 7.3) and ``anesrake``.

Weighting costs precision. Kish's design effect due to unequal weights (Kish 1965,
1992) is ``deff = n sum w^2 / (sum w)^2`` and the effective sample size ``n / deff``;
reports state both next to the unweighted base.

References
----------
Deming, W. E. & Stephan, F. F. (1940). On a least squares adjustment of a sampled
    frequency table when the expected marginal totals are known. Ann. Math. Statist. 11,
    427-444.
Kalton, G. & Flores-Cervantes, I. (2003). Weighting methods. J. Official Statistics 19(2),
    81-97.
Kish, L. (1965). Survey Sampling. Wiley. / Kish, L. (1992). Weighting for unequal P_i.
    J. Official Statistics 8(2), 183-200.
Lumley, T. (2010). Complex Surveys: A Guide to Analysis Using R. Wiley. (``survey::rake``)
Bishop, Y., Fienberg, S. & Holland, P. (1975). Discrete Multivariate Analysis. MIT Press.
    (IPF preserves the seed table's odds ratios.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from reports._common import as_weights, kish_effective_n
from reports.errors import (
    ConvergenceError,
    EmptyCellError,
    InsufficientDataError,
    MarginsMismatchError,
    ReportInputError,
)

WeightScale = Literal["population", "sample"]


def kish_design_effect(weights: Any) -> float:
    """Kish's design effect due to unequal weights, ``n sum w^2 / (sum w)^2`` (>= 1).

    Examples
    --------
    >>> kish_design_effect([1, 1, 1, 1])
    1.0
    >>> kish_design_effect([1, 1, 2, 2])
    1.1111111111111112
    """
    w = as_weights(weights, len(weights))
    w = w[w > 0]
    if w.size == 0:
        raise InsufficientDataError("design effect needs at least one positive weight")
    return float(w.size * np.sum(w * w) / np.sum(w) ** 2)


def effective_sample_size(weights: Any) -> float:
    """Kish's effective sample size ``(sum w)^2 / sum w^2`` (equals ``n`` for equal weights).

    Examples
    --------
    >>> effective_sample_size([1, 1, 2, 2])
    3.6
    """
    w = as_weights(weights, len(weights))
    if not np.any(w > 0):
        raise InsufficientDataError("effective sample size needs at least one positive weight")
    return kish_effective_n(w)


def _rescale(w: pd.Series, scale: WeightScale, n: int) -> pd.Series:
    if scale == "population":
        return w
    if scale == "sample":
        return w * (n / float(w.sum()))
    raise ReportInputError(f"scale must be 'population' or 'sample', got {scale!r}")


def poststratify(
    strata: Any,
    population: Mapping[Any, float],
    base_weights: Any = None,
    *,
    scale: WeightScale = "population",
) -> pd.Series:
    """Post-stratification weights so that weighted cell counts equal population sizes.

    Parameters
    ----------
    strata : array-like or Series
        The cell (e.g. segment) of each respondent.
    population : mapping
        Population size of every cell, ``{"lost": 200, "regular": 2000}``.
    base_weights : array-like, optional
        Design weights to adjust (1 by default).
    scale : {"population", "sample"}
        ``"population"``: weights sum to the population total (each weight = clients
        represented); ``"sample"``: rescaled to sum to the number of respondents.

    Returns
    -------
    pandas.Series
        One weight per respondent, same index as ``strata`` when it is a Series.

    Raises
    ------
    EmptyCellError
        A cell has a population but no respondent, or a respondent's cell has no
        population size.

    Notes
    -----
    ``w_i = d_i N_h / sum_{j in h} d_j`` (Kalton & Flores-Cervantes 2003).

    Examples
    --------
    >>> poststratify(["a", "a", "b"], {"a": 10, "b": 30}).tolist()
    [5.0, 5.0, 30.0]
    """
    s = strata if isinstance(strata, pd.Series) else pd.Series(list(strata))
    if s.isna().any():
        raise EmptyCellError(
            f"{int(s.isna().sum())} respondents have no stratum; assign them before weighting"
        )
    d = pd.Series(as_weights(base_weights, len(s), "base_weights"), index=s.index)
    pop = {k: float(v) for k, v in population.items()}
    for k, v in pop.items():
        if not (math.isfinite(v) and v >= 0):
            raise ReportInputError(f"population size of cell {k!r} must be >= 0, got {v!r}")
    unknown = sorted({str(k) for k in s.unique() if k not in pop})
    if unknown:
        raise EmptyCellError(
            f"respondents in cells {unknown} have no population size; add them to population"
        )
    sums = d.groupby(s).sum()
    empty = sorted(str(k) for k, v in pop.items() if v > 0 and float(sums.get(k, 0.0)) == 0.0)
    if empty:
        raise EmptyCellError(
            f"cells {empty} have a population but no (positively weighted) respondents; "
            "merge them with a neighbouring cell or drop them from population"
        )
    factor = s.map(lambda k: pop[k] / float(sums[k]) if sums[k] > 0 else 0.0).astype(float)
    w = (d * factor).rename("weight")
    return _rescale(w, scale, len(s))


@dataclass(frozen=True)
class RakeResult:
    """Raked weights and how the iteration went."""

    weights: pd.Series
    iterations: int
    max_error: float
    converged: bool


def rake(
    data: pd.DataFrame,
    margins: Mapping[str, Mapping[Any, float]],
    base_weights: Any = None,
    *,
    max_iter: int = 100,
    tol: float = 1e-8,
    scale: WeightScale = "population",
    raise_on_failure: bool = True,
) -> RakeResult:
    """Rake weights to several known margins by iterative proportional fitting.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, with a column for every margin variable.
    margins : mapping
        ``{column: {level: target}}``. Targets are counts or shares; every margin must
        describe the same total (shares summing to 1 are scaled to the total of the first
        margin given as counts, or left as shares when all are shares).
    base_weights : array-like, optional
        Starting weights (1 by default).
    max_iter : int
        Maximum number of full passes over the margins.
    tol : float
        Convergence: the largest relative gap between a weighted margin and its target.
    scale : {"population", "sample"}
        As in :func:`poststratify`.
    raise_on_failure : bool
        Raise :class:`ConvergenceError` when ``tol`` is not reached (default) or return
        the last weights with ``converged=False``.

    Raises
    ------
    MarginsMismatchError
        Margins describe different totals.
    EmptyCellError
        A level with a positive target has no respondents, or a respondent has a level
        without a target.

    Notes
    -----
    One pass multiplies, for each margin ``m`` and level ``l``, the weights of the
    respondents in ``l`` by ``T_ml / sum_{i in l} w_i`` (Deming & Stephan 1940), exactly
    as ``survey::rake`` does. At convergence every weighted margin equals its target; on
    a full two-way table the result keeps the seed's odds ratios (Bishop, Fienberg &
    Holland 1975, ch. 3).

    Examples
    --------
    >>> df = pd.DataFrame({"seg": ["a", "a", "b", "b"], "reg": ["x", "y", "x", "y"]})
    >>> r = rake(df, {"seg": {"a": 30, "b": 70}, "reg": {"x": 50, "y": 50}})
    >>> [round(v, 6) for v in r.weights]
    [15.0, 15.0, 35.0, 35.0]
    """
    if not margins:
        raise ReportInputError("rake needs at least one margin")
    if max_iter < 1:
        raise ReportInputError(f"max_iter must be at least 1, got {max_iter}")
    w = as_weights(base_weights, len(data), "base_weights").copy()
    if len(data) == 0 or not np.any(w > 0):
        raise InsufficientDataError("rake needs at least one respondent with a positive weight")

    totals = {}
    for col, target in margins.items():
        if col not in data.columns:
            raise ReportInputError(f"margin {col!r} is not a column of the data")
        vals = [float(v) for v in target.values()]
        if any(not math.isfinite(v) or v < 0 for v in vals):
            raise ReportInputError(f"targets of margin {col!r} must be finite and >= 0")
        totals[col] = sum(vals)
    count_totals = [t for t in totals.values() if not math.isclose(t, 1.0, rel_tol=1e-9)]
    grand = count_totals[0] if count_totals else 1.0
    for col, t in totals.items():
        if (
            count_totals
            and not math.isclose(t, 1.0, rel_tol=1e-9)
            and not math.isclose(t, grand, rel_tol=1e-6)
        ):
            raise MarginsMismatchError(
                f"margin {col!r} sums to {t:g} but margin {next(iter(totals))!r} to {grand:g}; "
                "all margins must describe the same population total"
            )

    codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for col, target in margins.items():
        levels = list(target.keys())
        col_vals = data[col]
        lookup = {lvl: i for i, lvl in enumerate(levels)}
        idx = col_vals.map(lambda v, lk=lookup: lk.get(v, -1)).to_numpy(dtype=np.int64)
        if (idx < 0).any():
            bad = sorted({str(v) for v in col_vals[idx < 0].unique()})
            raise EmptyCellError(
                f"respondents have {col!r} levels {bad} with no target; add targets for them"
            )
        scale_t = grand / totals[col] if totals[col] > 0 else 0.0
        tgt = np.array([float(target[lvl]) * scale_t for lvl in levels])
        present = np.bincount(idx, weights=w, minlength=len(levels))
        empty = [str(levels[i]) for i in range(len(levels)) if tgt[i] > 0 and present[i] == 0]
        if empty:
            raise EmptyCellError(
                f"margin {col!r}: levels {empty} have a target but no respondents; "
                "collapse them with another level"
            )
        codes[col] = (idx, tgt)

    max_error = math.inf
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - iterations reported below
        for idx, tgt in codes.values():
            current = np.bincount(idx, weights=w, minlength=tgt.size)
            factor = np.divide(tgt, current, out=np.zeros_like(tgt), where=current > 0)
            w *= factor[idx]
        max_error = 0.0
        for idx, tgt in codes.values():
            current = np.bincount(idx, weights=w, minlength=tgt.size)
            gap = np.abs(current - tgt) / np.maximum(tgt, 1e-300)
            gap[tgt == 0] = np.abs(current[tgt == 0])
            max_error = max(max_error, float(gap.max()))
        if max_error <= tol:
            break
    converged = max_error <= tol
    if not converged and raise_on_failure:
        raise ConvergenceError(
            f"raking did not converge in {max_iter} iterations (largest margin gap "
            f"{max_error:.3g} > tol {tol:g}); the margins may be incompatible with the "
            "sample (e.g. a combination nobody answered) - collapse sparse levels or "
            "raise max_iter"
        )
    series = pd.Series(w, index=data.index, name="weight")
    return RakeResult(
        weights=_rescale(series, scale, len(data)),
        iterations=iterations,
        max_error=max_error,
        converged=converged,
    )


__all__ = [
    "RakeResult",
    "effective_sample_size",
    "kish_design_effect",
    "poststratify",
    "rake",
]
