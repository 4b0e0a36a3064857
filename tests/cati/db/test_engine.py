"""Choosing the database, SQLite's settings, and units of work."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import select

from cati.db import (
    DATABASE_URL_VARIABLE,
    Study,
    create_engine_for,
    database_url,
    default_database_url,
    describe_url,
    session_scope,
)
from cati.db.engine import (
    SQLITE_SYNCHRONOUS_VARIABLE,
    STRICT_TRANSACTIONS_VARIABLE,
    DeferredReadThenWrite,
)
from cati.errors import ConfigurationError

from ._rows import NOW, add_contact, add_study

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_default_database_is_a_file_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_database_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'cati' / 'cati.sqlite3'}"
    assert (tmp_path / "data" / "cati").is_dir()


def test_explicit_url_wins_over_the_environment_which_wins_over_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    assert database_url() == default_database_url()
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "postgresql://cati@server/fieldwork")
    assert database_url() == "postgresql://cati@server/fieldwork"
    assert database_url("sqlite:///elsewhere.sqlite3") == "sqlite:///elsewhere.sqlite3"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "  ")
    assert database_url() == default_database_url()


def test_plain_postgresql_urls_get_the_psycopg3_driver() -> None:
    for url in ("postgresql://cati@server/fieldwork", "postgres://cati@server/fieldwork"):
        engine = create_engine_for(url)
        assert engine.url.drivername == "postgresql+psycopg"
        assert engine.pool._pre_ping
        engine.dispose()


def test_a_bad_url_is_a_configuration_error_naming_it() -> None:
    with pytest.raises(ConfigurationError, match="not a database URL"):
        create_engine_for("fieldwork on the server")
    with pytest.raises(ConfigurationError, match="cannot use the database"):
        create_engine_for("nosuchdb://server/fieldwork")


def test_passwords_are_hidden_in_messages() -> None:
    assert "s3cret" not in describe_url("postgresql://cati:s3cret@server/fieldwork")


def test_sqlite_directory_is_created(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'new' / 'dir' / 'cati.sqlite3'}")
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()
    assert (tmp_path / "new" / "dir" / "cati.sqlite3").exists()


@SQLITE_ONLY
def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


@SQLITE_ONLY
def test_sqlite_commits_without_waiting_for_the_disk_in_wal_mode(engine: Engine) -> None:
    # synchronous=NORMAL (1): durable across app crashes, the disk flush waits for checkpoints
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1


@pytest.mark.parametrize(("asked", "level"), [("FULL", 2), ("extra", 3), ("Normal", 1)])
def test_sqlite_synchronous_can_be_asked_for_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: str, level: int
) -> None:
    monkeypatch.setenv(SQLITE_SYNCHRONOUS_VARIABLE, asked)
    engine = create_engine_for(f"sqlite:///{tmp_path / 'база.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == level
    finally:
        engine.dispose()


def test_an_unknown_sqlite_synchronous_setting_is_refused_with_the_choices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SQLITE_SYNCHRONOUS_VARIABLE, "OFF")
    with pytest.raises(ConfigurationError) as raised:
        create_engine_for(f"sqlite:///{tmp_path / 'база.sqlite3'}")
    assert "CATI_SQLITE_SYNCHRONOUS='OFF'" in str(raised.value)
    assert "NORMAL, FULL, EXTRA" in str(raised.value)


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            Study(name="x", created_at=NOW)  # a valid parent, then a child of a missing one
        )
        session.flush()
        session.connection().execute(
            text(
                "INSERT INTO segment (study_id, name, position, target_completes) "
                "VALUES (999, 'lost', 0, 10)"
            )
        )


def test_session_scope_commits_on_success_and_rolls_back_on_error(engine: Engine) -> None:
    with session_scope(engine) as session:
        add_study(session, name="kept")
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        add_study(session, name="rolled back")
        raise RuntimeError("the service failed half-way")
    with session_scope(engine) as session:
        names = session.exec(select(Study.name)).all()
    assert names == ["kept"]


def test_objects_stay_readable_after_the_unit_of_work(engine: Engine) -> None:
    with session_scope(engine) as session:
        study = add_study(session, name="returned")
    assert study.name == "returned" and study.id is not None


@SQLITE_ONLY
def test_immediate_unit_of_work_holds_the_write_lock_from_its_start(
    engine: Engine, db_url: str
) -> None:
    path = db_url.removeprefix("sqlite:///")
    with session_scope(engine, immediate=True) as session:
        # Nothing written yet, but the lock is taken: another writer cannot start.
        session.exec(select(func.count()).select_from(Study))
        other = sqlite3.connect(path, timeout=0.05, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            # Readers are never blocked in WAL mode.
            assert other.execute("SELECT count(*) FROM study").fetchone() == (0,)
        finally:
            other.close()


@SQLITE_ONLY
def test_ordinary_unit_of_work_takes_no_lock_until_it_writes(engine: Engine, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    with session_scope(engine) as session:
        session.exec(select(func.count()).select_from(Study))
        other = sqlite3.connect(path, timeout=0.05, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


@SQLITE_ONLY
def test_savepoints_work_on_sqlite(engine: Engine) -> None:
    with session_scope(engine) as session:
        study = add_study(session, name="outer")
        nested = session.begin_nested()
        add_contact(session, study)
        nested.rollback()
    with session_scope(engine) as session:
        assert session.exec(select(Study.name)).all() == ["outer"]
        count = session.exec(select(func.count()).select_from(text("contact"))).one()
        assert count == 0


def test_in_memory_sqlite_is_shared_by_every_session() -> None:
    from cati.db import upgrade_database

    engine = create_engine_for("sqlite://")
    upgrade_database(engine)
    with session_scope(engine) as session:
        add_study(session, name="in memory")
    with session_scope(engine) as session:
        assert session.exec(select(Study.name)).all() == ["in memory"]
    engine.dispose()


@SQLITE_ONLY
def test_autocommit_connections_get_no_transaction(engine: Engine) -> None:
    with engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        autocommit.execute(text("INSERT INTO cati_meta (key, value) VALUES ('probe', 'x')"))
        assert not autocommit.connection.dbapi_connection.in_transaction  # type: ignore[union-attr]
    with engine.connect() as connection:
        value = connection.execute(text("SELECT value FROM cati_meta WHERE key = 'probe'"))
        assert value.scalar_one() == "x"


def block(number: str) -> Any:
    return text(
        "INSERT INTO do_not_call (e164, reason, source, added_at) "
        f"VALUES ('{number}', '', '', '2025-03-10 07:00:00')"
    )


@SQLITE_ONLY
def test_a_deferred_unit_of_work_that_reads_then_writes_is_refused_in_strict_mode(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STRICT_TRANSACTIONS_VARIABLE, "1")
    strict = create_engine_for(db_url)
    try:
        refused = pytest.raises(DeferredReadThenWrite, match="immediate=True")
        with refused, session_scope(strict) as session:
            session.execute(text("SELECT count(*) FROM do_not_call"))
            session.execute(block("+7"))
        with session_scope(strict, immediate=True) as session:  # the fix
            session.execute(text("SELECT count(*) FROM do_not_call"))
            session.execute(block("+7"))
        with session_scope(strict) as session:  # write first: the busy timeout applies
            session.execute(text("UPDATE do_not_call SET reason = 'asked'"))
            session.execute(text("SELECT count(*) FROM do_not_call"))
            session.execute(text("DELETE FROM do_not_call"))
    finally:
        strict.dispose()


@SQLITE_ONLY
def test_a_stale_deferred_read_then_write_fails_at_once_which_immediate_prevents(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the rule exists: SQLite refuses the write of a transaction whose snapshot another
    connection's commit made stale, without waiting for the busy timeout."""
    monkeypatch.delenv(STRICT_TRANSACTIONS_VARIABLE, raising=False)
    loose = create_engine_for(db_url)
    other = create_engine_for(db_url)
    try:
        locked = pytest.raises(OperationalError, match="locked")
        with locked, session_scope(loose) as session:
            session.execute(text("SELECT count(*) FROM do_not_call")).one()
            with session_scope(other) as meanwhile:
                meanwhile.execute(block("+1"))
            session.execute(block("+2"))
    finally:
        loose.dispose()
        other.dispose()
