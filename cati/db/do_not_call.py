"""Queries about the do-not-call list: numbers nobody may call, in any study.

Adding a number does not touch contacts already in studies (their history stays as it was);
instead everything that decides whom to call asks this module:

* :func:`is_blocked` - may this contact be called? False as soon as *any* of its numbers is on
  the list (the list records people who asked not to be called, not single lines), the same
  rule the call-list import applies to a row.
* :func:`contact_blocked` - the same test as a SQL condition over a contact id column, for
  the call queue's claim query::

      statement = select(Contact).where(..., ~contact_blocked(Contact.id))

* :func:`is_number_blocked` - one E.164 number (e.g. before dialling a number typed by hand).

Numbers are stored in E.164 (``+74951234567``), normalised by the caller
(:mod:`cati.dnc`). Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, exists
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from cati.db.models import DoNotCall, metadata

__all__ = [
    "BlockedNumber",
    "add_numbers",
    "all_numbers",
    "block_contact",
    "contact_blocked",
    "is_blocked",
    "is_number_blocked",
    "list_numbers",
    "remove_number",
]

DO_NOT_CALL: Table = metadata.tables["do_not_call"]
CONTACT_PHONE: Table = metadata.tables["contact_phone"]


@dataclass(frozen=True, slots=True)
class BlockedNumber:
    e164: str
    reason: str
    source: str


def contact_blocked(contact_id: Any) -> ColumnElement[bool]:
    """SQL: true when a number of the contact with id ``contact_id`` is on the list.

    ``contact_id`` is a column (``Contact.id``) or a bound value.
    """
    return exists().where(
        CONTACT_PHONE.c.contact_id == contact_id,
        CONTACT_PHONE.c.e164 == DO_NOT_CALL.c.e164,
    )


def is_blocked(session: Session, contact_id: int) -> bool:
    """True when any number of the contact is on the do-not-call list: do not call them."""
    return bool(session.connection().scalar(select(contact_blocked(contact_id))))


def is_number_blocked(session: Session, e164: str) -> bool:
    statement = select(col(DoNotCall.id)).where(col(DoNotCall.e164) == e164).limit(1)
    return session.exec(statement).first() is not None


def all_numbers(session: Session) -> Iterator[str]:
    """Every number on the list, streamed (for an import to check rows against)."""
    statement = select(col(DoNotCall.e164)).execution_options(yield_per=10_000)
    yield from session.exec(statement)


def list_numbers(session: Session) -> list[DoNotCall]:
    return list(session.exec(select(DoNotCall).order_by(col(DoNotCall.e164))).all())


def add_numbers(session: Session, numbers: Iterable[BlockedNumber], now: datetime) -> list[str]:
    """Add the numbers not yet on the list; returns those added, in the given order.

    ``INSERT ... ON CONFLICT DO NOTHING``: two workstations blocking the same number at once
    both succeed (one adds it, the other finds it there) instead of one failing on the unique
    constraint and losing the request it carried.
    """
    wanted: dict[str, BlockedNumber] = {}
    for number in numbers:
        wanted.setdefault(number.e164, number)
    if not wanted:
        return []
    rows: list[dict[str, Any]] = [
        {"e164": n.e164, "reason": n.reason, "source": n.source, "added_at": now}
        for n in wanted.values()
    ]
    connection = session.connection()
    statement = _insert_for(connection.dialect.name)
    added: set[str] = set()
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        added.update(
            connection.execute(
                statement.on_conflict_do_nothing(index_elements=["e164"]).returning(
                    DO_NOT_CALL.c.e164
                ),
                chunk,
            ).scalars()
        )
    return [e164 for e164 in wanted if e164 in added]


def _insert_for(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql_insert(DO_NOT_CALL)
    if dialect == "sqlite":
        return sqlite_insert(DO_NOT_CALL)
    raise NotImplementedError(f"the do-not-call list does not support {dialect} databases")


def block_contact(
    session: Session, contact_id: int, *, reason: str, source: str, now: datetime
) -> list[str]:
    """Put every number of the contact on the list (the person asked not to be called);
    returns the numbers newly added."""
    numbers = session.connection().scalars(
        select(CONTACT_PHONE.c.e164)
        .where(CONTACT_PHONE.c.contact_id == contact_id)
        .order_by(CONTACT_PHONE.c.position, CONTACT_PHONE.c.id)
    )
    return add_numbers(session, [BlockedNumber(str(e164), reason, source) for e164 in numbers], now)


def remove_number(session: Session, e164: str) -> bool:
    """Take a number off the list; False when it was not on it."""
    result = session.connection().execute(delete(DO_NOT_CALL).where(DO_NOT_CALL.c.e164 == e164))
    return bool(result.rowcount)
