"""Any metric by any attribute: "whose accounts are unhappy?".

Clients ask for NPS or satisfaction by segment, but equally by account manager, region,
product, revenue band or order frequency. :func:`breakdown` computes one metric per value
of any column, bins numeric columns (quantile bands or given edges), and *flags* groups
whose effective base is below ``min_n`` instead of hiding them - the reader sees that
"Manager C: NPS +60 (n = 4)" is not a finding.

Metrics: ``"nps"`` (:func:`reports.nps.nps`, adjusted-Wald interval), ``"mean"`` (mean on
the original scale, t interval), ``"csi"`` (0-100 rescaled mean,
:func:`reports.csi.aspect_score`), ``"top_box"`` (share in the top ``top_k`` points, Wald
interval on the effective base) and ``"n"`` (counts only). Weights are honoured
everywhere; ``n`` is always the unweighted count of usable answers and ``n_effective``
Kish's effective base.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from reports._common import clean_answers, kish_effective_n, z_critical
from reports.csi import ScaleLike, aspect_score, weighted_mean_ci
from reports.errors import InsufficientDataError, ReportInputError
from reports.nps import nps

Metric = Literal["nps", "mean", "csi", "top_box", "n"]
TOTAL = "Total"


def bin_attribute(values: Any, bins: int | Sequence[float], *, labels: Any = None) -> pd.Series:
    """Cut a numeric attribute into bands: ``bins=4`` quartile bands, or explicit edges.

    Quantile bands that coincide (many equal values) are merged. Edges include the lowest
    value. Missing values stay missing.

    Examples
    --------
    >>> bin_attribute([1, 5, 10, 50], [0, 5, 100]).astype(str).tolist()
    ['(-0.001, 5.0]', '(-0.001, 5.0]', '(5.0, 100.0]', '(5.0, 100.0]']
    """
    s = pd.to_numeric(pd.Series(values), errors="coerce")
    if isinstance(bins, int):
        if bins < 1:
            raise ReportInputError(f"bins must be at least 1, got {bins}")
        return pd.qcut(s, q=bins, duplicates="drop", labels=labels)
    edges = list(bins)
    if len(edges) < 2 or any(b >= a for a, b in zip(edges[1:], edges[:-1], strict=False)):
        raise ReportInputError("bin edges must be at least two increasing numbers")
    return pd.cut(s, bins=edges, include_lowest=True, labels=labels)


def _one(
    values: pd.Series,
    w: np.ndarray | None,
    metric: Metric,
    scale: ScaleLike | None,
    top_k: int,
    dont_know: Collection[Any],
    confidence: float,
) -> dict[str, float]:
    if metric == "nps":
        r = nps(values, w, confidence, dont_know=dont_know)
        return {
            "n": r.n,
            "n_effective": r.n_effective,
            "value": r.score,
            "ci_low": r.ci_low,
            "ci_high": r.ci_high,
        }
    clean = clean_answers(values, w, dont_know=dont_know, name="answers")
    keep = clean.weights > 0
    x, ww = clean.values[keep], clean.weights[keep]
    if x.size == 0:
        raise InsufficientDataError("no usable answers")
    if metric == "n":
        return {
            "n": int(x.size),
            "n_effective": kish_effective_n(ww),
            "value": float(ww.sum()),
            "ci_low": math.nan,
            "ci_high": math.nan,
        }
    if metric == "mean":
        m, _se, lo, hi, n_eff = weighted_mean_ci(x, ww, confidence)
        return {"n": int(x.size), "n_effective": n_eff, "value": m, "ci_low": lo, "ci_high": hi}
    if scale is None:
        raise ReportInputError(f"metric {metric!r} needs the rating scale, e.g. scale=(1, 5)")
    a = aspect_score(x, scale, ww, top_k=top_k, confidence=confidence)
    if metric == "csi":
        return {
            "n": a.n,
            "n_effective": a.n_effective,
            "value": a.mean,
            "ci_low": a.ci_low,
            "ci_high": a.ci_high,
        }
    half = z_critical(confidence) * math.sqrt(a.top_box * (1 - a.top_box) / a.n_effective)
    return {
        "n": a.n,
        "n_effective": a.n_effective,
        "value": a.top_box,
        "ci_low": max(0.0, a.top_box - half),
        "ci_high": min(1.0, a.top_box + half),
    }


def breakdown(
    data: pd.DataFrame,
    by: str,
    value: str,
    metric: Metric = "nps",
    *,
    weights: str | Any = None,
    bins: int | Sequence[float] | None = None,
    scale: ScaleLike | None = None,
    top_k: int = 2,
    dont_know: Collection[Any] = (),
    min_n: float = 30,
    confidence: float = 0.95,
    include_total: bool = True,
) -> pd.DataFrame:
    """One metric for every value (or band) of an attribute, small groups flagged.

    Parameters
    ----------
    data : DataFrame
        One row per respondent with the attribute and the answer.
    by : str
        Attribute column (segment, account manager, region, revenue, ...).
    value : str
        Answer column.
    metric : {"nps", "mean", "csi", "top_box", "n"}
        What to compute per group.
    weights : str or array-like, optional
        A weight column name or one weight per row.
    bins : int or sequence, optional
        Band a numeric attribute: an int gives that many quantile bands, a sequence gives
        edges.
    scale : (low, high), optional
        Rating scale, required for ``"csi"`` and ``"top_box"``.
    min_n : float
        Groups with an effective base below this get ``small_n=True``.
    include_total : bool
        Append a ``"Total"`` row over all respondents.

    Returns
    -------
    DataFrame
        Columns ``group, n, n_effective, value, ci_low, ci_high, small_n``; groups with no
        usable answer are kept with ``n = 0`` and NaN values.

    Examples
    --------
    >>> df = pd.DataFrame({"manager": ["A"] * 3 + ["B"] * 2, "nps": [10, 9, 3, 10, 10]})
    >>> t = breakdown(df, "manager", "nps", min_n=3)
    >>> t.round(1)[["group", "n", "value", "small_n"]].values.tolist()
    [['A', 3, 33.3, False], ['B', 2, 100.0, True], ['Total', 5, 60.0, False]]
    """
    if metric not in ("nps", "mean", "csi", "top_box", "n"):
        raise ReportInputError(f"unknown metric {metric!r}")
    for col in (by, value):
        if col not in data.columns:
            raise ReportInputError(f"column {col!r} is not in the data")
    if isinstance(weights, str):
        if weights not in data.columns:
            raise ReportInputError(f"weight column {weights!r} is not in the data")
        w_all: np.ndarray | None = data[weights].to_numpy(dtype=np.float64)
    elif weights is None:
        w_all = None
    else:
        w_all = np.asarray(weights, dtype=np.float64)
        if w_all.shape[0] != len(data):
            raise ReportInputError("weights must have one value per row of the data")
    groups = bin_attribute(data[by], bins) if bins is not None else data[by]
    groups = pd.Series(groups).reset_index(drop=True)
    vals = data[value].reset_index(drop=True)
    if isinstance(groups.dtype, pd.CategoricalDtype):
        levels = list(groups.cat.categories)
    else:
        levels = list(pd.unique(groups.dropna()))
    rows = []
    targets = [(lvl, (groups == lvl).to_numpy()) for lvl in levels]
    if include_total:
        targets.append((TOTAL, np.ones(len(data), dtype=bool)))
    for lvl, mask in targets:
        label = str(lvl) if bins is not None else lvl
        try:
            res = _one(
                vals[mask],
                None if w_all is None else w_all[mask],
                metric,
                scale,
                top_k,
                dont_know,
                confidence,
            )
        except InsufficientDataError:
            res = {
                "n": 0,
                "n_effective": 0.0,
                "value": math.nan,
                "ci_low": math.nan,
                "ci_high": math.nan,
            }
        rows.append({"group": label, **res, "small_n": bool(res["n_effective"] < min_n)})
    columns = ["group", "n", "n_effective", "value", "ci_low", "ci_high", "small_n"]
    out = pd.DataFrame(rows, columns=columns)
    out["n"] = out["n"].astype(int)
    out.attrs.update({"by": by, "value": value, "metric": metric, "min_n": min_n})
    return out


__all__ = ["TOTAL", "bin_attribute", "breakdown"]
