"""Revision 0005: alert deliveries gain a stable message key; a database with queued
deliveries upgrades and sends them with a key, and going back makes an unfinished hand-over a
visible failure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, text

from cati.db import create_engine_for, head_revision, upgrade_database
from cati.db.alerts import claim_due_deliveries
from cati.db.migrate import alembic_config

from ._rows import NOW


@pytest.fixture
def engine_at_0004(empty_db_url: str) -> Iterator[Engine]:
    engine = create_engine_for(empty_db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
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
                    "INSERT INTO alert (id, study_id, kind, details, created_at, status, note)"
                    " VALUES (5, 1, 'detractor', '{}', :now, 'new', 'Клиент раздражён')"
                ),
                {"now": NOW},
            )
            connection.execute(
                text(
                    "INSERT INTO alert_delivery (id, alert_id, channel, recipient, state,"
                    " attempts, next_try_at) VALUES (9, 5, 'email', 'quality@alfa.ru',"
                    " 'pending', 1, :now)"
                ),
                {"now": NOW},
            )
        yield engine
    finally:
        engine.dispose()


def test_queued_deliveries_survive_the_upgrade_and_get_their_key_when_claimed(
    engine_at_0004: Engine,
) -> None:
    assert upgrade_database(engine_at_0004) == head_revision()
    with engine_at_0004.connect() as connection:
        row = connection.execute(
            text("SELECT state, attempts, message_key FROM alert_delivery WHERE id = 9")
        ).one()
    assert tuple(row) == ("pending", 1, None)
    [claim] = claim_due_deliveries(engine_at_0004, NOW, NOW + timedelta(minutes=5), 10)
    assert (claim.id, claim.attempts) == (9, 2) and len(claim.message_key) == 32
    with engine_at_0004.connect() as connection:
        stored = connection.execute(
            text("SELECT message_key FROM alert_delivery WHERE id = 9")
        ).scalar_one()
    assert stored == claim.message_key


def test_going_back_makes_an_unfinished_hand_over_a_failure(engine_at_0004: Engine) -> None:
    upgrade_database(engine_at_0004)
    with engine_at_0004.begin() as connection:
        connection.execute(text("UPDATE alert_delivery SET state = 'maybe_sent' WHERE id = 9"))
        command.downgrade(alembic_config(connection), "0004")
    with engine_at_0004.connect() as connection:
        assert (
            connection.execute(text("SELECT state FROM alert_delivery WHERE id = 9")).scalar_one()
            == "failed"
        )
