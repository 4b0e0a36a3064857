"""The call queue on both databases: order, calling hours, quotas, do-not-call, leases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    ContactState,
    Interview,
    InterviewStatus,
)
from cati.interviewing import InterviewSession
from cati.scheduler.outcomes import AppointmentRequest, record_outcome
from cati.scheduler.queue import (
    Claim,
    ClaimReason,
    LeaseLostError,
    NoContact,
    NoContactReason,
    claim_next_contact,
    release_claim,
    renew_lease,
)
from cati.scheduler.settings import FieldworkSettings

from .factory import T0, block_number, contact_row, make_interviewer, make_study


def claimed(result: Claim | NoContact) -> Claim:
    assert isinstance(result, Claim), result
    return result


def test_fresh_contacts_come_from_the_segment_furthest_from_its_quota(engine: Engine) -> None:
    study = make_study(engine)
    study.segment("regular", target=10)
    study.segment("lost", target=10)
    study.contacts(3, segment="regular")
    lost = study.contacts(3, segment="lost")
    anna, boris = make_interviewer(engine, "anna"), make_interviewer(engine, "boris")
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    # Both at 0 %: the first segment; the held contact then counts, so the other is next.
    second = claimed(claim_next_contact(engine, study.study_id, boris, clock))
    assert {first.segment_id, second.segment_id} == set(study.segment_ids.values())
    assert second.contact_id in lost or first.contact_id in lost
    assert first.reason is ClaimReason.FRESH


def test_no_contact_is_given_twice_and_the_queue_says_when_it_is_empty(engine: Engine) -> None:
    study = make_study(engine)
    ids = study.contacts(4)
    clock = SimulatedClock(T0)
    people = [make_interviewer(engine, f"i{n}") for n in range(5)]
    got = [claim_next_contact(engine, study.study_id, p, clock) for p in people]
    assert sorted(claimed(c).contact_id for c in got[:4]) == sorted(ids)
    assert isinstance(got[4], NoContact)
    assert got[4].reason is NoContactReason.NOTHING_LEFT


def test_nobody_is_called_outside_their_local_calling_hours(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1, timezone="Asia/Vladivostok")
    moscow = study.contacts(1, timezone="Europe/Moscow")
    anna = make_interviewer(engine)
    # 12:00 UTC: 15:00 Moscow (open), 22:00 Vladivostok (closed).
    clock = SimulatedClock(T0.replace(hour=12))
    assert claimed(claim_next_contact(engine, study.study_id, anna, clock)).contact_id == moscow[0]
    boris = make_interviewer(engine, "boris")
    result = claim_next_contact(engine, study.study_id, boris, clock)
    assert isinstance(result, NoContact)
    assert result.reason is NoContactReason.OUTSIDE_CALLING_HOURS
    assert result.next_at == T0.replace(day=10, hour=23)  # 09:00 Tuesday in Vladivostok


def test_days_off_stop_the_queue(engine: Engine) -> None:
    study = make_study(engine, settings=FieldworkSettings(days_off=(T0.date(),)))
    study.contacts(1)
    result = claim_next_contact(
        engine, study.study_id, make_interviewer(engine), SimulatedClock(T0)
    )
    assert isinstance(result, NoContact)
    assert result.reason is NoContactReason.OUTSIDE_CALLING_HOURS


def test_do_not_call_numbers_and_final_contacts_are_never_given(engine: Engine) -> None:
    study = make_study(engine)
    blocked, final, ok = study.contacts(3)
    block_number(engine, blocked)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    record_outcome(engine, first, "refusal_hard", "never again", clock)
    second = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert {first.contact_id, second.contact_id} == {final, ok}
    record_outcome(engine, second, "complete", "", clock)
    result = claim_next_contact(engine, study.study_id, anna, clock)
    assert isinstance(result, NoContact) and result.reason is NoContactReason.NOTHING_LEFT


def test_a_full_segment_gives_no_fresh_contacts(engine: Engine) -> None:
    study = make_study(engine)
    study.segment("small", target=1)
    study.contacts(3, segment="small")
    study.script()
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    from cati.interviewing import InterviewSession

    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    InterviewSession.open(engine, first, clock, seed=1)  # in progress: counts to the quota
    boris = make_interviewer(engine, "boris")
    result = claim_next_contact(engine, study.study_id, boris, clock)
    assert isinstance(result, NoContact) and result.reason is NoContactReason.QUOTAS_FULL


def test_due_retries_come_before_fresh_contacts(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(3)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    recorded = record_outcome(engine, first, "busy", "", clock)
    assert recorded.next_call_at == T0 + timedelta(minutes=15)
    clock.advance(16 * 60)
    again = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert (again.contact_id, again.reason) == (first.contact_id, ClaimReason.RETRY)


def test_hard_appointments_go_to_their_owner_first_and_to_anyone_after_the_grace(
    engine: Engine,
) -> None:
    study = make_study(engine, settings=FieldworkSettings(appointment_grace_minutes=10))
    study.contacts(1)
    anna, boris = make_interviewer(engine, "anna"), make_interviewer(engine, "boris")
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    at = T0 + timedelta(hours=2)
    record_outcome(engine, first, "appointment_hard", "", clock, appointment=AppointmentRequest(at))
    clock.advance(2 * 3600)  # due now, but only for Anna
    assert isinstance(claim_next_contact(engine, study.study_id, boris, clock), NoContact)
    clock.advance(11 * 60)  # past the grace period: anyone
    got = claimed(claim_next_contact(engine, study.study_id, boris, clock))
    assert (got.contact_id, got.reason) == (first.contact_id, ClaimReason.APPOINTMENT)


def test_the_owner_gets_a_due_hard_appointment_before_anything_else(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(3)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    record_outcome(
        engine,
        first,
        "appointment_hard",
        "",
        clock,
        appointment=AppointmentRequest(T0 + timedelta(minutes=30)),
    )
    clock.advance(30 * 60)
    got = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert (got.contact_id, got.reason) == (first.contact_id, ClaimReason.APPOINTMENT)
    assert got.appointment_id is not None


def test_soft_appointment_windows_are_open_to_anyone(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna, boris = make_interviewer(engine, "anna"), make_interviewer(engine, "boris")
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    window = AppointmentRequest(
        T0 + timedelta(hours=1), T0 + timedelta(hours=3), kind=AppointmentKind.SOFT
    )
    record_outcome(engine, first, "appointment_soft", "", clock, appointment=window)
    clock.advance(3600)
    got = claimed(claim_next_contact(engine, study.study_id, boris, clock))
    assert got.reason is ClaimReason.APPOINTMENT


def test_a_crashed_seats_contact_returns_when_its_lease_ends(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna, boris = make_interviewer(engine, "anna"), make_interviewer(engine, "boris")
    clock = SimulatedClock(T0)
    lost = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert lost.expires_at == T0 + timedelta(minutes=30)
    assert isinstance(claim_next_contact(engine, study.study_id, boris, clock), NoContact)
    clock.advance(30 * 60)
    taken = claimed(claim_next_contact(engine, study.study_id, boris, clock))
    assert taken.contact_id == lost.contact_id and taken.reason is ClaimReason.FRESH
    with pytest.raises(LeaseLostError):
        record_outcome(engine, lost, "busy", "", clock)  # the old holder writes nothing
    assert contact_row(engine, lost.contact_id).claimed_by == boris


def test_a_renewed_lease_is_not_taken_and_a_released_contact_is_fresh_again(
    engine: Engine,
) -> None:
    study = make_study(engine)
    study.contacts(1)
    anna, boris = make_interviewer(engine, "anna"), make_interviewer(engine, "boris")
    clock = SimulatedClock(T0)
    held = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    clock.advance(25 * 60)
    held = renew_lease(engine, held, clock)
    clock.advance(25 * 60)
    assert isinstance(claim_next_contact(engine, study.study_id, boris, clock), NoContact)
    assert release_claim(engine, held, clock) == ContactState.FRESH.value
    assert claimed(claim_next_contact(engine, study.study_id, boris, clock))


def test_an_interviewer_whose_seat_crashed_gets_the_same_contact_back(engine: Engine) -> None:
    study = make_study(engine)
    study.contacts(2)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    first = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    again = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert again.contact_id == first.contact_id and again.reason is ClaimReason.HELD
    assert again.token != first.token


RESTART_EVENING = T0.replace(hour=16, minute=55)  # Monday 19:55 in Moscow, 17:55 in Kaliningrad


def test_a_restarted_seat_is_not_given_its_held_contact_after_calling_hours(
    engine: Engine,
) -> None:
    study = make_study(engine)
    (moscow,) = study.contacts(1, priority=10)
    (kaliningrad,) = study.contacts(1, timezone="Europe/Kaliningrad")
    anna = make_interviewer(engine)
    clock = SimulatedClock(RESTART_EVENING)
    assert claimed(claim_next_contact(engine, study.study_id, anna, clock)).contact_id == moscow

    clock.advance(15 * 60)  # the seat crashed; back at 20:10 in Moscow, 18:10 in Kaliningrad
    again = claimed(claim_next_contact(engine, study.study_id, anna, clock))

    assert again.contact_id == kaliningrad and again.reason is ClaimReason.FRESH
    released = contact_row(engine, moscow)
    assert released.state is ContactState.FRESH and released.claimed_by is None
    # Due again when Moscow's calling hours open: Tuesday 09:00 local.
    assert released.next_call_at == T0.replace(day=11, hour=6, minute=0)


def test_a_restarted_seat_out_of_hours_everywhere_is_told_when_they_open(engine: Engine) -> None:
    study = make_study(engine)
    (moscow,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(RESTART_EVENING)
    claimed(claim_next_contact(engine, study.study_id, anna, clock))
    clock.advance(15 * 60)

    got = claim_next_contact(engine, study.study_id, anna, clock)

    assert isinstance(got, NoContact), got
    assert got.reason is NoContactReason.OUTSIDE_CALLING_HOURS
    assert got.next_at == T0.replace(day=11, hour=6, minute=0)
    assert contact_row(engine, moscow).state is ContactState.FRESH
    clock.advance((T0.replace(day=11, hour=6, minute=0) - clock.now()).total_seconds())
    back = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert back.contact_id == moscow and back.reason is ClaimReason.FRESH


def test_a_held_contact_put_on_the_do_not_call_list_is_closed_and_the_next_one_given(
    engine: Engine,
) -> None:
    study = make_study(engine)
    (blocked,) = study.contacts(1, priority=10, phones=2)
    (other,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    assert claimed(claim_next_contact(engine, study.study_id, anna, clock)).contact_id == blocked
    block_number(engine, blocked)  # while anna's seat was down

    clock.advance(60)
    again = claimed(claim_next_contact(engine, study.study_id, anna, clock))

    assert again.contact_id == other and again.reason is ClaimReason.FRESH
    closed = contact_row(engine, blocked)
    assert closed.state is ContactState.FINAL and closed.claimed_by is None
    assert closed.final_disposition == "3.11"  # never called: not attempted


def test_a_held_contact_with_an_interview_is_closed_as_broken_off_when_blocked(
    engine: Engine,
) -> None:
    study = make_study(engine)
    study.script()
    (blocked,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    held = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    session = InterviewSession.open(engine, held, clock, seed=1)
    record_outcome(
        engine,
        held,
        "appointment_hard",
        "",
        clock,
        AppointmentRequest(T0 + timedelta(hours=2)),
        interview=(session.interview_id, InterviewStatus.IN_PROGRESS),
    )
    clock.advance(2 * 3600)
    held = claimed(claim_next_contact(engine, study.study_id, anna, clock))
    assert held.contact_id == blocked and held.reason is ClaimReason.APPOINTMENT
    block_number(engine, blocked)

    got = claim_next_contact(engine, study.study_id, anna, clock)

    assert isinstance(got, NoContact) and got.reason is NoContactReason.NOTHING_LEFT
    closed = contact_row(engine, blocked)
    assert closed.state is ContactState.FINAL
    assert closed.final_disposition == "2.21"  # a person asked to be called back
    with Session(engine) as db:
        interview = db.get(Interview, session.interview_id)
        appointments = list(db.exec(select(Appointment.status)))
    assert interview is not None and interview.status is InterviewStatus.BROKEN_OFF
    assert AppointmentStatus.PENDING not in appointments
