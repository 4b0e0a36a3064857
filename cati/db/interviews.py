"""Queries of interviews: start or resume, answers with their edit history, alerts, status.

Every function runs inside the interviewing service's unit of work; an accepted answer, the
answers routing dropped and the alerts it raised are written in one transaction.
Starting an interview checks the segment's quota under a lock (the segment row on
PostgreSQL; the database write lock on SQLite, ``BEGIN IMMEDIATE``), counting completes and
interviews in progress, so parallel interviewers never overshoot a quota.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from cati.db.models import (
    Alert,
    AlertKind,
    Answer,
    AnswerEdit,
    Contact,
    Interview,
    InterviewStatus,
    metadata,
)

__all__ = [
    "ContactFacts",
    "InterviewRow",
    "add_alert",
    "alert_kinds",
    "close_open_interviews",
    "contact_facts",
    "create_interview",
    "drop_answers",
    "interview_answers",
    "latest_script_version",
    "open_interview",
    "quota_room",
    "save_answer",
    "script_text",
    "set_recording_consent",
    "set_status",
    "touch_interview",
]

INTERVIEW = metadata.tables["interview"]
ANSWER = metadata.tables["answer"]
ALERT = metadata.tables["alert"]
CONTACT = metadata.tables["contact"]
SEGMENT = metadata.tables["segment"]
SCRIPT = metadata.tables["script_version"]

_FINISHED = {
    InterviewStatus.COMPLETE,
    InterviewStatus.SCREENED_OUT,
    InterviewStatus.REFUSED,
    InterviewStatus.BROKEN_OFF,
}


@dataclass(frozen=True)
class InterviewRow:
    id: int
    contact_id: int
    script_version_id: int
    seed: int
    language: str
    status: InterviewStatus


@dataclass(frozen=True)
class ContactFacts:
    """What the script may read about the contact (``{contact.company}`` and conditions)."""

    study_id: int
    segment_id: int | None
    timezone: str
    fields: dict[str, Any]


def contact_facts(session: Session, contact_id: int) -> ContactFacts:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise LookupError(f"contact {contact_id}")
    segment_name = None
    if contact.segment_id is not None:
        segment_name = session.execute(
            select(SEGMENT.c.name).where(SEGMENT.c.id == contact.segment_id)
        ).scalar_one_or_none()
    fields: dict[str, Any] = dict(contact.attributes or {})
    fields.update(
        company=contact.company,
        name=contact.name,
        position=contact.position,
        region=contact.region,
        segment=segment_name or "",
    )
    return ContactFacts(contact.study_id, contact.segment_id, contact.timezone, fields)


def latest_script_version(session: Session, study_id: int) -> int | None:
    return session.execute(
        select(SCRIPT.c.id)
        .where(SCRIPT.c.study_id == study_id)
        .order_by(SCRIPT.c.version.desc())
        .limit(1)
    ).scalar_one_or_none()


def script_text(session: Session, script_version_id: int) -> str:
    return str(
        session.execute(select(SCRIPT.c.text).where(SCRIPT.c.id == script_version_id)).scalar_one()
    )


def open_interview(session: Session, contact_id: int) -> InterviewRow | None:
    """The contact's interview in progress, to resume (the newest, should there be two)."""
    row = session.execute(
        select(INTERVIEW)
        .where(
            INTERVIEW.c.contact_id == contact_id,
            INTERVIEW.c.status == InterviewStatus.IN_PROGRESS.value,
        )
        .order_by(INTERVIEW.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return InterviewRow(
        row.id,
        row.contact_id,
        row.script_version_id,
        row.seed,
        row.language,
        InterviewStatus(row.status),
    )


def quota_room(session: Session, segment_id: int | None) -> bool:
    """Whether the segment can take one more interview (locks the segment row on
    PostgreSQL so two starts in the same segment are decided one after the other)."""
    if segment_id is None:
        return True
    target = session.execute(
        select(SEGMENT.c.target_completes).where(SEGMENT.c.id == segment_id).with_for_update()
    ).scalar_one_or_none()
    if not target:
        return True
    taken = session.execute(
        select(func.count())
        .select_from(INTERVIEW.join(CONTACT, CONTACT.c.id == INTERVIEW.c.contact_id))
        .where(
            CONTACT.c.segment_id == segment_id,
            INTERVIEW.c.status.in_(
                [InterviewStatus.COMPLETE.value, InterviewStatus.IN_PROGRESS.value]
            ),
        )
    ).scalar_one()
    return int(taken) < int(target)


def create_interview(
    session: Session,
    *,
    study_id: int,
    contact_id: int,
    script_version_id: int,
    interviewer_id: int,
    seed: int,
    language: str,
    now: datetime,
) -> int:
    interview = Interview(
        study_id=study_id,
        contact_id=contact_id,
        script_version_id=script_version_id,
        interviewer_id=interviewer_id,
        seed=seed,
        language=language,
        started_at=now,
        updated_at=now,
    )
    session.add(interview)
    session.flush()
    assert interview.id is not None
    return interview.id


def interview_answers(session: Session, interview_id: int) -> dict[str, Any]:
    """The stored answers of an interview: question id -> the answer's JSON."""
    return {
        str(qid): value
        for qid, value in session.execute(
            select(ANSWER.c.question_id, ANSWER.c.value).where(
                ANSWER.c.interview_id == interview_id
            )
        )
    }


def save_answer(
    session: Session,
    *,
    interview_id: int,
    question_id: str,
    value: Any,
    other_text: str | None,
    interviewer_id: int,
    now: datetime,
    reason: str = "",
) -> str:
    """Insert or change an answer; a change keeps the old value in ``answer_edit``.

    Returns "created", "edited" or "unchanged".
    """
    existing = session.execute(
        select(ANSWER.c.id, ANSWER.c.value).where(
            ANSWER.c.interview_id == interview_id, ANSWER.c.question_id == question_id
        )
    ).first()
    if existing is None:
        session.add(
            Answer(
                interview_id=interview_id,
                question_id=question_id,
                value=value,
                other_text=other_text,
                answered_at=now,
                interviewer_id=interviewer_id,
            )
        )
        session.flush()
        return "created"
    if existing.value == value:
        return "unchanged"
    session.add(
        AnswerEdit(
            interview_id=interview_id,
            question_id=question_id,
            old_value=existing.value,
            new_value=value,
            edited_at=now,
            edited_by=interviewer_id,
            reason=reason or "changed by the interviewer",
        )
    )
    session.execute(
        update(ANSWER)
        .where(ANSWER.c.id == existing.id)
        .values(value=value, other_text=other_text, answered_at=now, interviewer_id=interviewer_id)
    )
    return "edited"


def drop_answers(
    session: Session,
    *,
    interview_id: int,
    question_ids: list[str],
    interviewer_id: int,
    now: datetime,
    reason: str,
) -> int:
    """Delete answers routing no longer reaches; each deletion is kept in the history."""
    if not question_ids:
        return 0
    rows = session.execute(
        select(ANSWER.c.question_id, ANSWER.c.value).where(
            ANSWER.c.interview_id == interview_id, ANSWER.c.question_id.in_(question_ids)
        )
    ).all()
    for question_id, value in rows:
        session.add(
            AnswerEdit(
                interview_id=interview_id,
                question_id=question_id,
                old_value=value,
                new_value=None,
                edited_at=now,
                edited_by=interviewer_id,
                reason=reason,
            )
        )
    session.execute(
        delete(ANSWER).where(
            ANSWER.c.interview_id == interview_id, ANSWER.c.question_id.in_(question_ids)
        )
    )
    return len(rows)


def alert_kinds(session: Session, interview_id: int) -> set[str]:
    """The alert kinds (script rule kinds for manual ones) already raised in an interview."""
    kinds = set()
    for kind, details in session.execute(
        select(ALERT.c.kind, ALERT.c.details).where(ALERT.c.interview_id == interview_id)
    ):
        kinds.add(str((details or {}).get("rule_kind") or kind))
    return kinds


def add_alert(
    session: Session,
    *,
    study_id: int,
    interview_id: int,
    contact_id: int,
    kind: AlertKind,
    details: dict[str, Any],
    note: str,
    now: datetime,
) -> int:
    alert = Alert(
        study_id=study_id,
        interview_id=interview_id,
        contact_id=contact_id,
        kind=kind,
        details=details,
        note=note,
        created_at=now,
    )
    session.add(alert)
    session.flush()
    assert alert.id is not None
    return alert.id


def touch_interview(session: Session, interview_id: int, now: datetime) -> None:
    session.execute(update(INTERVIEW).where(INTERVIEW.c.id == interview_id).values(updated_at=now))


def set_recording_consent(session: Session, interview_id: int, consent: bool) -> None:
    session.execute(
        update(INTERVIEW).where(INTERVIEW.c.id == interview_id).values(recording_consent=consent)
    )


def set_status(session: Session, interview_id: int, status: InterviewStatus, now: datetime) -> None:
    values: dict[str, Any] = {"status": status.value, "updated_at": now}
    if status in _FINISHED:
        values["completed_at"] = now
    session.execute(update(INTERVIEW).where(INTERVIEW.c.id == interview_id).values(**values))


def close_open_interviews(
    session: Session, contact_id: int, status: InterviewStatus, now: datetime
) -> None:
    """End the contact's interviews still in progress (its case was closed)."""
    session.execute(
        update(INTERVIEW)
        .where(
            INTERVIEW.c.contact_id == contact_id,
            INTERVIEW.c.status == InterviewStatus.IN_PROGRESS.value,
        )
        .values(status=status.value, updated_at=now, completed_at=now)
    )
