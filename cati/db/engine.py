"""Choosing the database, making engines and sessions.

The default is one SQLite file in the user's data directory: nothing to install for a single
workstation. Several workstations share a PostgreSQL server (``--db`` or
``CATI_DATABASE_URL``, e.g. ``postgresql://cati@server/fieldwork``; psycopg 3 is the driver).
Nothing here runs at import time; the composition root calls these functions.

SQLite transactions. Python's ``sqlite3`` module normally decides itself when to send
``BEGIN``, which breaks SAVEPOINTs and transactional DDL and makes ``BEGIN IMMEDIATE``
impossible. Following SQLAlchemy's pysqlite notes ("Serializable isolation / Savepoints /
Transactional DDL"), the driver's own handling is switched off (``isolation_level=None`` on
every new connection) and a ``begin`` event emits ``BEGIN`` itself. A unit of work that must
hold SQLite's write lock from its first statement (the call queue's claim: read the best
contact, then mark it claimed, with no other workstation in between) asks for
``BEGIN IMMEDIATE`` with ``session_scope(engine, immediate=True)``; on PostgreSQL that flag
changes nothing and the queue uses ``SELECT ... FOR UPDATE SKIP LOCKED`` instead.

The rule (DESIGN.md): every read-then-write is one immediate transaction. On SQLite in WAL
mode a deferred transaction that reads and then writes fails at once with "database is
locked" when another workstation committed in between (the busy timeout cannot help: its
snapshot is stale), so a request a person made would be lost. With
``CATI_STRICT_TRANSACTIONS=1`` in the environment (the test suite sets it) every SQLite
engine checks the units of work of :func:`session_scope` and raises
:class:`DeferredReadThenWrite` at the offending statement, instead of failing only under
contention. A unit that writes first is fine: it waits for the write lock (busy timeout)
and holds it from then on.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, event
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from cati.db.types import json_dumps
from cati.errors import ConfigurationError

__all__ = [
    "DATABASE_URL_VARIABLE",
    "SQLITE_BUSY_TIMEOUT_SECONDS",
    "SQLITE_SYNCHRONOUS_VARIABLE",
    "STRICT_TRANSACTIONS_VARIABLE",
    "DeferredReadThenWrite",
    "create_engine_for",
    "database_url",
    "default_database_url",
    "describe_url",
    "session_scope",
]

DATABASE_URL_VARIABLE = "CATI_DATABASE_URL"
DEFAULT_DATABASE_FILE = "cati.sqlite3"

#: How long a SQLite writer waits for another workstation's write lock before giving up.
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0

#: The SQLite ``synchronous`` setting: NORMAL unless this variable names another (see the
#: module docstring).
SQLITE_SYNCHRONOUS_VARIABLE = "CATI_SQLITE_SYNCHRONOUS"
SQLITE_SYNCHRONOUS_DEFAULT = "NORMAL"
SQLITE_SYNCHRONOUS_CHOICES = ("NORMAL", "FULL", "EXTRA")

#: Execution option read by the ``begin`` hook: "IMMEDIATE" or "EXCLUSIVE" (SQLite only).
SQLITE_BEGIN_OPTION = "cati_sqlite_begin"

#: "1": SQLite engines raise :class:`DeferredReadThenWrite` (see the module docstring).
STRICT_TRANSACTIONS_VARIABLE = "CATI_STRICT_TRANSACTIONS"

_WRITE_VERBS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})
_READ_VERBS = frozenset({"SELECT", "WITH", "VALUES"})
_TRANSACTION = "cati_transaction"  # connection.info key: [begin mode, a read was made]


class DeferredReadThenWrite(RuntimeError):
    """A write after a read in a transaction that did not start with ``BEGIN IMMEDIATE``.

    A programming error: the unit of work must use ``session_scope(engine, immediate=True)``.
    """


WAL_SWITCH_ATTEMPTS = 40  # about 40 s in all, like the busy timeout


def default_database_url() -> str:
    """The SQLite file in the platform's user data directory (the directory is created)."""
    directory = platformdirs.user_data_path("cati", appauthor=False, ensure_exists=True)
    return URL.create("sqlite", database=str(directory / DEFAULT_DATABASE_FILE)).render_as_string()


def database_url(explicit: str | None = None) -> str:
    """The database to use: ``--db URL``, else ``CATI_DATABASE_URL``, else the default file."""
    if explicit:
        return explicit
    from_environment = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if from_environment:
        return from_environment
    return default_database_url()


