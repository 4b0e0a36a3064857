"""Interview sessions: committed answers, edits with history, resuming, alerts, endings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select

from cati.clock import SimulatedClock
from cati.db import Alert, AlertKind, AnswerEdit, ContactState, Interview, InterviewStatus
from cati.db import Answer as AnswerRow
from cati.interviewing import InterviewSession, QuotaFull
from cati.scheduler.queue import Claim, LeaseLostError, claim_next_contact
from surveys.answers import Answer
from surveys.engine import Closing, Screen
from surveys.model import CONSENT, CONSENT_YES, INTRO, RECORDING_CONSENT

from ..scheduler.factory import T0, contact_row, make_interviewer, make_study


def start(engine: Engine, *, target: int = 0, script: str = "nps_pulse.yaml"):
    study = make_study(engine)
    study.segment("all", target=target)
    study.contacts(2, segment="all")
    study.script(script)
    person = make_interviewer(engine)
    clock = SimulatedClock(T0)
    claim = claim_next_contact(engine, study.study_id, person, clock)
    assert isinstance(claim, Claim)
    return study, person, clock, claim


def through_consent(session: InterviewSession) -> None:
    session.answer(INTRO, Answer())
    session.answer(CONSENT, Answer(CONSENT_YES))
    session.answer(RECORDING_CONSENT, Answer(CONSENT_YES))


def stored(engine: Engine, interview_id: int) -> dict[str, object]:
    with Session(engine) as session:
        rows = session.exec(select(AnswerRow).where(AnswerRow.interview_id == interview_id))
        return {row.question_id: row.value for row in rows}


def test_every_accepted_answer_is_in_the_database_when_answer_returns(engine: Engine) -> None:
    _, _, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=42)
    through_consent(session)
    saved = session.answer("nps", Answer(9))
    assert saved.change == "created" and isinstance(saved.next, Screen)
    assert stored(engine, session.interview_id)["nps"] == {"value": 9}
    with Session(engine) as db:
        interview = db.get(Interview, session.interview_id)
        assert interview is not None and interview.recording_consent is True


def test_reopening_resumes_at_the_first_unanswered_question_with_the_same_seed(
    engine: Engine,
) -> None:
    _, _, clock, claim = start(engine)
    first = InterviewSession.open(engine, claim, clock, seed=42)
    through_consent(first)
    del first  # the workstation crashed
    again = InterviewSession.open(engine, claim, clock, seed=7)
    assert again.resumed and again.state.seed == 42
    screen = again.screen()
    assert isinstance(screen, Screen) and screen.question_id == "nps"


def test_an_edit_keeps_the_old_value_and_dropped_answers_are_deleted_with_history(
    engine: Engine,
) -> None:
    _, person, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=1)
    through_consent(session)
    session.answer("nps", Answer(8))
    session.answer("nps_why", Answer("good service"))
    session.back()
    back = session.back()
    assert back is not None and back.question_id == "nps"
    saved = session.answer("nps", Answer(special="dont_know"))
    assert saved.change == "edited" and saved.dropped == ("nps_why",)
    assert "nps_why" not in stored(engine, session.interview_id)
    with Session(engine) as db:
        edits = list(db.exec(select(AnswerEdit).order_by(col(AnswerEdit.id))))
    assert [(e.question_id, e.old_value, e.new_value) for e in edits] == [
        ("nps", {"value": 8}, {"value": None, "special": "dont_know"}),
        ("nps_why", {"value": "good service"}, None),
    ]
    assert all(e.edited_by == person for e in edits)


def test_a_detractor_raises_one_alert_in_the_answers_transaction(engine: Engine) -> None:
    _, _, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=1)
    through_consent(session)
    assert session.answer("nps", Answer(3)).alerts == ("detractor",)
    session.back()
    assert session.answer("nps", Answer(2)).alerts == ()  # once per interview
    assert session.flag(AlertKind.SALES_LEAD, "wants an offer") is not None
    assert session.flag(AlertKind.SALES_LEAD, "again") is None
    with Session(engine) as db:
        kinds = sorted(a.kind.value for a in db.exec(select(Alert)))
    assert kinds == ["detractor", "sales_lead"]


def test_an_answer_that_raises_no_alert_does_not_read_the_alerts(engine: Engine) -> None:
    _, _, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=1)
    through_consent(session)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert session.answer("nps", Answer(9)).alerts == ()  # a promoter: nothing to raise
        quiet = [s for s in statements if "alert" in s.lower()]
        statements.clear()
        assert session.answer("nps_why", Answer("Быстрая доставка")).change == "created"
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert quiet == [] and not any("alert" in s.lower() for s in statements)


def test_completing_records_the_outcome_and_closes_the_case(engine: Engine) -> None:
    _, _, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=1)
    through_consent(session)
    session.answer("nps", Answer(10))
    last = session.answer("nps_why", Answer("great"))
    assert isinstance(last.next, Closing) and session.finished
    done = session.finish()
    assert done.closed and done.case_disposition == "1.1"
    assert contact_row(engine, claim.contact_id).state is ContactState.FINAL
    with Session(engine) as db:
        interview = db.get(Interview, session.interview_id)
        assert interview is not None and interview.status is InterviewStatus.COMPLETE


def test_an_interrupted_interview_stays_open_and_resumes_on_the_next_call(
    engine: Engine,
) -> None:
    study, person, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=5)
    through_consent(session)
    done = session.break_off("interrupted", "had to go")
    assert not done.closed and done.next_call_at == T0 + timedelta(hours=2)
    clock.advance(2 * 3600)
    again = claim_next_contact(engine, study.study_id, person, clock)
    assert isinstance(again, Claim) and again.contact_id == claim.contact_id
    resumed = InterviewSession.open(engine, again, clock)
    assert resumed.resumed and resumed.interview_id == session.interview_id


def test_a_lost_lease_refuses_the_answer_and_saves_nothing(engine: Engine) -> None:
    _, _, clock, claim = start(engine)
    session = InterviewSession.open(engine, claim, clock, seed=1)
    clock.advance(31 * 60)
    other = make_interviewer(engine, "boris")
    claim_next_contact(engine, claim.study_id, other, clock)  # the sweep returns the lease
    with pytest.raises(LeaseLostError):
        session.answer(INTRO, Answer())
    assert stored(engine, session.interview_id) == {}


def test_no_interview_starts_in_a_full_segment(engine: Engine) -> None:
    study, _, clock, claim = start(engine, target=1)
    boris = make_interviewer(engine, "boris")
    second = claim_next_contact(engine, study.study_id, boris, clock)  # claims do not fill it
    assert isinstance(second, Claim)
    InterviewSession.open(engine, claim, clock, seed=1)  # in progress: the quota's one place
    with pytest.raises(QuotaFull):
        InterviewSession.open(engine, second, clock, seed=2)
