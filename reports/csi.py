"""Customer satisfaction: per-aspect scores on 0-100, top-2-box shares, and the CSI.

Aspects are rated on different scales (1-5, 1-10, 0-10). To compare and combine them,
each answer is rescaled linearly to 0-100::

    x_100 = (x - scale_min) / (scale_max - scale_min) * 100

(the customer satisfaction index convention of the ACSI, Fornell et al. 1996, and of
ISO 10004:2018 annex practice). The mean of an aspect is reported with a t interval
(weighted: Kish's effective n replaces n). "Don't know" and "refused" codes are kept
apart from the scale and never enter a mean; the count of them is reported.

The overall index is the importance-weighted mean of the aspect scores::

    CSI = sum_j w_j S_j / sum_j w_j

with importance either *stated* (respondents rated how important each aspect is) or
*derived* (e.g. LMG shares from :func:`reports.drivers.relative_importance`); weights
are normalised to sum to 1.

References
----------
Fornell, C., Johnson, M. D., Anderson, E. W., Cha, J. & Bryant, B. E. (1996). The American
    Customer Satisfaction Index: nature, purpose, and findings. Journal of Marketing 60(4),
    7-18. (0-100 rescaling of rating scales.)
ISO 10004:2018 Quality management - Customer satisfaction - Guidelines for monitoring and
    measuring.
Kish, L. (1965). Survey Sampling. Wiley. (Effective sample size.)
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from reports._common import MissingPolicy, check_confidence, clean_answers
from reports.errors import InsufficientDataError, InvalidScoreError, ReportInputError


@dataclass(frozen=True)
class Scale:
    """A rating scale: its lowest and highest point (``Scale(1, 5)``, ``Scale(0, 10)``)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.high > self.low):
            raise ReportInputError(
                f"a scale needs low < high, got low={self.low!r}, high={self.high!r}"
            )


ScaleLike = Scale | tuple[float, float]


def _scale(scale: ScaleLike) -> Scale:
    return scale if isinstance(scale, Scale) else Scale(float(scale[0]), float(scale[1]))


def rescale(values: Any, scale: ScaleLike) -> np.ndarray:
    """Rescale ratings linearly to 0-100: ``(x - low) / (high - low) * 100``.

    Values outside the scale raise :class:`InvalidScoreError`; NaN stays NaN.

    Examples
    --------
    >>> rescale([1, 3, 5], (1, 5)).tolist()
    [0.0, 50.0, 100.0]
    >>> rescale([0, 7, 10], (0, 10)).tolist()
    [0.0, 70.0, 100.0]
    """
    sc = _scale(scale)
    x = np.asarray(values, dtype=np.float64)
    bad = ~np.isnan(x) & ((x < sc.low) | (x > sc.high))
    if bad.any():
        raise InvalidScoreError(
            f"rating {x[bad][0]:g} lies outside the scale {sc.low:g}-{sc.high:g}; "
            "declare special codes as dont_know"
        )
    return (x - sc.low) / (sc.high - sc.low) * 100.0


@dataclass(frozen=True)
class AspectScore:
    """Satisfaction with one aspect.

    ``mean``, ``ci_low``, ``ci_high`` and ``se`` are on 0-100; ``mean_raw`` on the
    original scale; ``top_box`` is the share (0..1) of answers in the top ``top_k`` points.
    """

    mean: float
    se: float
    ci_low: float
    ci_high: float
    mean_raw: float
    top_box: float
    top_k: int
    n: int
    n_effective: float
    n_dont_know: int
    confidence: float
    small_sample: bool


def weighted_mean_ci(
    x: np.ndarray, w: np.ndarray, confidence: float
) -> tuple[float, float, float, float, float]:
    """Weighted mean, its standard error, t interval and Kish effective n.

    ``se = sqrt(s_w^2 / n_eff)`` with ``s_w^2 = n_eff/(n_eff-1) * sum w (x-m)^2 / sum w``,
    which is the ordinary ``s / sqrt(n)`` for equal weights; ``t`` on ``n_eff - 1`` degrees
    of freedom (so equal weights reproduce R's ``t.test(x)$conf.int``).
    """
    sw = float(w.sum())
    m = float(np.sum(w * x) / sw)
    n_eff = sw**2 / float(np.sum(w * w))
    if n_eff <= 1.0 + 1e-12:
        return m, math.nan, math.nan, math.nan, n_eff
    var = float(np.sum(w * (x - m) ** 2) / sw) * n_eff / (n_eff - 1.0)
    se = math.sqrt(var / n_eff)
    t = float(stats.t.ppf(0.5 + confidence / 2.0, n_eff - 1.0))
    return m, se, m - t * se, m + t * se, n_eff


