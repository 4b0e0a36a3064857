"""Queries behind the supervisor dashboard and study setup: progress, calls, alerts, reviews.

Read queries open their own short session; writes (an alert handled, a review, a corrected
answer) are one transaction each, called by :mod:`cati.supervision` which checks the role
first. Counting is done by the database (``GROUP BY``); only the attempt facts of the chosen
period come back as rows, because hours worked are computed per interviewer and day in
Python (the same on both backends).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlmodel import Session, col

from cati.db.contacts import ContactFields, contact_fields_pages
from cati.db.engine import session_scope
from cati.db.models import (
    Alert,
    AlertStatus,
    Answer,
    AnswerEdit,
    Attempt,
    Contact,
    Interview,
    Interviewer,
    InterviewStatus,
    Review,
    ScriptVersion,
    Segment,
    Study,
)
from cati.db.segments import segment_counts

__all__ = [
    "AlertHandling",
    "AnswerChange",
    "AttemptFact",
    "EditableInterview",
    "InterviewFact",
    "RecordedCall",
    "ReviewRow",
    "SegmentProgress",
    "StoredAnswers",
    "add_review",
    "alert_handling",
    "answer_edits",
    "apply_answer_change",
    "attempt_facts",
    "contact_field_pages",
    "editable_interview",
    "interview_facts",
    "mark_alert_handled",
    "people_names",
    "recorded_calls",
    "recording_of",
    "reviews_of",
    "segment_progress",
    "study_name_and_settings",
]


@dataclass(frozen=True)
class SegmentProgress:
    """One segment's fieldwork (``segment_id`` None: contacts without a segment)."""

    segment_id: int | None
    name: str
    target: int
    population: int | None
    contacts: int
    reachable: int
    completes: int
    in_progress: int


@dataclass(frozen=True)
class AttemptFact:
    interviewer_id: int
    started_at: datetime
    ended_at: datetime | None
    duration_seconds: float | None
    outcome: str | None
    disposition: str | None


@dataclass(frozen=True)
class InterviewFact:
    interviewer_id: int
    status: str
    started_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class AlertHandling:
    """What the inbox shows beyond delivery: who handled the alert, when, with what note."""

    alert_id: int
    interview_id: int | None
    details: dict[str, Any]
    note: str
    handled_by: str | None
    handled_at: datetime | None


@dataclass(frozen=True)
class RecordedCall:
    attempt_id: int
    started_at: datetime
    duration_seconds: float | None
    outcome: str | None
    disposition: str | None
    interviewer: str
    company: str
    segment: str
    recording_path: str
    interview_id: int | None
    reviews: int
    last_scores: dict[str, Any] | None


@dataclass(frozen=True)
class ReviewRow:
    id: int
    reviewer: str
    created_at: datetime
    scores: dict[str, Any]
    note: str


@dataclass(frozen=True)
class StoredAnswers:
    """Answers as stored: question id -> the answer's JSON (``other`` folded in)."""

    values: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class EditableInterview:
    interview_id: int
    study_id: int
    status: str
    seed: int
    language: str
    started_at: datetime
    script_text: str
    contact_fields: dict[str, Any]
    timezone: str
    answers: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class AnswerChange:
    """One row of an answer's history: who changed it, when, why, from what to what."""

    question_id: str
    old_value: Any
    new_value: Any
    edited_at: datetime
    edited_by: str
    reason: str


# ---- progress and productivity -------------------------------------------------------------


def segment_progress(engine: Engine, study_id: int) -> list[SegmentProgress]:
    """Per segment, in evaluation order: target, contacts, reachable, completes, in progress."""
    with Session(engine) as session:
        segments = list(
            session.execute(
                select(Segment)
                .where(col(Segment.study_id) == study_id)
                .order_by(col(Segment.position))
            ).scalars()
        )
        counts = {row.segment_id: row for row in segment_counts(session, study_id)}
        running: dict[int | None, int] = dict(
            session.execute(
                select(col(Contact.segment_id), func.count())
                .select_from(Interview)
                .join(Contact, col(Contact.id) == col(Interview.contact_id))
                .where(
                    col(Interview.study_id) == study_id,
                    col(Interview.status) == InterviewStatus.IN_PROGRESS,
                )
                .group_by(col(Contact.segment_id))
            ).all()
        )
    rows = []
    for segment in segments:
        found = counts.get(segment.id)
        rows.append(
            SegmentProgress(
                segment_id=segment.id,
                name=segment.name,
                target=segment.target_completes,
                population=segment.population,
                contacts=found.contacts if found else 0,
                reachable=found.reachable if found else 0,
                completes=found.completes if found else 0,
                in_progress=int(running.get(segment.id, 0)),
            )
        )
    loose = counts.get(None)
    if loose is not None and (loose.contacts or loose.completes):
        rows.append(
            SegmentProgress(
                segment_id=None,
                name="",
                target=0,
                population=None,
                contacts=loose.contacts,
                reachable=loose.reachable,
                completes=loose.completes,
                in_progress=int(running.get(None, 0)),
            )
        )
    return rows


