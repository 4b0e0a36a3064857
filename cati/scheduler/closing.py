"""Closing a case: its AAPOR code from the whole history, its call-backs and interview ended.

Used inside the caller's unit of work (the session it passes), by the wrap-up
(:func:`cati.scheduler.outcomes.record_outcome`) and by the claim, which closes a contact the
interviewer still held when its every number went on the do-not-call list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cati.db import ContactState, InterviewStatus
from cati.db import appointments as db_appointments
from cati.db import attempts as db_attempts
from cati.db import interviews as db_interviews
from cati.dispositions import Attempt, CaseDisposition, Disposition, derive_disposition
from cati.scheduler.settings import FieldworkSettings

__all__ = ["case_of", "close_blocked_contact", "end_open_work"]


def case_of(
    settings: FieldworkSettings,
    history: list[db_attempts.AttemptRecord],
    *,
    has_untried_number: bool,
) -> CaseDisposition:
    """The case's disposition from its attempt ``history`` under the study's outcomes."""
    return derive_disposition(
        [
            Attempt(Disposition.from_code(a.disposition), a.started_at, a.outcome, str(a.phone_id))
            for a in history
            if a.disposition
        ],
        settings.outcome_table(),
        settings.category_map(),
        has_untried_number=has_untried_number,
    )


def end_open_work(session: Any, contact_id: int, now: datetime) -> None:
    """A closed case keeps no pending call-back and no interview in progress."""
    db_appointments.cancel_pending_appointments(session, contact_id)
    db_interviews.close_open_interviews(session, contact_id, InterviewStatus.BROKEN_OFF, now)


def close_blocked_contact(
    session: Any, settings: FieldworkSettings, contact_id: int, now: datetime
) -> str:
    """Close a claimed contact none of whose numbers may be called any more (do-not-call):
    final, with the code its history gives (3.11 "not attempted" when never called), and
    its lease ended. Returns that code."""
    history = db_attempts.attempt_history(session, contact_id)
    case = case_of(settings, history, has_untried_number=False)
    end_open_work(session, contact_id, now)
    db_attempts.update_contact_after_call(
        session,
        contact_id,
        state=ContactState.FINAL,
        final_disposition=case.disposition.value,
        next_call_at=None,
        attempts_added=0,
        now=now,
    )
    return case.disposition.value
