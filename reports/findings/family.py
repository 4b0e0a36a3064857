"""One family of comparisons per report, one error rate.

Every difference the report may state is tested here and adjusted *together*:

* NPS of every pair of reportable segments (adjusted-Wald z test, :func:`reports.nps
  .compare_nps`);
* NPS of every reportable segment against all other respondents (when there are three or
  more segments; with two it is the pair test again);
* NPS of every group of every breakdown attribute (region, product, ...) against
  the rest of the respondents, like for like within segments (each answer's NPS points
  minus its segment's NPS), so a group is not called different for its mix of segments;
* for the scorecard attribute (account manager), each group's NPS and aspect scores
  against those its segment mix predicts (indirect standardisation,
  :mod:`reports.findings.scorecards`) instead of its raw NPS against the rest, so nobody
  is ranked for the clients they inherited;
* in a study without NPS, overall satisfaction (0-100) takes NPS's place everywhere: the
  two reportable segments (or each against the rest), every breakdown group against the
  rest within segments, and the scorecards, by (weighted) Welch's t test;
* the score of every satisfaction aspect in every reportable segment against the rest
  (Welch's t test).

With weights every test uses them: NPS and means are weighted and the variances use
Kish's effective sample sizes (:mod:`reports.findings.weights`); Welch's t test then has
``n_eff - 1`` in place of ``n - 1`` in its Satterthwaite degrees of freedom.

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
import pandas as pd
from scipy import stats

from reports.comparisons import holm
from reports.csi import weighted_mean_ci
from reports.data import SEGMENT
from reports.findings.figures import nps_of
from reports.findings.model import (
    ComparisonKind,
    Comparisons,
    Difference,
    MultiplicityMethod,
    PreparedStudy,
    Scorecards,
)
from reports.findings.scorecards import expected_by_segment, outcome_points
from reports.nps import NpsResult, compare_nps

ALPHA = 0.05
METHOD: MultiplicityMethod = "holm"
#: Fewest answers an aspect needs among the reportable segments to be compared.
MIN_ASPECT_ANSWERS = 4


def comparison_family(
    study: PreparedStudy,
    nps_by_segment: Mapping[str, NpsResult | None],
    alpha: float = ALPHA,
    scorecards: Scorecards | None = None,
) -> Comparisons:
    """Test every stated comparison of the report and adjust them as one family.

    ``scorecards``: the mix-adjusted differences of the scorecard attribute join the
    family, and that attribute's raw group-versus-rest tests are left out.
    """
    raw: list[tuple[ComparisonKind, str, str, str, str, float, float, str]] = []
    if study.outcome_kind == "nps":
        raw += _segment_pairs(nps_by_segment)
        raw += _segments_vs_rest(study, nps_by_segment)
    else:
        raw += _segments_on_overall(study)
    skip = scorecards.attribute if scorecards is not None else None
    raw += _groups_vs_rest(study, skip)
    raw += _aspects_by_segment(study)
    if scorecards is not None:
        raw += [
            (
                "group_adjusted",
                scorecards.attribute,
                c.group,
                "expected",
                study.outcome_kind,
                c.adjusted,
                c.p,
                "indirect standardisation, t",
            )
            for c in scorecards.cards
            if c.p is not None and math.isfinite(c.p)
        ]
        raw += [
            (
                "group_adjusted",
                scorecards.attribute,
                c.group,
                "expected",
                str(aspect),
                float(row["adjusted"]),
                float(row["p"]),
                "indirect standardisation, t",
            )
            for c in scorecards.cards
            for aspect, row in c.aspects_adjusted.iterrows()
            if aspect in scorecards.owned and row["p"] is not None and math.isfinite(row["p"])
        ]
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
    """Overall satisfaction by segment (a study without NPS), weighted Welch's t on the
    0-100 scale: the pair when there are two reportable segments, each against the rest
    when more."""
    seg = study.df[SEGMENT].astype(str).to_numpy()
    big = np.array([not study.small(s) for s in seg], dtype=bool)
    shown = list(dict.fromkeys(seg[big]))
    if len(shown) < 2:
        return []
    x = outcome_points(study)
    w = study.weights if study.weights is not None else np.ones(study.n)
    usable = big & np.isfinite(x) & (w > 0)
    out: list[_Raw] = []
    for s in shown:
        inside = usable & (seg == s)
        rest = usable & (seg != s)
        if inside.sum() < study.min_base or rest.sum() < study.min_base:
            continue
        diff, p = weighted_welch(x[inside], w[inside], x[rest], w[rest])
        if not math.isfinite(p):
            continue
        if len(shown) == 2:
            other = next(o for o in shown if o != s)
            out.append(("segment_pair", SEGMENT, s, other, "csi_overall", diff, p, "Welch t"))
            break  # the other segment's test is the same comparison
        out.append(("segment_vs_rest", SEGMENT, s, "rest", "csi_overall", diff, p, "Welch t"))
    return out


def _groups_vs_rest(study: PreparedStudy, skip: str | None = None) -> list[_Raw]:
    """Each group of each breakdown against the other clients, like for like by segment.

    A region or a product inherits its clients' segments just as a manager does, so the
    comparison is made on each respondent's outcome points (NPS: +100/0/-100; without
    NPS, overall satisfaction 0-100) minus the mean of their segment (the residuals of
    :func:`reports.findings.scorecards.expected_by_segment`): the difference of the
    group's and the rest's mean residuals, tested with :func:`weighted_welch`. With one
    segment it is the plain difference.
    """
    out: list[_Raw] = []
    points = outcome_points(study)
    seg = study.df[SEGMENT].astype(str).to_numpy()
    w = study.weights if study.weights is not None else np.ones(study.n)
    expected, _ = expected_by_segment(points, seg, w)
    residual = points - expected
    test = "NPS within segments, t" if study.outcome_kind == "nps" else "within segments, t"
    for attr in study.data.breakdowns:
        if attr == skip:
            continue
        values = study.df[attr]
        present = values.notna().to_numpy() & np.isfinite(points) & (w > 0)
        text = values.astype(str).to_numpy()
        groups = pd.unique(text[present])
        if len(groups) < 2:
            continue
        for g in groups:
            inside = present & (text == g)
            rest = present & ~inside
            if inside.sum() < study.min_base or rest.sum() < study.min_base:
                continue
            diff, p = weighted_welch(residual[inside], w[inside], residual[rest], w[rest])
            if math.isfinite(p):
                out.append(
                    (
                        "group_vs_rest",
                        attr,
                        str(g),
                        "rest",
                        study.outcome_kind,
                        diff,
                        p,
                        test,
                    )
                )
    return out


def weighted_welch(
    a: np.ndarray, wa: np.ndarray, b: np.ndarray, wb: np.ndarray
) -> tuple[float, float]:
    """Welch's t test of two weighted means: ``(difference, two-sided p)``.

    ``t = (m_a - m_b) / sqrt(se_a^2 + se_b^2)`` with the weighted standard errors of
    :func:`reports.csi.weighted_mean_ci` and Satterthwaite's degrees of freedom on the
    effective sizes; with equal weights this is exactly Welch (1947), R's ``t.test(a, b)``.
    """
    ma, sea, _, _, na = weighted_mean_ci(a, wa, 0.95)
    mb, seb, _, _, nb = weighted_mean_ci(b, wb, 0.95)
    diff = ma - mb
    if not (math.isfinite(sea) and math.isfinite(seb)):
        return diff, math.nan
    se2 = sea**2 + seb**2
    if se2 == 0.0:
        return diff, 1.0 if diff == 0.0 else 0.0
    dof = se2**2 / (sea**4 / (na - 1.0) + seb**4 / (nb - 1.0))
    t = diff / math.sqrt(se2)
    return diff, float(2.0 * stats.t.sf(abs(t), dof))


def _aspects_by_segment(study: PreparedStudy) -> list[_Raw]:
    big = np.array([not study.small(s) for s in study.df[SEGMENT]], dtype=bool)
    seg = study.df[SEGMENT].to_numpy()
    if len(set(seg[big])) < 2:
        return []
    w_all = study.weights if study.weights is not None else np.ones(study.n)
    lo, hi = study.sat_scale
    to_100 = 100.0 / (hi - lo)
    out: list[_Raw] = []
    for aspect, col in study.sat_cols.items():
        x = study.df[col].to_numpy(dtype=np.float64)
        usable = big & np.isfinite(x) & (w_all > 0)
        if usable.sum() < MIN_ASPECT_ANSWERS:
            continue
        for s in dict.fromkeys(seg[big]):
            inside = usable & (seg == s)
            rest = usable & (seg != s)
            if inside.sum() < study.min_base or rest.sum() < study.min_base:
                continue
            diff, p = weighted_welch(x[inside], w_all[inside], x[rest], w_all[rest])
            if math.isfinite(p):
                out.append(
                    (
                        "aspect_by_segment",
                        SEGMENT,
                        str(s),
                        "rest",
                        aspect,
                        diff * to_100,
                        p,
                        "Welch t",
                    )
                )
    return out


__all__ = ["ALPHA", "METHOD", "comparison_family", "weighted_welch"]
