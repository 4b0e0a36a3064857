"""Queries behind recording a call: the attempt log, a contact's history, its numbers, its state.

Called inside the service's unit of work (``record_outcome``), with the contact's row locked
by :func:`cati.db.queue.check_lease`. Also the read side of ``cati rates``: every contact's
segment, state, final code and attempt history, streamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from cati.db.models import (
    Attempt,
    AttemptBase,
    Contact,
    ContactState,
    PhoneStatus,
    metadata,
)
from cati.db.queue import CONTACT, callable_phone, release_values

__all__ = [
    "AttemptRecord",
    "ContactHistory",
    "add_attempt",
    "attempt_history",
    "contact_for_outcome",
    "has_callable_phone",
    "mark_phone",
    "study_histories",
    "update_contact_after_call",
]

ATTEMPT = metadata.tables["attempt"]
PHONE = metadata.tables["contact_phone"]
SEGMENT = metadata.tables["segment"]


@dataclass(frozen=True)
class AttemptRecord:
    """One logged attempt, as the disposition history needs it."""

    disposition: str | None
    outcome: str | None
    started_at: datetime
    phone_id: int | None


@dataclass(frozen=True)
class ContactHistory:
    """A contact's segment, queue state and attempts (for the rates report)."""

    contact_id: int
    segment: str | None
    state: str
    final_disposition: str | None
    has_callable_phone: bool
    attempts: tuple[AttemptRecord, ...]


def contact_for_outcome(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise LookupError(f"contact {contact_id}")
    return contact


def add_attempt(
    session: Session,
    *,
    study_id: int,
    contact_id: int,
    phone_id: int | None,
    interviewer_id: int,
    fields: AttemptBase,
) -> int:
    attempt = Attempt(
        study_id=study_id,
        contact_id=contact_id,
        phone_id=phone_id,
        interviewer_id=interviewer_id,
        **fields.model_dump(),
    )
    session.add(attempt)
    session.flush()
    assert attempt.id is not None
    return attempt.id


def mark_phone(session: Session, phone_id: int, status: PhoneStatus) -> None:
    session.execute(update(PHONE).where(PHONE.c.id == phone_id).values(status=status.value))


def has_callable_phone(session: Session, contact_id: int) -> bool:
    return callable_phone(session, contact_id) is not None


def attempt_history(session: Session, contact_id: int) -> list[AttemptRecord]:
    rows = session.execute(
        select(ATTEMPT.c.disposition, ATTEMPT.c.outcome, ATTEMPT.c.started_at, ATTEMPT.c.phone_id)
        .where(ATTEMPT.c.contact_id == contact_id)
        .order_by(ATTEMPT.c.started_at, ATTEMPT.c.id)
    )
    return [AttemptRecord(r.disposition, r.outcome, r.started_at, r.phone_id) for r in rows]


def update_contact_after_call(
    session: Session,
    contact_id: int,
    *,
    state: ContactState,
    final_disposition: str | None,
    next_call_at: datetime | None,
    attempts_added: int,
    now: datetime,
) -> None:
    """Write the contact's new queue state and end the lease, in one statement."""
    values: dict[str, Any] = {
        "state": state.value,
        "final_disposition": final_disposition,
        "next_call_at": next_call_at,
        "attempt_count": CONTACT.c.attempt_count + attempts_added,
        **release_values(now),
    }
    session.execute(update(CONTACT).where(CONTACT.c.id == contact_id).values(**values))


def study_histories(engine: Engine, study_id: int, batch: int = 2000) -> Iterator[ContactHistory]:
    """Every contact of the study with its segment name and attempts, in id order."""
    with Session(engine) as session:
        segment_names = {
            int(i): str(n)
            for i, n in session.execute(
                select(SEGMENT.c.id, SEGMENT.c.name).where(SEGMENT.c.study_id == study_id)
            )
        }
        last_id = 0
        while True:
            contacts = session.execute(
                select(
                    CONTACT.c.id,
                    CONTACT.c.segment_id,
                    CONTACT.c.state,
                    CONTACT.c.final_disposition,
                )
                .where(CONTACT.c.study_id == study_id, CONTACT.c.id > last_id)
                .order_by(CONTACT.c.id)
                .limit(batch)
            ).all()
            if not contacts:
                return
            ids = [int(c.id) for c in contacts]
            attempts: dict[int, list[AttemptRecord]] = {}
            for row in session.execute(
                select(
                    ATTEMPT.c.contact_id,
                    ATTEMPT.c.disposition,
                    ATTEMPT.c.outcome,
                    ATTEMPT.c.started_at,
                    ATTEMPT.c.phone_id,
                )
                .where(ATTEMPT.c.contact_id.in_(ids))
                .order_by(ATTEMPT.c.started_at, ATTEMPT.c.id)
            ):
                attempts.setdefault(int(row.contact_id), []).append(
                    AttemptRecord(row.disposition, row.outcome, row.started_at, row.phone_id)
                )
            callable_ids = {
                int(contact_id)
                for (contact_id,) in session.execute(
                    select(PHONE.c.contact_id)
                    .where(PHONE.c.contact_id.in_(ids), PHONE.c.status == PhoneStatus.OK.value)
                    .group_by(PHONE.c.contact_id)
                    .having(func.count() > 0)
                )
            }
            for c in contacts:
                yield ContactHistory(
                    contact_id=int(c.id),
                    segment=segment_names.get(c.segment_id) if c.segment_id else None,
                    state=str(c.state),
                    final_disposition=c.final_disposition,
                    has_callable_phone=int(c.id) in callable_ids,
                    attempts=tuple(attempts.get(int(c.id), ())),
                )
            last_id = ids[-1]
