"""Plain-data tables behind ``cati rates STUDY [--json]``: rates overall and by segment.

The database layer passes one ``(segment, final code)`` pair per contact; this module counts
them, computes the AAPOR rates overall and for each segment, and renders them as an aligned
text table (percentages) or a JSON-able dict, always with the counts behind the rates, as
AAPOR's reporting standard asks.

``e``: when not given, it is estimated once from all cases (see
:func:`cati.dispositions.rates.estimate_e`) and the same value is used for every segment, so
that segments are compared under one assumption and a small segment's rates do not swing
with its own handful of resolved cases. ``e_per_segment=True`` estimates it within each
segment instead.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cati.dispositions.categories import CategoryMap
from cati.dispositions.codes import Category, Disposition
from cati.dispositions.rates import (
    RATE_NAMES,
    DispositionCounts,
    OutcomeRates,
    counts_from_dispositions,
    estimate_e,
    response_rates,
)


@dataclass(frozen=True)
class SegmentRates:
    """Rates of one segment (``segment`` None: all cases) with the counts behind them."""

    segment: str | None
    codes: dict[str, int]  # final code -> number of cases, sorted by code
    counts: DispositionCounts
    rates: OutcomeRates


@dataclass(frozen=True)
class RatesReport:
    """The overall rates and the rates of each segment, in the order segments first appear."""

    overall: SegmentRates
    segments: tuple[SegmentRates, ...]
    e: float | None
    e_basis: str  # "given", "estimated overall", "estimated per segment", "undefined"


def rates_report(
    cases: Iterable[tuple[str | None, Disposition | str]],
    category_map: CategoryMap | None = None,
    e: float | None = None,
    *,
    e_per_segment: bool = False,
) -> RatesReport:
    """Count ``(segment, final code)`` pairs and compute the rates overall and by segment.

    Raises :class:`~cati.dispositions.errors.UnknownDispositionCode` for a code that is not an
    AAPOR code (with the code in the message), and ``RateInputError`` for an invalid ``e``.
    """
    category_map = category_map or CategoryMap.default()
    by_segment: dict[str | None, list[Disposition]] = {}
    everything: list[Disposition] = []
    for segment, code in cases:
        disposition = Disposition.from_code(code)
        by_segment.setdefault(segment, []).append(disposition)
        everything.append(disposition)

    overall_counts = counts_from_dispositions(everything, category_map)
    if e is not None:
        basis = "given"
        shared_e: float | None = e
    elif e_per_segment:
        basis = "estimated per segment"
        shared_e = None
    else:
        shared_e = estimate_e(overall_counts)
        basis = "estimated overall" if shared_e is not None else "undefined"

    def build(segment: str | None, codes: Sequence[Disposition]) -> SegmentRates:
        counts = counts_from_dispositions(codes, category_map)
        tally = Counter(d.value for d in codes)
        return SegmentRates(
            segment=segment,
            codes=dict(sorted(tally.items())),
            counts=counts,
            rates=response_rates(counts, e=shared_e),
        )

    overall = build(None, everything)
    segments = tuple(build(s, codes) for s, codes in by_segment.items() if s is not None)
    return RatesReport(overall=overall, segments=segments, e=shared_e, e_basis=basis)


# ---- JSON -----------------------------------------------------------------------------------


def report_to_dict(report: RatesReport, language: str = "ru") -> dict[str, Any]:
    """A JSON-able dict (no NaN; undefined values are null with a reason in ``language``)."""
    return {
        "e": report.e,
        "e_basis": report.e_basis,
        "overall": _segment_to_dict(report.overall, language),
        "segments": [_segment_to_dict(s, language) for s in report.segments],
    }


def _segment_to_dict(part: SegmentRates, language: str) -> dict[str, Any]:
    return {
        "segment": part.segment,
        "cases": int(part.counts.total) if float(part.counts.total).is_integer() else None,
        "e": part.rates.e,
        "counts": part.counts.as_dict(),
        "codes": part.codes,
        "rates": {
            name: {
                "value": rate.value,
                "numerator": rate.numerator,
                "denominator": None if math.isnan(rate.denominator) else rate.denominator,
                **({"reason": rate.reason(language)} if rate.value is None else {}),
            }
            for name, rate in part.rates.items()
        },
    }


# ---- text -----------------------------------------------------------------------------------

_TEXT = {
    "en": {
        "title": "AAPOR outcome rates",
        "overall": "All",
        "rate": "Rate",
        "category": "Category",
        "total": "Total",
        "counts": "Cases by category",
        "e_given": "e = {e} (given)",
        "e_estimated overall": "e = {e} (estimated: eligible share of resolved cases, all)",
        "e_estimated per segment": "e estimated within each segment",
        "e_undefined": "e cannot be estimated (no resolved cases); RR3, RR4, REF2, CON2 undefined",
        "undefined": "undefined rates: {names} ({reason})",
    },
    "ru": {
        "title": "Показатели AAPOR",
        "overall": "Все",
        "rate": "Показатель",
        "category": "Категория",
        "total": "Всего",
        "counts": "Случаи по категориям",
        "e_given": "e = {e} (задано)",
        "e_estimated overall": "e = {e} (оценка: доля подходящих среди определённых случаев, все)",
        "e_estimated per segment": "e оценено внутри каждого сегмента",
        "e_undefined": (
            "e нельзя оценить (нет определённых случаев); RR3, RR4, REF2, CON2 не определены"
        ),
        "undefined": "не определены: {names} ({reason})",
    },
}


def format_rates_text(report: RatesReport, language: str = "ru") -> str:
    """An aligned plain-text table: rates in percent, then the counts behind them."""
    text = _TEXT["ru" if language == "ru" else "en"]
    parts = (report.overall, *report.segments)
    headers = [text["overall"], *(s.segment or "" for s in parts[1:])]

    rate_rows = [[name, *(_percent(p.rates[name].value) for p in parts)] for name in RATE_NAMES]
    count_rows = [
        [f"{c.value:<3} {c.label(language)}", *(_number(getattr(p.counts, c.value)) for p in parts)]
        for c in Category
    ]
    count_rows.append([text["total"], *(_number(p.counts.total) for p in parts)])

    e_text = text[f"e_{report.e_basis}"].format(e="" if report.e is None else f"{report.e:.4f}")
    lines = [text["title"], e_text, ""]
    lines += _table([text["rate"], *headers], rate_rows)
    lines += ["", text["counts"]]
    lines += _table([text["category"], *headers], count_rows)

    undefined = [name for name in RATE_NAMES if report.overall.rates[name].value is None]
    if undefined:
        reason = report.overall.rates[undefined[0]].reason(language)
        lines += ["", text["undefined"].format(names=", ".join(undefined), reason=reason)]
    return "\n".join(lines) + "\n"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(widths[i + 1]) for i, cell in enumerate(cells[1:])]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(header), rule, *(line(r) for r in rows)]
