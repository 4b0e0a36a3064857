"""Queries for the people who sign in (the ``interviewer`` table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import select

from cati.db.engine import session_scope
from cati.db.models import Interviewer, Role


def find_person(engine: Engine, login: str) -> Interviewer | None:
    with session_scope(engine) as session:
        return session.exec(
            select(Interviewer).where(func.lower(Interviewer.login) == login.lower())
        ).first()


def get_person(engine: Engine, person_id: int) -> Interviewer | None:
    with session_scope(engine) as session:
        return session.get(Interviewer, person_id)


def add_person(
    engine: Engine, login: str, display_name: str, role: Role, password_hash: str, now: datetime
) -> Interviewer:
    with session_scope(engine) as session:
        person = Interviewer(
            login=login,
            display_name=display_name,
            role=role,
            password_hash=password_hash,
            created_at=now,
        )
        session.add(person)
        session.flush()
        return person


def list_people(engine: Engine) -> list[Interviewer]:
    with session_scope(engine) as session:
        return list(session.exec(select(Interviewer).order_by(Interviewer.login)))


def update_person(
    engine: Engine,
    person_id: int,
    *,
    password_hash: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> Interviewer:
    with session_scope(engine) as session:
        person = session.get(Interviewer, person_id)
        if person is None:
            raise LookupError(person_id)
        if password_hash is not None:
            person.password_hash = password_hash
        if role is not None:
            person.role = role
        if active is not None:
            person.active = active
        session.add(person)
        return person
