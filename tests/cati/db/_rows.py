"""Small builders of valid rows for the database tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from cati.db import Contact, ContactPhone, Interviewer, Study

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def add_study(session: Session, name: str = "Loyalty 2025", **fields: Any) -> Study:
    study = Study(name=name, client_name="ООО Ромашка", created_at=NOW, **fields)
    session.add(study)
    session.flush()
    return study


def add_contact(session: Session, study: Study, **fields: Any) -> Contact:
    values: dict[str, Any] = {
        "company": "ООО Ромашка",
        "name": "Иванов Иван",
        "timezone": "Europe/Moscow",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    assert study.id is not None
    contact = Contact(study_id=study.id, **values)
    session.add(contact)
    session.flush()
    return contact


def add_phone(session: Session, contact: Contact, e164: str, position: int = 0) -> ContactPhone:
    assert contact.id is not None
    phone = ContactPhone(
        contact_id=contact.id, study_id=contact.study_id, e164=e164, position=position, raw=e164
    )
    session.add(phone)
    session.flush()
    return phone


def add_interviewer(session: Session, login: str = "anna") -> Interviewer:
    person = Interviewer(
        login=login, display_name=login.title(), password_hash="$argon2id$stub", created_at=NOW
    )
    session.add(person)
    session.flush()
    return person


def id_of(row: Any) -> int:
    """The id of a flushed row (typed ``int | None`` on the model until it is saved)."""
    assert row.id is not None, f"{type(row).__name__} was not flushed"
    return int(row.id)
