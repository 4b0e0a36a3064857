"""Queries about a study's theme dictionary, for :mod:`cati.studies.themes`.

Each function takes the caller's session and never commits: the service owns the unit of work.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from cati.db.models import StudyThemes

__all__ = ["delete_study_themes", "get_study_themes", "put_study_themes"]


def get_study_themes(session: Session, study_id: int) -> StudyThemes | None:
    return session.get(StudyThemes, study_id)


def put_study_themes(session: Session, study_id: int, text: str, now: datetime) -> StudyThemes:
    row = session.get(StudyThemes, study_id, with_for_update=True)
    if row is None:
        row = StudyThemes(study_id=study_id, text=text, updated_at=now)
    else:
        row.text, row.updated_at = text, now
    session.add(row)
    session.flush()
    return row


def delete_study_themes(session: Session, study_id: int) -> bool:
    """Forget the study's own dictionary; True when there was one."""
    row = session.get(StudyThemes, study_id, with_for_update=True)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
