"""Queries that add and read a study's contacts in bulk, for the call-list import and segments.

Why SQLAlchemy Core here and not ORM objects: an import may bring a million rows, and one ORM
object per row (identity map, unit-of-work flush) costs memory and time the user waits for.
Contacts go in as one ``INSERT ... RETURNING id`` executed over a list of dicts (SQLAlchemy's
"insertmanyvalues": a few multi-row statements per batch, ids back in parameter order on
SQLite and PostgreSQL alike), their phones as one executemany. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cati.db.models import (
    ContactPhone,
    ContactState,
    ImportBatch,
    PhoneStatus,
    TimezoneSource,
    metadata,
)
from cati.errors import CatiError

__all__ = [
    "ContactFields",
    "NewContact",
    "NewPhone",
    "contact_fields_pages",
    "finish_import_batch",
    "insert_contacts",
    "start_import_batch",
    "study_phone_numbers",
]

CONTACT: Table = metadata.tables["contact"]
CONTACT_PHONE: Table = metadata.tables["contact_phone"]


@dataclass(frozen=True, slots=True)
class NewPhone:
    e164: str
    extension: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class NewContact:
    """A contact to insert, with its numbers in the order to try them."""

    source_row: int | None
    company: str
    name: str
    position: str
    email: str
    region: str
    timezone: str
    timezone_source: str  # a TimezoneSource value
    attributes: dict[str, Any]
    phones: Sequence[NewPhone]
    segment_id: int | None = None


@dataclass(frozen=True, slots=True)
class ContactFields:
    """What segment rules read of a stored contact."""

    id: int
    company: str
    name: str
    position: str
    email: str
    region: str
    attributes: dict[str, Any] = field(default_factory=dict)


def study_phone_numbers(session: Session, study_id: int) -> Iterator[str]:
    """Every E.164 number of the study, streamed (a study may hold a million)."""
    statement = (
        select(col(ContactPhone.e164))
        .where(col(ContactPhone.study_id) == study_id)
        .execution_options(yield_per=10_000)
    )
    yield from session.exec(statement)


def start_import_batch(
    session: Session, *, study_id: int, file_name: str, sha256: str, now: datetime
) -> int:
    """Record that an import began; its summary says ``complete: false`` until it ends."""
    batch = ImportBatch(
        study_id=study_id,
        file_name=file_name,
        sha256=sha256,
        imported_at=now,
        summary={"complete": False},
    )
    session.add(batch)
    session.flush()
    assert batch.id is not None
    return batch.id


def finish_import_batch(session: Session, batch_id: int, summary: dict[str, Any]) -> None:
    session.connection().execute(
        update(metadata.tables["import_batch"])
        .where(metadata.tables["import_batch"].c.id == batch_id)
        .values(summary=summary)
    )


def insert_contacts(
    session: Session,
    *,
    study_id: int,
    import_batch_id: int | None,
    contacts: Sequence[NewContact],
    now: datetime,
) -> list[int]:
    """Insert contacts and their phones; returns the new contact ids in the given order."""
    if not contacts:
        return []
    connection = session.connection()
    rows = [
        {
            "study_id": study_id,
            "import_batch_id": import_batch_id,
            "segment_id": contact.segment_id,
            "source_row": contact.source_row,
            "company": contact.company,
            "name": contact.name,
            "position": contact.position,
            "email": contact.email,
            "region": contact.region,
            "timezone": contact.timezone,
            "timezone_source": TimezoneSource(contact.timezone_source),
            "attributes": contact.attributes,
            "state": ContactState.FRESH,
            "attempt_count": 0,
            "priority": 0,
            "version": 0,
            "created_at": now,
            "updated_at": now,
        }
        for contact in contacts
    ]
    statement = insert(CONTACT).returning(CONTACT.c.id, sort_by_parameter_order=True)
    ids = [row[0] for row in connection.execute(statement, rows)]
    phones = [
        {
            "contact_id": contact_id,
            "study_id": study_id,
            "position": position,
            "e164": phone.e164,
            "extension": phone.extension,
            "raw": phone.raw,
            "status": PhoneStatus.OK,
        }
        for contact_id, contact in zip(ids, contacts, strict=True)
        for position, phone in enumerate(contact.phones)
    ]
    if phones:
        try:
            connection.execute(insert(CONTACT_PHONE), phones)
        except IntegrityError:
            raise CatiError(
                "another import into this study added some of the same numbers at the same "
                "time; run the import again when it has finished (what is saved stays, "
                "nothing is added twice)"
            ) from None
    return ids


def contact_fields_pages(
    session: Session, study_id: int, *, page_size: int = 5000
) -> Iterator[list[ContactFields]]:
    """The study's contacts in id order, a page at a time (keyset pagination).

    Each page is a separate query read to the end, so the caller may update the contacts of
    one page before asking for the next.
    """
    after = 0
    while True:
        c = CONTACT.c
        statement = (
            core_select(c.id, c.company, c.name, c.position, c.email, c.region, c.attributes)
            .where(c.study_id == study_id, c.id > after)
            .order_by(c.id)
            .limit(page_size)
        )
        page = [
            ContactFields(
                id=row[0],
                company=row[1],
                name=row[2],
                position=row[3],
                email=row[4],
                region=row[5],
                attributes=dict(row[6] or {}),
            )
            for row in session.connection().execute(statement).all()
        ]
        if not page:
            return
        yield page
        after = page[-1].id
