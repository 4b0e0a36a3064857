"""Change notifications: screens refresh when something they show changed, never by polling.

Services call :func:`notify` inside their unit of work; the notification goes out when the
transaction commits (never for one that rolls back). The desktop app's change feed
(``context.changes``, :class:`cati.ui.shell.change_feed.ChangeFeed`) delivers it to
subscribers **on the GUI thread**::

    subscription = context.changes.subscribe("attempt", on_change)   # one topic
    subscription = context.changes.subscribe(None, on_change)        # every topic
    ...
    subscription.unsubscribe()   # or call subscription()

``on_change(change)`` receives a :class:`Change` (``topic`` and a small ``payload`` dict with
ids, e.g. ``{"study_id": 1, "contact_id": 7, "outcome": "complete"}``). Topics:

- ``attempt``: a call's outcome was recorded (``study_id``, ``contact_id``, ``interviewer_id``,
  ``outcome``, ``closed``);
- ``interview``: an interview ended or changed status (``study_id``, ``interview_id``,
  ``status``);
- ``answer``: an answer was saved or edited (``study_id``, ``interview_id``, ``question_id``);
- ``alert``: a hot alert was raised or handled (``study_id``, ``kind``);
- ``database``: something changed, we cannot tell what (SQLite: another workstation wrote to
  the database file). Delivered to every subscriber whatever topic it asked for.

How they travel: on PostgreSQL ``pg_notify`` and a background thread that ``LISTEN``\\ s on a
connection of its own (every workstation hears every other); on SQLite the feed watches the
database's ``-wal`` file for other workstations' writes and receives this process's own
notifications directly after each commit.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cati.db import Engine
from cati.db import changes as db

__all__ = [
    "ALERT",
    "ANSWER",
    "ATTEMPT",
    "DATABASE",
    "INTERVIEW",
    "TOPICS",
    "Change",
    "ChangeSource",
    "notify",
]

log = logging.getLogger(__name__)

ATTEMPT, INTERVIEW, ANSWER, ALERT, DATABASE = "attempt", "interview", "answer", "alert", "database"
TOPICS = (ATTEMPT, INTERVIEW, ANSWER, ALERT, DATABASE)


@dataclass(frozen=True)
class Change:
    """One committed change: what kind (``topic``) and the ids it concerns."""

    topic: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    def to_text(self) -> str:
        return json.dumps({"topic": self.topic, **self.payload}, ensure_ascii=False, default=str)

    @classmethod
    def from_text(cls, text: str) -> Change:
        try:
            data = json.loads(text)
        except ValueError:
            return cls(DATABASE, {"raw": text[:200]})
        if not isinstance(data, dict):
            return cls(DATABASE, {})
        topic = str(data.pop("topic", DATABASE))
        return cls(topic, data)


def notify(session: Any, topic: str, payload: Mapping[str, Any] | None = None) -> None:
    """Announce a change from inside a service's transaction (delivered on commit).

    ``payload`` holds ids and short codes only: never names, phones or answers' texts
    (PostgreSQL limits a notification to 8000 bytes, and they may be logged).
    """
    if topic not in TOPICS:
        raise ValueError(f"unknown change topic {topic!r}; use one of {', '.join(TOPICS)}")
    db.publish(session, Change(topic, dict(payload or {})).to_text())


class ChangeSource:
    """Where one database's notifications come from; the UI's feed wraps it.

    :meth:`start` begins delivering :class:`Change` objects to ``deliver`` (called on a
    background thread on PostgreSQL, on the committing thread for this process's SQLite
    changes: the receiver must hand them to its own thread). :attr:`watched_files` names the
    SQLite files whose changes mean "another workstation wrote something".
    """

    def __init__(self, engine: Engine, deliver: Callable[[Change], None]) -> None:
        self.engine = engine
        self.deliver = deliver
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()
        files = db.sqlite_files(engine)
        self.watched_files: tuple[Path, Path] | None = files

    @property
    def listens_to_server(self) -> bool:
        return db.is_postgresql(self.engine)

    def start(self) -> None:
        if self.listens_to_server:
            url = db.listen_url(self.engine)
            self._thread = threading.Thread(
                target=self._listen, args=(url,), name="cati-change-feed", daemon=True
            )
            self._thread.start()
        else:
            db.add_local_listener(self.engine, self._received)
            self.ready.set()

    def _listen(self, url: str) -> None:
        while not self._stop.is_set():
            try:
                db.listen(url, self._received, self._stop, on_ready=self.ready.set)
            except Exception as error:  # the server went away: try again shortly
                log.warning("change notifications interrupted (%s); reconnecting", error)
                self._stop.wait(2.0)

    def _received(self, payload: str) -> None:
        try:
            self.deliver(Change.from_text(payload))
        except Exception:
            log.exception("delivering a change notification failed")

    def stop(self) -> None:
        self._stop.set()
        if not self.listens_to_server:
            db.remove_local_listener(self.engine, self._received)
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None
