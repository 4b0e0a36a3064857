"""Net Promoter Score with a confidence interval that behaves in small B2B samples.

The NPS (Reichheld, 2003) is the share of promoters (9-10) minus the share of detractors
(0-6) of a 0-10 "likelihood to recommend" question, in points from -100 to +100. It is a
difference of two shares of *one* multinomial sample, so its variance is not the sum of two
binomial variances but (Rocks, 2016)::

    Var(NPS) = (p_P + p_D - (p_P - p_D)^2) / n

The Wald interval built on it collapses to a single point when every respondent is a
promoter and under-covers in small samples. We therefore report the *adjusted-Wald*
interval recommended by Rocks (2016) and implemented in the ``NPS`` R package
(``nps_test(test = "adjusted.wald", pseudo_observations = c(0.75, 1.5, 0.75))``): add 3
pseudo-observations (3/4 detractor, 3/2 passive, 3/4 promoter) before the Wald interval
is computed, then clip to [-100, 100]. Sauro & Lewis (2021) confirmed on real NPS data
that it has the best coverage of the simple methods.

With weights, shares are weighted and ``n`` is replaced by Kish's effective sample size
``n_eff = (sum w)^2 / sum w^2`` (Kish, 1965), the usual design-effect approximation.

References
----------
Reichheld, F. F. (2003). The one number you need to grow. Harvard Business Review 81(12).
Rocks, B. (2016). Interval estimation for the "Net Promoter Score". The American
    Statistician 70(4), 365-372. doi:10.1080/00031305.2016.1158124
Rocks, B. NPS: Convenience functions and tests for working with the Net Promoter Score,
    R package, https://github.com/brendan-r/NPS (``nps_var``, ``nps_se``, ``nps_test``).
Sauro, J. & Lewis, J. R. (2021). Evaluating NPS confidence intervals with real-world data.
    MeasuringU, https://measuringu.com/nps-three-confidence-intervals/
Kish, L. (1965). Survey Sampling. Wiley.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from reports._common import MissingPolicy, clean_answers, z_critical
from reports.errors import InsufficientDataError, InvalidScoreError, ReportInputError

IntervalMethod = Literal["adjusted-wald", "wald"]

#: Pseudo-observations (detractor, passive, promoter) of the adjusted-Wald interval (Rocks 2016).
PSEUDO_OBSERVATIONS: tuple[float, float, float] = (0.75, 1.5, 0.75)

#: Below this effective base the result carries ``small_sample=True``: report it, but say so.
DEFAULT_MIN_N = 30

PROMOTER = "promoter"
PASSIVE = "passive"
DETRACTOR = "detractor"


@dataclass(frozen=True)
class NpsResult:
    """One NPS with its composition and precision.

    ``score``, ``se``, ``ci_low`` and ``ci_high`` are in points (-100..100); the shares are
    0..1 and sum to 1. ``n`` is the number of usable answers, ``n_effective`` Kish's
    effective base (equal to ``n`` without weights). ``small_sample`` is set when
    ``n_effective`` is below the ``min_n`` the caller asked for.
    """

    score: float
    promoters: float
    passives: float
    detractors: float
    n: int
    n_effective: float
    se: float
    ci_low: float
    ci_high: float
    confidence: float
    method: IntervalMethod
    n_missing: int
    small_sample: bool


@dataclass(frozen=True)
class NpsComparison:
    """Difference ``a - b`` of two independent NPS, in points, with its test."""

    difference: float
    se: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float
    confidence: float
    method: IntervalMethod
    a: NpsResult
    b: NpsResult


def nps_group(score: float) -> str:
    """Name the NPS group of one 0-10 answer: ``"promoter"``, ``"passive"`` or ``"detractor"``.

    Examples
    --------
    >>> nps_group(9), nps_group(7), nps_group(6)
    ('promoter', 'passive', 'detractor')
    """
    _check_scores(np.asarray([score], dtype=np.float64))
    if score >= 9:
        return PROMOTER
    if score >= 7:
        return PASSIVE
    return DETRACTOR


def _check_scores(x: npt.NDArray[np.float64]) -> None:
    outside = (x < 0) | (x > 10)
    if outside.any():
        raise InvalidScoreError(
            f"NPS answers must lie on the 0-10 scale; found {x[outside][0]:g} "
            f"({int(outside.sum())} such answers). Declare special codes in dont_know."
        )
    fractional = x != np.round(x)
    if fractional.any():
        raise InvalidScoreError(
            f"NPS answers must be whole numbers 0-10; found {x[fractional][0]:g}"
        )


def _shares(x: npt.NDArray[np.float64], w: npt.NDArray[np.float64]) -> tuple[float, float, float]:
    total = float(w.sum())
    p = float(w[x >= 9].sum()) / total
    d = float(w[x <= 6].sum()) / total
    return p, max(0.0, 1.0 - p - d), d


def _interval(
    p: float, d: float, n: float, z: float, method: IntervalMethod
) -> tuple[float, float, float]:
    """Centre and half-width (in proportions) of the NPS interval."""
    if method == "wald":
        centre = p - d
        var = (p + d - centre**2) / n
    else:
        pd_, _pp, pp = PSEUDO_OBSERVATIONS
        n_adj = n + sum(PSEUDO_OBSERVATIONS)
        p_adj = (p * n + pp) / n_adj
        d_adj = (d * n + pd_) / n_adj
        centre = p_adj - d_adj
        var = (p_adj + d_adj - centre**2) / n_adj
    return centre, z * math.sqrt(max(var, 0.0)), var


def nps(
    scores: Any,
    weights: Any = None,
    confidence: float = 0.95,
    *,
    method: IntervalMethod = "adjusted-wald",
    dont_know: Collection[Any] = (),
    missing: MissingPolicy = "drop",
    min_n: float = DEFAULT_MIN_N,
) -> NpsResult:
    """Net Promoter Score of 0-10 answers, with shares, standard error and interval.

    Parameters
    ----------
    scores : array-like
        "Likelihood to recommend" answers on 0..10. NaN and the ``dont_know`` codes are
        missing; with ``missing="drop"`` (default) they are left out and counted in
        ``n_missing``, with ``missing="raise"`` they are an error.
    weights : array-like, optional
        One non-negative weight per answer (e.g. from :func:`reports.weighting.poststratify`).
    confidence : float
        Confidence level of the interval, default 0.95.
    method : {"adjusted-wald", "wald"}
        Interval method; see the module docstring. ``se`` is always the plain multinomial
        standard error of the observed NPS.
    dont_know : collection
        Codes meaning "don't know" / "refused" (e.g. ``{98, 99}``).
    min_n : float
        Effective base below which ``small_sample`` is set.

    Returns
    -------
    NpsResult

    Notes
    -----
    ``NPS = 100 (p_P - p_D)``, ``SE = 100 sqrt((p_P + p_D - (p_P - p_D)^2) / n)``.
    Adjusted-Wald: ``n' = n + 3``, ``p_P' = (n p_P + 3/4) / n'``, ``p_D' = (n p_D + 3/4) / n'``,
    interval ``100 [(p_P' - p_D') +- z sqrt((p_P' + p_D' - (p_P' - p_D')^2) / n')]``
    clipped to [-100, 100] (Rocks 2016).

    Raises
    ------
    InsufficientDataError
        No usable answer (or all weights zero).
    InvalidScoreError
        An answer outside 0..10 or not a whole number.

    Examples
    --------
    >>> r = nps([10, 9, 9, 8, 7, 6, 3, 10, 10, 9])
    >>> round(r.score, 1), r.n
    (40.0, 10)
    """
    if method not in ("adjusted-wald", "wald"):
        raise ReportInputError(f"method must be 'adjusted-wald' or 'wald', got {method!r}")
    z = z_critical(confidence)
    clean = clean_answers(scores, weights, dont_know=dont_know, missing=missing, name="scores")
    _check_scores(clean.values)
    if clean.n == 0 or float(clean.weights.sum()) == 0.0:
        raise InsufficientDataError(
            "NPS needs at least one answer; this group has none after removing missing "
            'and "don\'t know" answers'
        )
    keep = clean.weights > 0
    x, w = clean.values[keep], clean.weights[keep]
    p, pas, d = _shares(x, w)
    n_eff = clean.n_effective
    score = p - d
    se = math.sqrt(max((p + d - score**2) / n_eff, 0.0))
    centre, half, _ = _interval(p, d, n_eff, z, method)
    return NpsResult(
        score=100.0 * score,
        promoters=p,
        passives=pas,
        detractors=d,
        n=int(keep.sum()),
        n_effective=n_eff,
        se=100.0 * se,
        ci_low=max(-100.0, 100.0 * (centre - half)),
        ci_high=min(100.0, 100.0 * (centre + half)),
        confidence=confidence,
        method=method,
        n_missing=clean.n_missing,
        small_sample=n_eff < min_n,
    )


def compare_nps(
    a: Any,
    b: Any,
    confidence: float = 0.95,
    *,
    weights_a: Any = None,
    weights_b: Any = None,
    method: IntervalMethod = "adjusted-wald",
    dont_know: Collection[Any] = (),
) -> NpsComparison:
    """Compare the NPS of two independent groups: difference ``a - b``, interval, z and p.

    ``a`` and ``b`` are either raw 0-10 answers or :class:`NpsResult` objects.

    Notes
    -----
    The groups are independent samples, so the variance of the difference is the sum of
    the two multinomial variances (Rocks 2016, section 4)::

        SE(diff) = sqrt(Var_a / n_a + Var_b / n_b),  Var = p_P + p_D - (p_P - p_D)^2

    With ``method="adjusted-wald"`` each group first receives the 3/4, 3/2, 3/4
    pseudo-observations (the two-sample adjusted-Wald of the ``NPS`` R package), which
    keeps the test defined when both groups are, e.g., all promoters. The z statistic is
    ``diff' / SE'`` and the p-value two-sided from the standard normal. ``difference`` is
    always the observed (unadjusted) difference.

    Examples
    --------
    >>> c = compare_nps([10] * 30 + [5] * 10, [10] * 10 + [5] * 30)
    >>> round(c.difference, 1), c.p_value < 0.001
    (100.0, True)
    """
    z_crit = z_critical(confidence)
    ra = a if isinstance(a, NpsResult) else nps(a, weights_a, confidence, dont_know=dont_know)
    rb = b if isinstance(b, NpsResult) else nps(b, weights_b, confidence, dont_know=dont_know)
    parts = []
    for r in (ra, rb):
        p, d, n = r.promoters, r.detractors, r.n_effective
        if method == "wald":
            parts.append((p - d, (p + d - (p - d) ** 2) / n))
        else:
            pd_, _pp, pp = PSEUDO_OBSERVATIONS
            n_adj = n + sum(PSEUDO_OBSERVATIONS)
            p_adj, d_adj = (p * n + pp) / n_adj, (d * n + pd_) / n_adj
            parts.append((p_adj - d_adj, (p_adj + d_adj - (p_adj - d_adj) ** 2) / n_adj))
    diff_est = parts[0][0] - parts[1][0]
    se = math.sqrt(parts[0][1] + parts[1][1])
    if se == 0.0:
        zstat = 0.0 if diff_est == 0.0 else math.copysign(math.inf, diff_est)
        p_value = 1.0 if diff_est == 0.0 else 0.0
    else:
        zstat = diff_est / se
        p_value = float(2.0 * stats.norm.sf(abs(zstat)))
    return NpsComparison(
        difference=ra.score - rb.score,
        se=100.0 * se,
        ci_low=max(-200.0, 100.0 * (diff_est - z_crit * se)),
        ci_high=min(200.0, 100.0 * (diff_est + z_crit * se)),
        z=zstat,
        p_value=p_value,
        confidence=confidence,
        method=method,
        a=ra,
        b=rb,
    )


__all__ = [
    "DETRACTOR",
    "PASSIVE",
    "PROMOTER",
    "NpsComparison",
    "NpsResult",
    "compare_nps",
    "nps",
    "nps_group",
]
