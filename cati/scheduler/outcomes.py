"""After every call: log the attempt, derive the case's disposition, reschedule, release.

``record_outcome`` is one unit of work, as DESIGN.md asks ("record outcome + log attempt +
reschedule"): either all of it is saved or none. What follows each outcome comes from the
study's outcome table (:mod:`cati.dispositions.outcomes`):

* a final outcome closes the case with its code; with ``try_next_number`` it closes only the
  number dialled (marked wrong or disconnected) and the contact is called again at once on its
  next number, unless none is left;
* a temporary outcome schedules the next call after its delay, inside the contact's calling
  hours, in another part of the day where the outcome asks for it (no answer, answering
  machine: +3 h); busy: +15 min;
* the attempt limit (default 6) closes the case with the right non-contact code; the case's
  code always comes from its whole history (:func:`cati.dispositions.derive_disposition`);
* refusals are final unless the study allows a conversion attempt;
* call-backs are booked (exact time or a window; owned by the interviewer or open to all), a
  new one replaces the pending one, and a case that closes cancels its call-backs;
* a respondent who asks never to be called again (``do_not_call``) has every number of the
  contact put on the do-not-call list in the same transaction as the outcome, and the case
  closes: the request is saved with the wrap-up that carried it, or neither is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cati.changes import ATTEMPT, INTERVIEW, notify
from cati.clock import Clock
from cati.db import (
    AppointmentKind,
    AttemptBase,
    ContactState,
    Engine,
    InterviewStatus,
    PhoneStatus,
)
from cati.db import appointments as db_appointments
from cati.db import attempts as db_attempts
from cati.db import do_not_call as db_do_not_call
from cati.db import interviews as db_interviews
from cati.db import queue as db_queue
from cati.db.engine import session_scope
from cati.dispositions import Outcome
from cati.dispositions.outcomes import PartOfDay
from cati.errors import CatiError
from cati.scheduler.closing import case_of, end_open_work
from cati.scheduler.hours import is_callable_at, local_part_of_day, next_opening, retry_time
from cati.scheduler.queue import Claim, LeaseLostError
from cati.scheduler.settings import FieldworkSettings, fieldwork_settings
from cati.telephony.results import CallResult

__all__ = [
    "AppointmentRequest",
    "InvalidAppointment",
    "NoteRequired",
    "OutcomeRecorded",
    "record_outcome",
]

_WRONG_LINE_OUTCOMES = frozenset({"wrong_number", "fax"})
#: How a respondent's own request is recorded on the do-not-call list.
RESPONDENT_REQUEST_REASON = "the respondent asked not to be called"
RESPONDENT_REQUEST_SOURCE = "interviewer request"


class NoteRequired(CatiError):
    """The outcome needs the interviewer's note (refusals, language problems, ...)."""


class InvalidAppointment(CatiError):
    """A call-back cannot be booked as asked; the message says why and what to do."""


