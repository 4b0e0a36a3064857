"""The alert inbox: detractors, problem reports and sales leads as they happen.

Each alert comes with the answers behind it (in the words of the script's questions) and the
state of its deliveries to the client (e-mail, Telegram). Marking an alert handled records
who did it, when and the note they wrote, once: if two supervisors press the button at the
same moment the second is told who was first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine
from cati.db import supervision as queries
from cati.db.alerts import DeliveryStatus, alert_inbox, load_alert_row
from cati.errors import CatiError, NotFoundError
from cati.supervision.errors import AlertAlreadyHandled
from surveys import load_script_text
from surveys.errors import ScriptError
from surveys.model import GridQuestion, InfoScreen, Script

__all__ = [
    "AlertDetail",
    "AnswerLine",
    "InboxAlert",
    "alert_detail",
    "handle_alert",
    "inbox",
    "resend",
]


@dataclass(frozen=True)
class InboxAlert:
    alert_id: int
    kind: str  # detractor, problem, sales_lead, manual
    status: str  # new, handled
    created_at: datetime
    company: str
    segment: str
    interview_id: int | None
    note: str
    handled_by: str | None
    handled_at: datetime | None
    details: dict[str, Any]
    deliveries: tuple[DeliveryStatus, ...]

    @property
    def delivery_state(self) -> str:
        """One word for the inbox: none, pending, sending, sent, maybe_sent (handed over,
        no answer: a person decides whether to send it again) or failed; the one that most
        needs a person wins."""
        states = {d.state for d in self.deliveries}
        for state in ("failed", "maybe_sent", "sending", "pending", "sent"):
            if state in states:
                return state
        return "none"

    @property
    def can_resend(self) -> bool:
        """Whether a message of the alert is maybe sent or failed (see :func:`resend`)."""
        return any(d.state in ("maybe_sent", "failed") for d in self.deliveries)


@dataclass(frozen=True)
class AnswerLine:
    question_id: str
    question: str
    answer: str


@dataclass(frozen=True)
class AlertDetail:
    alert_id: int
    kind: str
    company: str
    contact_name: str
    position: str
    segment: str
    note: str
    answers: tuple[AnswerLine, ...]


def inbox(engine: Engine, actor: Actor, study_id: int, limit: int = 200) -> list[InboxAlert]:
    """The newest alerts of the study, new and handled, with delivery states."""
    require(actor, Permission.SUPERVISE)
    summaries = alert_inbox(engine, study_id, limit)
    handling = queries.alert_handling(engine, [s.alert_id for s in summaries])
    alerts = []
    for summary in summaries:
        extra = handling.get(summary.alert_id)
        alerts.append(
            InboxAlert(
                alert_id=summary.alert_id,
                kind=summary.kind,
                status=summary.status,
                created_at=summary.created_at,
                company=summary.company,
                segment=summary.segment,
                interview_id=extra.interview_id if extra else None,
                note=extra.note if extra else "",
                handled_by=extra.handled_by if extra else None,
                handled_at=extra.handled_at if extra else None,
                details=extra.details if extra else {},
                deliveries=summary.deliveries,
            )
        )
    return alerts


def alert_detail(engine: Engine, actor: Actor, alert_id: int, language: str = "ru") -> AlertDetail:
    """The alert with the answers of its interview, as question text and answer label."""
    require(actor, Permission.SUPERVISE)
    row = load_alert_row(engine, alert_id)
    if row is None:
        raise NotFoundError(f"there is no alert {alert_id}; refresh the inbox")
    lines: list[AnswerLine] = []
    if row.script_text:
        try:
            script = load_script_text(row.script_text, f"{row.study_name} (script)")
        except ScriptError:
            script = None
        lines = _answer_lines(script, row.answers, language)
    return AlertDetail(
        alert_id=alert_id,
        kind=row.kind,
        company=row.company,
        contact_name=row.contact_name,
        position=row.position,
        segment=row.segment,
        note=row.note,
        answers=tuple(lines),
    )


def handle_alert(
    engine: Engine, actor: Actor, study_id: int, alert_id: int, note: str, clock: Clock
) -> InboxAlert:
    """Mark the alert handled by ``actor`` with ``note``; returns it as the inbox shows it."""
    require(actor, Permission.SUPERVISE)
    text = note.strip()
    if not text:
        raise CatiError("write what was done about the alert (a short note) before closing it")
    result = queries.mark_alert_handled(engine, alert_id, study_id, actor.id, clock.now(), text)
    if result == "missing":
        raise NotFoundError(f"there is no alert {alert_id} in this study; refresh the inbox")
    current = next((a for a in inbox(engine, actor, study_id) if a.alert_id == alert_id), None)
    if result == "already":
        who = current.handled_by if current and current.handled_by else "somebody"
        raise AlertAlreadyHandled(
            f"{who} has already handled this alert"
            + (f": {current.note}" if current and current.note else "")
        )
    if current is None:  # pragma: no cover - beyond the inbox's limit
        raise NotFoundError(f"alert {alert_id} is not among the newest; refresh the inbox")
    return current


def _label(texts: dict[str, str] | None, language: str) -> str:
    if not texts:
        return ""
    return texts.get(language) or next(iter(texts.values()), "")


def _answer_lines(
    script: Script | None, answers: dict[str, dict[str, Any]], language: str
) -> list[AnswerLine]:
    if script is None:
        return [AnswerLine(q, q, _plain(a)) for q, a in answers.items()]
    lines = []
    for question in script.questions:
        stored = answers.get(question.id)
        if stored is None or isinstance(question, InfoScreen):
            continue
        text = _label(getattr(question, "text", None), language) or question.id
        lines.append(AnswerLine(question.id, text, describe_answer(question, stored, language)))
    return lines


def describe_answer(question: Any, stored: dict[str, Any], language: str) -> str:
    """An answer in words: option labels for choices, numbers as numbers, specials named."""
    special = stored.get("special")
    if special:
        return {"dont_know": {"ru": "затрудняюсь ответить", "en": "don't know"}}.get(
            special, {"ru": "отказ от ответа", "en": "refused"}
        )["ru" if language == "ru" else "en"]
    value = stored.get("value")
    options = {o.code: _label(o.label, language) for o in getattr(question, "options", ()) or ()}
    if isinstance(question, GridQuestion) and isinstance(value, dict):
        rows = {r.id: _label(r.label, language) for r in question.rows}
        return "; ".join(f"{rows.get(k, k)}: {v}" for k, v in value.items())
    if isinstance(value, list):
        text = ", ".join(options.get(v, str(v)) for v in value)
    elif options and value in options:
        text = options[value]
    else:
        text = "" if value is None else str(value)
    other = stored.get("other")
    return f"{text} ({other})" if other else text


def _plain(stored: dict[str, Any]) -> str:
    value = stored.get("value")
    return stored.get("special") or ("" if value is None else str(value))


def resend(engine: Engine, actor: Actor, alert_id: int, clock: Clock) -> int:
    """Send the alert's maybe-sent and failed messages again (a supervisor's deliberate
    choice: the recipient may get one twice, under the same Message-ID); the number queued
    for the next delivery round."""
    from cati.alerts.delivery import resend_alert

    require(actor, Permission.SUPERVISE)
    queued = resend_alert(engine, clock, alert_id)
    if not queued:
        raise CatiError(
            f"alert {alert_id} has no maybe-sent or failed message to send again; refresh the inbox"
        )
    return queued
