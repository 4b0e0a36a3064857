"""Answers into a :class:`PreparedStudy`: numeric columns, special codes removed, weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reports.data import SEGMENT, ReportData, grid_columns, validate
from reports.errors import ReportInputError
from reports.findings.model import LOYALTY_GROUPS, OutcomeKind, PreparedStudy
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
    outcomes = [q for q in (roles.nps, roles.csi_overall) if q is not None]
    for col in [*outcomes, *sat_cols.values(), *imp_cols.values()]:
        df[col] = pd.to_numeric(df[col], errors="coerce")
        df.loc[df[col].isin(codes), col] = np.nan
    outcome = outcomes[0]  # question_roles has made sure there is one
    question = data.script.by_id[outcome]
    points = getattr(question, "scale", None)
    outcome_scale = (float(points.min), float(points.max)) if points else (0.0, 10.0)
    kind: OutcomeKind = "nps" if roles.nps is not None else "csi_overall"
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
        outcome=outcome,
        outcome_kind=kind,
        outcome_scale=outcome_scale,
        groups=loyalty_groups(df[outcome], kind, outcome_scale),
    )


#: Overall satisfaction groups on the 0-100 scale: below the middle is dissatisfied, the
#: top quarter satisfied (4-5 of 1-5, 8-10 of 1-10, 8-10 of 0-10).
DISSATISFIED_BELOW, SATISFIED_FROM = 50.0, 75.0


def loyalty_groups(values: pd.Series, kind: OutcomeKind, scale: tuple[float, float]) -> pd.Series:
    """Each respondent's loyalty group: NPS detractor (0-6), passive (7-8), promoter (9-10);
    for overall satisfaction the dissatisfied, neutral and satisfied take those places
    (``LOYALTY_GROUPS``). NaN where there is no usable answer.
    """
    groups = pd.Series(np.nan, index=values.index, dtype=object)
    v = pd.to_numeric(values, errors="coerce")
    if kind == "nps":
        low, high = v <= 6, v >= 9
    else:
        lo, hi = scale
        score = (v - lo) / (hi - lo) * 100.0
        low, high = score < DISSATISFIED_BELOW, score >= SATISFIED_FROM
    groups[v.notna()] = LOYALTY_GROUPS[1]
    groups[low] = LOYALTY_GROUPS[0]
    groups[high] = LOYALTY_GROUPS[2]
    return groups


__all__ = ["WEIGHT_MODES", "loyalty_groups", "prepare_study"]
