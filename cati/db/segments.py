"""Queries about a study's segments: storing their definitions, assigning contacts, counting.

Nothing here commits; :mod:`cati.segments` owns the unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table, and_, case, func, update
from sqlmodel import Session, col, select

from cati.db.do_not_call import contact_blocked
from cati.db.models import (
    Contact,
    ContactPhone,
    ContactState,
    Interview,
    InterviewStatus,
    PhoneStatus,
    Segment,
    metadata,
)

__all__ = [
    "SegmentCounts",
    "SegmentSpec",
    "assign_segment",
    "replace_segments",
    "segment_counts",
    "study_segments",
]

CONTACT: Table = metadata.tables["contact"]
#: Ids per UPDATE ... WHERE id IN (...): well under SQLite's limit of bound parameters.
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """A segment as defined by the research lead (``rule`` None: the catch-all "other")."""

    name: str
    rule: str | None
    target_completes: int
    population: int | None
    # How the report calls the segment, by language ({"ru": ..., "en": ...}); None: its name.
    label: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class SegmentCounts:
    """Contacts of one segment (``segment_id`` None: contacts without a segment)."""

    segment_id: int | None
    contacts: int
    reachable: int
    completes: int


def study_segments(session: Session, study_id: int) -> list[Segment]:
    """The study's segments in evaluation order."""
    statement = (
        select(Segment).where(col(Segment.study_id) == study_id).order_by(col(Segment.position))
    )
    return list(session.exec(statement).all())


def replace_segments(
    session: Session, study_id: int, specs: Sequence[SegmentSpec]
) -> list[Segment]:
    """Make the study's segments exactly ``specs``, in that order.

    A segment whose name is kept keeps its id (anything referring to it stays valid); the
    others are deleted (their contacts lose the segment until they are re-assigned).
    """
    existing = {segment.name: segment for segment in study_segments(session, study_id)}
    wanted = {spec.name for spec in specs}
    removed = [segment for name, segment in existing.items() if name not in wanted]
    if removed:
        ids = [segment.id for segment in removed]
        session.connection().execute(
            update(CONTACT).where(CONTACT.c.segment_id.in_(ids)).values(segment_id=None)
        )
        for segment in removed:
            session.delete(segment)
        session.flush()
    # Positions are unique per study only by convention; move kept ones out of the way first.
    for offset, segment in enumerate(existing.values()):
        if segment.name in wanted:
            segment.position = 100_000 + offset
    session.flush()
    result: list[Segment] = []
    for position, spec in enumerate(specs):
        segment = existing.get(spec.name) or Segment(
            study_id=study_id, name=spec.name, position=position
        )
        segment.position = position
        segment.rule = spec.rule
        segment.target_completes = spec.target_completes
        segment.population = spec.population
        session.add(segment)
        result.append(segment)
    session.flush()
    return result


def assign_segment(session: Session, segment_id: int | None, contact_ids: Iterable[int]) -> int:
    """Put the contacts in the segment with one UPDATE per few hundred ids; returns how many."""
    ids = list(contact_ids)
    connection = session.connection()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        connection.execute(
            update(CONTACT).where(CONTACT.c.id.in_(chunk)).values(segment_id=segment_id)
        )
    return len(ids)


def segment_counts(session: Session, study_id: int) -> list[SegmentCounts]:
    """Per segment: contacts; reachable ones (not final, a usable number, not blocked by the
    do-not-call list); completed interviews."""
    usable_phone = (
        select(col(ContactPhone.id))
        .where(
            col(ContactPhone.contact_id) == col(Contact.id),
            col(ContactPhone.status) == PhoneStatus.OK,
        )
        .exists()
    )
    reachable = and_(
        col(Contact.state) != ContactState.FINAL,
        usable_phone,
        ~contact_blocked(col(Contact.id)),
    )
    statement = (
        select(
            col(Contact.segment_id),
            func.count(),
            func.coalesce(func.sum(case((reachable, 1), else_=0)), 0),
        )
        .where(col(Contact.study_id) == study_id)
        .group_by(col(Contact.segment_id))
    )
    contacts = {row[0]: (int(row[1]), int(row[2])) for row in session.exec(statement).all()}
    completes_statement = (
        select(col(Contact.segment_id), func.count())
        .select_from(Interview)
        .join(Contact, col(Contact.id) == col(Interview.contact_id))
        .where(
            col(Interview.study_id) == study_id,
            col(Interview.status) == InterviewStatus.COMPLETE,
        )
        .group_by(col(Contact.segment_id))
    )
    completes = {row[0]: int(row[1]) for row in session.exec(completes_statement).all()}
    keys = set(contacts) | set(completes)
    return [
        SegmentCounts(
            segment_id=key,
            contacts=contacts.get(key, (0, 0))[0],
            reachable=contacts.get(key, (0, 0))[1],
            completes=completes.get(key, 0),
        )
        for key in keys
    ]