def aspect_score(
    values: Any,
    scale: ScaleLike,
    weights: Any = None,
    *,
    dont_know: Collection[Any] = (),
    missing: MissingPolicy = "drop",
    top_k: int = 2,
    confidence: float = 0.95,
    min_n: float = 30,
) -> AspectScore:
    """Satisfaction with one aspect: 0-100 mean with interval, top-k-box share, bases.

    Parameters
    ----------
    values : array-like
        Ratings on ``scale``; NaN and ``dont_know`` codes are excluded from every figure.
    scale : Scale or (low, high)
        The rating scale, e.g. ``(1, 5)``.
    weights : array-like, optional
        Respondent weights.
    top_k : int
        Size of the "top box": 2 means the two highest scale points (4-5 on 1-5).
    confidence : float
        Level of the t interval of the mean.
    min_n : float
        Effective base below which ``small_sample`` is set.

    Examples
    --------
    >>> a = aspect_score([5, 4, 4, 3, 99], (1, 5), dont_know={99})
    >>> a.mean, a.top_box, a.n, a.n_dont_know
    (75.0, 0.75, 4, 1)
    """
    sc = _scale(scale)
    check_confidence(confidence)
    if top_k < 1:
        raise ReportInputError(f"top_k must be at least 1, got {top_k}")
    clean = clean_answers(values, weights, dont_know=dont_know, missing=missing, name="ratings")
    keep = clean.weights > 0
    x, w = clean.values[keep], clean.weights[keep]
    if x.size == 0:
        raise InsufficientDataError(
            'this aspect has no rating after removing missing and "don\'t know" answers'
        )
    x100 = rescale(x, sc)
    m, se, lo, hi, n_eff = weighted_mean_ci(x100, w, confidence)
    threshold = sc.high - (top_k - 1)
    top = float(w[x >= threshold].sum() / w.sum())
    return AspectScore(
        mean=m,
        se=se,
        ci_low=max(0.0, lo) if not math.isnan(lo) else lo,
        ci_high=min(100.0, hi) if not math.isnan(hi) else hi,
        mean_raw=sc.low + m / 100.0 * (sc.high - sc.low),
        top_box=top,
        top_k=top_k,
        n=int(x.size),
        n_effective=n_eff,
        n_dont_know=clean.n_missing,
        confidence=confidence,
        small_sample=n_eff < min_n,
    )


def aspect_table(
    data: pd.DataFrame,
    aspects: Mapping[str, ScaleLike] | Collection[str],
    scale: ScaleLike | None = None,
    weights: Any = None,
    *,
    dont_know: Collection[Any] = (),
    top_k: int = 2,
    confidence: float = 0.95,
    min_n: float = 30,
) -> pd.DataFrame:
    """One row per aspect: 0-100 mean, interval, top-box share and bases.

    ``aspects`` maps column -> scale, or lists columns sharing ``scale``. Columns of the
    result: ``mean, se, ci_low, ci_high, mean_raw, top_box, n, n_effective, n_dont_know,
    small_sample``; the index is the aspect.
    """
    if isinstance(aspects, Mapping):
        pairs = [(str(k), _scale(v)) for k, v in aspects.items()]
    else:
        if scale is None:
            raise ReportInputError("give a scale for the aspects, e.g. scale=(1, 5)")
        pairs = [(str(k), _scale(scale)) for k in aspects]
    rows = {}
    for col, sc in pairs:
        if col not in data.columns:
            raise ReportInputError(f"aspect {col!r} is not a column of the data")
        a = aspect_score(
            data[col],
            sc,
            weights,
            dont_know=dont_know,
            top_k=top_k,
            confidence=confidence,
            min_n=min_n,
        )
        rows[col] = {
            "mean": a.mean,
            "se": a.se,
            "ci_low": a.ci_low,
            "ci_high": a.ci_high,
            "mean_raw": a.mean_raw,
            "top_box": a.top_box,
            "n": a.n,
            "n_effective": a.n_effective,
            "n_dont_know": a.n_dont_know,
            "small_sample": a.small_sample,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "aspect"
    return out


@dataclass(frozen=True)
class CsiIndex:
    """The overall satisfaction index (0-100) and the normalised weights behind it."""

    value: float
    weights: pd.Series


def csi_index(scores: Mapping[str, float] | pd.Series, importance: Any = None) -> CsiIndex:
    """Importance-weighted customer satisfaction index on 0-100.

    Parameters
    ----------
    scores : Series or mapping
        Aspect -> 0-100 score (e.g. ``aspect_table(...)["mean"]``).
    importance : Series, mapping or None
        Aspect -> stated or derived importance (any non-negative scale, e.g. mean stated
        importance on 1-5, or LMG weights). ``None`` gives equal weights. Weights are
        normalised to sum to 1; aspects without a score are an error.

    Notes
    -----
    ``CSI = sum_j w_j S_j / sum_j w_j``.

    Examples
    --------
    >>> r = csi_index({"price": 60.0, "delivery": 80.0}, {"price": 3, "delivery": 1})
    >>> r.value, r.weights.tolist()
    (65.0, [0.75, 0.25])
    """
    s = pd.Series(scores, dtype=np.float64)
    if s.empty:
        raise InsufficientDataError("the CSI needs at least one aspect score")
    if s.isna().any():
        raise InsufficientDataError(
            f"aspects {list(s.index[s.isna()])} have no score; leave them out of the index"
        )
    if importance is None:
        imp = pd.Series(1.0, index=s.index)
    else:
        imp = pd.Series(importance, dtype=np.float64)
        missing = [a for a in s.index if a not in imp.index]
        if missing:
            raise ReportInputError(f"no importance given for aspects {missing}")
        imp = imp.reindex(s.index)
    if imp.isna().any() or (imp < 0).any() or not np.isfinite(imp.to_numpy()).all():
        raise ReportInputError("importance weights must be finite and >= 0")
    total = float(imp.sum())
    if total <= 0:
        raise ReportInputError("importance weights are all zero; the index is undefined")
    w = (imp / total).rename("weight")
    return CsiIndex(value=float((w * s).sum()), weights=w)


__all__ = [
    "AspectScore",
    "CsiIndex",
    "Scale",
    "aspect_score",
    "aspect_table",
    "csi_index",
    "rescale",
    "weighted_mean_ci",
]
