"""The app creates, upgrades, or refuses a database at start, never guessing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, text
from sqlmodel import Session, select

from cati.db import (
    Contact,
    DatabaseTooNew,
    DatabaseUnavailable,
    NotACatiDatabase,
    Study,
    create_engine_for,
    current_revision,
    head_revision,
    metadata,
    upgrade_database,
)
from cati.db.migrate import LAST_UPGRADED_BY, _schema_lock, alembic_config, write_revision

from ._rows import NOW, add_contact, add_study

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


@pytest.fixture
def empty_engine(empty_db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(empty_db_url)
    try:
        yield engine
    finally:
        engine.dispose()


def _migrate_to(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_an_empty_database_is_created_at_head(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    assert upgrade_database(empty_engine) == head_revision()
    assert current_revision(empty_engine) == head_revision()
    assert _tables(empty_engine) == set(metadata.tables) | {"alembic_version"}
    with empty_engine.connect() as connection:
        recorded = connection.execute(
            text("SELECT value FROM cati_meta WHERE key = :key"), {"key": LAST_UPGRADED_BY}
        ).scalar_one()
    assert recorded  # the program version, or "unknown" in a bare checkout


def test_upgrading_a_current_database_changes_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        add_study(session, name="kept")
        session.commit()
    assert upgrade_database(engine) == head_revision()
    with Session(engine) as session:
        assert list(session.exec(select(Study.name))) == ["kept"]


def test_upgrade_from_0001_to_0002_keeps_the_data(empty_engine: Engine) -> None:
    _migrate_to(empty_engine, "0001")
    assert current_revision(empty_engine) == "0001"
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO study (id, name, client_name, default_region, settings, status,"
                " created_at) VALUES (1, 'Лояльность', 'ООО Ромашка', 'RU', '{}', 'active',"
                " :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO contact (id, study_id, company, name, position, email, region,"
                " timezone, timezone_source, attributes, state, attempt_count, priority,"
                " version, created_at, updated_at, claim_expires_at) VALUES (7, 1,"
                " 'ООО Ромашка', 'Иванов', 'CEO', '', 'Москва', 'Europe/Moscow', 'phone',"
                " '{\"выручка\": 12}', 'claimed', 2, 0, 3, :now, :now, :now)"
            ),
            {"now": NOW},
        )

    assert upgrade_database(empty_engine) == head_revision()

    with Session(empty_engine) as session:
        study = session.get_one(Study, 1)
        assert (study.name, study.archived_at, study.created_at) == ("Лояльность", None, NOW)
        contact = session.get_one(Contact, 7)
        assert contact.attributes == {"выручка": 12}
        assert (contact.attempt_count, contact.version, contact.claim_expires_at) == (2, 3, NOW)
    with empty_engine.connect() as connection:
        indexes = {index["name"] for index in inspect(connection).get_indexes("contact")}
    assert "ix_contact_state_claim_expires_at" in indexes


def test_every_revision_can_be_undone_and_redone(empty_engine: Engine) -> None:
    upgrade_database(empty_engine)
    with empty_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert _tables(empty_engine) <= {"alembic_version"}
    assert upgrade_database(empty_engine) == head_revision()


@pytest.mark.parametrize(
    ("written_by", "expected"),
    [("9.1.0", "cati 9.1.0 or newer"), ("unknown", "a newer cati")],
)
def test_a_database_from_a_newer_cati_is_refused_saying_what_to_install(
    empty_engine: Engine, written_by: str, expected: str
) -> None:
    engine = empty_engine  # not the shared test database: this test moves its revision
    upgrade_database(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        connection.execute(
            text("UPDATE cati_meta SET value = :version WHERE key = :key"),
            {"version": written_by, "key": LAST_UPGRADED_BY},
        )
    with pytest.raises(DatabaseTooNew) as raised:
        upgrade_database(engine)
    message = str(raised.value)
    assert f"upgraded by {expected} (schema revision 0099)" in message
    assert f"up to {head_revision()}" in message
    assert "--db" in message
    assert current_revision(engine) == "0099"  # left as it was


def test_a_database_of_another_program_is_refused_and_left_alone(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        connection.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY)"))
    with pytest.raises(NotACatiDatabase, match=r"already has tables \(customers\)"):
        upgrade_database(empty_engine)
    assert _tables(empty_engine) == {"customers"}


def test_two_workstations_starting_at_once_both_get_a_ready_database(
    empty_db_url: str,
) -> None:
    engines = [create_engine_for(empty_db_url) for _ in range(2)]
    results: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def start_workstation(engine: Engine) -> None:
        try:
            start.wait()
            results.append(upgrade_database(engine))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=start_workstation, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert results == [head_revision()] * 2


@SQLITE_ONLY
def test_rebuilding_a_table_during_an_upgrade_keeps_the_rows_that_refer_to_it(
    engine: Engine,
) -> None:
    # Batch mode rebuilds a SQLite table by copying it and dropping the old one. With foreign
    # keys on, that DROP would cascade and delete every contact of every study; the upgrade
    # therefore runs with foreign keys off and checks them before committing.
    with Session(engine) as session:
        add_contact(session, add_study(session))
        session.commit()

    with _schema_lock(engine) as connection:
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("study", recreate="always"):
            pass

    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Contact)).one() == 1
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@SQLITE_ONLY
def test_without_the_upgrade_precautions_a_table_rebuild_would_lose_data(
    engine: Engine,
) -> None:
    # The danger the test above guards against, shown once so nobody "simplifies" it away.
    with Session(engine) as session:
        add_contact(session, add_study(session))
        session.commit()
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")  # as upgrades do (views)
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("study", recreate="always"):
            pass
        connection.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Contact)).one() == 0


def test_an_unreachable_server_is_reported_with_what_to_check() -> None:
    engine = create_engine_for("postgresql://cati:s3cret@127.0.0.1:1/fieldwork")
    with pytest.raises(DatabaseUnavailable) as raised:
        upgrade_database(engine)
    message = str(raised.value)
    assert "cannot open the database postgresql+psycopg://cati:***@127.0.0.1:1/fieldwork" in message
    assert "CATI_DATABASE_URL" in message


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Список звонков на понедельник\n" * 100, encoding="utf-8")
    engine = create_engine_for(f"sqlite:///{path}")
    with pytest.raises(DatabaseUnavailable, match="cannot open the database"):
        upgrade_database(engine)
    engine.dispose()


def test_a_new_revision_drafted_now_would_be_empty(tmp_path: Path) -> None:
    # The developer's tool works, and finds nothing to migrate: models and revisions agree.
    draft = write_revision("nothing changed", versions_dir=tmp_path)
    text_of_draft = draft.read_text(encoding="utf-8")
    assert draft.parent == tmp_path
    assert f'down_revision: str | None = "{head_revision()}"' in text_of_draft.replace("'", '"')
    upgrade_body = text_of_draft.split("def upgrade() -> None:")[1].split("def downgrade")[0]
    statements = [line.strip() for line in upgrade_body.splitlines()]
    assert [line for line in statements if line and not line.startswith("#")] == ["pass"]


def test_upgrade_from_0004_adds_study_themes_and_keeps_the_studies(empty_engine: Engine) -> None:
    _migrate_to(empty_engine, "0004")
    assert "study_themes" not in _tables(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO study (id, name, client_name, default_region, settings, status,"
                " created_at) VALUES (1, 'Лояльность', 'ООО Ромашка', 'RU', '{}', 'active',"
                " :now)"
            ),
            {"now": NOW},
        )
    assert upgrade_database(empty_engine) == head_revision()
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM study_themes")).scalar() == 0
        connection.execute(
            text("INSERT INTO study_themes (study_id, text, updated_at) VALUES (1, 'x', :now)"),
            {"now": NOW},
        )
        connection.execute(text("DELETE FROM study WHERE id = 1"))
        assert connection.execute(text("SELECT count(*) FROM study_themes")).scalar() == 0
