"""Column types that behave the same on SQLite and PostgreSQL.

Why our own types: SQLite has no time zone type and stores whatever string it is given, while
PostgreSQL's ``timestamptz`` converts to the session time zone on the way out. Fieldwork rules
(calling hours, appointments, lease expiry) compare stored instants, so every timestamp is
stored as UTC and comes back as an aware UTC ``datetime`` on both. Enums are stored as their
text values without a CHECK constraint or a native PostgreSQL ENUM, so adding a value later
needs no table rebuild; the Python side refuses values it does not know.
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import Interval, TypeDecorator, TypeEngine

__all__ = ["JSONValue", "NaiveDatetimeError", "TextEnum", "UTCDateTime", "json_dumps"]

E = TypeVar("E", bound=enum.Enum)


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone was about to be stored.

    A naive datetime is ambiguous (the interviewer's local time? the server's? UTC?), and a
    wrong guess moves a call-back by hours, so it is refused instead of guessed.
    """


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned as an aware UTC ``datetime``.

    On PostgreSQL the column is ``timestamp with time zone``; on SQLite it is the usual
    ISO-like text in UTC without an offset (fixed width, so text order is time order).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        # ``next_call_at + timedelta(hours=3)`` must stay an interval, not a timestamp.
        if isinstance(value, timedelta):
            return Interval()
        return self

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(
                f"refusing to store the naive datetime {value.isoformat()}: cati stores "
                "times in UTC and cannot guess the time zone. Pass an aware datetime, e.g. "
                "clock.now() or value.replace(tzinfo=ZoneInfo('Europe/Moscow'))."
            )
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TextEnum(TypeDecorator[E], Generic[E]):
    """A Python enum stored as its text value in a plain ``VARCHAR`` column."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def __repr__(self) -> str:
        return f"TextEnum({self.enum_class.__name__})"

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        member = self._member(value)
        return str(member.value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self._member(value)

    def _member(self, value: Any) -> E:
        if isinstance(value, self.enum_class):
            return value
        try:
            return self.enum_class(value)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in self.enum_class)
            raise ValueError(
                f"{value!r} is not a valid {self.enum_class.__name__} (expected one of: "
                f"{allowed}). A newer cati may have written it; update this program."
            ) from None


#: JSON documents: ``JSONB`` on PostgreSQL (indexable, compact), JSON text elsewhere.
#: In-place changes to a loaded dict are not tracked: assign a new value to save a change.
JSONValue: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


def json_dumps(value: Any) -> str:
    """Serialise JSON keeping Cyrillic readable in the database file (no ``\\u`` escapes)."""
    return json.dumps(value, ensure_ascii=False)
