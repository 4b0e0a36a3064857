"""Reading a study's results for exports and the BI view ``cati_results``.

:func:`load_study_results` returns plain records (:mod:`cati.exports.records`): no ORM object
leaves this module. Personal data (name, position, e-mail, phones) is read only when asked
for. The per-study pseudonym key lives in ``study.settings["exports"]["pseudonym_key"]``;
:func:`ensure_pseudonym_key` creates it once, under a lock, so two workstations exporting at
the same moment agree on it.

The view ``cati_results`` itself is created by migration 0004
(``cati/db/migrations/versions/0004_results_view.py``), which holds its SQL.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from cati.db.engine import session_scope
from cati.db.models import (
    Answer,
    Attempt,
    Contact,
    ContactPhone,
    Interview,
    Interviewer,
    ScriptVersion,
    Segment,
    Study,
)
from cati.errors import NotFoundError
from cati.exports.pseudonyms import new_pseudonym_key, pseudonym
from cati.exports.records import ContactDetails, InterviewRecord, SegmentRecord, StudyResults

__all__ = [
    "RESULTS_VIEW",
    "active_study_settings",
    "ensure_pseudonym_key",
    "find_study",
    "load_study_results",
    "study_settings",
]

RESULTS_VIEW = "cati_results"
SETTINGS_SECTION = "exports"
KEY_NAME = "pseudonym_key"


def find_study(session: Session, reference: str | int) -> Study:
    """The study named ``reference`` (its name, or its number)."""
    text = str(reference).strip()
    study = session.exec(select(Study).where(Study.name == text)).first()
    if study is None and text.isdigit():
        study = session.get(Study, int(text))
    if study is None:
        names = session.exec(select(Study.name).order_by(Study.name).limit(10)).all()
        known = ", ".join(repr(n) for n in names) or "none yet"
        raise NotFoundError(
            f"there is no study {text!r} in this database (studies: {known}); give the "
            "study's name or number"
        )
    return study


def study_settings(engine: Engine, reference: str | int) -> tuple[int, dict[str, Any]]:
    """The study's number and a copy of its settings."""
    with Session(engine) as session:
        study = find_study(session, reference)
        return int(study.id or 0), dict(study.settings)


def active_study_settings(engine: Engine) -> list[tuple[int, dict[str, Any]]]:
    """Number and settings of every study not archived (for timers that visit them all)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Study.id, Study.settings).where(col(Study.archived_at).is_(None))
        ).all()
        return [(int(s_id or 0), dict(settings or {})) for s_id, settings in rows]


def ensure_pseudonym_key(engine: Engine, study_id: int) -> str:
    """The study's pseudonym key, created (and committed) on first use."""
    with session_scope(engine, immediate=True) as session:
        query = select(Study).where(Study.id == study_id)
        if engine.dialect.name == "postgresql":
            query = query.with_for_update()
        study = session.exec(query).one()
        section = dict(study.settings.get(SETTINGS_SECTION) or {})
        key = section.get(KEY_NAME)
        if not key:
            key = new_pseudonym_key()
            section[KEY_NAME] = key
            study.settings = {**study.settings, SETTINGS_SECTION: section}
            session.add(study)
        return str(key)


def load_study_results(
    engine: Engine, reference: str | int, *, include_contacts: bool = False
) -> StudyResults:
    """Every interview of the study with answers and paradata, as plain records."""
    with Session(engine) as session:
        study_id = int(find_study(session, reference).id or 0)
    key = ensure_pseudonym_key(engine, study_id)
    with Session(engine) as session:
        study = session.get(Study, study_id)
        assert study is not None
        script = session.exec(
            select(ScriptVersion)
            .where(ScriptVersion.study_id == study_id)
            .order_by(col(ScriptVersion.version).desc())
        ).first()
        if script is None:
            raise NotFoundError(
                f"the study {study.name!r} has no script yet; add one before exporting"
            )
        segments = _segments(session, study_id)
        segment_names = {s_id: name for s_id, name in _segment_names(session, study_id)}
        answers = _answers(session, study_id)
        calls = _call_seconds(session, study_id)
        phones = _phones(session, study_id) if include_contacts else {}
        rows = session.exec(
            select(Interview, Contact, Interviewer.login)
            .join(Contact, col(Contact.id) == Interview.contact_id)
            .join(Interviewer, col(Interviewer.id) == Interview.interviewer_id)
            .where(Interview.study_id == study_id)
            .order_by(col(Interview.id))
        ).all()
        interviews = tuple(
            _record(
                interview,
                contact,
                login,
                key,
                answers,
                calls,
                phones,
                segment_names,
                include_contacts,
            )
            for interview, contact, login in rows
        )
        return StudyResults(
            study_id=study_id,
            study_name=study.name,
            client_name=study.client_name,
            script_text=script.text,
            script_version=script.version,
            segments=segments,
            interviews=interviews,
            settings=dict(study.settings),
        )


