"""Plain records of a study's results: what the database hands to exports, alerts and digests.

No SQL and no ORM objects: :mod:`cati.db.results` fills these from the tables, tests build
them by hand, and every export writer works on them alone. Personal data (names, phones,
e-mails) travels in :class:`ContactDetails`, which the loader fills only when asked to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "ContactDetails",
    "InterviewRecord",
    "SegmentRecord",
    "StudyResults",
]


@dataclass(frozen=True)
class ContactDetails:
    """Who was interviewed: personal data, present only with ``--include-contacts``."""

    company: str = ""
    name: str = ""
    position: str = ""
    email: str = ""
    phones: tuple[str, ...] = ()  # E.164, in the order they were tried


@dataclass(frozen=True)
class SegmentRecord:
    """A segment with the sizes that weighting and progress need."""

    name: str
    target_completes: int = 0
    population: int | None = None  # the client's true count; None: use ``contacts``
    contacts: int = 0  # contacts of the segment in the call list

    @property
    def weighting_population(self) -> int:
        return self.population if self.population is not None else self.contacts


@dataclass(frozen=True)
class InterviewRecord:
    """One interview with its answers (``surveys.Answer.to_json()`` shapes) and paradata."""

    interview_id: int
    contact_id: int
    respondent_id: str  # the stable pseudonym of the contact
    status: str  # an InterviewStatus value: complete, in_progress, broken_off, ...
    language: str
    segment: str | None
    answers: Mapping[str, Mapping[str, Any]]
    started_at: datetime
    completed_at: datetime | None = None
    updated_at: datetime | None = None
    interviewer: str = ""  # the interviewer's login
    attempts: int = 0  # calls made to the contact
    call_seconds: float | None = None  # talk time of all the contact's calls
    final_disposition: str | None = None  # AAPOR code of the contact, when final
    recording_consent: bool | None = None
    contact: ContactDetails | None = None  # None unless personal data was asked for

    @property
    def duration_seconds(self) -> float | None:
        """From the first screen to the last answer (or completion)."""
        end = self.completed_at or self.updated_at
        if end is None:
            return None
        return max(0.0, (end - self.started_at).total_seconds())


@dataclass(frozen=True)
class StudyResults:
    """Everything an export of one study needs, with the script text it was fielded with."""

    study_id: int
    study_name: str
    client_name: str
    script_text: str  # the newest script version's YAML
    script_version: int
    segments: tuple[SegmentRecord, ...] = ()
    interviews: tuple[InterviewRecord, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