def attempt_facts(
    engine: Engine, study_id: int, since: datetime | None, until: datetime | None
) -> list[AttemptFact]:
    """The calls of the study started in ``[since, until)`` (open ends: no limit)."""
    statement = select(
        col(Attempt.interviewer_id),
        col(Attempt.started_at),
        col(Attempt.ended_at),
        col(Attempt.duration_seconds),
        col(Attempt.outcome),
        col(Attempt.disposition),
    ).where(col(Attempt.study_id) == study_id)
    if since is not None:
        statement = statement.where(col(Attempt.started_at) >= since)
    if until is not None:
        statement = statement.where(col(Attempt.started_at) < until)
    with Session(engine) as session:
        return [AttemptFact(*row) for row in session.execute(statement).all()]


def interview_facts(
    engine: Engine, study_id: int, since: datetime | None, until: datetime | None
) -> list[InterviewFact]:
    """Interviews of the study started or finished in ``[since, until)``."""
    statement = select(
        col(Interview.interviewer_id),
        col(Interview.status),
        col(Interview.started_at),
        col(Interview.completed_at),
    ).where(col(Interview.study_id) == study_id)
    if since is not None:
        statement = statement.where(
            (col(Interview.started_at) >= since) | (col(Interview.completed_at) >= since)
        )
    if until is not None:
        statement = statement.where(col(Interview.started_at) < until)
    with Session(engine) as session:
        return [
            InterviewFact(person, str(getattr(status, "value", status)), started, completed)
            for person, status, started, completed in session.execute(statement).all()
        ]


def people_names(engine: Engine, ids: Sequence[int] | None = None) -> dict[int, str]:
    """Display names of people by id (everyone when ``ids`` is None)."""
    statement = select(col(Interviewer.id), col(Interviewer.display_name))
    if ids is not None:
        if not ids:
            return {}
        statement = statement.where(col(Interviewer.id).in_(list(ids)))
    with Session(engine) as session:
        return {int(i): str(name) for i, name in session.execute(statement).all()}


def study_name_and_settings(engine: Engine, study_id: int) -> tuple[str, dict[str, Any]] | None:
    with Session(engine) as session:
        row = session.execute(
            select(col(Study.name), col(Study.settings)).where(col(Study.id) == study_id)
        ).first()
    return None if row is None else (str(row[0]), dict(row[1] or {}))


# ---- alerts ---------------------------------------------------------------------------------


def alert_handling(engine: Engine, alert_ids: Sequence[int]) -> dict[int, AlertHandling]:
    if not alert_ids:
        return {}
    with Session(engine) as session:
        rows = session.execute(
            select(
                col(Alert.id),
                col(Alert.interview_id),
                col(Alert.details),
                col(Alert.note),
                col(Interviewer.display_name),
                col(Alert.handled_at),
            )
            .outerjoin(Interviewer, col(Interviewer.id) == col(Alert.handled_by))
            .where(col(Alert.id).in_(list(alert_ids)))
        ).all()
    return {
        int(a): AlertHandling(int(a), i, dict(d or {}), str(n or ""), who, when)
        for a, i, d, n, who, when in rows
    }


def mark_alert_handled(
    engine: Engine, alert_id: int, study_id: int, person_id: int, now: datetime, note: str
) -> str:
    """Mark a new alert handled; returns "handled", "already" (someone was first) or "missing"."""
    with session_scope(engine) as session:
        result = session.execute(
            update(Alert)
            .where(
                col(Alert.id) == alert_id,
                col(Alert.study_id) == study_id,
                col(Alert.status) == AlertStatus.NEW,
            )
            .values(status=AlertStatus.HANDLED, handled_by=person_id, handled_at=now, note=note)
        )
        if getattr(result, "rowcount", 0):
            return "handled"
        exists = session.execute(
            select(col(Alert.id)).where(col(Alert.id) == alert_id, col(Alert.study_id) == study_id)
        ).first()
        return "already" if exists else "missing"


