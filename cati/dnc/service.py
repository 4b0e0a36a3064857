"""The do-not-call list: people who asked not to be called, blocked in every study.

Adding a number leaves contacts already in studies as they are (their history is kept); the
call queue skips any contact with a blocked number (:func:`cati.db.do_not_call.is_blocked`
and :func:`~cati.db.do_not_call.contact_blocked` for its query), and the call-list import
rejects such rows as ``do_not_call``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cati.clock import Clock, SystemClock
from cati.db import do_not_call as queries
from cati.db import session_scope
from cati.db.do_not_call import BlockedNumber
from cati.dnc.numbers import InvalidNumber, LineProblem, normalise_number, read_number_file
from cati.errors import NotFoundError

if TYPE_CHECKING:
    from cati.db import Engine

__all__ = [
    "DoNotCallChange",
    "DoNotCallEntry",
    "add_to_do_not_call",
    "import_do_not_call",
    "list_do_not_call",
    "remove_from_do_not_call",
]


@dataclass(frozen=True)
class DoNotCallEntry:
    e164: str
    reason: str
    source: str
    added_at: datetime

    def to_dict(self) -> dict[str, str]:
        return {
            "number": self.e164,
            "reason": self.reason,
            "source": self.source,
            "added_at": self.added_at.isoformat(),
        }


@dataclass(frozen=True)
class DoNotCallChange:
    """Numbers newly blocked, numbers that already were, and lines without a number."""

    added: list[str]
    already: list[str]
    problems: list[LineProblem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "already_listed": self.already,
            "problems": [
                {"line": p.line, "text": p.text, "message": p.message} for p in self.problems
            ],
        }


def _save(
    engine: Engine, numbers: Sequence[str], reason: str, source: str, now: datetime
) -> DoNotCallChange:
    entries = [BlockedNumber(e164=n, reason=reason, source=source) for n in numbers]
    with session_scope(engine, immediate=True) as session:
        added = queries.add_numbers(session, entries, now)
    fresh = set(added)
    already = list(dict.fromkeys(n for n in numbers if n not in fresh))
    return DoNotCallChange(added=added, already=already)


def add_to_do_not_call(
    engine: Engine,
    numbers: Sequence[str],
    *,
    reason: str = "",
    region: str = "RU",
    source: str = "added by hand",
    clock: Clock | None = None,
) -> DoNotCallChange:
    """Block the numbers (as people write them); all are checked before any is added."""
    normalised: list[str] = []
    bad: list[str] = []
    for number in numbers:
        try:
            normalised.append(normalise_number(number, region))
        except InvalidNumber as error:
            bad.append(str(error))
    if bad:
        raise InvalidNumber("nothing was added: " + "; ".join(bad))
    return _save(engine, normalised, reason.strip(), source, (clock or SystemClock()).now())


def import_do_not_call(
    engine: Engine,
    path: str | Path,
    *,
    reason: str = "",
    region: str = "RU",
    clock: Clock | None = None,
) -> DoNotCallChange:
    """Block every number of a file; lines without a valid number are returned as problems."""
    found = read_number_file(path, region)
    change = _save(
        engine,
        [number for _line, number in found.numbers],
        reason.strip(),
        Path(path).name,
        (clock or SystemClock()).now(),
    )
    return DoNotCallChange(added=change.added, already=change.already, problems=found.problems)


def list_do_not_call(engine: Engine) -> list[DoNotCallEntry]:
    with session_scope(engine) as session:
        rows = queries.list_numbers(session)
    return [DoNotCallEntry(r.e164, r.reason, r.source, r.added_at) for r in rows]


def remove_from_do_not_call(engine: Engine, number: str, *, region: str = "RU") -> str:
    """Unblock a number; returns its E.164 form."""
    e164 = normalise_number(number, region)
    with session_scope(engine, immediate=True) as session:
        removed = queries.remove_number(session, e164)
    if not removed:
        raise NotFoundError(f"{e164} is not on the do-not-call list (cati dnc list shows it)")
    return e164