def describe_url(url: str | URL) -> str:
    """The URL for messages and logs, with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def create_engine_for(url: str | URL, **engine_options: Any) -> Engine:
    """An engine set up for cati: SQLite in WAL mode with foreign keys; PostgreSQL via psycopg.

    ``postgresql://`` and ``postgres://`` URLs get the psycopg 3 driver. ``sqlite://`` (an
    in-memory database, for tests) shares one connection so every session sees the same data.
    Extra keyword arguments go to :func:`sqlalchemy.create_engine`.
    """
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _create_sqlite_engine(parsed, engine_options)
        if backend == "postgresql":
            if parsed.drivername in ("postgresql", "postgres"):
                parsed = parsed.set(drivername="postgresql+psycopg")
            engine_options.setdefault("pool_pre_ping", True)
            return sa_create_engine(parsed, **engine_options)
        return sa_create_engine(parsed, **engine_options)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise ConfigurationError(
            f"cannot use the database {describe_url(parsed)}: {error}. Use a SQLite path "
            "(sqlite:///path/to/file.sqlite3) or a PostgreSQL URL "
            "(postgresql://user@host/database)."
        ) from error


def _parse(url: str | URL) -> URL:
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        return make_url(url)
    except ArgumentError as error:
        raise ConfigurationError(
            f"{describe_url(url)} is not a database URL ({error}). Examples: "
            "sqlite:///C:/data/cati.sqlite3, postgresql://cati@server/fieldwork."
        ) from error


def _create_sqlite_engine(url: URL, engine_options: dict[str, Any]) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory and url.database is not None and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    synchronous = sqlite_synchronous()
    connect_args = dict(engine_options.pop("connect_args", {}))
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
    # Worker threads (the UI runs database work off the GUI thread) borrow pooled
    # connections; each connection is used by one thread at a time.
    connect_args.setdefault("check_same_thread", False)
    engine_options.setdefault("json_serializer", json_dumps)
    if in_memory:
        engine_options.setdefault("poolclass", StaticPool)
    engine = sa_create_engine(url, connect_args=connect_args, **engine_options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "connect", _synchronous_setter(synchronous))
    event.listen(engine, "begin", _on_sqlite_begin)
    if os.environ.get(STRICT_TRANSACTIONS_VARIABLE, "").strip() == "1":
        event.listen(engine, "before_cursor_execute", _check_read_then_write)
        event.listen(engine, "commit", _end_transaction)
        event.listen(engine, "rollback", _end_transaction)
        event.listen(engine.pool, "reset", _reset_connection)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Hand transaction control to SQLAlchemy (see the module docstring).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # WAL: readers never block the writer and vice versa. It is a property of the file
        # (in-memory databases answer "memory" and stay so).
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def sqlite_synchronous() -> str:
    """The SQLite ``synchronous`` setting to use (``CATI_SQLITE_SYNCHRONOUS`` or NORMAL)."""
    asked = os.environ.get(SQLITE_SYNCHRONOUS_VARIABLE, "").strip().upper()
    if not asked:
        return SQLITE_SYNCHRONOUS_DEFAULT
    if asked not in SQLITE_SYNCHRONOUS_CHOICES:
        raise ConfigurationError(
            f"{SQLITE_SYNCHRONOUS_VARIABLE}={asked!r} is not a SQLite synchronous setting cati "
            f"uses; choose one of {', '.join(SQLITE_SYNCHRONOUS_CHOICES)} (FULL and EXTRA wait "
            "for the disk on every commit), or unset it for NORMAL."
        )
    return asked


def _synchronous_setter(synchronous: str) -> Any:
    def set_synchronous(dbapi_connection: Any, connection_record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA synchronous={synchronous}")  # one of the checked names
        finally:
            cursor.close()

    return set_synchronous


def _switch_to_wal(cursor: Any) -> None:
    """Turn WAL on, waiting out another connection that holds the file's lock.

    Changing the journal mode needs the file to itself and SQLite reports "database is
    locked" at once rather than through the busy timeout, so two workstations opening a new
    database together would otherwise fail. Once the file is in WAL mode this returns at
    once.
    """
    for attempt in range(WAL_SWITCH_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_SWITCH_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _on_sqlite_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return  # asked for no transaction: each statement commits by itself
    mode = options.get(SQLITE_BEGIN_OPTION)
    if mode not in (None, "DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}" if mode else "BEGIN")
    # Only the units of work of session_scope name their mode; they are what the strict
    # check watches (ad-hoc sessions of tests and migrations are left alone).
    connection.info[_TRANSACTION] = [mode, False]


def _check_read_then_write(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    transaction = connection.info.get(_TRANSACTION)
    if transaction is None or transaction[0] != "DEFERRED":
        return
    verb = _verb(statement)
    if verb == "read":
        transaction[1] = True
    elif verb == "write" and not transaction[1]:
        transaction[0] = "WRITING"  # the write lock is held from here on: nothing to check
    elif verb == "write":
        raise DeferredReadThenWrite(
            "a write after a read in a deferred SQLite transaction (it fails with 'database "
            "is locked' when another workstation writes in between); open the unit of work "
            f"with session_scope(engine, immediate=True). Statement: {statement[:200]}"
        )


def _verb(statement: str) -> str:
    """Whether the statement is a "read", a "write" or "other" (PRAGMA, SAVEPOINT, DDL)."""
    words = statement.upper().split()
    if not words:
        return "other"
    if words[0] in _WRITE_VERBS:
        return "write"
    if words[0] == "WITH":
        return "write" if _WRITE_VERBS.intersection(words) else "read"
    return "read" if words[0] in _READ_VERBS else "other"


def _end_transaction(connection: Connection) -> None:
    connection.info.pop(_TRANSACTION, None)


def _reset_connection(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
    connection_record.info.pop(_TRANSACTION, None)


@contextmanager
def session_scope(engine: Engine, *, immediate: bool = False) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back if it raises.

    Services own their transactions: "record the outcome, log the attempt, reschedule" is
    one ``with session_scope(engine) as session:`` block. Objects stay readable after the
    commit (``expire_on_commit=False``) so a service can return them.

    ``immediate=True`` takes SQLite's write lock at ``BEGIN`` (``BEGIN IMMEDIATE``): another
    writer waits up to the busy timeout instead of failing half-way with "database is
    locked". Every unit of work that reads and then writes needs it (see the module
    docstring; write-only and read-only units do not). It has no effect on other databases,
    where the queries lock the rows they read before writing them.
    """
    with Session(engine, expire_on_commit=False) as session:
        if engine.dialect.name == "sqlite":
            mode = "IMMEDIATE" if immediate else "DEFERRED"
            session.connection(execution_options={SQLITE_BEGIN_OPTION: mode})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