@dataclass(frozen=True)
class AppointmentRequest:
    """A call-back: at ``starts_at`` (hard) or any time in ``[starts_at, ends_at]`` (soft).

    Times are aware; build them from the respondent's words with :meth:`local`.
    ``open_to_all``: anyone may make the call; otherwise the interviewer who books it owns
    it (others get it only after the study's grace period).
    """

    starts_at: datetime
    ends_at: datetime | None = None
    kind: AppointmentKind = AppointmentKind.HARD
    open_to_all: bool = False
    note: str = ""

    @classmethod
    def local(
        cls,
        starts: datetime,
        timezone: str,
        ends: datetime | None = None,
        **fields: object,
    ) -> AppointmentRequest:
        """A call-back given in the respondent's local wall-clock time (naive datetimes)."""
        from cati.scheduler.hours import zone_of

        zone = zone_of(timezone)
        if zone is None:
            raise InvalidAppointment(f"unknown time zone {timezone!r} of the contact")
        start = starts.replace(tzinfo=zone)
        end = ends.replace(tzinfo=zone) if ends is not None else None
        kind = AppointmentKind.SOFT if end is not None else AppointmentKind.HARD
        return cls(start, end, kind, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class OutcomeRecorded:
    """What recording the outcome changed."""

    attempt_id: int
    contact_id: int
    outcome: str
    attempt_disposition: str  # the attempt's code (temporary or final)
    case_disposition: str  # the case's code from its whole history
    closed: bool
    state: ContactState
    next_call_at: datetime | None
    appointment_id: int | None
    number_closed: bool  # the dialled number was marked wrong or disconnected
    numbers_blocked: int = 0  # numbers newly put on the do-not-call list


def record_outcome(
    engine: Engine,
    claim: Claim,
    outcome_key: str,
    note: str,
    clock: Clock,
    appointment: AppointmentRequest | None = None,
    call_result: CallResult | None = None,
    *,
    call_reason: str = "",
    started_at: datetime | None = None,
    duration_seconds: float | None = None,
    dialer: str = "",
    external_call_id: str | None = None,
    interview: tuple[int, InterviewStatus] | None = None,
    do_not_call: bool = False,
) -> OutcomeRecorded:
    """Record the call's outcome for the claimed contact, reschedule it and end the claim.

    ``interview`` (id, status) closes the interview in the same transaction (the interviewing
    session passes it on completion, screen-out, refusal or break-off). ``do_not_call``: the
    respondent asked never to be called again; every number of the contact goes on the
    do-not-call list and the case closes, in the same transaction. Raises
    :class:`LeaseLostError` when the claim is no longer held (nothing is written),
    :class:`NoteRequired`, :class:`InvalidAppointment`, or ``UnknownOutcome``.
    """
    now = clock.now()
    with session_scope(engine, immediate=True) as session:
        try:
            db_queue.check_lease(session, claim.contact_id, claim.token)
        except db_queue.LeaseLost:
            raise LeaseLostError(
                f"Contact {claim.contact_id} is no longer yours: the hold on it ended and it "
                "went back to the queue. The outcome was not saved."
            ) from None
        found = db_queue.study_settings_and_status(session, claim.study_id)
        assert found is not None
        settings = fieldwork_settings(found[0])
        table = settings.outcome_table()
        outcome = table[outcome_key]
        _check_note(outcome, note)
        _check_appointment(outcome, appointment, settings, claim, now)

        attempt_id = db_attempts.add_attempt(
            session,
            study_id=claim.study_id,
            contact_id=claim.contact_id,
            phone_id=claim.phone_id,
            interviewer_id=claim.interviewer_id,
            fields=AttemptBase(
                started_at=started_at or now,
                ended_at=now,
                call_result=call_result.value if call_result else None,
                outcome=outcome.key,
                disposition=outcome.disposition.value,
                note=_note(note, call_reason),
                dialer=dialer,
                external_call_id=external_call_id,
                duration_seconds=duration_seconds,
            ),
        )
        number_closed = outcome.final and outcome.try_next_number
        if number_closed:
            status = (
                PhoneStatus.WRONG
                if outcome.key in _WRONG_LINE_OUTCOMES
                else PhoneStatus.DISCONNECTED
            )
            db_attempts.mark_phone(session, claim.phone_id, status)
        if claim.appointment_id is not None:
            db_appointments.finish_appointment(session, claim.appointment_id)
        if interview is not None:
            db_interviews.set_status(session, interview[0], interview[1], now)
        blocked = (
            db_do_not_call.block_contact(
                session,
                claim.contact_id,
                reason=RESPONDENT_REQUEST_REASON,
                source=RESPONDENT_REQUEST_SOURCE,
                now=now,
            )
            if do_not_call
            else []
        )

        history = db_attempts.attempt_history(session, claim.contact_id)
        untried = db_attempts.has_callable_phone(session, claim.contact_id)
        case = case_of(settings, history, has_untried_number=untried)
        closed = case.closed or (number_closed and not untried) or do_not_call
        appointment_id: int | None = None
        next_call_at: datetime | None = None
        if closed:
            state = ContactState.FINAL
            end_open_work(session, claim.contact_id, now)
        else:
            state = ContactState.SCHEDULED
            if appointment is not None:
                next_call_at = appointment.starts_at
                appointment_id = db_appointments.book_appointment(
                    session,
                    contact_id=claim.contact_id,
                    kind=appointment.kind,
                    starts_at=appointment.starts_at,
                    ends_at=appointment.ends_at,
                    owner_id=None if appointment.open_to_all else claim.interviewer_id,
                    created_by=claim.interviewer_id,
                    note=appointment.note,
                    now=now,
                )
            else:
                next_call_at = _next_call(
                    settings, claim.timezone, outcome, now, history, number_closed=number_closed
                )
        db_attempts.update_contact_after_call(
            session,
            claim.contact_id,
            state=state,
            final_disposition=case.disposition.value if closed else None,
            next_call_at=next_call_at,
            attempts_added=1 if outcome.counts_as_attempt else 0,
            now=now,
        )
        notify(
            session,
            ATTEMPT,
            {
                "study_id": claim.study_id,
                "contact_id": claim.contact_id,
                "interviewer_id": claim.interviewer_id,
                "outcome": outcome.key,
                "closed": closed,
            },
        )
        if interview is not None:
            notify(
                session,
                INTERVIEW,
                {
                    "study_id": claim.study_id,
                    "interview_id": interview[0],
                    "status": interview[1].value,
                },
            )
        return OutcomeRecorded(
            attempt_id=attempt_id,
            contact_id=claim.contact_id,
            outcome=outcome.key,
            attempt_disposition=outcome.disposition.value,
            case_disposition=case.disposition.value,
            closed=closed,
            state=state,
            next_call_at=next_call_at,
            appointment_id=appointment_id,
            number_closed=number_closed,
            numbers_blocked=len(blocked),
        )


def _note(note: str, call_reason: str) -> str:
    if call_reason and note:
        return f"{note}\n[{call_reason}]"
    return note or (f"[{call_reason}]" if call_reason else "")


def _check_note(outcome: Outcome, note: str) -> None:
    if outcome.note_required and not note.strip():
        raise NoteRequired(
            f"The outcome '{outcome.label('en')}' needs a note: write in a few words what the "
            "person said, then record it again."
        )


def _check_appointment(
    outcome: Outcome,
    appointment: AppointmentRequest | None,
    settings: FieldworkSettings,
    claim: Claim,
    now: datetime,
) -> None:
    if outcome.appointment and appointment is None:
        raise InvalidAppointment(
            f"The outcome '{outcome.label('en')}' books a call-back: give its date and time."
        )
    if appointment is None:
        return
    if not outcome.appointment:
        raise InvalidAppointment(
            f"The outcome '{outcome.label('en')}' does not book a call-back; choose a "
            "call-back outcome or leave the appointment out."
        )
    start, end = appointment.starts_at, appointment.ends_at
    if start.tzinfo is None or (end is not None and end.tzinfo is None):
        raise InvalidAppointment("A call-back time needs its time zone (the respondent's).")
    if start < now - timedelta(minutes=1):
        raise InvalidAppointment("The call-back time is in the past; pick a later time.")
    if appointment.kind is AppointmentKind.SOFT:
        if end is None or end <= start:
            raise InvalidAppointment("A call-back window needs an end after its start.")
        opening = next_opening(settings, claim.timezone, start)
        if opening is None or opening >= end:
            raise InvalidAppointment(
                "The call-back window lies outside the study's calling hours where the "
                "respondent is; widen it or pick another day."
            )
    else:
        if end is not None:
            raise InvalidAppointment("An exact call-back has no end; use a window instead.")
        if not is_callable_at(settings, claim.timezone, start):
            raise InvalidAppointment(
                "The call-back time is outside the study's calling hours (or a day off) "
                "where the respondent is; pick a time inside them."
            )


def _next_call(
    settings: FieldworkSettings,
    timezone: str,
    outcome: Outcome,
    now: datetime,
    history: list[db_attempts.AttemptRecord],
    *,
    number_closed: bool,
) -> datetime:
    """When to call again after a temporary outcome (or a closed number: at once).

    "Another part of the day" looks at the earlier calls that reached nobody (the outcomes
    that ask for it: no answer, answering machines) and avoids the parts already tried.
    """
    delay = timedelta(0) if number_closed else (outcome.retry_delay or timedelta(0))
    tried: set[PartOfDay] = set()
    if outcome.another_part_of_day:
        spread = {k for k, o in settings.outcome_table().outcomes.items() if o.another_part_of_day}
        for attempt in history:
            if attempt.outcome in spread:
                part = local_part_of_day(timezone, attempt.started_at)
                if part is not None:
                    tried.add(part)
    when = retry_time(
        settings,
        timezone,
        now,
        delay,
        another_part_of_day=outcome.another_part_of_day,
        tried_parts=tried,
    )
    return when if when is not None else now + delay
