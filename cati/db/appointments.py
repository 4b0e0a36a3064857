"""Queries of call-backs: book, move, cancel, mark done, list.

A contact has at most one pending appointment: booking a new one cancels (moves) the
previous. The queue reads pending appointments in :mod:`cati.db.queue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from cati.db.engine import session_scope
from cati.db.models import Appointment, AppointmentKind, AppointmentStatus, metadata

__all__ = [
    "AppointmentRow",
    "book_appointment",
    "cancel_pending_appointments",
    "finish_appointment",
    "pending_appointments",
]

APPOINTMENT = metadata.tables["appointment"]


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    contact_id: int
    kind: AppointmentKind
    starts_at: datetime
    ends_at: datetime | None
    owner_id: int | None
    status: AppointmentStatus
    note: str


def cancel_pending_appointments(session: Session, contact_id: int) -> int:
    result = session.execute(
        update(APPOINTMENT)
        .where(
            APPOINTMENT.c.contact_id == contact_id,
            APPOINTMENT.c.status == AppointmentStatus.PENDING.value,
        )
        .values(status=AppointmentStatus.CANCELLED.value)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def finish_appointment(session: Session, appointment_id: int) -> None:
    """The call-back was made (whatever came of it)."""
    session.execute(
        update(APPOINTMENT)
        .where(
            APPOINTMENT.c.id == appointment_id,
            APPOINTMENT.c.status == AppointmentStatus.PENDING.value,
        )
        .values(status=AppointmentStatus.DONE.value)
    )


def book_appointment(
    session: Session,
    *,
    contact_id: int,
    kind: AppointmentKind,
    starts_at: datetime,
    ends_at: datetime | None,
    owner_id: int | None,
    created_by: int | None,
    note: str,
    now: datetime,
) -> int:
    """Book a call-back, replacing the contact's pending one (a move)."""
    cancel_pending_appointments(session, contact_id)
    appointment = Appointment(
        contact_id=contact_id,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        owner_id=owner_id,
        created_by=created_by,
        note=note,
        created_at=now,
    )
    session.add(appointment)
    session.flush()
    assert appointment.id is not None
    return appointment.id


def pending_appointments(engine: Engine, contact_id: int) -> list[AppointmentRow]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(APPOINTMENT)
            .where(
                APPOINTMENT.c.contact_id == contact_id,
                APPOINTMENT.c.status == AppointmentStatus.PENDING.value,
            )
            .order_by(APPOINTMENT.c.starts_at)
        )
        return [
            AppointmentRow(
                id=r.id,
                contact_id=r.contact_id,
                kind=AppointmentKind(r.kind),
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                owner_id=r.owner_id,
                status=AppointmentStatus(r.status),
                note=r.note,
            )
            for r in rows
        ]
