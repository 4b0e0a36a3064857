"""Scorecards per account manager (or any attribute), adjusted for the clients' segment mix.

The scorecards adjust the study's outcome: the NPS, or in a study without NPS overall
satisfaction on 0-100 (``y_i`` is then the respondent's score and ``NPS_s`` the mean score
of their segment); everything below reads the same with that substitution.

A manager inherits her clients: one whose book is mostly lost clients shows a low NPS
however well she serves them. The scorecard therefore compares each manager's NPS with
the NPS **her own mix of clients** would give if each of them answered like the average
client of their segment - *indirect standardisation* (Fleiss, Levin & Paik 2003, ch. 19;
Breslow & Day 1987, ch. 2, the standardised mortality ratio in differences)::

    expected_m = sum_s  share_ms * NPS_s        (share_ms: her clients in segment s)
    adjusted_m = NPS_m - expected_m

Written per respondent, with ``y_i`` = +100 for a promoter, 0 for a passive, -100 for a
detractor and ``NPS_s(i)`` the overall NPS of the respondent's segment, ``adjusted_m``
is the (weighted) mean of the residuals ``y_i - NPS_s(i)`` over her clients. Its
interval and two-sided p-value come from that mean (weighted standard error on Kish's
effective n, t on ``n_eff - 1`` degrees of freedom), treating the segment NPS as known -
the usual approximation for indirect standardisation (Breslow & Day 1987, section 2.3),
slightly conservative because each segment NPS contains the manager's own clients.

Why indirect and not direct standardisation or a regression: a manager's book rarely
covers every segment with enough interviews for a segment-specific NPS of her own (direct
standardisation needs one per segment); indirect standardisation needs only her counts
per segment and the study-wide segment NPS, which are stable. A model with segment as a
covariate would give the same ranking here but hide the simple, auditable arithmetic the
client can redo from the table. Aspect scores (0-100) are
adjusted the same way, each answer against the mean score of its segment; only the
aspects the group answers for (:func:`owned_aspects`) join the family of comparisons.

The differences join the report's one family of comparisons
(:mod:`reports.findings.family`), so only those that survive Holm's correction are stated.

References
----------
Breslow, N. E. & Day, N. E. (1987). Statistical Methods in Cancer Research, Vol. II: The
    Design and Analysis of Cohort Studies. IARC Scientific Publications 82, ch. 2.
Fleiss, J. L., Levin, B. & Paik, M. C. (2003). Statistical Methods for Rates and
    Proportions, 3rd ed. Wiley, ch. 19 (the standardization of rates).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from scipy import stats

from reports.csi import weighted_mean_ci
from reports.data import SEGMENT
from reports.errors import ReportInputError
from reports.findings.figures import aspect_scores, nps_of, overall_of
from reports.findings.model import PreparedStudy, Scorecard, Scorecards

#: Column names taken for the account manager when no scorecard attribute is named.
MANAGER_NAME = re.compile(r"manager|менеджер", re.IGNORECASE)
POLARITY_ORDER = {"complaint": 0, "neutral": 1, "praise": 2}
CONFIDENCE = 0.95


def scorecard_attribute(study: PreparedStudy) -> tuple[str, str] | None:
    """``(attribute, "asked" | "default")`` for the scorecards, or None when there is none."""
    asked = study.data.scorecards
    if asked:
        if asked not in study.df.columns:
            raise ReportInputError(
                f"scorecards: {asked!r} is not an attribute of the respondents; "
                f"choose one of {', '.join(map(str, study.data.breakdowns)) or 'none loaded'}"
            )
        if not study.df[asked].notna().any():
            raise ReportInputError(
                f"scorecards: no respondent has a value for {asked!r}; choose an attribute "
                "the contacts carry"
            )
        if asked == SEGMENT:
            raise ReportInputError(
                "scorecards: the segment cannot be adjusted for its own mix; "
                "choose an attribute such as the account manager"
            )
        return asked, "asked"
    for col in [*study.data.breakdowns, *study.df.columns]:
        if isinstance(col, str) and col != SEGMENT and MANAGER_NAME.search(col):
            return col, "default"
    return None


def outcome_points(study: PreparedStudy) -> np.ndarray:
    """Each respondent's outcome in points: +100 promoter, 0 passive, -100 detractor for
    NPS; overall satisfaction on 0-100 in a study without NPS. NaN: no usable answer."""
    v = study.df[study.outcome].to_numpy(dtype=np.float64)
    if study.outcome_kind == "nps":
        y = np.where(v >= 9, 100.0, np.where(v <= 6, -100.0, 0.0))
    else:
        lo, hi = study.outcome_scale
        y = (v - lo) / (hi - lo) * 100.0
    return np.where(np.isfinite(v), y, np.nan)


def expected_by_segment(
    points: np.ndarray, segments: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, dict[str, float]]:
    """Each respondent's segment mean of ``points`` and the (weighted) mean of every segment."""
    ok = np.isfinite(points) & (weights > 0)
    by_segment: dict[str, float] = {}
    for s in pd.unique(segments[ok]):
        m = ok & (segments == s)
        by_segment[str(s)] = float(np.sum(weights[m] * points[m]) / np.sum(weights[m]))
    expected = np.array([by_segment.get(str(s), math.nan) for s in segments])
    return expected, by_segment


