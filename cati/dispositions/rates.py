"""AAPOR outcome rates: response RR1-RR6, cooperation COOP1-4, refusal REF1-3, contact CON1-3.

Formulas exactly as in AAPOR (2023), *Standard Definitions*, 10th ed., section "Calculating
rates from response distributions" (the same formulas as the 9th ed., 2016), with
I complete, P partial, R refusal and break-off, NC non-contact, O other eligible, UH unknown if
household/organisation, UO unknown other, e the estimated proportion of unknown-eligibility
cases that are eligible::

    RR1 = I / ((I+P) + (R+NC+O) + (UH+UO))        RR2 = (I+P) / (same)
    RR3 = I / ((I+P) + (R+NC+O) + e(UH+UO))       RR4 = (I+P) / (same)
    RR5 = I / ((I+P) + (R+NC+O))                  RR6 = (I+P) / (same)
    COOP1 = I / ((I+P) + R + O)                   COOP2 = (I+P) / ((I+P) + R + O)
    COOP3 = I / ((I+P) + R)                       COOP4 = (I+P) / ((I+P) + R)
    REF1 = R / ((I+P) + (R+NC+O) + (UH+UO))
    REF2 = R / ((I+P) + (R+NC+O) + e(UH+UO))
    REF3 = R / ((I+P) + (R+NC+O))
    CON1 = ((I+P) + R + O) / ((I+P) + R + O + NC + (UH+UO))
    CON2 = ((I+P) + R + O) / ((I+P) + R + O + NC + e(UH+UO))
    CON3 = ((I+P) + R + O) / ((I+P) + R + O + NC)

``e`` defaults to the proportion of eligible cases among the cases whose eligibility was
resolved, e = (I+P+R+NC+O) / (I+P+R+NC+O+NE): the default of AAPOR's Response Rate Calculator
(version 4.0, 2016; as documented by the ``outcomerate`` R package's ``eligibility_rate``).
AAPOR asks that the basis of ``e`` be reported, so :class:`OutcomeRates` keeps it.

Counts may be weighted (non-integer). A rate whose denominator is zero is ``None`` with a reason
in Russian and English, never a ZeroDivisionError.

References
----------
The American Association for Public Opinion Research (2023). Standard Definitions: Final
Dispositions of Case Codes and Outcome Rates for Surveys, 10th edition. AAPOR.

Examples
--------
>>> r = response_rates({"I": 5, "P": 3, "R": 2, "NC": 1, "O": 2, "UH": 1, "UO": 1, "NE": 1},
...                    e=0.5)
>>> round(r["RR3"].value, 4)  # 5/14
0.3571
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from cati.dispositions.categories import CategoryMap
from cati.dispositions.codes import Category, Disposition
from cati.dispositions.errors import RateInputError

RATE_NAMES: tuple[str, ...] = (
    "RR1", "RR2", "RR3", "RR4", "RR5", "RR6",
    "COOP1", "COOP2", "COOP3", "COOP4",
    "REF1", "REF2", "REF3",
    "CON1", "CON2", "CON3",
)  # fmt: skip

RATE_LABELS: Mapping[str, tuple[str, str]] = {
    **{f"RR{i}": ("Response rate", "Уровень ответов") for i in range(1, 7)},
    **{f"COOP{i}": ("Cooperation rate", "Уровень сотрудничества") for i in range(1, 5)},
    **{f"REF{i}": ("Refusal rate", "Уровень отказов") for i in range(1, 4)},
    **{f"CON{i}": ("Contact rate", "Уровень контакта") for i in range(1, 4)},
}

_USES_E = frozenset({"RR3", "RR4", "REF2", "CON2"})


@dataclass(frozen=True)
class DispositionCounts:
    """Case counts (or weighted totals) per AAPOR category."""

    I: float = 0  # noqa: E741 - AAPOR's symbol
    P: float = 0
    R: float = 0
    NC: float = 0
    O: float = 0  # noqa: E741 - AAPOR's symbol
    UH: float = 0
    UO: float = 0
    NE: float = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise RateInputError(f"The count of {f.name} must be a number, got {value!r}.")
            if not math.isfinite(value) or value < 0:
                raise RateInputError(
                    f"The count of {f.name} must be a finite number >= 0, got {value!r}."
                )

    @classmethod
    def from_mapping(
        cls, counts: Mapping[str, float] | Mapping[Category, float]
    ) -> DispositionCounts:
        """From ``{"I": 10, "NC": 3, ...}``; keys are case-insensitive, missing ones are 0."""
        values: dict[str, float] = {}
        for key, value in counts.items():
            category = Category.parse(key)
            if category.value in values:
                raise RateInputError(f"The category {category.value} is given twice.")
            values[category.value] = value
        return cls(**values)

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def total(self) -> float:
        return sum(self.as_dict().values())

    @property
    def eligible(self) -> float:
        """Known eligible: I + P + R + NC + O."""
        return self.I + self.P + self.R + self.NC + self.O

    @property
    def unknown(self) -> float:
        """Unknown eligibility: UH + UO."""
        return self.UH + self.UO

    def __add__(self, other: DispositionCounts) -> DispositionCounts:
        return DispositionCounts(**{k: v + getattr(other, k) for k, v in self.as_dict().items()})


@dataclass(frozen=True)
class Rate:
    """One outcome rate with the numbers behind it; ``value`` is None when undefined."""

    name: str
    numerator: float
    denominator: float
    value: float | None
    reason_en: str = ""
    reason_ru: str = ""

    def label(self, language: str = "ru") -> str:
        en, ru = RATE_LABELS[self.name]
        return f"{ru if language == 'ru' else en} {self.name}"

    def reason(self, language: str = "ru") -> str:
        return self.reason_ru if language == "ru" else self.reason_en


@dataclass(frozen=True)
class OutcomeRates(Mapping[str, Rate]):
    """All sixteen AAPOR rates for one set of counts, with the ``e`` used and its basis."""

    counts: DispositionCounts
    e: float | None
    e_basis: str  # "given", "estimated" or "undefined"
    rates: Mapping[str, Rate]

    def __getitem__(self, name: str) -> Rate:
        return self.rates[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rates)

    def __len__(self) -> int:
        return len(self.rates)

    def values_dict(self) -> dict[str, float | None]:
        """``{"RR1": 0.23, ...}`` (None where undefined)."""
        return {name: rate.value for name, rate in self.rates.items()}


def estimate_e(counts: DispositionCounts | Mapping[str, float]) -> float | None:
    """The default eligibility estimate: e = (I+P+R+NC+O) / (I+P+R+NC+O+NE).

    The proportion eligible among cases whose eligibility is known (AAPOR Response Rate
    Calculator's default). None when no case's eligibility is known.
    """
    counts = _as_counts(counts)
    resolved = counts.eligible + counts.NE
    if resolved == 0:
        return None
    return counts.eligible / resolved


def response_rates(
    counts: DispositionCounts | Mapping[str, float] | Mapping[Category, float],
    e: float | None = None,
) -> OutcomeRates:
    """RR1-RR6, COOP1-COOP4, REF1-REF3 and CON1-CON3 as AAPOR defines them.

    Parameters
    ----------
    counts
        Cases (or weighted totals) per category: a :class:`DispositionCounts` or a mapping
        such as ``{"I": 120, "R": 40, "NC": 30, "UH": 200, "NE": 50}``.
    e
        Estimated proportion of unknown-eligibility cases that are eligible, in [0, 1].
        Default: :func:`estimate_e`. When it cannot be estimated (no resolved case) the rates
        that need it (RR3, RR4, REF2, CON2) are None with a reason, unless there are no
        unknown cases, in which case e does not matter.

    Returns
    -------
    OutcomeRates
        A mapping rate name -> :class:`Rate` (numerator, denominator, value or None).
    """
    counts = _as_counts(counts)
    basis = "given"
    if e is None:
        e = estimate_e(counts)
        basis = "estimated" if e is not None else "undefined"
    elif isinstance(e, bool) or not isinstance(e, int | float) or not 0 <= e <= 1:
        raise RateInputError(
            f"e, the estimated proportion of unknown-eligibility cases that are eligible, must "
            f"be a number between 0 and 1; got {e!r}."
        )
    else:
        e = float(e)

    c = counts
    interviews = c.I + c.P
    contacted = interviews + c.R + c.O
    unknown = c.UH + c.UO
    known_eligible = interviews + c.R + c.NC + c.O
    # With no unknown cases, e multiplies zero: the rates are defined whatever e is.
    e_unknown = None if e is None and unknown else (e or 0.0) * unknown

    terms: dict[str, tuple[float, float | None]] = {
        "RR1": (c.I, known_eligible + unknown),
        "RR2": (interviews, known_eligible + unknown),
        "RR3": (c.I, _plus(known_eligible, e_unknown)),
        "RR4": (interviews, _plus(known_eligible, e_unknown)),
        "RR5": (c.I, known_eligible),
        "RR6": (interviews, known_eligible),
        "COOP1": (c.I, interviews + c.R + c.O),
        "COOP2": (interviews, interviews + c.R + c.O),
        "COOP3": (c.I, interviews + c.R),
        "COOP4": (interviews, interviews + c.R),
        "REF1": (c.R, known_eligible + unknown),
        "REF2": (c.R, _plus(known_eligible, e_unknown)),
        "REF3": (c.R, known_eligible),
        "CON1": (contacted, contacted + c.NC + unknown),
        "CON2": (contacted, _plus(contacted + c.NC, e_unknown)),
        "CON3": (contacted, contacted + c.NC),
    }
    rates = {name: _rate(name, *terms[name]) for name in RATE_NAMES}
    return OutcomeRates(counts=counts, e=e, e_basis=basis, rates=rates)


def counts_from_dispositions(
    codes: Iterable[Disposition | str],
    category_map: CategoryMap | None = None,
    weights: Iterable[float] | None = None,
) -> DispositionCounts:
    """Count final (or temporary) codes into AAPOR categories under the study's map.

    ``weights``, when given, is one weight per code (weighted rates, AAPOR 2023 "weighted
    response rates"); otherwise every case counts 1.
    """
    category_map = category_map or CategoryMap.default()
    totals: dict[str, float] = {c.value: 0 for c in Category}
    weight_iter = iter(weights) if weights is not None else None
    for code in codes:
        weight: Any = 1
        if weight_iter is not None:
            try:
                weight = next(weight_iter)
            except StopIteration:
                raise RateInputError("There are fewer weights than disposition codes.") from None
        totals[category_map.category_of(code).value] += weight
    if weight_iter is not None and next(weight_iter, None) is not None:
        raise RateInputError("There are more weights than disposition codes.")
    return DispositionCounts(**totals)


def _as_counts(counts: Any) -> DispositionCounts:
    if isinstance(counts, DispositionCounts):
        return counts
    if isinstance(counts, Mapping):
        return DispositionCounts.from_mapping(counts)
    raise RateInputError(
        "Counts must be a DispositionCounts or a mapping of AAPOR category to count, "
        f"e.g. {{'I': 10, 'R': 4}}; got {type(counts).__name__}."
    )


def _plus(known: float, e_unknown: float | None) -> float | None:
    return None if e_unknown is None else known + e_unknown


def _rate(name: str, numerator: float, denominator: float | None) -> Rate:
    if denominator is None:
        return Rate(
            name,
            numerator,
            math.nan,
            None,
            "e cannot be estimated: no case's eligibility is known yet; pass e explicitly",
            "Нельзя оценить e: ни для одного случая пригодность ещё не известна; задайте e явно",
        )
    if denominator == 0:
        return Rate(
            name,
            numerator,
            denominator,
            None,
            "no cases in the denominator",
            "в знаменателе нет ни одного случая",
        )
    return Rate(name, numerator, denominator, numerator / denominator)
