"""What the interviewer console asks of the database, with the role checks.

An interviewer sees only the contact they hold (the lease's token proves it); supervisors
and research leads, who may see every contact, may read any card. Each function is one
unit of work and is called from a worker thread, never from the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine, session_scope
from cati.db import console as db
from cati.db import queue as db_queue
from cati.db.files import database_data_folder
from cati.dispositions.outcomes import Outcome, OutcomeTable
from cati.errors import NotFoundError, PermissionDenied
from cati.interviewing.recordings import store_call_recordings
from cati.interviewing.session import InterviewSession
from cati.scheduler.outcomes import AppointmentRequest, OutcomeRecorded, record_outcome
from cati.scheduler.queue import Claim, NoContact, claim_next_contact, release_claim, renew_lease
from cati.scheduler.settings import DialerSettings, FieldworkSettings, fieldwork_settings
from cati.studies.service import StudyOverview, list_studies
from cati.telephony.dialer import CallHandle, Dialer
from cati.telephony.recordings import study_recordings_folder
from cati.telephony.results import CallResult

__all__ = [
    "CallFacts",
    "ClaimedContact",
    "ContactCard",
    "DueAppointment",
    "HistoryLine",
    "ShiftStatistics",
    "StudyFieldwork",
    "WrapUp",
    "contact_card",
    "give_back",
    "keep_call_recordings",
    "keep_holding",
    "next_contact",
    "open_interview",
    "record_wrap_up",
    "shift_statistics",
    "studies_for",
    "study_fieldwork",
]

#: Calls per hour are shown once the shift has lasted this long (before, the rate is noise).
RATE_AFTER = timedelta(minutes=5)


@dataclass(frozen=True)
class HistoryLine:
    started_at: datetime
    outcome: str  # the outcome's label in the asked language, or the dialer's result
    note: str
    interviewer: str
    duration_seconds: float | None


@dataclass(frozen=True)
class DueAppointment:
    starts_at: datetime
    ends_at: datetime | None
    note: str
    owner: str | None  # None: open to every interviewer
    booked_by: str | None


@dataclass(frozen=True)
class ContactCard:
    """What the interviewer sees about the contact they hold."""

    contact_id: int
    company: str
    name: str
    position: str
    segment: str
    region: str
    timezone: str
    phone: str = field(repr=False)
    history: tuple[HistoryLine, ...] = ()
    appointment: DueAppointment | None = None
    attributes: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class ClaimedContact:
    claim: Claim
    card: ContactCard


@dataclass(frozen=True)
class ShiftStatistics:
    calls: int
    completes: int
    talk_seconds: float
    hours: float  # since the shift started

    @property
    def calls_per_hour(self) -> float | None:
        if self.hours < RATE_AFTER.total_seconds() / 3600:
            return None
        return self.calls / self.hours


@dataclass(frozen=True)
class StudyFieldwork:
    """The study's settings the console needs: its outcomes and its dialer."""

    study_id: int
    outcomes: tuple[Outcome, ...]  # those an interviewer may choose, in table order
    table: OutcomeTable = field(repr=False)
    dialer: DialerSettings
    settings: FieldworkSettings = field(repr=False)
    recordings_folder: Path = field(repr=False)


@dataclass(frozen=True)
class CallFacts:
    """What the dialer said about the call, recorded with the outcome."""

    call_result: CallResult | None = None
    reason: str = ""
    started_at: datetime | None = None
    duration_seconds: float | None = None
    dialer: str = ""
    external_call_id: str | None = None

    def as_arguments(self) -> dict[str, Any]:
        return {
            "call_result": self.call_result,
            "call_reason": self.reason,
            "started_at": self.started_at,
            "duration_seconds": self.duration_seconds,
            "dialer": self.dialer,
            "external_call_id": self.external_call_id,
        }


@dataclass(frozen=True)
class WrapUp:
    """The interviewer's wrap-up of one call (the outcome panel's contents)."""

    outcome_key: str
    note: str = ""
    appointment: AppointmentRequest | None = None
    do_not_call: bool = False
    call: CallFacts = field(default_factory=CallFacts)


def studies_for(engine: Engine, actor: Actor) -> list[StudyOverview]:
    """The studies the person may work on: interviewers see only studies in fieldwork."""
    studies = list_studies(engine)
    if actor.can(Permission.SET_UP_STUDIES) or actor.can(Permission.SUPERVISE):
        return studies
    return [s for s in studies if s.status == "active"]


def study_fieldwork(engine: Engine, actor: Actor, study_id: int, language: str) -> StudyFieldwork:
    require(actor, Permission.INTERVIEW)
    with session_scope(engine) as session:
        found = db_queue.study_settings_and_status(session, study_id)
    if found is None:
        raise NotFoundError(f"There is no study with id {study_id}.")
    settings = fieldwork_settings(found[0])
    table = settings.outcome_table()
    return StudyFieldwork(
        study_id=study_id,
        outcomes=tuple(table.for_interviewer()),
        table=table,
        dialer=settings.dialer,
        settings=settings,
        recordings_folder=study_recordings_folder(
            settings.recordings_folder, study_id, database_data_folder(engine)
        ),
    )


