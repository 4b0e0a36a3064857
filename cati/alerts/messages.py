"""The text of an alert for one recipient: what happened, where, and only the fields the
recipient may see (see :mod:`cati.alerts.settings`).

"The answers that raised it" are the answers the script's alert rule of that kind refers to
(``nps <= 6`` -> ``nps``), followed by the open questions that follow up on them (a
question whose ``show_if`` mentions them, such as ``nps_detractor_why``). Open answers are
the respondent's own words and are shown only with the ``answers`` field.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cati.alerts.transports import OutgoingMessage
from cati.exports.variables import text_in
from surveys.expressions import names_in, parse
from surveys.model import (
    GridQuestion,
    MultipleChoice,
    OpenQuestion,
    QuestionBase,
    Script,
    SingleChoice,
)
from surveys.specials import special_code

__all__ = ["AlertFacts", "alert_message", "answer_text", "raising_questions"]

KIND_NAMES = {
    "ru": {
        "detractor": "Критик",
        "problem": "Проблема клиента",
        "sales_lead": "Запрос на продажу",
        "manual": "Сигнал интервьюера",
    },
    "en": {
        "detractor": "Detractor",
        "problem": "Client problem",
        "sales_lead": "Sales lead",
        "manual": "Interviewer's alert",
    },
}
WORDS = {
    "ru": {
        "study": "Исследование",
        "kind": "Сигнал",
        "time": "Время",
        "interview": "Интервью №",
        "segment": "Сегмент",
        "company": "Компания",
        "contact_name": "Контактное лицо",
        "position": "Должность",
        "phone": "Телефон",
        "email": "Эл. почта",
        "answers": "Ответы",
        "note": "Комментарий интервьюера",
    },
    "en": {
        "study": "Study",
        "kind": "Alert",
        "time": "Time",
        "interview": "Interview no.",
        "segment": "Segment",
        "company": "Company",
        "contact_name": "Contact",
        "position": "Position",
        "phone": "Phone",
        "email": "E-mail",
        "answers": "Answers",
        "note": "Interviewer's note",
    },
}


@dataclass(frozen=True)
class AlertFacts:
    """Everything an alert message may draw on; the recipient's fields choose from it."""

    alert_id: int
    kind: str
    created_at: datetime
    study_name: str
    interview_id: int | None = None
    segment: str = ""
    company: str = ""
    contact_name: str = ""
    position: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""
    timezone: str = "Europe/Moscow"
    note: str = ""
    script: Script | None = None
    answers: Mapping[str, Mapping[str, Any]] | None = None


def raising_questions(script: Script, kind: str) -> list[str]:
    """The questions an alert of ``kind`` depends on, then their open follow-ups."""
    direct: list[str] = []
    for rule in script.alerts:
        if rule.kind != kind:
            continue
        for name in names_in(parse(rule.when)):
            head = name.parts[0]
            if head != "contact" and head in script.by_id and head not in direct:
                direct.append(head)
    follow_ups = []
    for question in script.questions:
        if isinstance(question, OpenQuestion) and question.show_if and question.id not in direct:
            mentioned = {n.parts[0] for n in names_in(parse(question.show_if))}
            if mentioned & set(direct):
                follow_ups.append(question.id)
    return direct + follow_ups


def answer_text(
    script: Script, question: QuestionBase, stored: Mapping[str, Any], lang: str
) -> str:
    """A stored answer (``Answer.to_json()``) as a person reads it."""
    special = stored.get("special")
    if special:
        return text_in(special_code(script, special).label, lang)
    value = stored.get("value")
    other = stored.get("other")
    if isinstance(question, SingleChoice | MultipleChoice):
        codes = value if isinstance(value, list) else [value]
        labels = [
            f"{text_in(o.label, lang)}: {other}" if o.other and other else text_in(o.label, lang)
            for o in question.options
            if o.code in codes
        ]
        return "; ".join(labels)
    if isinstance(question, GridQuestion) and isinstance(value, Mapping):
        parts = []
        for row in question.rows:
            point = value.get(row.id)
            if point is None:
                continue
            shown = (
                text_in(special_code(script, point).label, lang)
                if isinstance(point, str)
                else point
            )
            parts.append(f"{text_in(row.label, lang)} — {shown}")
        return "; ".join(parts)
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def alert_message(
    facts: AlertFacts, fields: Collection[str], language: str = "ru"
) -> OutgoingMessage:
    """The message for a recipient allowed to see ``fields``."""
    lang = language if language in WORDS else "en"
    words = WORDS[lang]
    kind = KIND_NAMES[lang].get(facts.kind, facts.kind)
    local = facts.created_at.astimezone(_zone(facts.timezone))
    lines = [
        f"{words['kind']}: {kind}",
        f"{words['study']}: {facts.study_name}",
        f"{words['time']}: {local:%d.%m.%Y %H:%M} ({local.tzname()})",
    ]
    if facts.interview_id is not None:
        lines.append(f"{words['interview']} {facts.interview_id}")
    shown = {
        "segment": facts.segment,
        "company": facts.company,
        "contact_name": facts.contact_name,
        "position": facts.position,
        "phone": ", ".join(facts.phones),
        "email": facts.email,
    }
    for name, value in shown.items():
        if name in fields and value:
            lines.append(f"{words[name]}: {value}")
    if "answers" in fields and facts.script is not None and facts.answers:
        answered = [
            (qid, facts.answers[qid])
            for qid in raising_questions(facts.script, facts.kind)
            if qid in facts.answers
        ]
        if answered:
            lines.append(f"{words['answers']}:")
            for qid, stored in answered:
                question = facts.script.by_id[qid]
                lines.append(f"  {qid}: {answer_text(facts.script, question, stored, lang)}")
    if "note" in fields and facts.note.strip():
        lines.append(f"{words['note']}: {facts.note.strip()}")
    subject_parts = [kind, facts.study_name]
    if "segment" in fields and facts.segment:
        subject_parts.append(facts.segment)
    if "company" in fields and facts.company:
        subject_parts.append(facts.company)
    return OutgoingMessage(subject="[cati] " + " — ".join(subject_parts), text="\n".join(lines))


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("Europe/Moscow")
