"""The study's figures: NPS, aspect scores, drivers, CSI, importance-performance, breakdowns.

All statistics come from the documented modules (``nps``, ``csi``, ``drivers``, ``ipa``,
``breakdowns``); this module applies the report's rules:

* a figure for a group below ``min_base`` interviews is not computed (None);
* the CSI uses stated importance when the script has an importance grid, else LMG shares;
* the CSI interval is a percentile bootstrap over respondents (aspect means recomputed on
  each resample, index weights held fixed), because the index is a weighted sum of
  correlated means.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from reports.breakdowns import breakdown
from reports.csi import AspectScore, aspect_score, aspect_table, csi_index
from reports.data import SEGMENT
from reports.drivers import relative_importance
from reports.errors import ReportInputError
from reports.findings.model import (
    Breakdown,
    Csi,
    Driver,
    DriverAnalysis,
    PreparedStudy,
    SegmentAspects,
)
from reports.ipa import importance_performance
from reports.nps import NpsResult, nps

BOOTSTRAP = 200
SEED = 20240601


def nps_of(study: PreparedStudy, mask: np.ndarray) -> NpsResult | None:
    """NPS of the respondents in ``mask``; None when there are no usable answers (or the
    study has no NPS question)."""
    if study.roles.nps is None:
        return None
    try:
        return nps(study.df[study.roles.nps][mask], study.weights_of(mask), min_n=study.min_base)
    except ReportInputError:
        return None


def overall_of(study: PreparedStudy, mask: np.ndarray, weighted: bool = True) -> AspectScore | None:
    """Overall satisfaction (0-100 with its interval) of the respondents in ``mask``; None
    without a csi_overall question, or with fewer usable answers than the minimum base.
    ``weighted=False`` counts every interview once (what weighting changed)."""
    qid = study.roles.csi_overall
    if qid is None:
        return None
    q = study.data.script.by_id[qid]
    points = getattr(q, "scale", None)
    if points is None:
        return None
    values = study.df[qid][mask]
    try:
        score = aspect_score(
            values,
            (points.min, points.max),
            study.weights_of(mask) if weighted else None,
            min_n=study.min_base,
        )
    except ReportInputError:
        return None
    return score if score.n >= study.min_base and math.isfinite(score.mean) else None


def segment_overall(study: PreparedStudy) -> dict[str, AspectScore | None]:
    seg = study.df[SEGMENT].to_numpy()
    return {s: (None if study.small(s) else overall_of(study, seg == s)) for s in study.segments}


def unweighted_nps(study: PreparedStudy) -> NpsResult | None:
    """The headline NPS with every interview counted once (what weighting changed); None
    in a study without NPS."""
    if study.roles.nps is None:
        return None
    try:
        return nps(study.df[study.roles.nps], min_n=study.min_base)
    except ReportInputError:
        return None


def everyone(study: PreparedStudy) -> np.ndarray:
    return np.ones(study.n, dtype=bool)


def aspect_scores(study: PreparedStudy, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Aspect scores (0-100) of the respondents in ``mask``, with stated importance."""
    if not study.sat_cols:
        return pd.DataFrame()
    df = study.df if mask is None else study.df[mask]
    w = study.weights if mask is None else study.weights_of(mask)
    cols = {c: study.sat_scale for c in study.sat_cols.values()}
    usable = {c: s for c, s in cols.items() if df[c].notna().any()}
    if not usable:
        return pd.DataFrame()
    table = aspect_table(df, usable, weights=w, min_n=study.min_base)
    inverse = {v: k for k, v in study.sat_cols.items()}
    table.index = [inverse[c] for c in table.index]
    if study.imp_cols:
        imp = {study.imp_cols[a]: study.sat_scale for a in table.index if a in study.imp_cols}
        imp = {c: s for c, s in imp.items() if df[c].notna().any()}
        if imp:
            it = aspect_table(df, imp, weights=w, min_n=study.min_base)
            inv = {v: k for k, v in study.imp_cols.items()}
            table["importance"] = pd.Series(it["mean"].to_numpy(), index=[inv[c] for c in it.index])
    return table


def driver_analysis(study: PreparedStudy) -> DriverAnalysis | None:
    """LMG shares with bootstrap intervals, Johnson's weights and correlations."""
    if len(study.sat_cols) < 2:
        return None
    X = study.df[list(study.sat_cols.values())].set_axis(list(study.sat_cols), axis=1)
    y = study.df[study.outcome]
    try:
        lmg = relative_importance(
            X, y, "lmg", bootstrap=BOOTSTRAP, seed=SEED, weights=study.weights
        )
        john = relative_importance(X, y, "johnson", weights=study.weights)
        corr = relative_importance(X, y, "correlation", weights=study.weights)
    except ReportInputError as exc:
        return DriverAnalysis(error=str(exc))
    if not isinstance(lmg, pd.DataFrame):  # pragma: no cover - bootstrap asked for
        raise TypeError("relative_importance with a bootstrap returns a DataFrame")
    r2 = float(lmg.attrs["r_squared"])
    john_a, corr_a = np.asarray(john, dtype=float), np.asarray(corr, dtype=float)
    drivers = [
        Driver(
            aspect=str(a),
            share=float(lmg["share"].iloc[i]),
            ci_low=float(lmg["ci_low"].iloc[i]) / r2 if r2 > 0 else math.nan,
            ci_high=float(lmg["ci_high"].iloc[i]) / r2 if r2 > 0 else math.nan,
            johnson=float(john_a[i]) / r2 if r2 > 0 else math.nan,
            r=float(corr_a[i]),
        )
        for i, a in enumerate(lmg.index)
    ]
    drivers.sort(key=lambda d: -d.share)
    return DriverAnalysis(
        drivers=tuple(drivers),
        r_squared=r2,
        n=int(lmg.attrs["n"]),
        bootstrap=int(lmg.attrs.get("bootstrap", BOOTSTRAP)),
    )


