"""Which aspects drive the outcome: relative importance of correlated drivers.

Satisfaction aspects (price, delivery, the account manager, ...) are correlated with each
other, so regression coefficients do not say how much each one matters. Three answers:

``"lmg"``
    The R^2 of the linear model split among the drivers by averaging each driver's
    increase in R^2 over all orders in which drivers can enter the model (Lindeman,
    Merenda & Gold 1980; Kruskal 1987). It is the Shapley value of the "R^2 game"
    (Lipovetsky & Conklin 2001) and equals Budescu's (1993) *general dominance* weight;
    the weights are non-negative and sum to the model R^2 (Groemping 2006, 2007)::

        LMG_j = sum_{S subset of P without j} |S|! (p - |S| - 1)! / p!
                * (R^2(S + j) - R^2(S))

``"johnson"``
    Johnson's (2000) relative weights: regress the outcome on the orthogonal
    counterparts ``Z = X R^{-1/2}`` of the drivers and give back each orthogonal share in
    proportion to the squared loadings ``Lambda = R^{1/2}``::

        eps_j = sum_k Lambda_jk^2 beta_k^2,   beta = R^{-1/2} r,   sum_j eps_j = R^2

    A fast approximation of LMG (Johnson & LeBreton 2004; Tonidandel & LeBreton 2011).

``"correlation"``
    The plain Pearson correlation of each driver with the outcome (signed; does not add
    up to anything). Shown for reference only.

Computing exact LMG
-------------------
Every subset R^2 comes from the correlation matrix, never from refitting a regression
(Groemping 2006, section 3). Instead of solving a ``k x k`` system per subset, each subset
is reached from its parent (the subset without its last driver) by one *sweep* (Beaton
1964; Goodnight 1979): with ``M`` the matrix of ``[X, y]`` correlations adjusted for the
drivers already in the model, adding driver ``j`` replaces the block of drivers after ``j``
(and ``y``) by ``M - M[:, j] M[j, :] / M[j, j]``, and ``1 - M[y, y]`` is the new R^2. This
costs ``O(q^2)`` for ``q`` drivers still to come instead of ``O(k^3)``. All subsets whose
last driver is ``j`` are swept together as one array (``2^j`` of them), so the ``2^p``
models take about ``p^2 / 2`` vectorised steps; beyond 20 drivers the first drivers are
split off and their ``2^(p-20)`` combinations handled in turn, which bounds the memory. The
Shapley weights are then ``p`` weighted sums over the subset array. Twenty drivers (about a
million models) take a fraction of a second, so bootstrap intervals of exact LMG are
practical; each resample reuses the rows through bootstrap weights (counts) instead of
copying them.

References
----------
Lindeman, R. H., Merenda, P. F. & Gold, R. Z. (1980). Introduction to Bivariate and
    Multivariate Analysis. Scott, Foresman. p. 119ff.
Budescu, D. V. (1993). Dominance analysis. Psychological Bulletin 114(3), 542-551.
Lipovetsky, S. & Conklin, M. (2001). Analysis of regression in game theory approach.
    Applied Stochastic Models in Business and Industry 17, 319-330.
Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
    variables in multiple regression. Multivariate Behavioral Research 35(1), 1-19.
Beaton, A. E. (1964). The use of special matrix operators in statistical calculus.
    Educational Testing Service Research Bulletin RB-64-51.
Goodnight, J. H. (1979). A tutorial on the SWEEP operator. The American Statistician
    33(3), 149-158.
Groemping, U. (2006). Relative importance for linear regression in R: the package
    relaimpo. Journal of Statistical Software 17(1), 1-27. doi:10.18637/jss.v017.i01
Tonidandel, S. & LeBreton, J. M. (2011). Relative importance analysis: a useful supplement
    to regression analysis. Journal of Business and Psychology 26, 1-9.
Chan, M. rwa: Perform a Relative Weights Analysis, R package,
    https://martinctc.github.io/rwa/ (reference values for the tests).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from reports._common import as_weights, check_confidence
from reports.errors import (
    CollinearityError,
    ConstantDriverError,
    InsufficientDataError,
    ReportInputError,
)

Method = Literal["lmg", "johnson", "correlation"]
FloatArray = npt.NDArray[np.float64]

#: Exact LMG enumerates 2^p subsets; beyond this use method="johnson".
MAX_LMG_DRIVERS = 24
#: Subsets of up to this many drivers are swept as one batch (about 12 * 2^(q-1) numbers
#: held at once); with more drivers the first ones are split off (see the module docstring).
_BATCH_DRIVERS = 20


# --------------------------------------------------------------------------- input
def _prepare(X: Any, y: Any, weights: Any) -> tuple[FloatArray, FloatArray, FloatArray, list[str]]:
    if isinstance(X, pd.DataFrame):
        names = [str(c) for c in X.columns]
        xa = X.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    else:
        xa = np.asarray(X, dtype=np.float64)
        if xa.ndim == 1:
            xa = xa[:, None]
        names = [f"x{i + 1}" for i in range(xa.shape[1])]
    if xa.ndim != 2 or xa.shape[1] == 0:
        raise ReportInputError("X must be a table with one column per driver")
    if len(set(names)) != len(names):
        raise ReportInputError(f"driver names must be unique, got {names}")
    ya = pd.to_numeric(pd.Series(np.asarray(y, dtype=object)), errors="coerce").to_numpy(
        dtype=np.float64
    )
    if ya.shape[0] != xa.shape[0]:
        raise ReportInputError(
            f"X has {xa.shape[0]} rows but y has {ya.shape[0]}; pass one outcome per row"
        )
    w = as_weights(weights, xa.shape[0])
    # Listwise deletion, like lm() and relaimpo: a row is used only if complete.
    ok = np.isfinite(xa).all(axis=1) & np.isfinite(ya) & (w > 0)
    xa, ya, w = xa[ok], ya[ok], w[ok]
    p = xa.shape[1]
    if xa.shape[0] < p + 2:
        raise InsufficientDataError(
            f"relative importance of {p} drivers needs at least {p + 2} complete answers, "
            f"got {xa.shape[0]}"
        )
    return xa, ya, w, names


def _correlations(data: FloatArray, w: FloatArray, names: list[str]) -> FloatArray:
    """Weighted correlation matrix of ``data = [x, y]``; refuses constant columns.

    Rows of weight 0 take no part (a bootstrap resample is the rows weighted by how often
    they were drawn)."""
    wn = w / w.sum()
    centred = data - wn @ data
    cov = (centred * wn[:, None]).T @ centred
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    scale = np.abs(data).max(axis=0) + 1.0
    constant = sd <= 1e-12 * scale
    if constant[-1]:
        raise ConstantDriverError(
            "the outcome does not vary (every answer is the same), so nothing can explain it"
        )
    if constant[:-1].any():
        bad = [names[i] for i in np.flatnonzero(constant[:-1])]
        raise ConstantDriverError(
            f"drivers {bad} do not vary in these answers; drop them before the analysis"
        )
    corr = cov / np.outer(sd, sd)
    np.fill_diagonal(corr, 1.0)
    return np.asarray(corr, dtype=np.float64)


def _check_collinearity(rxx: FloatArray, names: list[str]) -> None:
    eig = np.linalg.eigvalsh(rxx)
    if eig[0] <= 1e-10 * max(eig[-1], 1.0):
        pairs = [
            f"{names[i]} ~ {names[j]}"
            for i in range(len(names))
            for j in range(i + 1, len(names))
            if abs(rxx[i, j]) > 0.9999
        ]
        hint = f" (near-identical: {', '.join(pairs)})" if pairs else ""
        raise CollinearityError(
            "drivers are perfectly collinear - at least one is a linear combination of the "
            f"others{hint}; drop or combine them"
        )


# --------------------------------------------------------------------------- R^2 of subsets
def all_subset_r2(rxx: npt.ArrayLike, rxy: npt.ArrayLike) -> FloatArray:
    """R^2 of every subset of drivers from correlations, indexed by bitmask.

    ``out[m]`` is the R^2 of the regression on the drivers whose bits are set in ``m``
    (bit ``j`` = driver ``j``), ``out[0] = 0``. ``R^2(S) = r_S' R_SS^{-1} r_S``, computed by
    sweeping one driver at a time (see the module docstring); ``rxx`` must be positive
    definite (no driver a linear combination of the others).

    Examples
    --------
    >>> r2 = all_subset_r2([[1.0, 0.0], [0.0, 1.0]], [0.6, 0.3])
    >>> [float(round(v, 6)) for v in r2]
    [0.0, 0.36, 0.09, 0.45]
    """
    R = np.asarray(rxx, dtype=np.float64)
    r = np.asarray(rxy, dtype=np.float64)
    p = r.shape[0]
    if R.shape != (p, p):
        raise ReportInputError(
            f"rxx must be the {p} x {p} correlation matrix of the drivers, got shape {R.shape}"
        )
    full = np.empty((p + 1, p + 1), dtype=np.float64)
    full[:p, :p], full[:p, p], full[p, :p], full[p, p] = R, r, r, 1.0
    head = max(0, p - _BATCH_DRIVERS)  # drivers split off, each combination swept in turn
    out = np.empty((1 << (p - head), 1 << head), dtype=np.float64)
    for combination in range(1 << head):
        swept = [i for i in range(head) if combination >> i & 1]
        out[:, combination] = _sweep_every_subset(_adjusted_for(full, swept, head))
    out[0, 0] = 0.0  # exactly, whatever the rounding of 1 - M[y, y]
    return out.reshape(-1)  # out[U, T] is the subset T + (U << head)


def _adjusted_for(full: FloatArray, swept: list[int], head: int) -> FloatArray:
    """Correlations of drivers ``head..p-1`` and ``y`` adjusted for the drivers ``swept``."""
    rest = full[head:, head:]
    if not swept:
        return rest.copy()
    cross = full[np.ix_(swept, range(head, full.shape[0]))]
    return np.asarray(
        rest - cross.T @ np.linalg.solve(full[np.ix_(swept, swept)], cross), dtype=np.float64
    )


def _sweep_every_subset(state: FloatArray) -> FloatArray:
    """``1 - M[y, y]`` after sweeping each subset ``U`` of the ``q`` drivers of ``state``.

    ``state`` is the ``(q + 1) x (q + 1)`` matrix of the drivers and ``y`` (last), possibly
    already adjusted for other drivers; the result is indexed by bitmask ``U``. Subsets are
    grouped by their last driver ``m``: a group holds, per subset, the adjusted matrix of
    the drivers after ``m`` and ``y``, from which the children (one more driver ``j > m``)
    follow by one sweep. Concatenating the children of the groups in order of ``m`` lists
    the subsets whose last driver is ``j`` in bitmask order. The subsets are the last axis,
    so every step runs over long contiguous rows even when the matrices are 2 x 2.
    """
    q = state.shape[0] - 1
    out = np.empty(1 << q, dtype=np.float64)
    out[0] = 1.0 - state[q, q]
    groups = [state[:, :, None]]  # groups[g]: subsets whose last driver is g - 1
    for j in range(q):
        size = q - j  # drivers after j, and y
        children = np.empty((size, size, 1 << j), dtype=np.float64)
        start = 0
        for g, parent in enumerate(groups):
            k = j - g  # where driver j sits in this group's matrices
            stop = start + parent.shape[2]
            target = children[:, :, start:stop]
            row = parent[k, k + 1 :, :] / parent[k, k, :]
            np.multiply(parent[k + 1 :, k, None, :], row[None, :, :], out=target)
            np.subtract(parent[k + 1 :, k + 1 :, :], target, out=target)
            start = stop
        out[1 << j : 2 << j] = 1.0 - children[-1, -1, :]
        if j < q - 1:  # the subsets ending with the last driver have no children
            groups.append(children)
    return out


@lru_cache(maxsize=4)
def _subset_sizes(p: int) -> npt.NDArray[np.int8]:
    """The number of drivers in each bitmask ``0 .. 2^p - 1``, read-only."""
    sizes = np.zeros(1, dtype=np.int8)
    for _ in range(p):
        sizes = np.concatenate([sizes, sizes + 1])
    sizes.flags.writeable = False
    return sizes


def lmg_from_subsets(r2: npt.ArrayLike, p: int) -> FloatArray:
    """Shapley (LMG) decomposition of R^2 given the R^2 of all ``2^p`` subsets.

    With ``c(s) = s! (p - s - 1)! / p!`` (and ``c(-1) = c(p) = 0``), the definition
    ``LMG_j = sum_{S without j} c(|S|) (R^2(S + j) - R^2(S))`` regroups by subset ``T``::

        LMG_j = sum_{T with j} (c(|T| - 1) + c(|T|)) R^2(T) - sum_T c(|T|) R^2(T)

    so every driver needs only the sum of one array over the subsets that contain it: the
    array folded into a ``2^(p - h) x 2^h`` table gives those sums from its row and column
    totals in two passes, for all drivers at once.
    """
    r2a = np.asarray(r2, dtype=np.float64)
    if r2a.shape != (1 << p,):
        raise ReportInputError(f"need the R^2 of all 2^{p} subsets, got shape {r2a.shape}")
    fact = [math.factorial(i) for i in range(p + 1)]
    c = np.array([0.0] + [fact[s] * fact[p - s - 1] / fact[p] for s in range(p)] + [0.0])
    sizes = _subset_sizes(p)
    entering = r2a * (c[sizes] + c[sizes + 1])  # c[s] is c(s - 1)
    baseline = float((r2a * c[sizes + 1]).sum())  # not BLAS: its threads only wait here
    h = p // 2
    table = entering.reshape(1 << (p - h), 1 << h)
    low, high = table.sum(axis=0), table.sum(axis=1)  # totals by the low and high bits
    out = np.empty(p, dtype=np.float64)
    for j in range(p):
        totals, bit = (low, j) if j < h else (high, j - h)
        with_j = (np.arange(totals.shape[0]) >> bit) & 1 == 1
        out[j] = float(totals[with_j].sum()) - baseline
    return out


def _lmg(rxx: FloatArray, rxy: FloatArray) -> tuple[FloatArray, float]:
    p = rxy.shape[0]
    if p > MAX_LMG_DRIVERS:
        raise ReportInputError(
            f"exact LMG enumerates 2^{p} models; with more than {MAX_LMG_DRIVERS} drivers use "
            "method='johnson'"
        )
    r2 = all_subset_r2(rxx, rxy)
    return lmg_from_subsets(r2, p), float(r2[-1])


def _johnson(rxx: FloatArray, rxy: FloatArray) -> tuple[FloatArray, float]:
    evals, evecs = np.linalg.eigh(rxx)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T  # R^{1/2}: loadings of X on Z
    beta = evecs @ np.diag(1.0 / np.sqrt(evals)) @ evecs.T @ rxy  # Z -> y
    eps = (lam**2) @ (beta**2)
    return eps, float(np.sum(beta**2))


def _importance(
    data: FloatArray, w: FloatArray, names: list[str], method: Method
) -> tuple[FloatArray, float]:
    corr = _correlations(data, w, names)
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    if method == "correlation":
        r2 = float(rxy @ np.linalg.solve(rxx, rxy)) if _is_regular(rxx) else math.nan
        return rxy.copy(), r2
    _check_collinearity(rxx, names)
    if method == "lmg":
        return _lmg(rxx, rxy)
    return _johnson(rxx, rxy)


def _is_regular(rxx: FloatArray) -> bool:
    eig = np.linalg.eigvalsh(rxx)
    return bool(eig[0] > 1e-10 * max(eig[-1], 1.0))


# --------------------------------------------------------------------------- public API
def relative_importance(
    X: Any,
    y: Any,
    method: Method = "lmg",
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int | None = None,
    *,
    weights: Any = None,
) -> pd.Series | pd.DataFrame:
    """Relative importance of drivers for an outcome (NPS, overall satisfaction).

    Parameters
    ----------
    X : DataFrame or 2-D array
        One column per driver (e.g. satisfaction with each aspect), one row per respondent.
    y : array-like
        The outcome (e.g. the 0-10 recommendation score).
    method : {"lmg", "johnson", "correlation"}
        See the module docstring.
    bootstrap : int
        Number of bootstrap resamples (rows drawn with replacement) for percentile
        confidence intervals; 0 (default) for none. Use a few hundred to a thousand; a
        resample of exact LMG costs about as much as the estimate itself (milliseconds for
        15 drivers, a fraction of a second for 20).
    confidence : float
        Level of the bootstrap intervals.
    seed : int, optional
        Seed of the resampling, for reproducible intervals.
    weights : array-like, optional
        Respondent weights (weighted correlations).

    Returns
    -------
    pandas.Series or pandas.DataFrame
        Without bootstrap: a Series of importances indexed by driver, named after the
        method. With bootstrap: a DataFrame with columns ``importance``, ``share``
        (importance / R^2), ``ci_low``, ``ci_high`` and ``se``. In both cases
        ``.attrs["r_squared"]`` holds the full-model R^2 and ``.attrs["n"]`` the number of
        complete rows used. LMG and Johnson weights sum to R^2.

    Raises
    ------
    ConstantDriverError
        A driver or the outcome does not vary.
    CollinearityError
        Drivers are perfectly collinear (LMG / Johnson).
    InsufficientDataError
        Fewer than ``p + 2`` complete rows.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> X = pd.DataFrame(rng.normal(size=(200, 3)), columns=["price", "delivery", "manager"])
    >>> y = X["price"] + 0.5 * X["delivery"] + rng.normal(size=200)
    >>> imp = relative_importance(X, y)
    >>> bool(abs(imp.sum() - imp.attrs["r_squared"]) < 1e-12)
    True
    >>> imp.idxmax()
    'price'
    """
    if method not in ("lmg", "johnson", "correlation"):
        raise ReportInputError(f"method must be 'lmg', 'johnson' or 'correlation', got {method!r}")
    if not isinstance(bootstrap, int) or bootstrap < 0:
        raise ReportInputError(f"bootstrap must be a whole number >= 0, got {bootstrap!r}")
    check_confidence(confidence)
    x, yy, w, names = _prepare(X, y, weights)
    data = np.column_stack([x, yy])
    est, r2 = _importance(data, w, names, method)
    if bootstrap == 0:
        s = pd.Series(est, index=pd.Index(names, name="driver"), name=method)
        s.attrs.update({"r_squared": r2, "n": int(x.shape[0]), "method": method})
        return s

    rng = np.random.default_rng(seed)
    n = x.shape[0]
    draws: list[FloatArray] = []
    failed = 0
    for _ in range(bootstrap):
        # The resample's rows as weights (times drawn), not as a copy of the data.
        drawn = np.bincount(rng.integers(0, n, size=n), minlength=n)
        try:
            b_est, _ = _importance(data, w * drawn, names, method)
        except (ConstantDriverError, CollinearityError, np.linalg.LinAlgError):
            failed += 1  # a resample in which a rare answer pattern vanished
            continue
        draws.append(b_est)
    if failed > 0.1 * bootstrap:
        raise InsufficientDataError(
            f"{failed} of {bootstrap} bootstrap resamples had a constant or collinear driver; "
            "the sample is too small for bootstrap intervals"
        )
    arr = np.vstack(draws)
    alpha = 1.0 - confidence
    lo, hi = np.quantile(arr, [alpha / 2.0, 1.0 - alpha / 2.0], axis=0)
    share = est / r2 if (method != "correlation" and r2 > 0) else np.full_like(est, np.nan)
    df = pd.DataFrame(
        {
            "importance": est,
            "share": share,
            "ci_low": lo,
            "ci_high": hi,
            "se": arr.std(axis=0, ddof=1),
        },
        index=pd.Index(names, name="driver"),
    )
    df.attrs.update(
        {
            "r_squared": r2,
            "n": int(n),
            "method": method,
            "bootstrap": len(draws),
            "confidence": confidence,
        }
    )
    return df


__all__ = ["all_subset_r2", "lmg_from_subsets", "relative_importance"]
