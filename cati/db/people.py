"""Queries for the people who sign in (the ``interviewer`` table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, text
from sqlmodel import Session, select

from cati.db.engine import session_scope
from cati.db.models import Interviewer, Role


def find_person(engine: Engine, login: str) -> Interviewer | None:
    """The person whose login is ``login``, case-insensitively (Cyrillic too)."""
    with session_scope(engine) as session:
        return _with_login(session, login)


def _with_login(session: Session, login: str) -> Interviewer | None:
    # Compared in Python: SQLite's lower() folds ASCII letters only ("Анна" stays "Анна").
    # The table holds the few hundred people of an agency at most.
    wanted = login.casefold()
    for person_id, stored in session.exec(select(Interviewer.id, Interviewer.login)):
        if stored.casefold() == wanted:
            return session.get(Interviewer, person_id)
    return None


def get_person(engine: Engine, person_id: int) -> Interviewer | None:
    with session_scope(engine) as session:
        return session.get(Interviewer, person_id)


def add_person(
    engine: Engine, login: str, display_name: str, role: Role, password_hash: str, now: datetime
) -> Interviewer | None:
    """Add the person; None when the login is taken (case-insensitively), checked in the same
    transaction as the insert with other adders held off (SQLite: ``BEGIN IMMEDIATE``;
    PostgreSQL: a lock on the table that lets readers through)."""
    with session_scope(engine, immediate=True) as session:
        if engine.dialect.name == "postgresql":
            session.execute(text("LOCK TABLE interviewer IN SHARE ROW EXCLUSIVE MODE"))
        if _with_login(session, login) is not None:
            return None
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
    with session_scope(engine, immediate=True) as session:
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