def expected_nps(
    scores: np.ndarray, segments: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, dict[str, float]]:
    """Each respondent's segment NPS (points) and the NPS of every segment.

    ``scores`` are 0-10 answers (NaN: none); the segment NPS is weighted.
    """
    y = np.where(scores >= 9, 100.0, np.where(scores <= 6, -100.0, 0.0))
    return expected_by_segment(np.where(np.isfinite(scores), y, np.nan), segments, weights)


def scorecards(study: PreparedStudy, texts: pd.DataFrame) -> Scorecards | None:
    """Every group's scorecard, ranked by the mix-adjusted difference of the study's
    outcome (NPS, or overall satisfaction without NPS), best first."""
    picked = scorecard_attribute(study)
    if picked is None:
        return None
    attr, chosen = picked
    y = outcome_points(study)
    seg = study.df[SEGMENT].astype(str).to_numpy()
    w = study.weights if study.weights is not None else np.ones(study.n)
    expected, _ = expected_by_segment(y, seg, w)
    residual = y - expected
    values = study.df[attr]
    text = values.astype(str).to_numpy()
    present = (w > 0) & values.notna().to_numpy()
    usable = np.isfinite(y) & present
    is_nps = study.outcome_kind == "nps"
    owner = values.reindex(texts["respondent"]).astype(str).to_numpy() if len(texts) else None
    owned = owned_aspects(study, attr)
    cards = []
    for g in pd.unique(text[values.notna().to_numpy()]):
        inside = usable & (text == g)
        n = int(inside.sum())
        if n == 0:
            continue
        observed = nps_of(study, inside) if is_nps else None
        exp = float(np.sum(w[inside] * expected[inside]) / np.sum(w[inside]))
        adjusted = float(np.sum(w[inside] * residual[inside]) / np.sum(w[inside]))
        low, high, p = _test(residual[inside], w[inside], adjusted, n >= study.min_base)
        mix = pd.Series(seg[inside]).value_counts()
        mine = (
            texts[owner == g].copy() if owner is not None else pd.DataFrame(columns=texts.columns)
        )
        if not mine.empty:
            mine["_order"] = mine["polarity"].map(_worst_polarity)
            mine = mine.sort_values("_order", kind="stable").drop(columns="_order")
        cards.append(
            Scorecard(
                group=str(g),
                n=n,
                nps=observed,
                overall=None if is_nps else overall_of(study, inside),
                expected=exp,
                adjusted=adjusted,
                ci_low=float(low),
                ci_high=float(high),
                p=p,
                mix={s: int(mix.get(s, 0)) for s in study.segments if int(mix.get(s, 0))},
                aspects=aspect_scores(study, (text == g) & values.notna().to_numpy()),
                verbatims=mine,
                aspects_adjusted=_aspects_adjusted(study, seg, w, (text == g) & present, owned),
            )
        )
    cards.sort(key=lambda c: (c.p is None, -c.adjusted))
    return Scorecards(
        attribute=attr,
        chosen=chosen,  # type: ignore[arg-type]
        cards=tuple(cards),
        owned=owned,
    )


