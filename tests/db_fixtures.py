"""Database fixtures for every test that needs the fieldwork database, on both backends.

Loaded as a pytest plugin (``pytest_plugins = ["tests.db_fixtures"]`` in the root conftest).

* ``engine`` / ``session`` / ``db_url``: a migrated, empty cati database, once on SQLite (a
  real file in ``tmp_path``, WAL mode) and once on PostgreSQL; tests using them run twice,
  with ids ``[sqlite]`` and ``[postgres]``. Nothing one test writes is seen by the next.
* ``empty_db_url``: a brand-new database with no tables, for migration tests.
* ``db_backend``: "sqlite" or "postgres". To run a test on SQLite only, decorate it with
  ``@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)`` (or set that as
  ``pytestmark`` in a module whose every test uses the database).

PostgreSQL is the server at 127.0.0.1:5432 as user ``postgres`` with trust auth
(``CATI_TEST_POSTGRES_URL`` overrides the admin URL). If it is not reachable the PostgreSQL
variants are skipped, except on CI (``CI=true``), where they fail: CI must test both.

Speed: SQLite copies a database migrated once per session; PostgreSQL uses one migrated
database per session (uniquely named, dropped at the end), emptied after each test (ids
start again at 1). A test that changes the schema should use ``empty_db_url`` instead; if one does
anyway, the shared database is noticed to be off head and replaced.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlmodel import Session

from cati.db import create_engine_for, current_revision, head_revision, metadata, upgrade_database

__all__ = [
    "db_backend",
    "db_url",
    "empty_db_url",
    "engine",
    "postgres_server",
    "reachable_postgres_admin_url",
    "session",
]

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]
# Kept across tests: the migration bookkeeping.
_NOT_EMPTIED = {"cati_meta"}


@dataclass
class PostgresServer:
    """The test server: makes uniquely named databases and drops them at the end."""

    admin_url: str
    created: list[str] = field(default_factory=list)

    def create_database(self) -> str:
        name = f"cati_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return self.url_of(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        assert name is not None
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if name in self.created:
            self.created.remove(name)

    def url_of(self, database: str) -> str:
        url = make_url(self.admin_url).set(drivername="postgresql+psycopg", database=database)
        return url.render_as_string(hide_password=False)


def reachable_postgres_admin_url() -> str:
    """The admin URL of the test server; skips the test (fails it on CI) when it is down."""
    admin_url = os.environ.get("CATI_TEST_POSTGRES_URL", POSTGRES_ADMIN_URL)
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        reason = (
            f"PostgreSQL is not reachable at {admin_url} ({str(error).strip()}); start it "
            "(trust auth for user postgres) or set CATI_TEST_POSTGRES_URL"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}. It is required on CI.", pytrace=False)
        pytest.skip(reason)
    return admin_url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server, or a skip (a failure on CI) saying why it is missing."""
    server = PostgresServer(reachable_postgres_admin_url())
    yield server
    for name in list(server.created):
        server.drop_database(server.url_of(name))


@pytest.fixture(params=BACKENDS)
def db_backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: "sqlite" or "postgres"."""
    return str(request.param)


@pytest.fixture
def empty_db_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new database without any tables."""
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cati-db") / "template.sqlite3"
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade_database(engine)
    engine.dispose()  # the last connection checkpoints the WAL into the main file
    return path


class _SharedPostgresDatabase:
    """One migrated database reused by the tests of a session, emptied after each."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self.url: str | None = None

    def acquire(self) -> str:
        if self.url is None:
            self.url = self.server.create_database()
            engine = create_engine_for(self.url)
            try:
                upgrade_database(engine)
            finally:
                engine.dispose()
        return self.url

    def reset(self) -> None:
        """Empty every table; replace the database if a test changed its schema."""
        if self.url is None:
            return
        engine = create_engine_for(self.url)
        try:
            if current_revision(engine) != head_revision():
                raise RuntimeError("schema changed by the test")
            # DELETE, children first, is ~50 times faster than TRUNCATE on small tables.
            tables = [t.name for t in metadata.sorted_tables if t.name not in _NOT_EMPTIED]
            with engine.begin() as connection:
                connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
                connection.exec_driver_sql(
                    "; ".join(f"DELETE FROM {table}" for table in reversed(tables))
                )
                connection.exec_driver_sql(
                    "SELECT setval(c.oid, 1, false) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind = 'S' AND n.nspname = 'public'"
                )
        except Exception:
            # Left locked or altered: start the next test on a fresh database.
            url, self.url = self.url, None
            engine.dispose()
            self.server.drop_database(url)
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def _shared_postgres(postgres_server: PostgresServer) -> _SharedPostgresDatabase:
    return _SharedPostgresDatabase(postgres_server)


@pytest.fixture
def db_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a migrated, empty cati database on the test's backend."""
    if db_backend == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "cati.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    shared: _SharedPostgresDatabase = request.getfixturevalue("_shared_postgres")
    url = shared.acquire()
    try:
        yield url
    finally:
        shared.reset()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a migrated, empty cati database (SQLite and PostgreSQL)."""
    created = create_engine_for(db_url)
    try:
        yield created
    finally:
        created.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on ``engine``; the test commits what it wants kept."""
    with Session(engine, expire_on_commit=False) as opened:
        yield opened
