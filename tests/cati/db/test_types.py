"""Timestamps, JSON and enums come back from both databases as they went in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import StatementError
from sqlmodel import Session, col, select

from cati.db import Contact, ContactState, NaiveDatetimeError, Study

from ._rows import NOW, add_contact, add_study

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_aware_times_come_back_as_the_same_instant_in_utc(engine: Engine) -> None:
    vladivostok = datetime(2025, 3, 14, 18, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Vladivostok"))
    with Session(engine) as session:
        study = add_study(session)
        contact = add_contact(session, study, next_call_at=vladivostok)
        session.commit()
        contact_id = contact.id

    with Session(engine) as session:
        stored = session.get_one(Contact, contact_id)
        assert stored.next_call_at == vladivostok
        assert stored.next_call_at is not None
        assert stored.next_call_at.tzinfo is UTC
        assert stored.next_call_at.hour == 8  # 18:00 in Vladivostok (UTC+10)
        assert stored.next_call_at.microsecond == 123456
        assert stored.created_at == NOW
        assert stored.created_at.tzinfo is UTC


def test_naive_time_is_refused_with_a_clear_message(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        contact = add_contact(session, study)
        contact.next_call_at = datetime(2025, 3, 14, 18, 0)
        with pytest.raises(StatementError) as raised:
            session.flush()
    assert isinstance(raised.value.orig, NaiveDatetimeError)
    assert "naive datetime 2025-03-14T18:00:00" in str(raised.value)
    assert "UTC" in str(raised.value)


def test_comparisons_use_the_instant_not_the_wall_clock(engine: Engine) -> None:
    # 12:00 in Moscow (UTC+3) is 09:00 UTC: due at 09:30 UTC, not due at 08:30 UTC.
    moscow_noon = datetime(2025, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    with Session(engine) as session:
        study = add_study(session)
        add_contact(session, study, next_call_at=moscow_noon)
        session.commit()
        due = select(Contact.id).where(col(Contact.next_call_at) <= NOW)
        assert len(session.exec(due).all()) == 1
        earlier = NOW - timedelta(hours=1)
        not_due = select(Contact.id).where(col(Contact.next_call_at) <= earlier)
        assert session.exec(not_due).all() == []


@SQLITE_ONLY
def test_sqlite_stores_utc_text_that_sorts_in_time_order(engine: Engine) -> None:
    plus_five = timezone(timedelta(hours=5))
    with Session(engine) as session:
        study = add_study(session)
        add_contact(session, study, next_call_at=datetime(2025, 3, 14, 14, 0, tzinfo=plus_five))
        session.commit()
        raw = session.connection().execute(text("SELECT next_call_at FROM contact")).scalar_one()
    assert raw == "2025-03-14 09:00:00.000000"


def test_json_attributes_keep_cyrillic_and_nesting(engine: Engine) -> None:
    attributes = {
        "Менеджер": "Петрова Ольга",
        "выручка": 1234567.89,
        "продукты": ["Цемент М500", "Щебень"],
        "последний заказ": {"дата": "2024-03-12", "сумма": None},
    }
    with Session(engine) as session:
        study = add_study(session, name="Лояльность 2025", settings={"регион": "RU"})
        contact = add_contact(session, study, attributes=attributes)
        session.commit()
        contact_id, study_id = contact.id, study.id

    with Session(engine) as session:
        assert session.get_one(Contact, contact_id).attributes == attributes
        stored_study = session.get_one(Study, study_id)
        assert stored_study.name == "Лояльность 2025"
        assert stored_study.settings == {"регион": "RU"}


@SQLITE_ONLY
def test_sqlite_json_is_readable_text_not_escapes(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        add_contact(session, study, attributes={"Менеджер": "Петрова"})
        session.commit()
        raw = session.connection().execute(text("SELECT attributes FROM contact")).scalar_one()
    assert raw == '{"Менеджер": "Петрова"}'


def test_enums_are_stored_as_their_text_values(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        contact = add_contact(session, study, state=ContactState.SCHEDULED)
        session.commit()
        raw = session.connection().execute(text("SELECT state FROM contact")).scalar_one()
        assert raw == "scheduled"
        session.expire_all()
        assert session.get_one(Contact, contact.id).state is ContactState.SCHEDULED


def test_an_unknown_enum_value_in_the_database_is_reported(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        add_contact(session, study)
        session.commit()
        session.connection().execute(text("UPDATE contact SET state = 'parked'"))
        session.commit()
        with pytest.raises(ValueError, match="'parked' is not a valid ContactState"):
            session.exec(select(Contact)).all()