# ---- call review ----------------------------------------------------------------------------


def recorded_calls(engine: Engine, study_id: int, limit: int = 500) -> list[RecordedCall]:
    """The newest calls of the study that have a recording, with their review count."""
    with Session(engine) as session:
        rows = session.execute(
            select(Attempt, col(Interviewer.display_name), col(Contact.company), col(Segment.name))
            .join(Interviewer, col(Interviewer.id) == col(Attempt.interviewer_id))
            .join(Contact, col(Contact.id) == col(Attempt.contact_id))
            .outerjoin(Segment, col(Segment.id) == col(Contact.segment_id))
            .where(col(Attempt.study_id) == study_id, col(Attempt.recording_path).is_not(None))
            .order_by(col(Attempt.started_at).desc(), col(Attempt.id).desc())
            .limit(limit)
        ).all()
        ids = [int(a.id or 0) for a, *_ in rows]
        contact_ids = sorted({a.contact_id for a, *_ in rows})
        reviews: dict[int, list[Review]] = {}
        if ids:
            for review in session.execute(
                select(Review).where(col(Review.attempt_id).in_(ids)).order_by(col(Review.id))
            ).scalars():
                reviews.setdefault(review.attempt_id, []).append(review)
        interviews: dict[int, int] = {}
        if contact_ids:
            for contact_id, interview_id in session.execute(
                select(col(Interview.contact_id), func.max(col(Interview.id)))
                .where(col(Interview.contact_id).in_(contact_ids))
                .group_by(col(Interview.contact_id))
            ).all():
                interviews[int(contact_id)] = int(interview_id)
    calls = []
    for attempt, interviewer, company, segment in rows:
        found = reviews.get(int(attempt.id or 0), [])
        calls.append(
            RecordedCall(
                attempt_id=int(attempt.id or 0),
                started_at=attempt.started_at,
                duration_seconds=attempt.duration_seconds,
                outcome=attempt.outcome,
                disposition=attempt.disposition,
                interviewer=str(interviewer),
                company=str(company or ""),
                segment=str(segment or ""),
                recording_path=str(attempt.recording_path),
                interview_id=interviews.get(attempt.contact_id),
                reviews=len(found),
                last_scores=dict(found[-1].scores) if found else None,
            )
        )
    return calls


def recording_of(engine: Engine, attempt_id: int) -> tuple[int, str | None] | None:
    """``(study id, recording path)`` of a call, or None when there is no such call."""
    with Session(engine) as session:
        row = session.execute(
            select(col(Attempt.study_id), col(Attempt.recording_path)).where(
                col(Attempt.id) == attempt_id
            )
        ).first()
    return None if row is None else (int(row[0]), row[1])


def add_review(
    engine: Engine,
    *,
    attempt_id: int,
    interview_id: int | None,
    reviewer_id: int,
    scores: dict[str, Any],
    note: str,
    now: datetime,
) -> int:
    with session_scope(engine) as session:
        review = Review(
            attempt_id=attempt_id,
            interview_id=interview_id,
            reviewer_id=reviewer_id,
            scores=scores,
            note=note,
            created_at=now,
        )
        session.add(review)
        session.flush()
        return int(review.id or 0)


def reviews_of(engine: Engine, attempt_id: int) -> list[ReviewRow]:
    with Session(engine) as session:
        rows = session.execute(
            select(Review, col(Interviewer.display_name))
            .join(Interviewer, col(Interviewer.id) == col(Review.reviewer_id))
            .where(col(Review.attempt_id) == attempt_id)
            .order_by(col(Review.created_at), col(Review.id))
        ).all()
    return [
        ReviewRow(int(r.id or 0), str(name), r.created_at, dict(r.scores), r.note)
        for r, name in rows
    ]


# ---- answer corrections ---------------------------------------------------------------------


def _answers(session: Session, interview_id: int) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for question_id, value, other in session.execute(
        select(col(Answer.question_id), col(Answer.value), col(Answer.other_text)).where(
            col(Answer.interview_id) == interview_id
        )
    ):
        stored = dict(value) if isinstance(value, dict) else {"value": value}
        if other and not stored.get("other"):
            stored["other"] = other
        found[str(question_id)] = stored
    return found


