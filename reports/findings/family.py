"""One family of comparisons per report, one error rate.

Every difference the report may state is tested here and adjusted *together*:

* NPS of every pair of reportable segments (adjusted-Wald z test, :func:`reports.nps
  .compare_nps`);
* NPS of every reportable segment against all other respondents (when there are three or
  more segments; with two it is the pair test again);
* NPS of every group of every breakdown attribute (account manager, region, ...) against
  the rest of the respondents;
* in a study without NPS, overall satisfaction (0-100) takes NPS's place: the two
  reportable segments (or each against the rest), and every breakdown group against the
  rest, by Welch's t test;
* the score of every satisfaction aspect in every reportable segment against the rest
  (Welch's t test).

The p-values of the whole family are adjusted with Holm's (1979) step-down method, which
keeps the probability of stating *any* difference that is not there (the family-wise
error rate) at ``alpha`` whatever the dependence between the tests. Adjusting within each
attribute instead, as reports often do, lets a report of some forty comparisons state a
chance difference in most studies. Only comparisons with ``significant=True`` may be
stated as differences.

References
----------
Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian
    Journal of Statistics 6(2), 65-70.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from reports.comparisons import compare_segments, holm
from reports.data import SEGMENT
from reports.errors import ReportInputError
from reports.findings.figures import nps_of
from reports.findings.model import (
    ComparisonKind,
    Comparisons,
    Difference,
    MultiplicityMethod,
    PreparedStudy,
)
from reports.nps import NpsResult, compare_nps

ALPHA = 0.05
METHOD: MultiplicityMethod = "holm"
#: Fewest answers an aspect needs among the reportable segments to be compared.
MIN_ASPECT_ANSWERS = 4


def comparison_family(
    study: PreparedStudy, nps_by_segment: Mapping[str, NpsResult | None], alpha: float = ALPHA
) -> Comparisons:
    """Test every stated comparison of the report and adjust them as one family."""
    raw: list[tuple[ComparisonKind, str, str, str, str, float, float, str]] = []
    if study.outcome_kind == "nps":
        raw += _segment_pairs(nps_by_segment)
        raw += _segments_vs_rest(study, nps_by_segment)
    else:
        raw += _segments_on_overall(study)
    raw += _groups_vs_rest(study)
    raw += _aspects_by_segment(study)
    p = np.array([r[6] for r in raw], dtype=np.float64)
    adjusted = holm(p) if len(p) else p
    family = tuple(
        Difference(
            kind=kind,
            attribute=attribute,
            group=group,
            versus=versus,
            metric=metric,
            difference=diff,
            p=pv,
            p_adjusted=float(adj),
            significant=bool(adj < alpha),
            test=test,
        )
        for (kind, attribute, group, versus, metric, diff, pv, test), adj in zip(
            raw, adjusted, strict=True
        )
    )
    return Comparisons(family=family, method=METHOD, alpha=alpha)


_Raw = tuple[ComparisonKind, str, str, str, str, float, float, str]


def _segment_pairs(nps_by_segment: Mapping[str, NpsResult | None]) -> list[_Raw]:
    ok = [(s, r) for s, r in nps_by_segment.items() if r is not None]
    out: list[_Raw] = []
    for i, (a, ra) in enumerate(ok):
        for b, rb in ok[i + 1 :]:
            c = compare_nps(ra, rb)
            if math.isfinite(c.p_value):
                out.append(("segment_pair", SEGMENT, a, b, "nps", c.difference, c.p_value, "NPS z"))
    return out


def _segments_vs_rest(
    study: PreparedStudy, nps_by_segment: Mapping[str, NpsResult | None]
) -> list[_Raw]:
    if len(study.segments) < 3:
        return []
    seg = study.df[SEGMENT].to_numpy()
    out: list[_Raw] = []
    for s, r in nps_by_segment.items():
        if r is None:
            continue
        rest = nps_of(study, seg != s)
        if rest is None or rest.n < 2:
            continue
        c = compare_nps(r, rest)
        if math.isfinite(c.p_value):
            out.append(
                ("segment_vs_rest", SEGMENT, s, "rest", "nps", c.difference, c.p_value, "NPS z")
            )
    return out


def _segments_on_overall(study: PreparedStudy) -> list[_Raw]:
    """Overall satisfaction by segment (a study without NPS), Welch's t on the 0-100 scale:
    the pair when there are two reportable segments, each against the rest when more."""
    big = study.df[[not study.small(s) for s in study.df[SEGMENT]]]
    shown = list(dict.fromkeys(big[SEGMENT]))
    if len(shown) < 2:
        return []
    try:
        tests = compare_segments(big, SEGMENT, study.outcome, "mean", min_n=study.min_base)
    except ReportInputError:
        return []
    lo, hi = study.outcome_scale
    to_100 = 100.0 / (hi - lo)
    out: list[_Raw] = []
    for row in tests.itertuples():
        if not math.isfinite(row.p_value):
            continue
        diff = float(row.difference) * to_100
        if len(shown) == 2:
            other = next(s for s in shown if s != str(row.segment))
            out.append(
                (
                    "segment_pair",
                    SEGMENT,
                    str(row.segment),
                    other,
                    "csi_overall",
                    diff,
                    float(row.p_value),
                    str(row.test),
                )
            )
            break  # the other segment's test is the same comparison
        out.append(
            (
                "segment_vs_rest",
                SEGMENT,
                str(row.segment),
                "rest",
                "csi_overall",
                diff,
                float(row.p_value),
                str(row.test),
            )
        )
    return out


def _groups_vs_rest(study: PreparedStudy) -> list[_Raw]:
    out: list[_Raw] = []
    nps_outcome = study.outcome_kind == "nps"
    lo, hi = study.outcome_scale
    to_points = 1.0 if nps_outcome else 100.0 / (hi - lo)
    for attr in study.data.breakdowns:
        df = study.df[study.df[attr].notna()]
        if df.empty or df[attr].nunique() < 2:
            continue
        try:
            tests = compare_segments(
                df,
                attr,
                study.outcome,
                "nps" if nps_outcome else "mean",
                min_n=study.min_base,
            )
        except ReportInputError:
            continue
        for row in tests.itertuples():
            if math.isfinite(row.p_value):
                out.append(
                    (
                        "group_vs_rest",
                        attr,
                        str(row.segment),
                        "rest",
                        study.outcome_kind,
                        float(row.difference) * to_points,
                        float(row.p_value),
                        str(row.test),
                    )
                )
    return out


def _aspects_by_segment(study: PreparedStudy) -> list[_Raw]:
    big = study.df[[not study.small(s) for s in study.df[SEGMENT]]]
    if big[SEGMENT].nunique() < 2:
        return []
    lo, hi = study.sat_scale
    to_100 = 100.0 / (hi - lo)
    out: list[_Raw] = []
    for aspect, col in study.sat_cols.items():
        if big[col].notna().sum() < MIN_ASPECT_ANSWERS:
            continue
        try:
            tests = compare_segments(big, SEGMENT, col, "mean", min_n=study.min_base)
        except ReportInputError:
            continue
        for row in tests.itertuples():
            if math.isfinite(row.p_value):
                out.append(
                    (
                        "aspect_by_segment",
                        SEGMENT,
                        str(row.segment),
                        "rest",
                        aspect,
                        float(row.difference) * to_100,
                        float(row.p_value),
                        str(row.test),
                    )
                )
    return out


__all__ = ["ALPHA", "METHOD", "comparison_family"]
