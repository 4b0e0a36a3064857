"""Fieldwork progress for the dashboard: quotas per segment, AAPOR rates, outcomes of calls.

Each function is one read for one refresh of the dashboard; the role is checked first
(supervisors and research leads supervise). Rates follow ``cati rates``: every contact counts
once with the code its history closes as now (see :mod:`cati.reporting.fieldwork`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from cati.accounts import Actor, Permission, require
from cati.db import Engine
from cati.db import supervision as queries
from cati.dispositions import Disposition, RatesReport, rates_report
from cati.errors import NotFoundError
from cati.reporting.fieldwork import study_cases
from cati.scheduler.settings import fieldwork_settings

__all__ = ["FieldworkOverview", "OutcomeCount", "SegmentLine", "fieldwork_overview"]


@dataclass(frozen=True)
class SegmentLine:
    """One segment against its quota (``name`` empty: contacts without a segment)."""

    name: str
    target: int
    completes: int
    in_progress: int
    reachable: int
    contacts: int
    population: int | None

    @property
    def share(self) -> float | None:
        """Completes as a share of the target (None without a target)."""
        return self.completes / self.target if self.target else None

    @property
    def missing(self) -> int:
        return max(self.target - self.completes, 0)


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str  # the outcome key, e.g. "no_answer"
    label: str
    disposition: str  # the AAPOR code of the attempts
    calls: int


@dataclass(frozen=True)
class FieldworkOverview:
    study: str
    segments: tuple[SegmentLine, ...]
    rates: RatesReport
    outcomes: tuple[OutcomeCount, ...]
    calls: int

    @property
    def completes(self) -> int:
        return sum(s.completes for s in self.segments)

    @property
    def target(self) -> int:
        return sum(s.target for s in self.segments)


def fieldwork_overview(
    engine: Engine,
    actor: Actor,
    study_id: int,
    *,
    language: str = "ru",
    since: datetime | None = None,
    until: datetime | None = None,
) -> FieldworkOverview:
    """Progress per segment, rates overall and by segment, and call outcomes in a period."""
    require(actor, Permission.SUPERVISE)
    found = queries.study_name_and_settings(engine, study_id)
    if found is None:
        raise NotFoundError(f"there is no study with id {study_id}")
    name, settings = found
    fieldwork = fieldwork_settings(settings)
    segments = tuple(
        SegmentLine(
            name=row.name,
            target=row.target,
            completes=row.completes,
            in_progress=row.in_progress,
            reachable=row.reachable,
            contacts=row.contacts,
            population=row.population,
        )
        for row in queries.segment_progress(engine, study_id)
    )
    rates = rates_report(study_cases(engine, study_id), fieldwork.category_map())
    facts = queries.attempt_facts(engine, study_id, since, until)
    table = fieldwork.outcome_table()
    tally = Counter((f.outcome or "", f.disposition or "") for f in facts)
    outcomes = []
    for (key, code), calls in tally.most_common():
        outcomes.append(OutcomeCount(key, _outcome_label(table, key, code, language), code, calls))
    return FieldworkOverview(
        study=name, segments=segments, rates=rates, outcomes=tuple(outcomes), calls=len(facts)
    )


def _outcome_label(table: object, key: str, code: str, language: str) -> str:
    try:
        return str(table[key].label(language))  # type: ignore[index]
    except Exception:  # an outcome the study's table no longer has: say its code
        try:
            return Disposition.from_code(code).label(language)
        except Exception:
            return key or code