def _worst_polarity(polarity: object) -> int:
    """Sort key of an open answer: complaints first (``polarity`` maps theme -> polarity)."""
    if isinstance(polarity, dict):
        return min((POLARITY_ORDER.get(str(p), 1) for p in polarity.values()), default=1)
    return POLARITY_ORDER.get(str(polarity), 1)


def owned_aspects(study: PreparedStudy, attribute: str) -> tuple[str, ...]:
    """Aspects a group of ``attribute`` answers for: those named like the attribute
    (aspect ``manager`` for the attribute ``manager`` or ``account_manager``).

    Only these are tested per group against the mix: testing every aspect for every group
    would multiply the family (six aspects, eight managers: 48 more tests) and cost the
    report's main comparisons their power under Holm's correction.
    """
    words = {w for w in re.split(r"[^\w]+", attribute.lower()) if len(w) > 2}
    return tuple(a for a in study.sat_cols if any(w in a.lower() or a.lower() in w for w in words))


def _test(
    residual: np.ndarray, w: np.ndarray, adjusted: float, enough: bool
) -> tuple[float, float, float | None]:
    """Interval and two-sided p of a mean residual (t on Kish's effective n - 1)."""
    if not enough:
        return math.nan, math.nan, None
    _, se, low, high, n_eff = weighted_mean_ci(residual, w, CONFIDENCE)
    if not math.isfinite(se):
        return math.nan, math.nan, None
    if se == 0:
        return low, high, 1.0 if adjusted == 0 else 0.0
    return low, high, float(2.0 * stats.t.sf(abs(adjusted / se), n_eff - 1.0))


def _aspects_adjusted(
    study: PreparedStudy,
    seg: np.ndarray,
    w: np.ndarray,
    inside: np.ndarray,
    owned: tuple[str, ...],
) -> pd.DataFrame:
    """Each aspect score (0-100) of the group against what its segment mix predicts.

    The same indirect standardisation as for the NPS: each answer minus the mean score of
    its segment, averaged over the group's answers. Only ``owned`` aspects get a p-value
    (they are the ones tested); every aspect gets its interval.
    """
    lo, hi = study.sat_scale
    rows = []
    for aspect, col in study.sat_cols.items():
        x = (study.df[col].to_numpy(dtype=np.float64) - lo) / (hi - lo) * 100.0
        ok = np.isfinite(x) & (w > 0)
        means = {
            s: float(np.average(x[ok & (seg == s)], weights=w[ok & (seg == s)]))
            for s in pd.unique(seg[ok])
        }
        expected = np.array([means.get(s, math.nan) for s in seg])
        mine = inside & ok
        n = int(mine.sum())
        if n == 0:
            continue
        exp = float(np.average(expected[mine], weights=w[mine]))
        residual = x - expected
        adjusted = float(np.average(residual[mine], weights=w[mine]))
        low, high, p = _test(residual[mine], w[mine], adjusted, n >= study.min_base)
        if aspect not in owned:
            p = None
        rows.append(
            {
                "aspect": aspect,
                "n": n,
                "expected": exp,
                "adjusted": adjusted,
                "ci_low": low,
                "ci_high": high,
                "p": p,
            }
        )
    columns = ["n", "expected", "adjusted", "ci_low", "ci_high", "p"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows).set_index("aspect")[columns]


__all__ = [
    "MANAGER_NAME",
    "expected_by_segment",
    "expected_nps",
    "outcome_points",
    "scorecard_attribute",
    "scorecards",
]
