"""Importance-performance analysis: where to act first.

Martilla & James (1977) plot each aspect by its importance and its performance
(satisfaction) and cut the plane into four quadrants at the grand means (or at cut points
the research lead chooses):

==================  ===================  ===========================
importance          performance          quadrant
==================  ===================  ===========================
high (>= cut)       low (< cut)          "concentrate here"
high (>= cut)       high (>= cut)        "keep up the good work"
low (< cut)         low (< cut)          "low priority"
low (< cut)         high (>= cut)        "possible overkill"
==================  ===================  ===========================

Fix-first ranking (our documented rule): aspects are ordered first by quadrant -
"concentrate here", then "low priority", then "keep up the good work", then "possible
overkill" (weak spots before strengths; among weak spots, the important ones first) - and
within a quadrant by the *priority gap*::

    gap_j = (I_j - I_cut) / sd(I) - (P_j - P_cut) / sd(P)

i.e. how far the aspect lies toward "more important, worse performing", in standard
deviation units of each axis so that the two scales are comparable (a standardised form
of the importance-performance gap, cf. Bacon 2003). Ties keep the input order.

References
----------
Martilla, J. A. & James, J. C. (1977). Importance-performance analysis. Journal of
    Marketing 41(1), 77-79.
Bacon, D. R. (2003). A comparison of approaches to importance-performance analysis.
    International Journal of Market Research 45(1), 55-71.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from reports.errors import InsufficientDataError, ReportInputError

CONCENTRATE_HERE = "concentrate here"
KEEP_UP = "keep up the good work"
LOW_PRIORITY = "low priority"
POSSIBLE_OVERKILL = "possible overkill"

#: Quadrants in fix-first order.
QUADRANT_ORDER = (CONCENTRATE_HERE, LOW_PRIORITY, KEEP_UP, POSSIBLE_OVERKILL)


def importance_performance(
    importance: Mapping[str, float] | pd.Series,
    performance: Mapping[str, float] | pd.Series,
    *,
    importance_cut: float | None = None,
    performance_cut: float | None = None,
) -> pd.DataFrame:
    """Quadrant of each aspect and its fix-first rank.

    Parameters
    ----------
    importance, performance : Series or mapping
        Aspect -> importance (stated or derived, e.g. LMG) and aspect -> performance
        (e.g. 0-100 satisfaction). Both must name the same aspects.
    importance_cut, performance_cut : float, optional
        Where to cut each axis; default the mean over the aspects.

    Returns
    -------
    DataFrame
        Indexed by aspect, sorted in fix-first order, with columns ``importance,
        performance, quadrant, gap, fix_first_rank`` (1 = fix first). ``.attrs`` holds
        the cut points.

    Examples
    --------
    >>> t = importance_performance({"price": 0.4, "delivery": 0.1, "manager": 0.3},
    ...                            {"price": 50, "delivery": 90, "manager": 85})
    >>> t["quadrant"].tolist()
    ['concentrate here', 'keep up the good work', 'possible overkill']
    >>> t.index.tolist()
    ['price', 'manager', 'delivery']
    """
    imp = pd.Series(importance, dtype=np.float64)
    perf = pd.Series(performance, dtype=np.float64)
    if imp.empty:
        raise InsufficientDataError("importance-performance analysis needs at least one aspect")
    if set(imp.index) != set(perf.index):
        only_i = sorted(map(str, set(imp.index) - set(perf.index)))
        only_p = sorted(map(str, set(perf.index) - set(imp.index)))
        raise ReportInputError(
            f"importance and performance must name the same aspects "
            f"(only importance: {only_i}, only performance: {only_p})"
        )
    perf = perf.reindex(imp.index)
    if imp.isna().any() or perf.isna().any():
        raise InsufficientDataError("an aspect has no importance or no performance value")
    i_cut = float(imp.mean()) if importance_cut is None else float(importance_cut)
    p_cut = float(perf.mean()) if performance_cut is None else float(performance_cut)
    high_i = imp >= i_cut
    high_p = perf >= p_cut
    quadrant = np.where(
        high_i,
        np.where(high_p, KEEP_UP, CONCENTRATE_HERE),
        np.where(high_p, POSSIBLE_OVERKILL, LOW_PRIORITY),
    )
    sd_i = float(imp.std(ddof=0)) or 1.0
    sd_p = float(perf.std(ddof=0)) or 1.0
    gap = (imp - i_cut) / sd_i - (perf - p_cut) / sd_p
    out = pd.DataFrame({"importance": imp, "performance": perf, "quadrant": quadrant, "gap": gap})
    out["_q"] = out["quadrant"].map({q: i for i, q in enumerate(QUADRANT_ORDER)})
    out["_pos"] = np.arange(len(out))
    out = out.sort_values(["_q", "gap", "_pos"], ascending=[True, False, True], kind="stable")
    out = out.drop(columns=["_q", "_pos"])
    out["fix_first_rank"] = np.arange(1, len(out) + 1)
    out.index.name = "aspect"
    out.attrs.update({"importance_cut": i_cut, "performance_cut": p_cut})
    return out


def fix_first(table: pd.DataFrame, *, only_concentrate: bool = False) -> list[Any]:
    """Aspects in fix-first order from :func:`importance_performance`.

    With ``only_concentrate=True`` only the "concentrate here" aspects are listed.
    """
    if "quadrant" not in table.columns or "fix_first_rank" not in table.columns:
        raise ReportInputError("pass the table returned by importance_performance()")
    t = table.sort_values("fix_first_rank")
    if only_concentrate:
        t = t[t["quadrant"] == CONCENTRATE_HERE]
    return list(t.index)


__all__ = [
    "CONCENTRATE_HERE",
    "KEEP_UP",
    "LOW_PRIORITY",
    "POSSIBLE_OVERKILL",
    "QUADRANT_ORDER",
    "fix_first",
    "importance_performance",
]
