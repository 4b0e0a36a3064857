"""Interviewer productivity over a period: calls and completes per hour, interview length,
refusal rate.

Definitions (stated on the dashboard's tooltips too):

* **hours** worked on a local day run from the interviewer's first call's start to the last
  call's end that day; the hours of a period are the sum over its days. Gaps longer than
  :data:`BREAK` between calls (lunch, a meeting) are not counted.
* **calls per hour** = calls / hours; **completes per hour** = interviews completed in the
  period / hours.
* **mean interview length** = the mean of (completed - started) of those completes, minutes.
* **refusal rate** = calls whose outcome was a refusal (AAPOR 2.10/2.11x, soft refusals
  included) / calls in which somebody was spoken to (AAPOR categories I, P and R).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from cati.accounts import Actor, Permission, require
from cati.db import Engine
from cati.db import supervision as queries
from cati.db.supervision import AttemptFact
from cati.dispositions import Category, Disposition, UnknownDispositionCode

__all__ = ["BREAK", "InterviewerProductivity", "interviewer_productivity"]

#: A pause between calls longer than this is a break, not work.
BREAK = timedelta(minutes=30)
_SPOKEN = {Category.I, Category.P, Category.R}


@dataclass(frozen=True)
class InterviewerProductivity:
    interviewer_id: int
    name: str
    calls: int
    completes: int
    hours: float
    mean_interview_minutes: float | None
    refusals: int
    conversations: int

    @property
    def calls_per_hour(self) -> float | None:
        return self.calls / self.hours if self.hours > 0 else None

    @property
    def completes_per_hour(self) -> float | None:
        return self.completes / self.hours if self.hours > 0 else None

    @property
    def refusal_rate(self) -> float | None:
        return self.refusals / self.conversations if self.conversations else None


def _ended(fact: AttemptFact) -> datetime:
    if fact.ended_at is not None:
        return fact.ended_at
    return fact.started_at + timedelta(seconds=fact.duration_seconds or 0)


def worked_hours(facts: list[AttemptFact], zone: ZoneInfo) -> float:
    """Hours from first call to last call end per local day, breaks over :data:`BREAK` out."""
    by_day: dict[object, list[AttemptFact]] = defaultdict(list)
    for fact in facts:
        by_day[fact.started_at.astimezone(zone).date()].append(fact)
    seconds = 0.0
    for calls in by_day.values():
        calls.sort(key=lambda f: f.started_at)
        start, end = calls[0].started_at, _ended(calls[0])
        for fact in calls[1:]:
            if fact.started_at - end > BREAK:
                seconds += (end - start).total_seconds()
                start = fact.started_at
            end = max(end, _ended(fact))
        seconds += (end - start).total_seconds()
    return seconds / 3600


def _category(code: str | None) -> tuple[Category | None, bool]:
    """The call's AAPOR category and whether it was a refusal."""
    if not code:
        return None, False
    try:
        disposition = Disposition.from_code(code)
    except UnknownDispositionCode:
        return None, False
    final = disposition.closes_as.value
    refusal = final == "2.10" or final.startswith("2.11")
    return disposition.category, refusal


def interviewer_productivity(
    engine: Engine,
    actor: Actor,
    study_id: int,
    since: datetime | None,
    until: datetime | None,
    *,
    zone: str = "Europe/Moscow",
) -> list[InterviewerProductivity]:
    """Productivity of each interviewer who called in ``[since, until)``, by name."""
    require(actor, Permission.SUPERVISE)
    local = ZoneInfo(zone)
    calls = queries.attempt_facts(engine, study_id, since, until)
    interviews = queries.interview_facts(engine, study_id, since, until)
    by_person: dict[int, list[AttemptFact]] = defaultdict(list)
    for fact in calls:
        by_person[fact.interviewer_id].append(fact)
    lengths: dict[int, list[float]] = defaultdict(list)
    for interview in interviews:
        done = interview.completed_at
        if interview.status != "complete" or done is None:
            continue
        if (since is not None and done < since) or (until is not None and done >= until):
            continue
        lengths[interview.interviewer_id].append((done - interview.started_at).total_seconds() / 60)
    names = queries.people_names(engine, sorted(set(by_person) | set(lengths)))
    rows = []
    for person in sorted(set(by_person) | set(lengths), key=lambda p: names.get(p, "")):
        facts = by_person.get(person, [])
        refusals = conversations = 0
        for fact in facts:
            category, refusal = _category(fact.disposition)
            if category in _SPOKEN:
                conversations += 1
                refusals += refusal
        minutes = lengths.get(person, [])
        rows.append(
            InterviewerProductivity(
                interviewer_id=person,
                name=names.get(person, str(person)),
                calls=len(facts),
                completes=len(minutes),
                hours=worked_hours(facts, local) if facts else 0.0,
                mean_interview_minutes=fmean(minutes) if minutes else None,
                refusals=refusals,
                conversations=conversations,
            )
        )
    return rows
