"""The robot interviewer: the real queue, dialer and interview code with random valid answers.

Research leads rehearse a study with it; we use it to load and crash test the guarantees.
It works ``count`` contacts: claim, dial with the (seeded) simulated dialer, record the call's
outcome, or - when a person answers - open the interview, answer with
:func:`surveys.simulate.random_answer` until the script ends, and record the ending. Now and
then the respondent has to go (the interview is interrupted and resumed on a later call),
so rehearsals exercise resuming too.

Every event is handed to ``emit`` only after the database has committed it, so a robot
killed at any moment never reported something that is not stored. On a
:class:`~cati.clock.SimulatedClock` time advances with the calls (ringing, talking) and,
when nobody is callable, jumps to the next opening or the next due call: days of fieldwork
pass in minutes, inside calling hours.
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cati.clock import Clock, SimulatedClock
from cati.db import Engine
from cati.interviewing.recordings import store_call_recordings
from cati.interviewing.session import InterviewSession, QuotaFull
from cati.scheduler.outcomes import record_outcome
from cati.scheduler.queue import Claim, NoContact, claim_next_contact, release_claim, renew_lease
from cati.scheduler.settings import FieldworkSettings
from cati.telephony.dialer import CallHandle, Dialer, RecordingUnavailable
from cati.telephony.results import CallResult, CallStatus
from surveys.answers import Answer, AnswerRejected
from surveys.engine import Closing
from surveys.model import CONSENT_YES, RECORDING_CONSENT, QuestionBase, Script
from surveys.simulate import random_answer

log = logging.getLogger(__name__)

__all__ = ["RespondentFactory", "RobotSummary", "random_respondent", "run_robot"]

Emit = Callable[[dict[str, Any]], None]
#: Answers one interview's questions: given the script and a question, the answer.
Respondent = Callable[[Script, QuestionBase], Answer]
#: Makes the respondent of an interview from its contact fields and seed (the demo's
#: simulated clients with known opinions); by default answers are random but valid.
RespondentFactory = Callable[[Mapping[str, Any], int, random.Random], Respondent]


def random_respondent(contact: Mapping[str, Any], seed: int, rng: random.Random) -> Respondent:
    """Random valid answers (:func:`surveys.simulate.random_answer`)."""
    return lambda script, question: random_answer(script, question, rng)


#: Chance that the respondent has to go after an answer (resumed on a later call).
INTERRUPT_RATE = 0.03
#: Seconds an answer takes on the phone (question read out, answer, typing).
ANSWER_SECONDS = (5.0, 40.0)
_IDLE_LIMIT = 500  # jumps of the clock without a contact before the robot gives up


@dataclass
class RobotSummary:
    contacts: int = 0
    calls: dict[str, int] | None = None
    answers: int = 0
    completes: int = 0
    stopped_because: str = ""


def run_robot(
    engine: Engine,
    study_id: int,
    interviewer_id: int,
    *,
    count: int,
    clock: Clock,
    dialer: Dialer,
    settings: FieldworkSettings,
    emit: Emit,
    seed: int | None = None,
    respondents: RespondentFactory = random_respondent,
    recordings: Path | None = None,
) -> RobotSummary:
    """Work ``count`` contacts of the study as ``interviewer_id`` (see the module doc).

    With ``recordings`` (the study's recordings folder) the robot records the calls whose
    respondent agreed to it, as the console does, and keeps the recordings there."""
    rng = random.Random(seed)
    summary = RobotSummary(calls={})
    table = settings.outcome_table()
    idle = 0
    while summary.contacts < count:
        got = claim_next_contact(engine, study_id, interviewer_id, clock)
        if isinstance(got, NoContact):
            if isinstance(clock, SimulatedClock) and got.next_at is not None and idle < _IDLE_LIMIT:
                idle += 1
                clock.advance(max(60.0, (got.next_at - clock.now()).total_seconds()))
                continue
            summary.stopped_because = got.reason.value
            emit({"event": "idle", "reason": got.reason.value, "at": _iso(clock.now())})
            break
        idle = 0
        summary.contacts += 1
        emit(_event("claim", got, clock, reason=got.reason.value))
        started = clock.now()
        handle = dialer.dial(got.phone_e164, extension=got.extension or "")
        result = _wait_for_outcome(handle)
        duration = (clock.now() - started).total_seconds()
        assert summary.calls is not None
        summary.calls[result.value] = summary.calls.get(result.value, 0) + 1
        if result is not CallResult.ANSWERED:
            dialer.hang_up(handle)
            outcome = table.for_call_result(result)
            if outcome is None:
                release_claim(engine, got, clock)
                emit(_event("released", got, clock, call_result=result.value))
                continue
            done = record_outcome(
                engine,
                got,
                outcome.key,
                "",
                clock,
                call_result=result,
                call_reason=handle.reason,
                started_at=started,
                duration_seconds=duration,
                dialer=dialer.name,
                external_call_id=handle.call_id,
            )
            emit(
                _event(
                    "call",
                    got,
                    clock,
                    call_result=result.value,
                    outcome=done.outcome,
                    disposition=done.case_disposition,
                    closed=done.closed,
                    next_call_at=_iso(done.next_call_at),
                )
            )
            continue
        call = _Call(dialer, handle, started, recordings)
        _interview(engine, got, clock, call, rng, emit, summary, respondents)
    return summary


@dataclass(frozen=True)
class _Call:
    dialer: Dialer
    handle: CallHandle
    started: datetime
    recordings: Path | None  # where recordings are kept; None: calls are not recorded

    def arguments(self) -> dict[str, Any]:
        return {
            "started_at": self.started,
            "dialer": self.dialer.name,
            "external_call_id": self.handle.call_id,
        }

    def record_if_agreed(self, question_id: str, answer: Answer) -> None:
        agreed = question_id == RECORDING_CONSENT and answer.value == CONSENT_YES
        if agreed and self.recordings is not None and self.dialer.supports_recording:
            with contextlib.suppress(RecordingUnavailable):  # the call ended meanwhile
                self.dialer.start_recording(self.handle, consent_given=True)

    def keep_recording(self, engine: Engine, interviewer_id: int, attempt_id: int) -> None:
        if self.recordings is None or not self.handle.was_recorded:
            return
        self.handle.wait(timeout=10)
        try:
            store_call_recordings(
                engine, interviewer_id, attempt_id, self.dialer, self.handle, self.recordings
            )
        except RecordingUnavailable as error:  # the interview is stored; only the audio is not
            log.warning("the recording of call %s was not kept: %s", attempt_id, error)


def _wait_for_outcome(handle: CallHandle) -> CallResult:
    """The call's result, or ANSWERED as soon as a person (not a machine) picks up."""
    while True:
        handle.wait_for(CallStatus.IN_PROGRESS, CallStatus.ENDED, timeout=120)
        if handle.result is not None:
            return handle.result
        if handle.status is CallStatus.IN_PROGRESS and "machine" not in handle.reason:
            return CallResult.ANSWERED
        handle.wait(timeout=120)  # an answering machine's greeting; it ends by itself


def _interview(
    engine: Engine,
    claim: Claim,
    clock: Clock,
    placed: _Call,
    rng: random.Random,
    emit: Emit,
    summary: RobotSummary,
    respondents: RespondentFactory,
) -> None:
    dialer, handle, call = placed.dialer, placed.handle, placed.arguments()
    try:
        session = InterviewSession.open(engine, claim, clock, seed=rng.randrange(2**31))
    except QuotaFull:
        dialer.hang_up(handle)
        done = record_outcome(
            engine, claim, "quota_filled", "", clock, call_result=CallResult.ANSWERED, **call
        )
        emit(_event("call", claim, clock, outcome=done.outcome, closed=done.closed))
        return
    ids = {"interview_id": session.interview_id}
    respondent = respondents(session.state.contact, session.state.seed, rng)
    emit(_event("interview", claim, clock, resumed=session.resumed, **ids))
    while True:
        screen = session.screen()
        if isinstance(screen, Closing):
            break
        if isinstance(clock, SimulatedClock):
            clock.advance(rng.uniform(*ANSWER_SECONDS))
        if claim.expires_at - clock.now() < timedelta(minutes=5):
            claim = renew_lease(engine, claim, clock)
            session.claim = claim
        question = session.script.question(screen.question_id)
        for _ in range(20):
            try:
                given = respondent(session.script, question)
                saved = session.answer(question.id, given)
                break
            except AnswerRejected:
                continue
        else:  # pragma: no cover - random_answer always gives a valid answer
            raise RuntimeError(f"no valid random answer for {question.id}")
        summary.answers += 1
        placed.record_if_agreed(saved.question_id, given)
        emit(
            _event(
                "answer",
                claim,
                clock,
                question_id=saved.question_id,
                value=session.state.answers[saved.question_id].to_json()
                if saved.question_id in session.state.answers
                else None,
                alerts=list(saved.alerts),
                **ids,
            )
        )
        if not isinstance(saved.next, Closing) and rng.random() < INTERRUPT_RATE:
            dialer.hang_up(handle)
            done = session.break_off("interrupted", "respondent had to go", **_ended(call, clock))
            placed.keep_recording(engine, claim.interviewer_id, done.attempt_id)
            emit(_event("break_off", claim, clock, outcome=done.outcome, **ids))
            return
    dialer.hang_up(handle)
    done = session.finish(**_ended(call, clock))
    placed.keep_recording(engine, claim.interviewer_id, done.attempt_id)
    if done.outcome == "complete":
        summary.completes += 1
    emit(
        _event(
            "complete" if done.outcome == "complete" else "finish",
            claim,
            clock,
            outcome=done.outcome,
            disposition=done.case_disposition,
            **ids,
        )
    )


def _ended(call: dict[str, Any], clock: Clock) -> dict[str, Any]:
    return {**call, "duration_seconds": (clock.now() - call["started_at"]).total_seconds()}


def _event(kind: str, claim: Claim, clock: Clock, **fields: Any) -> dict[str, Any]:
    return {
        "event": kind,
        "contact_id": claim.contact_id,
        "at": _iso(clock.now()),
        **fields,
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
