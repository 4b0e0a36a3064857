"""Study data for export and alert tests: the ready B2B NPS+CSI script, three segments,
contacts with Cyrillic names and phones, and interviews whose answers are stored exactly as
the interviewing layer stores them (``surveys.Answer.to_json()``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from cati.db import (
    Alert,
    AlertKind,
    Answer,
    Attempt,
    Contact,
    ContactPhone,
    ContactState,
    Interview,
    Interviewer,
    InterviewStatus,
    ScriptVersion,
    Segment,
    Study,
)
from surveys import Answer as ScriptAnswer

SCRIPT_PATH = Path(__file__).resolve().parents[3] / "resources" / "scripts" / "b2b_nps_csi.yaml"
SCRIPT_TEXT = SCRIPT_PATH.read_text(encoding="utf-8")
T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)

# Three respondents: a detractor from a lost client with a problem and a sales lead, a
# promoter, and a partial interview that refused the NPS question.
ANSWERS: list[dict[str, ScriptAnswer]] = [
    {
        "role": ScriptAnswer(1),
        "tenure": ScriptAnswer(special="dont_know"),
        "lost_reasons": ScriptAnswer((1, 3, 97), other="Ушли к «Бете»"),
        "lost_return": ScriptAnswer("Снизить цены; сроки\nпоставки"),
        "nps": ScriptAnswer(3),
        "nps_detractor_why": ScriptAnswer("Долго везут, менеджер не отвечает"),
        "csi": ScriptAnswer(
            {
                "quality": 4,
                "manager": "dont_know",
                "delivery": 1,
                "documents": 3,
                "price": 2,
                "support": 5,
            }
        ),
        "csi_pain": ScriptAnswer("Доставка опаздывает на неделю"),
        "importance": ScriptAnswer(
            {"quality": 5, "manager": 4, "delivery": 5, "documents": 2, "price": 5, "support": 3}
        ),
        "overall": ScriptAnswer(2),
        "competitors": ScriptAnswer((1,)),
        "share": ScriptAnswer(2),
        "interest": ScriptAnswer(1),
        "problem_contact": ScriptAnswer(1),
        "problem_text": ScriptAnswer("=СЧЁТ №15 не пришёл"),
        "contact_channel": ScriptAnswer(3, other="zakupki@romashka.ru"),
        "source": ScriptAnswer(special="dont_know"),
        "comment": ScriptAnswer(None),
    },
    {
        "role": ScriptAnswer(2),
        "tenure": ScriptAnswer(4),
        "nps": ScriptAnswer(10),
        "nps_promoter_why": ScriptAnswer("Надёжность"),
        "csi": ScriptAnswer(
            {"quality": 5, "manager": 5, "delivery": 4, "documents": 4, "price": 3, "support": 4}
        ),
        "importance": ScriptAnswer(
            {"quality": 5, "manager": 3, "delivery": 4, "documents": 3, "price": 4, "support": 2}
        ),
        "overall": ScriptAnswer(5),
        "competitors": ScriptAnswer((96,)),
        "interest": ScriptAnswer(4),
        "problem_contact": ScriptAnswer(2),
        "source": ScriptAnswer((2, 3)),
        "comment": ScriptAnswer("Спасибо!"),
    },
    {
        "role": ScriptAnswer(3),
        "tenure": ScriptAnswer(1),
        "new_choice_reason": ScriptAnswer("Цена"),
        "nps": ScriptAnswer(special="refused"),
    },
]
STATUSES = [InterviewStatus.COMPLETE, InterviewStatus.COMPLETE, InterviewStatus.BROKEN_OFF]
SEGMENTS = [("lost", 300, 5), ("regular", 2000, 10), ("new", 150, 5)]  # name, population, target
CONTACT_SEGMENTS = ["lost", "regular", "new"]
PEOPLE = [
    ("ООО «Ромашка»", "Иванов Иван", "+74951234567", "ivanov@romashka.ru"),
    ("АО «Лютик»", "Петрова Анна", "+79161234567", "petrova@lutik.ru"),
    ("ИП Сидоров", "Сидоров Пётр", "+73832123456", "sidorov@mail.ru"),
]


@dataclass
class StudyData:
    study: Study
    script: ScriptVersion
    interviewer: Interviewer
    segments: dict[str, Segment]
    contacts: list[Contact] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)


def add_study(session: Session, name: str = "Лояльность 2025", **settings: Any) -> StudyData:
    study = Study(name=name, client_name="ООО Альфа", created_at=T0, settings=dict(settings))
    session.add(study)
    session.flush()
    assert study.id is not None
    script = ScriptVersion(
        study_id=study.id,
        version=1,
        script_id="b2b_nps_csi",
        title="Опрос клиентов",
        text=SCRIPT_TEXT,
        sha256=hashlib.sha256(SCRIPT_TEXT.encode()).hexdigest(),
        created_at=T0,
    )
    person = Interviewer(
        login=f"anna_{study.id}", display_name="Анна", password_hash="$argon2id$stub", created_at=T0
    )
    session.add_all([script, person])
    segments = {}
    for position, (seg_name, population, target) in enumerate(SEGMENTS):
        segment = Segment(
            study_id=study.id,
            name=seg_name,
            position=position,
            rule=f'segment == "{seg_name}"',
            population=population,
            target_completes=target,
        )
        session.add(segment)
        segments[seg_name] = segment
    session.flush()
    return StudyData(study, script, person, segments)


def add_respondents(session: Session, data: StudyData) -> StudyData:
    """The three interviews of :data:`ANSWERS` with their contacts, phones and calls."""
    assert data.study.id is not None and data.script.id is not None
    assert data.interviewer.id is not None
    for index, answers in enumerate(ANSWERS):
        company, name, phone, email = PEOPLE[index]
        contact = Contact(
            study_id=data.study.id,
            company=company,
            name=name,
            position="Директор",
            email=email,
            timezone="Europe/Moscow",
            segment_id=data.segments[CONTACT_SEGMENTS[index]].id,
            state=ContactState.FINAL if index < 2 else ContactState.SCHEDULED,
            final_disposition="1.1" if index < 2 else None,
            attempt_count=index + 1,
            created_at=T0,
            updated_at=T0,
        )
        session.add(contact)
        session.flush()
        assert contact.id is not None
        session.add(
            ContactPhone(contact_id=contact.id, study_id=data.study.id, e164=phone, raw=phone)
        )
        start = T0 + timedelta(hours=index)
        for call in range(index + 1):
            session.add(
                Attempt(
                    study_id=data.study.id,
                    contact_id=contact.id,
                    interviewer_id=data.interviewer.id,
                    started_at=start + timedelta(minutes=call),
                    ended_at=start + timedelta(minutes=call, seconds=30),
                    duration_seconds=30.0,
                    disposition="1.1" if index < 2 and call == index else "3.13a",
                )
            )
        interview = Interview(
            study_id=data.study.id,
            contact_id=contact.id,
            script_version_id=data.script.id,
            interviewer_id=data.interviewer.id,
            seed=index,
            language="ru",
            status=STATUSES[index],
            recording_consent=True,
            started_at=start,
            updated_at=start + timedelta(minutes=11),
            completed_at=start + timedelta(minutes=11) if index < 2 else None,
        )
        session.add(interview)
        session.flush()
        assert interview.id is not None
        for question_id, answer in answers.items():
            session.add(
                Answer(
                    interview_id=interview.id,
                    question_id=question_id,
                    value=answer.to_json(),
                    other_text=answer.other,
                    answered_at=start + timedelta(minutes=5),
                    interviewer_id=data.interviewer.id,
                )
            )
        data.contacts.append(contact)
        data.interviews.append(interview)
    session.flush()
    return data


def add_alert(
    session: Session,
    data: StudyData,
    index: int = 0,
    kind: AlertKind = AlertKind.DETRACTOR,
    note: str = "Клиент очень раздражён, просит звонка директора",
    created_at: datetime = T0,
) -> Alert:
    assert data.study.id is not None
    alert = Alert(
        study_id=data.study.id,
        interview_id=data.interviews[index].id,
        contact_id=data.contacts[index].id,
        kind=kind,
        note=note,
        details={},
        created_at=created_at,
    )
    session.add(alert)
    session.flush()
    return alert


def pure_results(include_contacts: bool = False) -> Any:
    """The same three interviews as plain records, without a database."""
    from cati.exports import (
        ContactDetails,
        InterviewRecord,
        SegmentRecord,
        StudyResults,
        pseudonym,
    )

    key = "0" * 64
    records = []
    for index, answers in enumerate(ANSWERS):
        company, name, phone, email = PEOPLE[index]
        start = T0 + timedelta(hours=index)
        records.append(
            InterviewRecord(
                interview_id=index + 1,
                contact_id=index + 1,
                respondent_id=pseudonym(key, index + 1),
                status=STATUSES[index].value,
                language="ru",
                segment=CONTACT_SEGMENTS[index],
                answers={q: a.to_json() for q, a in answers.items()},
                started_at=start,
                completed_at=start + timedelta(minutes=11) if index < 2 else None,
                updated_at=start + timedelta(minutes=11),
                interviewer="anna",
                attempts=index + 1,
                call_seconds=30.0 * (index + 1),
                final_disposition="1.1" if index < 2 else None,
                recording_consent=True,
                contact=(
                    ContactDetails(company, name, "Директор", email, (phone,))
                    if include_contacts
                    else None
                ),
            )
        )
    return StudyResults(
        study_id=1,
        study_name="Лояльность 2025",
        client_name="ООО Альфа",
        script_text=SCRIPT_TEXT,
        script_version=1,
        segments=tuple(
            SegmentRecord(name, target, population, 1) for name, population, target in SEGMENTS
        ),
        interviews=tuple(records),
    )
