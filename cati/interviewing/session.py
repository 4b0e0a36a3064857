"""An interview session: one claimed contact, the script engine, every answer saved at once.

The session is the only writer of an interview while its contact's lease is held. Each
accepted answer is one transaction - the answer row (an edit keeps the previous value in
``answer_edit``), the answers routing no longer reaches deleted (with history), the hot alerts
the answer raised - and :meth:`InterviewSession.answer` returns only after the commit. So a
crash at any moment loses no answer the interviewer saw accepted; reopening the contact
resumes the same interview (same script version, same seed, so the same randomised order)
at the first unanswered question, because the engine is a pure function of the stored
answers.

Hot alerts come from the script's ``alerts:`` rules, from the study's detractor threshold on
the question the script declares ``role: nps`` (NPS <= 6 by default) when the script has no
detractor rule of its own, and from the
interviewer's explicit flags (a problem to contact about, a sales lead). Each kind is raised
once per interview.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cati.changes import ALERT, ANSWER, notify
from cati.clock import Clock
from cati.db import AlertKind, Engine, InterviewStatus
from cati.db import interviews as db
from cati.db import queue as db_queue
from cati.db.engine import session_scope
from cati.errors import CatiError
from cati.scheduler.hours import zone_of
from cati.scheduler.outcomes import AppointmentRequest, OutcomeRecorded, record_outcome
from cati.scheduler.queue import Claim, LeaseLostError
from cati.scheduler.settings import fieldwork_settings
from cati.telephony.results import CallResult
from surveys.answers import Answer
from surveys.engine import (
    Closing,
    InterviewState,
    Screen,
    current_screen,
    previous,
    screen_for,
    walk,
)
from surveys.engine import answer as engine_answer
from surveys.loader import load_script_text
from surveys.model import CONSENT_YES, RECORDING_CONSENT, Script

__all__ = [
    "AnswerSaved",
    "InterviewSession",
    "NoScript",
    "QuotaFull",
]

#: How each ending of the script is recorded: (outcome key, interview status, note).
_ENDINGS: dict[str, tuple[str, InterviewStatus, str]] = {
    "complete": ("complete", InterviewStatus.COMPLETE, ""),
    "screened_out": ("screened_out", InterviewStatus.SCREENED_OUT, ""),
    "refused": ("refusal_respondent", InterviewStatus.REFUSED, "declined at the consent question"),
}


class QuotaFull(CatiError):
    """The contact's segment has reached its quota (completes and interviews in progress);
    record the outcome ``quota_filled`` and thank the respondent."""


class NoScript(CatiError):
    """The study has no script version to interview with."""


@dataclass(frozen=True)
class AnswerSaved:
    """An answer the database has committed, and what it changed."""

    interview_id: int
    contact_id: int
    question_id: str
    change: str  # "created", "edited", "unchanged"
    dropped: tuple[str, ...]
    alerts: tuple[str, ...]  # alert kinds raised by this answer
    next: Screen | Closing


@lru_cache(maxsize=32)
def _script(text: str) -> Script:
    return load_script_text(text)


class InterviewSession:
    """Drives one interview for a claimed contact (see the module docstring)."""

    def __init__(
        self,
        engine: Engine,
        claim: Claim,
        clock: Clock,
        *,
        interview_id: int,
        script: Script,
        state: InterviewState,
        language: str,
        resumed: bool,
        detractor_threshold: int,
    ) -> None:
        self.engine = engine
        self.claim = claim
        self.clock = clock
        self.interview_id = interview_id
        self.script = script
        self.state = state
        self.language = language
        self.resumed = resumed
        self._detractor_threshold = detractor_threshold
        self._showing: str | None = None  # a screen before the current one (going back)

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        engine: Engine,
        claim: Claim,
        clock: Clock,
        *,
        language: str | None = None,
        seed: int | None = None,
    ) -> InterviewSession:
        """Start the contact's interview, or resume the one in progress (same seed, same
        script version). Raises :class:`QuotaFull`, :class:`NoScript`,
        :class:`LeaseLostError`."""
        now = clock.now()
        with session_scope(engine, immediate=True) as session:
            _hold(session, claim)
            facts = db.contact_facts(session, claim.contact_id)
            settings_row = db_queue.study_settings_and_status(session, claim.study_id)
            settings = fieldwork_settings(settings_row[0] if settings_row else {})
            existing = db.open_interview(session, claim.contact_id)
            if existing is not None:
                interview_id = existing.id
                version_id = existing.script_version_id
                chosen_seed = existing.seed
                chosen_language = existing.language
                stored = db.interview_answers(session, interview_id)
                resumed = True
            else:
                latest = db.latest_script_version(session, claim.study_id)
                if latest is None:
                    raise NoScript(
                        "This study has no script yet; a research lead must add one before "
                        "interviews can start."
                    )
                if not db.quota_room(session, facts.segment_id):
                    raise QuotaFull(
                        "The quota of this contact's segment is reached: thank the respondent "
                        "and record the outcome 'quota filled'."
                    )
                version_id = latest
                chosen_seed = seed if seed is not None else secrets.randbelow(2**31)
                stored = {}
                chosen_language = ""
                interview_id = 0
                resumed = False
            text = db.script_text(session, version_id)
            script = _script(text)
            if not resumed:
                chosen_language = language if language in script.languages else script.languages[0]
                interview_id = db.create_interview(
                    session,
                    study_id=claim.study_id,
                    contact_id=claim.contact_id,
                    script_version_id=version_id,
                    interviewer_id=claim.interviewer_id,
                    seed=chosen_seed,
                    language=chosen_language,
                    now=now,
                )
        zone = zone_of(facts.timezone)
        today = (now.astimezone(zone) if zone else now).date()
        state = InterviewState(
            answers={qid: Answer.from_json(_as_json(v)) for qid, v in stored.items()},
            contact=facts.fields,
            seed=chosen_seed,
            today=today,
        )
        return cls(
            engine,
            claim,
            clock,
            interview_id=interview_id,
            script=script,
            state=state,
            language=chosen_language,
            resumed=resumed,
            detractor_threshold=settings.detractor_threshold,
        )

    # ---- showing and answering ----------------------------------------------------------

    def screen(self) -> Screen | Closing:
        """The screen to show: the one gone back to, or the first unanswered one."""
        if self._showing is not None:
            return screen_for(self.script, self.state, self._showing, self.language)
        return current_screen(self.script, self.state, self.language)

    def back(self) -> Screen | None:
        """Show the screen before the one shown now (None at the first screen)."""
        shown = self.screen()
        current = shown.question_id if isinstance(shown, Screen) else None
        target = previous(self.script, self.state, current)
        if target is None:
            return None
        self._showing = target
        return screen_for(self.script, self.state, target, self.language)

    def answer(self, question_id: str, given: Answer) -> AnswerSaved:
        """Validate, commit and only then report the answer accepted.

        Raises ``AnswerRejected`` (nothing saved) or :class:`LeaseLostError`.
        """
        accepted = engine_answer(self.script, self.state, question_id, given, self.language)
        now = self.clock.now()
        raised: list[str] = []
        with session_scope(self.engine, immediate=True) as session:
            _hold(session, self.claim)
            change = db.save_answer(
                session,
                interview_id=self.interview_id,
                question_id=question_id,
                value=accepted.answer.to_json(),
                other_text=accepted.answer.other,
                interviewer_id=self.claim.interviewer_id,
                now=now,
            )
            db.drop_answers(
                session,
                interview_id=self.interview_id,
                question_ids=list(accepted.dropped),
                interviewer_id=self.claim.interviewer_id,
                now=now,
                reason=f"not asked any more after the answer to {question_id} changed",
            )
            if question_id == RECORDING_CONSENT:
                db.set_recording_consent(
                    session, self.interview_id, accepted.answer.value == CONSENT_YES
                )
            candidates = self._alerts(question_id, accepted)
            # Most answers raise nothing: only then is the interview's alert list read.
            already = db.alert_kinds(session, self.interview_id) if candidates else set()
            for kind, details in candidates:
                if kind in already:
                    continue
                already.add(kind)
                raised.append(kind)
                db.add_alert(
                    session,
                    study_id=self.claim.study_id,
                    interview_id=self.interview_id,
                    contact_id=self.claim.contact_id,
                    kind=_alert_kind(kind),
                    details=details,
                    note="",
                    now=now,
                )
            db.touch_interview(session, self.interview_id, now)
            ids = {"study_id": self.claim.study_id, "interview_id": self.interview_id}
            notify(session, ANSWER, {**ids, "question_id": question_id})
            for kind in raised:
                notify(session, ALERT, {**ids, "kind": kind})
        self.state = accepted.state
        self._showing = None
        return AnswerSaved(
            interview_id=self.interview_id,
            contact_id=self.claim.contact_id,
            question_id=question_id,
            change=change,
            dropped=accepted.dropped,
            alerts=tuple(raised),
            next=accepted.next,
        )

    def _alerts(self, question_id: str, accepted: Any) -> list[tuple[str, dict[str, Any]]]:
        found = [
            (rule.kind, {"question_id": question_id, "rule_kind": rule.kind, "rule": rule.when})
            for rule in accepted.alerts
        ]
        has_rule = any(rule.kind == AlertKind.DETRACTOR.value for rule in self.script.alerts)
        value = accepted.answer.value
        if (
            not has_rule
            and question_id == self.script.roles.nps  # the declared NPS question, no other 0-10
            and accepted.answer.special is None
            and isinstance(value, int)
            and value <= self._detractor_threshold
        ):
            found.append(
                (
                    AlertKind.DETRACTOR.value,
                    {
                        "question_id": question_id,
                        "score": value,
                        "threshold": self._detractor_threshold,
                    },
                )
            )
        return found

    def flag(self, kind: AlertKind, note: str = "") -> int | None:
        """The interviewer's explicit alert (a problem to contact about, a sales lead);
        None when this interview already has one of that kind."""
        now = self.clock.now()
        with session_scope(self.engine, immediate=True) as session:
            _hold(session, self.claim)
            if kind.value in db.alert_kinds(session, self.interview_id):
                return None
            ids = {"study_id": self.claim.study_id, "interview_id": self.interview_id}
            notify(session, ALERT, {**ids, "kind": kind.value})
            return db.add_alert(
                session,
                study_id=self.claim.study_id,
                interview_id=self.interview_id,
                contact_id=self.claim.contact_id,
                kind=kind,
                details={"flagged_by": self.claim.interviewer_id},
                note=note,
                now=now,
            )

    # ---- ending ----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return walk(self.script, self.state).ending is not None

    def finish(self, *, do_not_call: bool = False, **call: Any) -> OutcomeRecorded:
        """Record the script's ending (complete, screened out, refused at consent) as the
        call's outcome and close the interview, in one transaction. ``call`` passes the
        dialer's facts on to :func:`record_outcome` (call_result, started_at, ...);
        ``do_not_call`` the respondent's request never to be called again (saved with it)."""
        ending = walk(self.script, self.state).ending
        if ending is None:
            raise CatiError(
                "The interview is not at its end yet: answer the remaining questions, or "
                "break it off with an outcome."
            )
        outcome, status, note = _ENDINGS[ending.status]
        call.setdefault("call_result", CallResult.ANSWERED)
        return self._record(outcome, note, status, do_not_call=do_not_call, **call)

    def break_off(
        self,
        outcome_key: str = "interrupted",
        note: str = "",
        appointment: AppointmentRequest | None = None,
        *,
        do_not_call: bool = False,
        **call: Any,
    ) -> OutcomeRecorded:
        """Stop before the end: ``interrupted`` or a call-back keep the interview open to be
        resumed; a refusal closes it as broken off. ``do_not_call``: the respondent asked
        never to be called again (saved with the outcome; the case closes)."""
        table = self._settings().outcome_table()
        status = (
            InterviewStatus.IN_PROGRESS
            if not table[outcome_key].final
            else InterviewStatus.BROKEN_OFF
        )
        call.setdefault("call_result", CallResult.ANSWERED)
        return self._record(
            outcome_key,
            note,
            status,
            appointment=appointment,
            do_not_call=do_not_call,
            **call,
        )

    def _settings(self) -> Any:
        with session_scope(self.engine) as session:
            found = db_queue.study_settings_and_status(session, self.claim.study_id)
        return fieldwork_settings(found[0] if found else {})

    def _record(
        self, outcome: str, note: str, status: InterviewStatus, **call: Any
    ) -> OutcomeRecorded:
        return record_outcome(
            self.engine,
            self.claim,
            outcome,
            note,
            self.clock,
            interview=(self.interview_id, status),
            **call,
        )


def _hold(session: Any, claim: Claim) -> None:
    try:
        db_queue.check_lease(session, claim.contact_id, claim.token)
    except db_queue.LeaseLost:
        raise LeaseLostError(
            f"Contact {claim.contact_id} is no longer yours: the hold on it ended and it went "
            "back to the queue. This answer was not saved; take the next contact."
        ) from None


def _alert_kind(kind: str) -> AlertKind:
    try:
        return AlertKind(kind)
    except ValueError:
        return AlertKind.MANUAL  # a script's own kind; its name is kept in the details


def _as_json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"value": value}
