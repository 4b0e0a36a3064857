"""Which weights the report uses, and what they cost in precision.

Three schemes (``cati report --weights``):

``population``
    Post-stratification to the number of clients in every segment
    (:func:`reports.weighting.poststratify`): each interview speaks for ``N_h / n_h``
    clients of its segment. The default whenever every interviewed segment has a
    population, because quotas over-sample small segments (a "lost" segment of 200
    clients with the same quota as 2,000 regular clients) and unweighted totals then
    describe the interviews, not the base.
``raking``
    Iterative proportional fitting to the margins a research lead sets
    (:mod:`reports.margins`; :func:`reports.weighting.rake`), plus the segment
    populations as one more margin when the margins do not give ``segment``.
``none``
    Every interview counts once: the default when a segment's population is unknown.

Weights keep the population scale (they sum to the clients represented); every
statistic uses them the same way: shares and means are weighted, and intervals and tests
use Kish's effective sample size ``n_eff = (sum w)^2 / sum w^2`` in place of ``n``, with
the design effect ``deff = n / n_eff`` (Kish 1965, section 11.7; Kish 1992).

References
----------
Kish, L. (1965). Survey Sampling. Wiley. / Kish, L. (1992). Weighting for unequal P_i.
    J. Official Statistics 8(2), 183-200.
Kalton, G. & Flores-Cervantes, I. (2003). Weighting methods. J. Official Statistics 19(2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from reports.data import SEGMENT
from reports.errors import ReportInputError
from reports.weighting import effective_sample_size, kish_design_effect, poststratify, rake

WeightScheme = Literal["population", "raking", "none"]
WEIGHT_SCHEMES: tuple[WeightScheme, ...] = ("population", "raking", "none")


@dataclass(frozen=True, eq=False)  # holds an array: compared by identity
class Weighting:
    """The report's weights and their cost.

    ``weights`` is None when unweighted; ``chosen`` says whether the scheme was asked for
    (``"asked"``) or picked by the default rule (``"default"``); ``missing`` lists the
    segments without a population when that rule fell back to ``none``.
    """

    scheme: WeightScheme
    weights: np.ndarray | None
    n: int
    weighted_base: float
    n_effective: float
    design_effect: float
    chosen: Literal["asked", "default"]
    margins: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def weighted(self) -> bool:
        return self.weights is not None


def default_scheme(segments: pd.Series, population: Mapping[str, float]) -> WeightScheme:
    """``population`` when every interviewed segment has a positive population, else ``none``."""
    present = set(segments.astype(str))
    return "population" if present and all(population.get(s, 0) > 0 for s in present) else "none"


def study_weighting(
    df: pd.DataFrame,
    population: Mapping[str, float],
    margins: Mapping[str, Mapping[str, float]] | None = None,
    scheme: str | None = None,
) -> Weighting:
    """The weights of the respondents in ``df`` under ``scheme`` (None: the default rule).

    Raises :class:`ReportInputError` naming what is missing: a segment without a
    population, raking without margins, a margin that is not a column.
    """
    seg = df[SEGMENT].astype(str)
    chosen: Literal["asked", "default"] = "asked"
    missing = tuple(sorted({s for s in seg if population.get(s, 0) <= 0}))
    if scheme is None:
        scheme, chosen = default_scheme(seg, population), "default"
    if scheme not in WEIGHT_SCHEMES:
        raise ReportInputError(
            f"weights must be one of {', '.join(WEIGHT_SCHEMES)}, got {scheme!r}"
        )
    n = len(df)
    if scheme == "none":
        return Weighting("none", None, n, float(n), float(n), 1.0, chosen, missing=missing)
    if scheme == "population":
        if missing:
            raise ReportInputError(
                "weights 'population' needs the number of clients of every segment; "
                f"missing for: {', '.join(missing)} (set it in the study's segments, or "
                "report with weights 'none')"
            )
        w = poststratify(seg, dict(population)).to_numpy(dtype=np.float64)
        return _done("population", w, chosen)
    margins = dict(margins or {})
    if not margins:
        raise ReportInputError(
            "weights 'raking' needs margins: give a margins file (--margins FILE, "
            "{attribute: {group: share or count}}) or store them in the study's report settings"
        )
    if SEGMENT not in margins and not missing and population:
        margins[SEGMENT] = {s: float(v) for s, v in population.items() if s in set(seg)}
    frame = pd.DataFrame(index=df.index)
    for attr in margins:
        if attr not in df.columns:
            raise ReportInputError(
                f"margin {attr!r} is not an attribute of the respondents; use segment or a "
                "contact attribute the report loads"
            )
        col = df[attr]
        if col.isna().any():
            raise ReportInputError(
                f"margin {attr!r}: {int(col.isna().sum())} respondents have no value; "
                "give them one or drop the margin"
            )
        frame[attr] = col.astype(str)
    result = rake(frame, margins)
    return _done("raking", result.weights.to_numpy(dtype=np.float64), chosen, tuple(margins))


def _done(
    scheme: WeightScheme,
    w: np.ndarray,
    chosen: Literal["asked", "default"],
    margins: tuple[str, ...] = (),
) -> Weighting:
    return Weighting(
        scheme=scheme,
        weights=w,
        n=int(w.size),
        weighted_base=float(w.sum()),
        n_effective=effective_sample_size(w),
        design_effect=kish_design_effect(w),
        chosen=chosen,
        margins=margins,
    )


__all__ = ["WEIGHT_SCHEMES", "WeightScheme", "Weighting", "default_scheme", "study_weighting"]
