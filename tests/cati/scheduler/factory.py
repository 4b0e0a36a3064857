"""Builders of studies, segments, contacts and phones for queue, interviewing and robot tests.

Rows are made directly with the models (the study and import services are another helper's),
so these tests depend only on the schema.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.db import (
    Contact,
    ContactPhone,
    ContactState,
    DoNotCall,
    Interviewer,
    ScriptVersion,
    Segment,
    Study,
    StudyStatus,
    session_scope,
)
from cati.scheduler.settings import FieldworkSettings, with_fieldwork_settings

T0 = datetime(2025, 3, 10, 7, 0, tzinfo=UTC)  # Monday 10:00 in Moscow
SCRIPTS = Path(__file__).resolve().parents[3] / "resources" / "scripts"
_numbers = itertools.count(1_000_000)


def valid_number() -> str:
    """A valid Moscow number, different every call (the simulated dialer checks validity)."""
    return f"+7495{next(_numbers) % 10_000_000:07d}"


@dataclass
class StudyBuilder:
    engine: Engine
    study_id: int = 0
    segment_ids: dict[str, int] = field(default_factory=dict)
    script_version_id: int | None = None

    def segment(self, name: str, target: int = 0) -> int:
        with session_scope(self.engine) as session:
            segment = Segment(
                study_id=self.study_id,
                name=name,
                position=len(self.segment_ids),
                target_completes=target,
            )
            session.add(segment)
            session.flush()
            assert segment.id is not None
            self.segment_ids[name] = segment.id
            return segment.id

    def contacts(
        self,
        count: int = 1,
        *,
        timezone: str = "Europe/Moscow",
        segment: str | None = None,
        phones: int = 1,
        **fields: Any,
    ) -> list[int]:
        ids = []
        with session_scope(self.engine) as session:
            for index in range(count):
                contact = Contact(
                    study_id=self.study_id,
                    company=f"ООО Компания {index}",
                    name=f"Контакт {index}",
                    timezone=timezone,
                    segment_id=self.segment_ids[segment] if segment else None,
                    created_at=T0,
                    updated_at=T0,
                    **fields,
                )
                session.add(contact)
                session.flush()
                assert contact.id is not None
                for position in range(phones):
                    session.add(
                        ContactPhone(
                            contact_id=contact.id,
                            study_id=self.study_id,
                            position=position,
                            e164=valid_number(),
                        )
                    )
                ids.append(contact.id)
        return ids

    def script(self, name: str = "nps_pulse.yaml") -> int:
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        with session_scope(self.engine) as session:
            version = ScriptVersion(
                study_id=self.study_id,
                version=1,
                script_id=name.removesuffix(".yaml"),
                title=name,
                text=text,
                sha256="0" * 64,
                created_at=T0,
            )
            session.add(version)
            session.flush()
            assert version.id is not None
            self.script_version_id = version.id
            return version.id

    def settings(self, settings: FieldworkSettings) -> None:
        with session_scope(self.engine, immediate=True) as session:
            study = session.get(Study, self.study_id)
            assert study is not None
            study.settings = with_fieldwork_settings(study.settings, settings)


def make_study(
    engine: Engine, name: str = "Лояльность 2025", settings: FieldworkSettings | None = None
) -> StudyBuilder:
    with session_scope(engine) as session:
        study = Study(name=name, status=StudyStatus.ACTIVE, created_at=T0)
        if settings is not None:
            study.settings = with_fieldwork_settings({}, settings)
        session.add(study)
        session.flush()
        assert study.id is not None
        return StudyBuilder(engine, study.id)


def make_interviewer(engine: Engine, login: str = "anna") -> int:
    with session_scope(engine) as session:
        person = Interviewer(
            login=login, display_name=login.title(), password_hash="!", created_at=T0
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        return person.id


def block_number(engine: Engine, contact_id: int) -> None:
    """Put every number of a contact on the do-not-call list."""
    with session_scope(engine, immediate=True) as session:
        for phone in session.exec(
            select(ContactPhone).where(ContactPhone.contact_id == contact_id)
        ):
            session.add(DoNotCall(e164=phone.e164, reason="asked", added_at=T0))


def contact_row(engine: Engine, contact_id: int) -> Contact:
    with Session(engine) as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        session.expunge(contact)
        return contact


def states(engine: Engine, study_id: int) -> dict[ContactState, int]:
    counts: dict[ContactState, int] = {}
    with Session(engine) as session:
        for contact in session.exec(select(Contact).where(Contact.study_id == study_id)):
            counts[contact.state] = counts.get(contact.state, 0) + 1
    return counts
