"""A respondent's request never to be called again is saved with the wrap-up, or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.accounts import Actor, Role
from cati.clock import SimulatedClock
from cati.console_service import ClaimedContact, WrapUp, next_contact, record_wrap_up
from cati.db import Attempt, ContactPhone, ContactState, DoNotCall, Interview, InterviewStatus
from cati.interviewing import InterviewSession
from surveys.answers import Answer
from surveys.model import CONSENT, CONSENT_NO, INTRO

from .scheduler.factory import T0, contact_row, make_interviewer, make_study


def start(engine: Engine, *, phones: int = 2) -> tuple[Actor, SimulatedClock, ClaimedContact]:
    study = make_study(engine)
    study.script()
    study.contacts(1, phones=phones)
    person = make_interviewer(engine, "ольга")
    actor = Actor(person, "ольга", "Ольга", Role.INTERVIEWER)
    clock = SimulatedClock(T0)
    claimed = next_contact(engine, actor, study.study_id, clock, "ru")
    assert isinstance(claimed, ClaimedContact), claimed
    return actor, clock, claimed


def listed(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(DoNotCall.e164)))


def numbers_of(engine: Engine, contact_id: int) -> set[str]:
    with Session(engine) as session:
        return set(
            session.exec(select(ContactPhone.e164).where(ContactPhone.contact_id == contact_id))
        )


def test_a_wrap_up_whose_do_not_call_step_fails_saves_nothing_and_keeps_the_contact(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor, clock, claimed = start(engine)

    def disk_full(*args: object, **kwargs: object) -> list[str]:
        raise OSError("disk full")

    monkeypatch.setattr("cati.db.do_not_call.add_numbers", disk_full)
    wrap_up = WrapUp("refusal_hard", "просит больше не звонить", do_not_call=True)
    with pytest.raises(OSError):
        record_wrap_up(engine, actor, claimed.claim, clock, wrap_up)

    # Neither the refusal nor the request: the interviewer still holds the contact and can
    # record the wrap-up again.
    with Session(engine) as session:
        assert list(session.exec(select(Attempt))) == []
    held = contact_row(engine, claimed.claim.contact_id)
    assert held.state is ContactState.CLAIMED and held.claim_token == claimed.claim.token
    monkeypatch.undo()
    recorded = record_wrap_up(engine, actor, claimed.claim, clock, wrap_up)
    assert recorded.closed and recorded.numbers_blocked == 2
    assert listed(engine) == numbers_of(engine, claimed.claim.contact_id)


def test_a_respondent_who_asks_mid_interview_is_listed_and_the_case_closed(
    engine: Engine,
) -> None:
    actor, clock, claimed = start(engine)
    session = InterviewSession.open(engine, claimed.claim, clock, seed=1)
    # "Interrupted" alone would keep the interview open to be resumed on a later call.
    wrap_up = WrapUp("interrupted", "Не звоните мне больше", do_not_call=True)

    recorded = record_wrap_up(engine, actor, claimed.claim, clock, wrap_up, session)

    assert recorded.closed and recorded.state is ContactState.FINAL
    assert listed(engine) == numbers_of(engine, claimed.claim.contact_id)
    with Session(engine) as db:
        interview = db.get(Interview, session.interview_id)
    assert interview is not None and interview.status is InterviewStatus.BROKEN_OFF


def test_a_finished_interview_can_carry_the_request_too(engine: Engine) -> None:
    actor, clock, claimed = start(engine, phones=1)
    session = InterviewSession.open(engine, claimed.claim, clock, seed=1)
    session.answer(INTRO, Answer())
    session.answer(CONSENT, Answer(CONSENT_NO))
    assert session.finished

    recorded = record_wrap_up(
        engine, actor, claimed.claim, clock, WrapUp("refusal_respondent", do_not_call=True), session
    )

    assert recorded.closed and recorded.numbers_blocked == 1
    assert listed(engine) == numbers_of(engine, claimed.claim.contact_id)