def editable_interview(engine: Engine, interview_id: int) -> EditableInterview | None:
    """An interview with its script text, contact fields and answers, for a correction."""
    with Session(engine) as session:
        row = session.execute(
            select(Interview, col(ScriptVersion.text), Contact, col(Segment.name))
            .join(ScriptVersion, col(ScriptVersion.id) == col(Interview.script_version_id))
            .join(Contact, col(Contact.id) == col(Interview.contact_id))
            .outerjoin(Segment, col(Segment.id) == col(Contact.segment_id))
            .where(col(Interview.id) == interview_id)
        ).first()
        if row is None:
            return None
        interview, text, contact, segment = row
        fields: dict[str, Any] = dict(contact.attributes or {})
        fields.update(
            company=contact.company,
            name=contact.name,
            position=contact.position,
            region=contact.region,
            segment=segment or "",
        )
        return EditableInterview(
            interview_id=interview_id,
            study_id=interview.study_id,
            status=str(interview.status.value),
            seed=interview.seed,
            language=interview.language,
            started_at=interview.started_at,
            script_text=str(text),
            contact_fields=fields,
            timezone=contact.timezone,
            answers=_answers(session, interview_id),
        )


def apply_answer_change(
    engine: Engine,
    *,
    interview_id: int,
    expected: dict[str, dict[str, Any]],
    question_id: str,
    new_value: dict[str, Any],
    dropped: Sequence[str],
    editor_id: int,
    now: datetime,
    reason: str,
) -> bool:
    """Write a supervisor's correction and the answers it drops, each logged in
    ``answer_edit``; False (nothing written) when the answers changed since they were read.

    The answer keeps its interviewer: ``answer_edit.edited_by`` records who corrected it.
    """
    with session_scope(engine, immediate=True) as session:
        if engine.dialect.name == "postgresql":
            session.execute(
                select(col(Interview.id)).where(col(Interview.id) == interview_id).with_for_update()
            )
        if _answers(session, interview_id) != expected:
            return False
        old = expected.get(question_id)
        value = dict(new_value)  # stored as the interview stores it: the answer's JSON
        other = new_value.get("other")
        if old is None:
            interviewer = session.execute(
                select(col(Interview.interviewer_id)).where(col(Interview.id) == interview_id)
            ).scalar_one()
            session.add(
                Answer(
                    interview_id=interview_id,
                    question_id=question_id,
                    value=value,
                    other_text=other,
                    answered_at=now,
                    interviewer_id=int(interviewer),
                )
            )
        else:
            session.execute(
                update(Answer)
                .where(
                    col(Answer.interview_id) == interview_id, col(Answer.question_id) == question_id
                )
                .values(value=value, other_text=other)
            )
        session.add(
            AnswerEdit(
                interview_id=interview_id,
                question_id=question_id,
                old_value=old,
                new_value=new_value,
                edited_at=now,
                edited_by=editor_id,
                reason=reason,
            )
        )
        gone = [qid for qid in dropped if qid in expected and qid != question_id]
        for qid in gone:
            session.add(
                AnswerEdit(
                    interview_id=interview_id,
                    question_id=qid,
                    old_value=expected[qid],
                    new_value=None,
                    edited_at=now,
                    edited_by=editor_id,
                    reason=f"not asked any more after the correction of {question_id}: {reason}",
                )
            )
        if gone:
            session.execute(
                delete(Answer).where(
                    col(Answer.interview_id) == interview_id, col(Answer.question_id).in_(gone)
                )
            )
        session.execute(
            update(Interview).where(col(Interview.id) == interview_id).values(updated_at=now)
        )
    return True


def answer_edits(engine: Engine, interview_id: int) -> list[AnswerChange]:
    with Session(engine) as session:
        rows = session.execute(
            select(AnswerEdit, col(Interviewer.display_name))
            .join(Interviewer, col(Interviewer.id) == col(AnswerEdit.edited_by))
            .where(col(AnswerEdit.interview_id) == interview_id)
            .order_by(col(AnswerEdit.edited_at), col(AnswerEdit.id))
        ).all()
    return [
        AnswerChange(e.question_id, e.old_value, e.new_value, e.edited_at, str(name), e.reason)
        for e, name in rows
    ]


# ---- setup ----------------------------------------------------------------------------------


def contact_field_pages(engine: Engine, study_id: int) -> Iterator[list[ContactFields]]:
    """The study's contact fields a page at a time (for live segment counts)."""
    with Session(engine) as session:
        yield from contact_fields_pages(session, study_id)
