"""Bringing a database to this program's schema when the app starts.

``upgrade_database(engine)`` is called by the composition root before anything else touches
the database:

* an empty database gets every table (all revisions, in one transaction);
* a database at an older revision is upgraded, data kept;
* a database at this program's head is left alone (a read, no lock);
* a database written by a newer cati is refused with :class:`DatabaseTooNew`, which names the
  cati version that last upgraded it: another workstation was updated and this one was not;
* a database with tables but no cati revision is refused with :class:`NotACatiDatabase`;
* a database that cannot be opened is reported with :class:`DatabaseUnavailable`.

The upgrade holds the schema lock (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock)
so two workstations starting at once do not both create the tables. On SQLite, foreign keys
are switched off for the upgrade (they cannot be switched inside a transaction): rebuilding a
table in batch mode drops the old one, and with foreign keys on that drop would cascade and
delete the rows that refer to it. ``PRAGMA foreign_key_check`` runs before the commit.

To write a new revision: change :mod:`cati.db.models`, then
``python -c "from cati.db.migrate import write_revision; write_revision('what changed')"``
(autogenerates a draft against a temporary SQLite database at head), and hand-check it.
"""

from __future__ import annotations

import importlib.metadata
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from cati.db import migrations
from cati.db.engine import SQLITE_BEGIN_OPTION, create_engine_for, describe_url
from cati.db.models import CatiMeta
from cati.errors import CatiError

__all__ = [
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "NotACatiDatabase",
    "alembic_config",
    "current_revision",
    "head_revision",
    "program_version",
    "upgrade_database",
    "write_revision",
]

#: Key in ``cati_meta`` naming the cati version that last changed the schema.
LAST_UPGRADED_BY = "last_upgraded_by"

# Any fixed 64-bit number: the PostgreSQL advisory lock held while the schema changes.
_SCHEMA_LOCK_KEY = 0x0CA71_5C4E3A


class DatabaseTooNew(CatiError):
    """The database was upgraded by a newer cati than this one."""


class NotACatiDatabase(CatiError):
    """The database has tables, but none of them were made by cati."""


class DatabaseUnavailable(CatiError):
    """The database cannot be opened: server down, wrong URL or credentials, not a database."""


def program_version() -> str:
    """This program's version, as installed; "unknown" when running from a bare checkout."""
    try:
        return importlib.metadata.version("cati")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration built in code: the scripts ship inside the package."""
    config = Config()
    config.set_main_option("script_location", "cati.db:migrations")
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("cati ships no database migrations")
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, or None for a database cati has not set up."""
    with engine.connect() as connection:
        return _current_revision(connection)


def upgrade_database(engine: Engine) -> str:
    """Create or upgrade the schema to this program's head; return the revision it is at."""
    head = head_revision()
    try:
        found = current_revision(engine)
    except DBAPIError as error:
        raise DatabaseUnavailable(
            f"cannot open the database {describe_url(engine.url)}: "
            f"{str(error.orig).strip() or type(error.orig).__name__}. Check that the server is "
            "running and the URL, user and password are right (--db URL or "
            "CATI_DATABASE_URL), or that the file is a cati database."
        ) from error
    if found == head:
        return head
    with _schema_lock(engine) as connection:
        # Another workstation may have upgraded while we waited for the lock.
        current = _current_revision(connection)
        if current == head:
            return head
        _refuse_unknown(connection, engine, current)
        command.upgrade(alembic_config(connection), "head")
        _record_program_version(connection)
    return head


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known_revisions() -> set[str]:
    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def _refuse_unknown(connection: Connection, engine: Engine, current: str | None) -> None:
    where = describe_url(engine.url)
    if current is None:
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        if tables:
            listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise NotACatiDatabase(
                f"the database {where} already has tables ({listed}) but was not set up by "
                "cati, so cati will not change it. Give cati an empty database or its own "
                "(--db URL or CATI_DATABASE_URL)."
            )
        return
    if current not in _known_revisions():
        written_by = _last_upgraded_by(connection)
        needed = f"cati {written_by} or newer" if written_by else "a newer cati"
        raise DatabaseTooNew(
            f"the database {where} was upgraded by {needed} (schema revision {current}); this "
            f"cati {program_version()} only knows schema revisions up to {head_revision()}. "
            f"Install {needed} on this workstation (the other workstations have it), or "
            "choose another database with --db URL or CATI_DATABASE_URL."
        )


def _last_upgraded_by(connection: Connection) -> str | None:
    if not inspect(connection).has_table(CatiMeta.__tablename__):
        return None
    value = connection.execute(
        text("SELECT value FROM cati_meta WHERE key = :key"), {"key": LAST_UPGRADED_BY}
    ).scalar_one_or_none()
    return None if value in (None, "", "unknown") else str(value)


def _record_program_version(connection: Connection) -> None:
    table = CatiMeta.__table__  # type: ignore[attr-defined]
    connection.execute(table.delete().where(table.c.key == LAST_UPGRADED_BY))
    connection.execute(table.insert().values(key=LAST_UPGRADED_BY, value=program_version()))


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the schema lock; commits on success."""
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # see the module docstring
            # Batch mode rebuilds a table and renames the copy; without this SQLite refuses
            # the rename while a view (cati_results) names the table.
            raw.execute("PRAGMA legacy_alter_table=ON")
            connection.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY}
                    )
                yield connection
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if raw is not None:
                raw.execute("PRAGMA legacy_alter_table=OFF")
                raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        first = problems[0]
        raise CatiError(
            f"the database upgrade left {len(problems)} broken references (first: table "
            f"{first[0]}, row {first[1]}, to {first[2]}); nothing was changed. Please report "
            "this with the database file."
        )


def write_revision(message: str, *, versions_dir: Path | None = None) -> Path:
    """Autogenerate the draft of the next revision from the models (a developer's tool).

    The draft goes into the package's ``versions`` folder, or ``versions_dir`` if given.
    """
    config = alembic_config()
    if versions_dir is not None:
        shipped = Path(migrations.__file__).parent / "versions"
        config.set_main_option("version_locations", f"{shipped}{os.pathsep}{versions_dir}")
    script = ScriptDirectory.from_config(config)
    next_id = f"{len(list(script.walk_revisions())) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine_for(f"sqlite:///{scratch}/draft.sqlite3")
        try:
            upgrade_database(engine)
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                created = command.revision(
                    config,
                    message=message,
                    autogenerate=True,
                    rev_id=next_id,
                    version_path=str(versions_dir) if versions_dir else None,
                )
        finally:
            engine.dispose()
    if created is None or isinstance(created, list):
        raise RuntimeError("alembic did not write exactly one revision")
    return Path(created.path)
