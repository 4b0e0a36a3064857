"""Recording call outcomes: attempts, retries, attempt limits, numbers, refusals, call-backs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import Appointment, AppointmentStatus, Attempt, ContactPhone, ContactState, PhoneStatus
from cati.scheduler.outcomes import (
    AppointmentRequest,
    InvalidAppointment,
    NoteRequired,
    record_outcome,
)
from cati.scheduler.queue import Claim, NoContact, claim_next_contact
from cati.scheduler.settings import FieldworkSettings
from cati.telephony.results import CallResult

from .factory import T0, contact_row, make_interviewer, make_study


def claim(engine: Engine, study_id: int, person: int, clock: SimulatedClock) -> Claim:
    result = claim_next_contact(engine, study_id, person, clock)
    assert isinstance(result, Claim), result
    return result


def call_until_due(engine: Engine, study_id: int, person: int, clock: SimulatedClock) -> Claim:
    """Advance the clock to the next due call (as a robot would) and claim it."""
    for _ in range(50):
        result = claim_next_contact(engine, study_id, person, clock)
        if isinstance(result, Claim):
            return result
        assert isinstance(result, NoContact) and result.next_at is not None, result
        clock.advance(max(60.0, (result.next_at - clock.now()).total_seconds()))
    raise AssertionError("nothing became due")


def test_an_attempt_is_logged_with_the_dialers_result_and_the_lease_ends(engine: Engine) -> None:
    study = make_study(engine)
    (contact_id,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    held = claim(engine, study.study_id, anna, clock)
    done = record_outcome(
        engine,
        held,
        "no_answer",
        "",
        clock,
        call_result=CallResult.NO_ANSWER,
        call_reason="no answer within 30 s",
        duration_seconds=31.5,
        dialer="simulated",
    )
    with Session(engine) as session:
        attempt = session.exec(select(Attempt)).one()
    assert (attempt.call_result, attempt.outcome) == ("no_answer", "no_answer")
    assert attempt.disposition == done.attempt_disposition  # temporary "no answer" code
    assert done.case_disposition == "3.13" and not done.closed
    assert attempt.duration_seconds == 31.5 and "30 s" in attempt.note
    row = contact_row(engine, contact_id)
    assert row.state is ContactState.SCHEDULED and row.claimed_by is None
    assert row.attempt_count == 1
    # 10:00 Moscow, no answer: +3 h, 13:00 is the afternoon (a new part of the day).
    assert done.next_call_at == T0 + timedelta(hours=3)


def test_six_unanswered_attempts_close_the_case_as_no_answer(engine: Engine) -> None:
    study = make_study(engine)
    (contact_id,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    times: list[datetime] = []
    for _ in range(6):
        held = call_until_due(engine, study.study_id, anna, clock)
        times.append(clock.now())
        done = record_outcome(engine, held, "no_answer", "", clock)
    assert done.closed and done.state is ContactState.FINAL
    assert done.case_disposition == "3.13"  # AAPOR: no answer
    assert contact_row(engine, contact_id).final_disposition == "3.13"
    # The six calls were spread over mornings, afternoons and evenings.
    hours = {(t + timedelta(hours=3)).hour // 1 for t in times}
    assert any(h < 12 for h in hours) and any(12 <= h < 17 for h in hours)
    assert any(h >= 17 for h in hours)


def test_max_attempts_is_configurable(engine: Engine) -> None:
    study = make_study(engine, settings=FieldworkSettings(max_attempts=2))
    study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    record_outcome(engine, call_until_due(engine, study.study_id, anna, clock), "busy", "", clock)
    done = record_outcome(
        engine, call_until_due(engine, study.study_id, anna, clock), "busy", "", clock
    )
    assert done.closed and done.case_disposition == "3.12"  # always busy


def test_a_wrong_number_moves_on_to_the_next_number_then_closes(engine: Engine) -> None:
    study = make_study(engine)
    (contact_id,) = study.contacts(1, phones=2)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    first = claim(engine, study.study_id, anna, clock)
    done = record_outcome(engine, first, "wrong_number", "", clock)
    assert done.number_closed and not done.closed and done.next_call_at == T0
    second = claim(engine, study.study_id, anna, clock)
    assert second.contact_id == contact_id and second.phone_id != first.phone_id
    done = record_outcome(engine, second, "disconnected", "", clock)
    assert done.closed
    with Session(engine) as session:
        statuses = {p.id: p.status for p in session.exec(select(ContactPhone))}
    assert statuses == {
        first.phone_id: PhoneStatus.WRONG,
        second.phone_id: PhoneStatus.DISCONNECTED,
    }


def test_a_refusal_is_final_unless_the_study_allows_conversion(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    held = claim(engine, study.study_id, anna, clock)
    with pytest.raises(NoteRequired):
        record_outcome(engine, held, "refusal_respondent", " ", clock)
    done = record_outcome(engine, held, "refusal_respondent", "no time for surveys", clock)
    assert done.closed and done.case_disposition == "2.112"

    converting = make_study(
        engine, "conversion", settings=FieldworkSettings(allow_refusal_conversion=True)
    )
    converting.contacts(1)
    held = claim(engine, converting.study_id, anna, clock)
    done = record_outcome(engine, held, "refusal_respondent", "busy season", clock)
    assert not done.closed and done.next_call_at is not None
    assert done.next_call_at >= T0 + timedelta(days=7)


def test_a_new_call_back_replaces_the_pending_one_and_closing_cancels_it(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    held = claim(engine, study.study_id, anna, clock)
    local = AppointmentRequest.local(datetime(2025, 3, 11, 15, 0), "Europe/Moscow")
    done = record_outcome(engine, held, "appointment_hard", "", clock, appointment=local)
    assert done.next_call_at == datetime(2025, 3, 11, 12, 0, tzinfo=T0.tzinfo)
    clock.advance(29 * 3600 + 60)
    held = claim(engine, study.study_id, anna, clock)
    assert held.appointment_id == done.appointment_id
    record_outcome(engine, held, "refusal_hard", "not interested", clock)
    with Session(engine) as session:
        statuses = [a.status for a in session.exec(select(Appointment))]
    assert statuses == [AppointmentStatus.DONE]


def test_call_backs_outside_calling_hours_or_without_a_time_are_refused(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    held = claim(engine, study.study_id, anna, clock)
    with pytest.raises(InvalidAppointment, match="give its date"):
        record_outcome(engine, held, "appointment_hard", "", clock)
    late = AppointmentRequest.local(datetime(2025, 3, 10, 22, 0), "Europe/Moscow")
    with pytest.raises(InvalidAppointment, match="outside"):
        record_outcome(engine, held, "appointment_hard", "", clock, appointment=late)
    assert contact_row(engine, held.contact_id).state is ContactState.CLAIMED  # nothing saved
