"""Revision 0007: the call queue's partial indexes (one queue state each) are created on
upgrade with the contacts kept, are partial on both backends, and going back restores the
index they replace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from cati.db import create_engine_for, head_revision, upgrade_database
from cati.db.migrate import alembic_config

from ._rows import NOW

PARTIAL = {
    "contact": {
        "ix_contact_due_retry",
        "ix_contact_fresh_pick",
        "ix_contact_claimed_lease",
        "ix_contact_claimed_seat",
    },
    "appointment": {"ix_appointment_pending_contact", "ix_appointment_pending_due"},
}


@pytest.fixture
def engine_at_0006(empty_db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(empty_db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0006")
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
                    " version, created_at, updated_at) VALUES (1, 1, 'ООО Ромашка',"
                    " 'Иванова Анна', '', '', '', 'Europe/Moscow', 'phone', '{}', 'fresh', 0, 0,"
                    " 0, :now, :now)"
                ),
                {"now": NOW},
            )
        yield engine
    finally:
        engine.dispose()


def _indexes(engine: Engine, table: str) -> dict[str, dict[str, object]]:
    with engine.connect() as connection:
        return {ix["name"]: dict(ix) for ix in inspect(connection).get_indexes(table)}


def _index_sql(engine: Engine, name: str) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
        else:
            query = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
        return str(connection.execute(text(query), {"name": name}).scalar_one())


def test_upgrade_adds_the_partial_queue_indexes_and_keeps_the_contacts(
    engine_at_0006: Engine,
) -> None:
    assert upgrade_database(engine_at_0006) == head_revision()
    for table, names in PARTIAL.items():
        assert names <= set(_indexes(engine_at_0006, table))
        for name in names:
            assert "WHERE" in _index_sql(engine_at_0006, name).upper(), name
    assert "ix_contact_fresh_queue" not in _indexes(engine_at_0006, "contact")
    with engine_at_0006.connect() as connection:
        company = connection.execute(text("SELECT company FROM contact WHERE id = 1")).scalar()
    assert company == "ООО Ромашка"


def test_going_back_to_0006_restores_the_index_it_replaced(engine_at_0006: Engine) -> None:
    upgrade_database(engine_at_0006)
    with engine_at_0006.begin() as connection:
        command.downgrade(alembic_config(connection), "0006")
    contact = _indexes(engine_at_0006, "contact")
    assert "ix_contact_fresh_queue" in contact
    assert not PARTIAL["contact"] & set(contact)
    assert not PARTIAL["appointment"] & set(_indexes(engine_at_0006, "appointment"))
