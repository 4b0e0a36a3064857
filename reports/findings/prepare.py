"""Answers into a :class:`PreparedStudy`: numeric columns, special codes removed, weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reports.data import SEGMENT, ReportData, grid_columns, validate
from reports.errors import ReportInputError
from reports.findings.model import PreparedStudy
from reports.findings.weights import WEIGHT_SCHEMES, study_weighting
from reports.specials_codes import special_codes
from reports.themes import default_themes
from surveys.model import GridQuestion

WEIGHT_MODES = WEIGHT_SCHEMES


def prepare_study(data: ReportData, weights: str | None = None) -> PreparedStudy:
    """Check ``data`` and make its answers ready for analysis.

    ``weights`` is ``"population"`` (post-stratified to the segment sizes in the base),
    ``"raking"`` (to ``data.margins``), ``"none"``, or None for the default: population
    when every segment's size is known, else none (:mod:`reports.findings.weights`).
    """
    if weights is not None and weights not in WEIGHT_MODES:
        raise ReportInputError(f"weights must be one of {', '.join(WEIGHT_MODES)}, got {weights!r}")
    roles = validate(data)
    df = data.responses.copy()
    df[SEGMENT] = df[SEGMENT].astype(str)
    seg_counts = df[SEGMENT].value_counts()
    order = [s for s in list(data.population) + list(data.fieldwork.completes) if s in seg_counts]
    order = list(dict.fromkeys(order))
    order += [s for s in seg_counts.index if s not in order]
    weighting = study_weighting(df, data.population, data.margins, weights)
    sat_cols: dict[str, str] = {}
    imp_cols: dict[str, str] = {}
    scale = (1.0, 5.0)
    if roles.satisfaction:
        g = data.script.by_id[roles.satisfaction]
        if isinstance(g, GridQuestion):
            sat_cols = grid_columns(g)
            scale = (float(g.scale.min), float(g.scale.max))
    if roles.importance:
        g = data.script.by_id[roles.importance]
        if isinstance(g, GridQuestion):
            imp_cols = {k: v for k, v in grid_columns(g).items() if k in sat_cols}
    codes = special_codes(data.script)
    for col in [roles.nps, *sat_cols.values(), *imp_cols.values()]:
        df[col] = pd.to_numeric(df[col], errors="coerce")
        df.loc[df[col].isin(codes), col] = np.nan
    return PreparedStudy(
        data=data,
        roles=roles,
        df=df,
        weights=weighting.weights,
        weighting=weighting,
        segments=tuple(order),
        seg_n={s: int(seg_counts[s]) for s in order},
        codes=frozenset(codes),
        sat_cols=sat_cols,
        imp_cols=imp_cols,
        sat_scale=scale,
        themes=data.themes or default_themes(),
        min_base=data.min_base,
    )


__all__ = ["WEIGHT_MODES", "prepare_study"]
