"""The SQL side of change notifications (see :mod:`cati.changes` for what they are for).

PostgreSQL: :func:`publish` runs ``SELECT pg_notify('cati', payload)`` inside the service's
transaction, so the notification is delivered when (and only if) it commits, to every
workstation that :func:`listen`\\ s on a connection of its own.

SQLite has no notifications between processes: other workstations notice a commit through
the database's ``-wal`` file changing (:func:`sqlite_files`). Within this process,
:func:`publish` keeps the payload with the session and hands it to the engine's local
listeners after the commit (nothing when the transaction rolls back).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

__all__ = [
    "CHANNEL",
    "add_local_listener",
    "listen",
    "listen_url",
    "publish",
    "remove_local_listener",
    "sqlite_files",
]

log = logging.getLogger(__name__)

CHANNEL = "cati"
_PENDING = "cati_changes_pending"

PayloadListener = Callable[[str], None]
_local: weakref.WeakKeyDictionary[Engine, list[PayloadListener]] = weakref.WeakKeyDictionary()
_local_lock = threading.Lock()


def publish(session: Session, payload: str) -> None:
    """Announce ``payload`` (a short JSON text) to listeners once ``session`` commits."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
        )
        return
    pending: list[str] | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        engine = bind if isinstance(bind, Engine) else bind.engine
        event.listen(session, "after_commit", _delivery(engine), once=True)
        event.listen(session, "after_rollback", _forget, once=True)
    pending.append(payload)


def _delivery(engine: Engine) -> Callable[[Session], None]:
    def deliver(session: Session) -> None:
        payloads = session.info.pop(_PENDING, [])
        with _local_lock:
            listeners = list(_local.get(engine, ()))
        for payload in payloads:
            for listener in listeners:
                try:
                    listener(payload)
                except Exception:  # a subscriber's bug must not break the service
                    log.exception("a local change listener failed")

    return deliver


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def add_local_listener(engine: Engine, listener: PayloadListener) -> None:
    """Receive the payloads published through ``engine`` in this process (SQLite)."""
    with _local_lock:
        _local.setdefault(engine, []).append(listener)


def remove_local_listener(engine: Engine, listener: PayloadListener) -> None:
    with _local_lock:
        listeners = _local.get(engine, [])
        if listener in listeners:
            listeners.remove(listener)


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def listen_url(engine: Engine) -> str:
    """The engine's PostgreSQL database as a libpq URL (password included) for psycopg."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def listen(
    url: str,
    on_payload: PayloadListener,
    stop: threading.Event,
    *,
    on_ready: Callable[[], None] | None = None,
    poll_seconds: float = 0.5,
) -> None:
    """Block, handing every notification on :data:`CHANNEL` to ``on_payload``, until ``stop``.

    Runs on its own thread with its own autocommit connection (never one of the pool's).
    ``on_ready`` is called once ``LISTEN`` is in effect.
    """
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        if on_ready is not None:
            on_ready()
        while not stop.is_set():
            for notification in connection.notifies(timeout=poll_seconds):
                on_payload(notification.payload)
                if stop.is_set():
                    break


def sqlite_files(engine: Engine) -> tuple[Path, Path] | None:
    """The database file and its ``-wal`` file, or None (in-memory or not SQLite)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database).expanduser().resolve()
    return path, path.with_name(path.name + "-wal")
