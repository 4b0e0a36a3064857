"""The tables agree with the migrations and keep the rules the fieldwork depends on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cati.db import (
    Alert,
    AlertDelivery,
    AlertKind,
    Answer,
    Appointment,
    Attempt,
    Contact,
    ContactPhone,
    DeliveryChannel,
    DoNotCall,
    Interview,
    Interviewer,
    Review,
    ScriptVersion,
    Segment,
    Study,
    metadata,
    session_scope,
)

from ._rows import NOW, add_contact, add_interviewer, add_phone, add_study, id_of


def _differences(engine: Engine, target: sa.MetaData) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, target))


def test_the_models_and_the_migrations_describe_the_same_schema(engine: Engine) -> None:
    # Like `alembic check`: a model changed without a migration shows up here.
    assert _differences(engine, metadata) == []


def test_the_schema_comparison_notices_a_model_change_without_a_migration(
    engine: Engine,
) -> None:
    changed = sa.MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["contact"].append_column(sa.Column("nickname", sa.String()))
    differences = _differences(engine, changed)
    assert [difference[0] for difference in differences] == ["add_column"]


def _interview(session: Session, contact: Contact, person: Interviewer) -> Interview:
    study_id = contact.study_id
    script = ScriptVersion(
        study_id=study_id,
        version=1,
        script_id="b2b_nps",
        title="B2B NPS",
        text="questions: []",
        sha256="0" * 64,
        created_at=NOW,
    )
    session.add(script)
    session.flush()
    assert script.id is not None and contact.id is not None and person.id is not None
    interview = Interview(
        study_id=study_id,
        contact_id=id_of(contact),
        script_version_id=script.id,
        interviewer_id=id_of(person),
        seed=42,
        language="ru",
        started_at=NOW,
        updated_at=NOW,
    )
    session.add(interview)
    session.flush()
    return interview


def test_a_number_is_in_a_study_only_once(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        add_phone(session, add_contact(session, study), "+74951234567")
        other_contact = add_contact(session, study, name="Петров")
        session.commit()
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            add_phone(session, other_contact, "+74951234567")


def test_the_same_number_may_be_in_two_studies(engine: Engine) -> None:
    with session_scope(engine) as session:
        for name in ("Loyalty 2024", "Loyalty 2025"):
            add_phone(session, add_contact(session, add_study(session, name)), "+74951234567")
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(ContactPhone)).one()
    assert count == 2


def test_an_alert_is_delivered_once_per_channel_and_recipient(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        alert = Alert(study_id=id_of(study), kind=AlertKind.DETRACTOR, created_at=NOW)
        session.add(alert)
        session.flush()
        for channel, recipient in [
            (DeliveryChannel.EMAIL, "cx@romashka.ru"),
            (DeliveryChannel.TELEGRAM, "-100123"),
            (DeliveryChannel.EMAIL, "boss@romashka.ru"),
        ]:
            session.add(AlertDelivery(alert_id=id_of(alert), channel=channel, recipient=recipient))
        session.commit()
        session.add(
            AlertDelivery(
                alert_id=id_of(alert), channel=DeliveryChannel.EMAIL, recipient="cx@romashka.ru"
            )
        )
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            session.flush()


def test_a_number_is_on_the_do_not_call_list_once(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(DoNotCall(e164="+74951234567", added_at=NOW))
        session.commit()
        session.add(DoNotCall(e164="+74951234567", added_at=NOW + timedelta(days=1)))
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            session.flush()


def test_a_question_has_one_current_answer_per_interview(engine: Engine) -> None:
    with Session(engine) as session:
        person = add_interviewer(session)
        interview = _interview(session, add_contact(session, add_study(session)), person)
        for value in (9, 3):
            session.add(
                Answer(
                    interview_id=id_of(interview),
                    question_id="nps",
                    value=value,
                    answered_at=NOW,
                    interviewer_id=id_of(person),
                )
            )
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            session.flush()


def test_deleting_a_study_deletes_its_fieldwork_but_not_the_people(engine: Engine) -> None:
    with session_scope(engine) as session:
        person = add_interviewer(session)
        study = add_study(session)
        segment = Segment(study_id=id_of(study), name="lost", position=0, rule="days > 365")
        session.add(segment)
        contact = add_contact(session, study)
        phone = add_phone(session, contact, "+74951234567")
        interview = _interview(session, contact, person)
        session.add(
            Answer(
                interview_id=id_of(interview),
                question_id="nps",
                value=3,
                answered_at=NOW,
                interviewer_id=id_of(person),
            )
        )
        attempt = Attempt(
            study_id=id_of(study),
            contact_id=id_of(contact),
            phone_id=id_of(phone),
            interviewer_id=id_of(person),
            started_at=NOW,
        )
        session.add(attempt)
        session.flush()
        session.add(Review(attempt_id=id_of(attempt), reviewer_id=id_of(person), created_at=NOW))
        session.add(
            Appointment(
                contact_id=id_of(contact), owner_id=id_of(person), starts_at=NOW, created_at=NOW
            )
        )
        session.add(
            Alert(
                study_id=id_of(study),
                contact_id=id_of(contact),
                kind=AlertKind.PROBLEM,
                created_at=NOW,
            )
        )
        study_id = study.id

    with session_scope(engine, immediate=True) as session:
        session.delete(session.get_one(Study, study_id))

    with Session(engine) as session:
        for table in (
            Segment,
            Contact,
            ContactPhone,
            Interview,
            Answer,
            Attempt,
            Review,
            Appointment,
            Alert,
            ScriptVersion,
        ):
            count = session.exec(select(func.count()).select_from(table)).one()
            assert count == 0, table.__name__
        assert session.exec(select(Interviewer.login)).all() == ["anna"]


def test_an_interviewer_with_history_cannot_be_deleted(engine: Engine) -> None:
    with Session(engine) as session:
        person = add_interviewer(session)
        contact = add_contact(session, add_study(session))
        session.add(
            Attempt(
                study_id=contact.study_id,
                contact_id=id_of(contact),
                interviewer_id=id_of(person),
                started_at=NOW,
            )
        )
        session.commit()
        session.delete(person)
        with pytest.raises(IntegrityError):
            session.flush()


def test_an_appointment_whose_owner_is_deleted_opens_to_everyone(engine: Engine) -> None:
    with Session(engine) as session:
        owner = add_interviewer(session, "boris")
        contact = add_contact(session, add_study(session))
        appointment = Appointment(
            contact_id=id_of(contact),
            owner_id=id_of(owner),
            created_by=id_of(owner),
            starts_at=NOW,
            created_at=NOW,
        )
        session.add(appointment)
        session.commit()
        session.delete(owner)
        session.commit()
        session.refresh(appointment)
        assert (appointment.owner_id, appointment.created_by) == (None, None)


def test_deleting_a_segment_leaves_its_contacts_unsegmented(engine: Engine) -> None:
    with Session(engine) as session:
        study = add_study(session)
        segment = Segment(study_id=id_of(study), name="lost", position=0)
        session.add(segment)
        session.flush()
        contact = add_contact(session, study, segment_id=id_of(segment))
        session.commit()
        session.delete(segment)
        session.commit()
        session.refresh(contact)
        assert contact.segment_id is None


def test_a_script_version_in_use_cannot_be_deleted(engine: Engine) -> None:
    with Session(engine) as session:
        interview = _interview(
            session, add_contact(session, add_study(session)), add_interviewer(session)
        )
        session.commit()
        session.delete(session.get_one(ScriptVersion, interview.script_version_id))
        with pytest.raises(IntegrityError):
            session.flush()
