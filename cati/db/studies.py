"""Queries about studies and their script versions, for :mod:`cati.studies`.

Each function takes the caller's session and never commits: the service owns the unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cati.db.models import Contact, ImportBatch, ScriptVersion, Study

__all__ = [
    "Session",
    "StudyNameTaken",
    "StudyRow",
    "find_study",
    "find_study_by_id",
    "import_summaries",
    "insert_script_version",
    "insert_study",
    "latest_script_version",
    "lock_study",
    "script_versions",
    "study_rows",
]


@dataclass(frozen=True)
class StudyRow:
    """A study with what a list of studies shows about it."""

    study: Study
    contacts: int
    script_version: int | None
    script_title: str | None


class StudyNameTaken(Exception):
    """Another workstation created a study of this name meanwhile (PostgreSQL)."""


def insert_study(
    session: Session, *, name: str, client_name: str, default_region: str, now: datetime
) -> Study:
    """Add the study; raises :class:`StudyNameTaken` when the name was taken meanwhile."""
    study = Study(name=name, client_name=client_name, default_region=default_region, created_at=now)
    session.add(study)
    try:
        session.flush()
    except IntegrityError:
        raise StudyNameTaken(name) from None
    return study


def lock_study(session: Session, study_id: int) -> None:
    """Hold the study's row until the transaction ends (PostgreSQL; SQLite's ``BEGIN
    IMMEDIATE`` already holds the database), so two workstations adding a script version
    take turns instead of both choosing the same number."""
    session.exec(select(col(Study.id)).where(col(Study.id) == study_id).with_for_update()).first()


def find_study(session: Session, name: str) -> Study | None:
    """The study with exactly this name, or None."""
    return session.exec(select(Study).where(col(Study.name) == name)).first()


def find_study_by_id(session: Session, study_id: int) -> Study | None:
    return session.get(Study, study_id)


def latest_script_version(session: Session, study_id: int) -> ScriptVersion | None:
    statement = (
        select(ScriptVersion)
        .where(col(ScriptVersion.study_id) == study_id)
        .order_by(col(ScriptVersion.version).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def script_versions(session: Session, study_id: int) -> list[ScriptVersion]:
    statement = (
        select(ScriptVersion)
        .where(col(ScriptVersion.study_id) == study_id)
        .order_by(col(ScriptVersion.version))
    )
    return list(session.exec(statement).all())


def insert_script_version(
    session: Session,
    *,
    study_id: int,
    version: int,
    script_id: str,
    title: str,
    text: str,
    sha256: str,
    now: datetime,
) -> ScriptVersion:
    row = ScriptVersion(
        study_id=study_id,
        version=version,
        script_id=script_id,
        title=title,
        text=text,
        sha256=sha256,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def study_rows(session: Session, *, include_archived: bool = False) -> list[StudyRow]:
    """Every study by name with its contact count and latest script version."""
    contacts = (
        select(col(Contact.study_id), func.count().label("contacts"))
        .group_by(col(Contact.study_id))
        .subquery()
    )
    latest = (
        select(col(ScriptVersion.study_id), func.max(col(ScriptVersion.version)).label("version"))
        .group_by(col(ScriptVersion.study_id))
        .subquery()
    )
    statement = (
        select(Study, contacts.c.contacts, col(ScriptVersion.version), col(ScriptVersion.title))
        .outerjoin(contacts, contacts.c.study_id == col(Study.id))
        .outerjoin(latest, latest.c.study_id == col(Study.id))
        .outerjoin(
            ScriptVersion,
            (col(ScriptVersion.study_id) == col(Study.id))
            & (col(ScriptVersion.version) == latest.c.version),
        )
        .order_by(col(Study.name))
    )
    if not include_archived:
        statement = statement.where(col(Study.archived_at).is_(None))
    return [
        StudyRow(study=study, contacts=count or 0, script_version=version, script_title=title)
        for study, count, version, title in session.exec(statement).all()
    ]


def import_summaries(session: Session, study_id: int) -> list[dict[str, object]]:
    """The stored summaries of a study's imports, oldest first."""
    statement = (
        select(col(ImportBatch.summary))
        .where(col(ImportBatch.study_id) == study_id)
        .order_by(col(ImportBatch.id))
    )
    return [dict(summary or {}) for summary in session.exec(statement).all()]


def delete_study(session: Session, study_id: int) -> None:
    """Delete a study and, through ON DELETE CASCADE, all its fieldwork data."""
    session.execute(delete(Study).where(col(Study.id) == study_id))