def _record(
    interview: Interview,
    contact: Contact,
    login: str,
    key: str,
    answers: dict[int, dict[str, dict[str, Any]]],
    calls: dict[int, float],
    phones: dict[int, tuple[str, ...]],
    segment_names: dict[int, str],
    include_contacts: bool,
) -> InterviewRecord:
    contact_id = int(contact.id or 0)
    details = (
        ContactDetails(
            company=contact.company,
            name=contact.name,
            position=contact.position,
            email=contact.email,
            phones=phones.get(contact_id, ()),
        )
        if include_contacts
        else None
    )
    return InterviewRecord(
        interview_id=int(interview.id or 0),
        contact_id=contact_id,
        respondent_id=pseudonym(key, contact_id),
        status=str(interview.status.value),
        language=interview.language,
        segment=segment_names.get(contact.segment_id) if contact.segment_id else None,
        answers=answers.get(int(interview.id or 0), {}),
        started_at=interview.started_at,
        completed_at=interview.completed_at,
        updated_at=interview.updated_at,
        interviewer=login,
        attempts=contact.attempt_count,
        call_seconds=calls.get(contact_id),
        final_disposition=contact.final_disposition,
        recording_consent=interview.recording_consent,
        contact=details,
    )


def _segment_names(session: Session, study_id: int) -> list[tuple[int, str]]:
    rows = session.exec(select(Segment.id, Segment.name).where(Segment.study_id == study_id))
    return [(int(s_id or 0), name) for s_id, name in rows]


def _segments(session: Session, study_id: int) -> tuple[SegmentRecord, ...]:
    counts = dict(
        session.exec(
            select(Contact.segment_id, func.count())
            .where(Contact.study_id == study_id)
            .group_by(col(Contact.segment_id))
        ).all()
    )
    segments = session.exec(
        select(Segment).where(Segment.study_id == study_id).order_by(col(Segment.position))
    ).all()
    return tuple(
        SegmentRecord(
            name=s.name,
            target_completes=s.target_completes,
            population=s.population,
            contacts=int(counts.get(s.id, 0)),
        )
        for s in segments
    )


def _answers(session: Session, study_id: int) -> dict[int, dict[str, dict[str, Any]]]:
    found: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    rows = session.exec(
        select(Answer.interview_id, Answer.question_id, Answer.value, Answer.other_text)
        .join(Interview, col(Interview.id) == Answer.interview_id)
        .where(Interview.study_id == study_id)
    )
    for interview_id, question_id, value, other_text in rows:
        stored = dict(value) if isinstance(value, dict) else {"value": value}
        if other_text and not stored.get("other"):
            stored["other"] = other_text
        found[interview_id][question_id] = stored
    return found


def _call_seconds(session: Session, study_id: int) -> dict[int, float]:
    rows = session.exec(
        select(Attempt.contact_id, func.sum(Attempt.duration_seconds))
        .where(Attempt.study_id == study_id)
        .group_by(col(Attempt.contact_id))
    ).all()
    return {int(c): float(s) for c, s in rows if s is not None}


def _phones(session: Session, study_id: int) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = session.exec(
        select(ContactPhone.contact_id, ContactPhone.e164)
        .where(ContactPhone.study_id == study_id)
        .order_by(col(ContactPhone.contact_id), col(ContactPhone.position))
    )
    for contact_id, e164 in rows:
        found[contact_id].append(e164)
    return {k: tuple(v) for k, v in found.items()}
