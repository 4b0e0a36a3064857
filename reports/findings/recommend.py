"""Recommendations ranked by what they would gain.

Aspects (the rule)
------------------
Importance-performance analysis (Martilla & James 1977) places each aspect by its
importance - here its *derived* importance, the share of the explained variance of the
NPS answer (LMG; of overall satisfaction in a study without NPS) - and its performance,
the 0-100 satisfaction score, and cuts both axes at their means. Quadrants say *where*
an aspect is; they do not say which action pays most, and an empty "concentrate here"
quadrant must not be filled from "low priority" (aspects that barely move loyalty). So
the report follows the impact-times-gap idea of the importance-performance and
"impact-performance" literature (Bacon 2003 compares the quadrant, diagonal and gap
rules; Ulwick's opportunity score adds the unmet part of an important need): an
aspect's *expected gain* is ::

    gain_j = share_j x (100 - P_j) / 100

its share of the explained loyalty variance times its room to improve on the 0-100
scale. Only aspects at or above the importance cut (the mean share, Martilla & James's
grand mean) become "improve" actions, ranked by gain; weak aspects below the cut are
"watch" items at the end of the list, never top actions; strong aspects below the cut are
"hold" items (no further investment needed).

Other actions
-------------
* a segment whose NPS is stated (after the report-wide correction) to be lower than
  another segment's, or than the rest, and a breakdown group stated to be lower than the
  rest: gain = the group's share of the (weighted) sample x the gap, i.e. the NPS points
  the total would gain if the group matched the comparison (0-100 points of overall
  satisfaction in a study without NPS); a segment's evidence names the themes its clients
  complain about most;
* a theme that at least 15 % of the detractors who gave an open answer complain about
  (praise or neutral mentions of it do not count), unless it is the theme of an aspect
  already listed or of one below the importance cut (it would bring a low-impact aspect
  back as an action);
* calling the detractors (the dissatisfied, without NPS) back.

Order: "improve" by gain, then segments and groups by gain, themes, detractors, "watch",
"hold".

References
----------
Martilla, J. A. & James, J. C. (1977). Importance-performance analysis. Journal of
    Marketing 41(1), 77-79.
Bacon, D. R. (2003). A comparison of approaches to importance-performance analysis.
    International Journal of Market Research 45(1), 55-71.
Ulwick, A. W. (2002). Turn customer input into innovation. Harvard Business Review 80(1),
    91-97.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from reports.csi import AspectScore
from reports.data import SEGMENT
from reports.findings.model import (
    LOYALTY_GROUPS,
    Comparisons,
    Evidence,
    GainUnit,
    PreparedStudy,
    Recommendation,
    RecommendationKind,
)
from reports.findings.voices import aspect_theme, complaining, pick_quotes, top_complaints
from reports.ipa import CONCENTRATE_HERE, KEEP_UP, LOW_PRIORITY, POSSIBLE_OVERKILL
from reports.nps import NpsResult

#: A complaint theme becomes an action when this share of detractors raises it.
THEME_SHARE = 0.15
ORDER: tuple[RecommendationKind, ...] = (
    "improve",
    "segment",
    "group",
    "theme",
    "detractors",
    "watch",
    "hold",
)


def expected_gain(share: float, performance: float) -> float:
    """Driver share x room to improve on the 0-100 scale (see the module docstring).

    Examples
    --------
    >>> round(expected_gain(0.5, 60.0), 3)
    0.2
    """
    return share * max(0.0, 100.0 - performance) / 100.0


def recommend(
    study: PreparedStudy,
    ipa: pd.DataFrame | None,
    comparisons: Comparisons,
    nps_by_segment: Mapping[str, NpsResult | None],
    texts: pd.DataFrame,
    overall_by_segment: Mapping[str, AspectScore | None] | None = None,
) -> tuple[Recommendation, ...]:
    """The report's actions, ranked (rank 1 first).

    ``ipa`` is :func:`reports.ipa.importance_performance` of the driver shares against the
    aspect scores; ``texts`` the verbatim table of :mod:`reports.findings.voices`.
    """
    covered: set[str] = set()
    quoted: set[str] = set()  # one client's words illustrate one action only
    items: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    if ipa is not None:
        items += _aspect_actions(study, ipa, texts, covered, quoted)
    items += _segment_actions(study, comparisons, nps_by_segment, overall_by_segment, texts)
    items += _group_actions(study, comparisons)
    if ipa is not None:
        # A theme about an aspect that barely moves loyalty must not come back as an action.
        low = ipa.index[ipa["quadrant"].isin((LOW_PRIORITY, POSSIBLE_OVERKILL))]
        covered.update(t for a in low if (t := aspect_theme(study, str(a))) is not None)
    items += _theme_actions(study, texts, covered, quoted)
    detractors = int((study.groups == LOYALTY_GROUPS[0]).sum())
    if detractors:
        subject = "detractors" if study.outcome_kind == "nps" else "dissatisfied"
        items.append(("detractors", subject, None, None, Evidence(clients=detractors)))
    if ipa is not None:
        items += _aside_actions(ipa)
    ranked = sorted(
        items,
        key=lambda it: (ORDER.index(it[0]), -(it[2] if it[2] is not None else -math.inf)),
    )
    return tuple(
        Recommendation(rank=i, kind=k, subject=s, expected_gain=g, gain_unit=u, evidence=e)
        for i, (k, s, g, u, e) in enumerate(ranked, start=1)
    )


def _fresh_quote(texts: pd.DataFrame, quoted: set[str]) -> str | None:
    """The best quote of ``texts`` that no earlier action used, else the best one; adds
    it to ``quoted``."""
    if texts.empty:
        return None
    quotes = pick_quotes(texts[~texts["text"].isin(quoted)], 1) or pick_quotes(texts, 1)
    if not quotes:
        return None
    quote = str(quotes[0]["text"])
    quoted.add(quote)
    return quote


def _mentions(texts: pd.DataFrame, theme: str, quoted: set[str]) -> tuple[int, str | None]:
    """How many open answers complain about ``theme``, and one of them to quote (a
    detractor's if any): praise of the theme is never quoted as evidence of a problem."""
    if texts.empty:
        return 0, None
    critical = complaining(texts, theme)
    worst = critical[critical["nps_group"] == "detractor"]
    return len(critical), _fresh_quote(worst if len(worst) else critical, quoted)


def _aspect_actions(
    study: PreparedStudy,
    ipa: pd.DataFrame,
    texts: pd.DataFrame,
    covered: set[str],
    quoted: set[str],
) -> list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]]:
    out: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    for aspect, row in ipa.iterrows():
        if row["quadrant"] not in (CONCENTRATE_HERE, KEEP_UP):
            continue
        share, perf = float(row["importance"]), float(row["performance"])
        theme = aspect_theme(study, str(aspect))
        mentions, quote = _mentions(texts, theme, quoted) if theme else (0, None)
        if theme and quote:
            covered.add(theme)
        evidence = Evidence(
            driver_share=share,
            performance=perf,
            quadrant=str(row["quadrant"]),
            mentions=mentions or None,
            quote=quote,
        )
        out.append(("improve", str(aspect), expected_gain(share, perf), "loyalty_index", evidence))
    return out