def next_contact(
    engine: Engine, actor: Actor, study_id: int, clock: Clock, language: str = "ru"
) -> ClaimedContact | NoContact:
    """Claim the next contact for the signed-in interviewer and read its card."""
    require(actor, Permission.INTERVIEW)
    got = claim_next_contact(engine, study_id, actor.id, clock)
    if isinstance(got, NoContact):
        return got
    return ClaimedContact(got, contact_card(engine, actor, got, language))


def contact_card(engine: Engine, actor: Actor, claim: Claim, language: str = "ru") -> ContactCard:
    """The card of the claimed contact; only its holder (or a supervisor) may read it."""
    require(actor, Permission.INTERVIEW)
    with session_scope(engine) as session:
        row = db.card_row(session, claim.contact_id)
        if row is None:
            raise NotFoundError(f"Contact {claim.contact_id} no longer exists.")
        holds = row.claimed_by == actor.id and row.claim_token == claim.token
        if not holds and not actor.can(Permission.SEE_ALL_CONTACTS):
            raise PermissionDenied(
                "You can see only the contact you hold; take the next contact instead."
            )
        attempts = db.attempt_lines(session, claim.contact_id)
        due = db.pending_appointment(session, claim.contact_id)
        found = db_queue.study_settings_and_status(session, row.study_id)
    table = fieldwork_settings(found[0] if found else {}).outcome_table()
    history = tuple(
        HistoryLine(
            started_at=a.started_at,
            outcome=_outcome_label(table, a.outcome, a.call_result, language),
            note=a.note,
            interviewer=a.interviewer,
            duration_seconds=a.duration_seconds,
        )
        for a in attempts
    )
    appointment = (
        DueAppointment(due.starts_at, due.ends_at, due.note, due.owner, due.booked_by)
        if due is not None
        else None
    )
    return ContactCard(
        contact_id=row.contact_id,
        company=row.company,
        name=row.name,
        position=row.position,
        segment=row.segment,
        region=row.region,
        timezone=row.timezone,
        phone=claim.phone_e164,
        history=history,
        appointment=appointment,
        attributes=row.attributes,
    )


def _outcome_label(
    table: OutcomeTable, outcome: str | None, call_result: str | None, language: str
) -> str:
    if outcome and outcome in table:
        return table.outcomes[outcome].label(language)
    return outcome or call_result or "—"


def _holder(actor: Actor, claim: Claim) -> None:
    require(actor, Permission.INTERVIEW)
    if claim.interviewer_id != actor.id:
        raise PermissionDenied("This contact is held by another interviewer.")


def open_interview(
    engine: Engine, actor: Actor, claim: Claim, clock: Clock, language: str | None = None
) -> InterviewSession:
    """Start (or resume) the interview with the contact the person holds."""
    _holder(actor, claim)
    return InterviewSession.open(engine, claim, clock, language=language)


def keep_holding(engine: Engine, actor: Actor, claim: Claim, clock: Clock) -> Claim:
    """Renew the lease while the interviewer works on the contact."""
    _holder(actor, claim)
    return renew_lease(engine, claim, clock)


def give_back(engine: Engine, actor: Actor, claim: Claim, clock: Clock) -> str:
    """Return the contact to the queue without a call (skipped before dialling)."""
    _holder(actor, claim)
    return release_claim(engine, claim, clock)


def record_wrap_up(
    engine: Engine,
    actor: Actor,
    claim: Claim,
    clock: Clock,
    wrap_up: WrapUp,
    session: InterviewSession | None = None,
) -> OutcomeRecorded:
    """Record the call's outcome (closing or breaking off the interview when one is open).

    When the respondent asked never to be called again (``wrap_up.do_not_call``) the
    contact's numbers go on the do-not-call list in the same transaction as the outcome."""
    _holder(actor, claim)
    call = wrap_up.call.as_arguments()
    if session is not None:
        # The session fills in "answered" for a call without the dialer's result.
        call = {k: v for k, v in call.items() if v is not None}
    if session is not None and session.finished:
        return session.finish(do_not_call=wrap_up.do_not_call, **call)
    if session is not None:
        return session.break_off(
            wrap_up.outcome_key,
            wrap_up.note,
            wrap_up.appointment,
            do_not_call=wrap_up.do_not_call,
            **call,
        )
    return record_outcome(
        engine,
        claim,
        wrap_up.outcome_key,
        wrap_up.note,
        clock,
        wrap_up.appointment,
        do_not_call=wrap_up.do_not_call,
        **call,
    )


def keep_call_recordings(
    engine: Engine,
    actor: Actor,
    attempt_id: int,
    dialer: Dialer,
    handle: CallHandle,
    folder: Path,
) -> Path | None:
    """Download the ended call's recordings into the study's ``folder`` and attach them (as one
    file) to the interviewer's attempt, for the supervisors' call review. Blocking: Twilio
    may still be processing the recording. Raises ``RecordingUnavailable``."""
    require(actor, Permission.INTERVIEW)
    return store_call_recordings(engine, actor.id, attempt_id, dialer, handle, folder)


def shift_statistics(
    engine: Engine, actor: Actor, study_id: int, since: datetime, clock: Clock
) -> ShiftStatistics:
    """The person's own numbers since the shift started."""
    require(actor, Permission.INTERVIEW)
    with session_scope(engine) as session:
        counts = db.shift_counts(session, actor.id, study_id, since)
    hours = max(0.0, (clock.now() - since).total_seconds() / 3600)
    return ShiftStatistics(counts.calls, counts.completes, counts.talk_seconds, hours)