def csi_of(
    study: PreparedStudy, aspects: pd.DataFrame, drivers: DriverAnalysis | None
) -> Csi | None:
    if aspects.empty:
        return None
    if "importance" in aspects and aspects["importance"].notna().all():
        weights, kind = aspects["importance"], "stated"
    elif drivers is not None and drivers.drivers:
        shares = pd.Series({d.aspect: d.share for d in drivers.drivers})
        weights, kind = shares.reindex(aspects.index).fillna(0.0), "derived"
    else:
        weights, kind = pd.Series(1.0, index=aspects.index), "equal"
    index = csi_index(aspects["mean"], weights)
    low, high = _csi_bootstrap(study, index.weights, everyone(study))
    return Csi(index.value, low, high, kind, index.weights)  # type: ignore[arg-type]


def _csi_bootstrap(
    study: PreparedStudy, weights: pd.Series, mask: np.ndarray
) -> tuple[float, float]:
    """Percentile bootstrap interval of the CSI: respondents resampled, weights fixed."""
    cols = [study.sat_cols[a] for a in weights.index]
    lo_s, hi_s = study.sat_scale
    x = (study.df.loc[mask, cols].to_numpy(dtype=np.float64) - lo_s) / (hi_s - lo_s) * 100.0
    n = x.shape[0]
    if n < 2:
        return math.nan, math.nan
    rw = np.ones(n) if study.weights is None else study.weights[mask]
    rng = np.random.default_rng(SEED)
    valid = np.isfinite(x)
    xz = np.where(valid, x, 0.0)
    stats_ = np.empty(BOOTSTRAP)
    wv = weights.to_numpy()
    for b in range(BOOTSTRAP):
        counts = np.bincount(rng.integers(0, n, size=n), minlength=n) * rw
        num = counts @ xz
        den = counts @ valid
        means = np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0)
        stats_[b] = float(np.nansum(means * wv) / wv[np.isfinite(means)].sum())
    low, high = np.quantile(stats_, [0.025, 0.975])
    return float(low), float(high)


def segment_nps(study: PreparedStudy) -> dict[str, NpsResult | None]:
    seg = study.df[SEGMENT].to_numpy()
    return {s: (None if study.small(s) else nps_of(study, seg == s)) for s in study.segments}


def segment_aspects(study: PreparedStudy, csi: Csi | None) -> SegmentAspects:
    seg = study.df[SEGMENT].to_numpy()
    scores: dict[str, pd.DataFrame] = {}
    index: dict[str, float] = {}
    for s in study.segments:
        if study.small(s):
            continue
        table = aspect_scores(study, seg == s)
        scores[s] = table
        if csi is not None and not table.empty:
            w = csi.weights.reindex(table.index).dropna()
            index[s] = csi_index(table["mean"].reindex(w.index), w).value
    return SegmentAspects(scores, index)


def ipa_of(drivers: DriverAnalysis | None, aspects: pd.DataFrame) -> pd.DataFrame | None:
    """Importance (LMG share) against performance (0-100 score): Martilla & James quadrants."""
    if drivers is None or not drivers.drivers or aspects.empty:
        return None
    shares = pd.Series({d.aspect: d.share for d in drivers.drivers})
    return importance_performance(shares, aspects["mean"].reindex(shares.index))


def breakdowns_of(study: PreparedStudy) -> tuple[Breakdown, ...]:
    out = []
    for attr in study.data.breakdowns:
        present = study.df[attr].notna()
        df = study.df[present]
        if df.empty:
            continue
        table = breakdown(
            df,
            attr,
            study.outcome,
            "nps" if study.outcome_kind == "nps" else "csi",
            weights=study.weights_of(present.to_numpy()),
            scale=None if study.outcome_kind == "nps" else study.outcome_scale,
            min_n=study.min_base,
            include_total=False,
        )
        out.append(Breakdown(attr, table.sort_values("value", ascending=False, na_position="last")))
    return tuple(out)


__all__ = [
    "BOOTSTRAP",
    "aspect_scores",
    "breakdowns_of",
    "csi_of",
    "driver_analysis",
    "everyone",
    "ipa_of",
    "nps_of",
    "overall_of",
    "segment_aspects",
    "segment_nps",
    "segment_overall",
    "unweighted_nps",
]