def _sample_share(study: PreparedStudy, mask: pd.Series) -> float:
    m = mask.to_numpy()
    if study.weights is None:
        return float(m.mean()) if len(m) else 0.0
    return float(study.weights[m].sum() / study.weights.sum())


def _segment_actions(
    study: PreparedStudy,
    comparisons: Comparisons,
    nps_by_segment: Mapping[str, NpsResult | None],
    overall_by_segment: Mapping[str, AspectScore | None] | None,
    texts: pd.DataFrame,
) -> list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]]:
    out: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    done: set[str] = set()
    lower: list[tuple[str, str, float, float]] = []  # segment, versus, gap (<0), p
    for d in comparisons.stated:
        if d.metric != study.outcome_kind:
            continue
        if d.kind == "segment_pair":
            low, high = (d.group, d.versus) if d.difference < 0 else (d.versus, d.group)
            lower.append((low, high, -abs(d.difference), d.p_adjusted))
        elif d.kind == "segment_vs_rest" and d.difference < 0:
            lower.append((d.group, "rest", d.difference, d.p_adjusted))
    for seg, versus, gap, p in sorted(lower, key=lambda x: x[2]):
        if seg in done:
            continue
        done.add(seg)
        r = nps_by_segment.get(seg)
        o = (overall_by_segment or {}).get(seg)
        seg_texts = texts[texts["segment"] == seg] if len(texts) else texts
        share = _sample_share(study, study.df[SEGMENT] == seg)
        evidence = Evidence(
            nps=r.score if r else None,
            score=o.mean if o is not None and study.outcome_kind == "csi_overall" else None,
            difference=gap,
            p_adjusted=p,
            versus=versus,
            themes=tuple(top_complaints(study, seg_texts, 3)),
        )
        out.append(("segment", seg, share * abs(gap), _points_unit(study), evidence))
    return out


def _group_actions(
    study: PreparedStudy, comparisons: Comparisons
) -> list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]]:
    out: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    for d in comparisons.stated:
        if d.kind != "group_vs_rest" or d.difference >= 0 or d.metric != study.outcome_kind:
            continue
        share = _sample_share(study, study.df[d.attribute].astype(str) == d.group)
        evidence = Evidence(difference=d.difference, p_adjusted=d.p_adjusted, versus="rest")
        out.append(
            (
                "group",
                f"{d.attribute}={d.group}",
                share * abs(d.difference),
                _points_unit(study),
                evidence,
            )
        )
    return out


def _points_unit(study: PreparedStudy) -> GainUnit:
    return "nps_points" if study.outcome_kind == "nps" else "score_points"


def _theme_actions(
    study: PreparedStudy, texts: pd.DataFrame, covered: set[str], quoted: set[str]
) -> list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]]:
    out: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    det = texts[texts["nps_group"] == "detractor"] if len(texts) else texts
    if det.empty:
        return out
    n_det = det["respondent"].nunique()  # detractors who gave an open answer
    for theme in top_complaints(study, det, 3):
        if theme in covered:
            continue
        hit = complaining(det, theme)
        share = hit["respondent"].nunique() / n_det
        if share < THEME_SHARE or not pick_quotes(hit, 1):
            continue
        covered.add(theme)
        evidence = Evidence(
            mentions=len(hit), share_of_detractors=share, quote=_fresh_quote(hit, quoted)
        )
        out.append(("theme", theme, None, None, evidence))
    return out


def _aside_actions(
    ipa: pd.DataFrame,
) -> list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]]:
    out: list[tuple[RecommendationKind, str, float | None, GainUnit | None, Evidence]] = []
    watch = ipa[ipa["quadrant"] == LOW_PRIORITY]
    for aspect, row in watch.iterrows():
        share, perf = float(row["importance"]), float(row["performance"])
        evidence = Evidence(driver_share=share, performance=perf, quadrant=LOW_PRIORITY)
        out.append(("watch", str(aspect), expected_gain(share, perf), "loyalty_index", evidence))
    hold = [str(a) for a in ipa.index[ipa["quadrant"] == POSSIBLE_OVERKILL]]
    if hold:
        out.append(("hold", "hold", None, None, Evidence(aspects=tuple(hold))))
    return out


__all__ = ["THEME_SHARE", "aspect_theme", "expected_gain", "recommend"]
