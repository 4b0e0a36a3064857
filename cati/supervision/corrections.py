"""A supervisor's correction of an answer, logged and kept consistent with the routing.

The new answer is validated by the script engine exactly as in the interview
(:func:`surveys.engine.answer` on the interview's stored state: same script version, seed and
contact). Answers the new routing no longer reaches are removed; both the correction and
every removal are logged in ``answer_edit`` with the supervisor and the reason. A correction
of a completed interview that would open questions the respondent was never asked is
refused: the interview would no longer be complete, so the supervisor must choose another
value or have the respondent called back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine
from cati.db import supervision as queries
from cati.db.supervision import AnswerChange, EditableInterview
from cati.errors import CatiError, NotFoundError
from cati.scheduler.hours import zone_of
from cati.supervision.errors import AnswersChanged
from surveys import load_script_text
from surveys.answers import Answer
from surveys.engine import InterviewState, walk
from surveys.engine import answer as engine_answer
from surveys.model import Script

__all__ = ["Correction", "answer_history", "correct_answer", "interview_for_correction"]


@dataclass(frozen=True)
class Correction:
    interview_id: int
    question_id: str
    dropped: tuple[str, ...]


@lru_cache(maxsize=16)
def _script(text: str) -> Script:
    return load_script_text(text, "<interview script>")


def interview_for_correction(
    engine: Engine, actor: Actor, interview_id: int
) -> tuple[EditableInterview, Script]:
    require(actor, Permission.SUPERVISE)
    found = queries.editable_interview(engine, interview_id)
    if found is None:
        raise NotFoundError(f"there is no interview {interview_id}")
    return found, _script(found.script_text)


def _state(found: EditableInterview) -> InterviewState:
    zone = zone_of(found.timezone)
    today = (found.started_at.astimezone(zone) if zone else found.started_at).date()
    return InterviewState(
        answers={qid: Answer.from_json(value) for qid, value in found.answers.items()},
        contact=found.contact_fields,
        seed=found.seed,
        today=today,
    )


def correct_answer(
    engine: Engine,
    actor: Actor,
    interview_id: int,
    question_id: str,
    given: Answer,
    reason: str,
    clock: Clock,
) -> Correction:
    """Replace the answer to ``question_id`` (see the module docstring)."""
    require(actor, Permission.SUPERVISE)
    why = reason.strip()
    if not why:
        raise CatiError("say why the answer is corrected (it is kept in the interview's log)")
    found, script = interview_for_correction(engine, actor, interview_id)
    state = _state(found)
    if question_id not in walk(script, state).path:
        raise CatiError(
            f"question {question_id} was not asked in this interview; only given answers "
            "can be corrected"
        )
    accepted = engine_answer(script, state, question_id, given, found.language)
    if found.status == "complete" and walk(script, accepted.state).ending is None:
        raise CatiError(
            "this answer would lead to questions the respondent was never asked, so the "
            "interview would no longer be complete; choose another value or arrange a call back"
        )
    written = queries.apply_answer_change(
        engine,
        interview_id=interview_id,
        expected=found.answers,
        question_id=question_id,
        new_value=accepted.answer.to_json(),
        dropped=accepted.dropped,
        editor_id=actor.id,
        now=clock.now(),
        reason=why,
    )
    if not written:
        raise AnswersChanged(
            "the interview's answers changed while you were correcting; reload it and try again"
        )
    return Correction(interview_id, question_id, tuple(accepted.dropped))


def answer_history(engine: Engine, actor: Actor, interview_id: int) -> list[AnswerChange]:
    require(actor, Permission.SUPERVISE)
    return queries.answer_edits(engine, interview_id)
