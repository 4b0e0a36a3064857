"""Queries behind the interviewer console: the contact card and the shift's own numbers.

The service (:mod:`cati.console_service`) checks who may read them; these functions only
read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cati.db.models import AppointmentStatus, Contact, metadata

__all__ = [
    "AppointmentLine",
    "AttemptLine",
    "CardRow",
    "ShiftCounts",
    "attach_recording",
    "attempt_lines",
    "card_row",
    "contact_numbers",
    "pending_appointment",
    "shift_counts",
]

ATTEMPT = metadata.tables["attempt"]
APPOINTMENT = metadata.tables["appointment"]
PHONE = metadata.tables["contact_phone"]
PERSON = metadata.tables["interviewer"]
SEGMENT = metadata.tables["segment"]


@dataclass(frozen=True)
class CardRow:
    contact_id: int
    study_id: int
    company: str
    name: str
    position: str
    region: str
    timezone: str
    segment: str
    attributes: dict[str, Any]
    claimed_by: int | None
    claim_token: str | None


@dataclass(frozen=True)
class AttemptLine:
    started_at: datetime
    outcome: str | None
    call_result: str | None
    note: str
    interviewer: str
    duration_seconds: float | None


@dataclass(frozen=True)
class AppointmentLine:
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    note: str
    owner: str | None  # None: open to all
    booked_by: str | None


@dataclass(frozen=True)
class ShiftCounts:
    calls: int
    completes: int
    talk_seconds: float
    first_call_at: datetime | None


def card_row(session: Session, contact_id: int) -> CardRow | None:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.id is None:
        return None
    segment = ""
    if contact.segment_id is not None:
        segment = (
            session.execute(
                select(SEGMENT.c.name).where(SEGMENT.c.id == contact.segment_id)
            ).scalar_one_or_none()
            or ""
        )
    return CardRow(
        contact_id=contact.id,
        study_id=contact.study_id,
        company=contact.company,
        name=contact.name,
        position=contact.position,
        region=contact.region,
        timezone=contact.timezone,
        segment=segment,
        attributes=dict(contact.attributes or {}),
        claimed_by=contact.claimed_by,
        claim_token=contact.claim_token,
    )


def attempt_lines(session: Session, contact_id: int, limit: int = 50) -> list[AttemptLine]:
    """The contact's calls, newest first, with who made them."""
    rows = session.execute(
        select(
            ATTEMPT.c.started_at,
            ATTEMPT.c.outcome,
            ATTEMPT.c.call_result,
            ATTEMPT.c.note,
            ATTEMPT.c.duration_seconds,
            PERSON.c.display_name,
        )
        .join(PERSON, PERSON.c.id == ATTEMPT.c.interviewer_id)
        .where(ATTEMPT.c.contact_id == contact_id)
        .order_by(ATTEMPT.c.started_at.desc(), ATTEMPT.c.id.desc())
        .limit(limit)
    )
    return [
        AttemptLine(
            started_at=r.started_at,
            outcome=r.outcome,
            call_result=r.call_result,
            note=r.note or "",
            interviewer=r.display_name,
            duration_seconds=r.duration_seconds,
        )
        for r in rows
    ]


def pending_appointment(session: Session, contact_id: int) -> AppointmentLine | None:
    owner = PERSON.alias("owner")
    booker = PERSON.alias("booker")
    row = session.execute(
        select(
            APPOINTMENT.c.kind,
            APPOINTMENT.c.starts_at,
            APPOINTMENT.c.ends_at,
            APPOINTMENT.c.note,
            owner.c.display_name.label("owner"),
            booker.c.display_name.label("booker"),
        )
        .outerjoin(owner, owner.c.id == APPOINTMENT.c.owner_id)
        .outerjoin(booker, booker.c.id == APPOINTMENT.c.created_by)
        .where(
            APPOINTMENT.c.contact_id == contact_id,
            APPOINTMENT.c.status == AppointmentStatus.PENDING.value,
        )
        .order_by(APPOINTMENT.c.starts_at)
        .limit(1)
    ).first()
    if row is None:
        return None
    return AppointmentLine(
        kind=str(row.kind),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        note=row.note or "",
        owner=row.owner,
        booked_by=row.booker,
    )


def contact_numbers(session: Session, contact_id: int) -> list[str]:
    """Every number of the contact (E.164), in calling order."""
    rows = session.execute(
        select(PHONE.c.e164).where(PHONE.c.contact_id == contact_id).order_by(PHONE.c.position)
    )
    return [r.e164 for r in rows]


def shift_counts(
    session: Session, interviewer_id: int, study_id: int, since: datetime
) -> ShiftCounts:
    """The interviewer's calls in the study since ``since``: how many, completes, talk time."""
    where = (
        ATTEMPT.c.interviewer_id == interviewer_id,
        ATTEMPT.c.study_id == study_id,
        ATTEMPT.c.started_at >= since,
    )
    row = session.execute(
        select(
            func.count(ATTEMPT.c.id),
            func.coalesce(func.sum(ATTEMPT.c.duration_seconds), 0.0),
            func.min(ATTEMPT.c.started_at),
        ).where(*where)
    ).one()
    completes = session.execute(
        select(func.count(ATTEMPT.c.id)).where(*where, ATTEMPT.c.outcome == "complete")
    ).scalar_one()
    first = row[2]
    return ShiftCounts(
        calls=int(row[0]),
        completes=int(completes),
        talk_seconds=float(row[1] or 0.0),
        first_call_at=first,
    )


def attach_recording(session: Session, attempt_id: int, interviewer_id: int, path: str) -> bool:
    """Store the recording's path on the interviewer's own attempt; False if it is not theirs."""
    changed = session.execute(
        update(ATTEMPT)
        .where(ATTEMPT.c.id == attempt_id, ATTEMPT.c.interviewer_id == interviewer_id)
        .values(recording_path=path)
    )
    return bool(changed.rowcount)  # type: ignore[attr-defined]
