"""The interview engine: a pure function of (script, contact, answers so far, seed).

Routing is replayed from the first screen every time: a screen is on the path when its
``show_if`` holds given the answers on the path before it; after an answer, screen-outs and
skips apply. The first screen on the path without an answer is the current one. Answers to
screens that routing passed over are dropped (they were given on a path the interview no
longer takes, for example before the interviewer went back and changed an earlier answer);
answers beyond the current screen are kept, so after an edit the interview walks forward over
them and stops at the first screen that really needs an answer. When the interview ends,
every answer not on the final path is dropped.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from surveys.answers import SPECIAL_KEYS, Answer, AnswerRejected, validate_answer
from surveys.expressions import UNKNOWN, Choice, Name, Status, evaluate_condition, names_in
from surveys.messages import message
from surveys.model import (
    CONSENT,
    CONSENT_NO,
    END,
    AlertRule,
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    Option,
    QuestionBase,
    RatingQuestion,
    Script,
    SingleChoice,
)
from surveys.piping import render
from surveys.specials import special_code
from surveys.texts import builtin

EndStatus = Literal["complete", "screened_out", "refused"]


@dataclass(frozen=True)
class InterviewState:
    """Everything the engine needs to know about one interview."""

    answers: Mapping[str, Answer] = field(default_factory=dict)
    contact: Mapping[str, Any] = field(default_factory=dict)
    seed: int = 0
    today: date = field(default_factory=date.today)

    def with_answers(self, answers: Mapping[str, Answer]) -> InterviewState:
        return replace(self, answers=dict(answers))


@dataclass(frozen=True)
class Ending:
    status: EndStatus
    reason: str | None = None
    question_id: str | None = None  # the screen after which the interview ended


@dataclass(frozen=True)
class Walk:
    """Where routing stands: the answered path, the current screen or the ending."""

    path: tuple[str, ...]
    current: str | None
    passed_over: tuple[str, ...]
    ending: Ending | None

    def reachable_answers(self, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """The answers to keep: everything but what routing passed over (and, at the end,
        everything off the final path)."""
        if self.ending is not None:
            on_path = set(self.path)
            return {qid: a for qid, a in answers.items() if qid in on_path}
        dropped = set(self.passed_over)
        return {qid: a for qid, a in answers.items() if qid not in dropped}


class _Values:
    """Answers on the path so far and the contact's fields, for conditions and piping."""

    def __init__(self, script: Script, state: InterviewState, visible: set[str]) -> None:
        self.script = script
        self.state = state
        self.visible = visible

    def answer(self, question_id: str) -> Answer | None:
        if question_id not in self.visible:
            return None
        return self.state.answers.get(question_id)

    def value_of(self, name: Name) -> object:
        head = name.parts[0]
        if head == "contact":
            return contact_value(self.script, self.state.contact, name.parts[1])
        answer = self.answer(head)
        if answer is None or answer.special is not None or answer.value is None:
            return UNKNOWN
        question = self.script.question(head)
        if isinstance(question, GridQuestion):
            point = answer.value.get(name.parts[1]) if len(name.parts) > 1 else None
            return point if isinstance(point, int) else UNKNOWN
        if isinstance(question, SingleChoice):
            return _choice(question, answer.value)
        if isinstance(question, MultipleChoice):
            return frozenset(_choice(question, code) for code in answer.value)
        return answer.value

    def status_of(self, name: Name) -> Status:
        head = name.parts[0]
        if head == "contact":
            present = self.value_of(name) is not UNKNOWN
            return "answered" if present else "missing"
        answer = self.answer(head)
        if answer is None:
            return "missing"
        special = answer.special
        question = self.script.question(head)
        if (
            isinstance(question, GridQuestion)
            and len(name.parts) > 1
            and isinstance(answer.value, Mapping)
        ):
            point = answer.value.get(name.parts[1])
            special = point if point in SPECIAL_KEYS else None
            if special is None:
                return "answered" if isinstance(point, int) else "missing"
        if special == "dont_know":
            return "dont_know"
        if special == "refused":
            return "refused"
        return "missing" if answer.is_empty else "answered"

    def today(self) -> date:
        return self.state.today


def _choice(question: SingleChoice | MultipleChoice, code: int) -> Choice:
    option = next((o for o in question.options if o.code == code), None)
    return Choice(code, option.key if option else None)


def contact_value(script: Script, contact: Mapping[str, Any], name: str) -> object:
    """A contact field's value, read as the type the script declares for it."""
    value = contact.get(name)
    if value is None or value == "":
        return UNKNOWN
    declared = script.contact_field_type(name)
    kind = declared.type if declared else "text"
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        try:
            return float(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            return UNKNOWN
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return UNKNOWN
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("1", "true", "yes", "да", "y")
    return str(value)


def walk(script: Script, state: InterviewState) -> Walk:
    """Replay routing over the answers given so far."""
    rules = script.rules
    flow = script.flow
    visible: set[str] = set()
    values = _Values(script, state, visible)
    path: list[str] = []
    passed: list[str] = []
    i = 0
    while i < len(flow):
        step = flow[i]
        condition = rules.show_if.get(step.id)
        if condition is not None and not evaluate_condition(condition, values):
            passed.append(step.id)
            i += 1
            continue
        answer = state.answers.get(step.id)
        if answer is None:
            return Walk(tuple(path), step.id, tuple(passed), None)
        path.append(step.id)
        visible.add(step.id)
        if step.id == CONSENT and answer.value == CONSENT_NO:
            return Walk(tuple(path), None, tuple(passed), Ending("refused", None, step.id))
        for node, _out in rules.screen_outs.get(step.id, ()):
            if evaluate_condition(node, values):
                return Walk(tuple(path), None, tuple(passed), Ending("screened_out", None, step.id))
        target = next(
            (to for node, to in rules.skips.get(step.id, ()) if evaluate_condition(node, values)),
            None,
        )
        if target == END:
            return Walk(tuple(path), None, tuple(passed), Ending("complete", None, step.id))
        if target is not None:
            landing = script.flow_index[target]
            passed.extend(s.id for s in flow[i + 1 : landing])
            i = landing
            continue
        i += 1
    return Walk(
        tuple(path), None, tuple(passed), Ending("complete", None, path[-1] if path else None)
    )


# --- what the interviewer sees -------------------------------------------------------------


@dataclass(frozen=True)
class ShownOption:
    code: int
    label: str
    key: str | None = None
    other: bool = False
    exclusive: bool = False
    special: str | None = None  # "dont_know" / "refused" for the special answers


@dataclass(frozen=True)
class ShownRow:
    id: str
    label: str


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str | None = None


@dataclass(frozen=True)
class Screen:
    """One screen, in one language, with piped texts and options in this interview's order."""

    question_id: str
    kind: str  # the question type; "info" for the introduction, "single" for consent
    text: str
    note: str | None
    required: bool
    options: tuple[ShownOption, ...] = ()
    rows: tuple[ShownRow, ...] = ()
    scale: tuple[ScalePoint, ...] = ()
    specials: tuple[ShownOption, ...] = ()
    answer: Answer | None = None  # the answer already given (when going back)
    number: int = 1  # this screen's place on the path, from 1
    progress: float = 0.0  # share of the interview done, 0..1
    min_choices: int = 0
    max_choices: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = True
    unit: str | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class Closing:
    """The end of an interview: how it ended and what the interviewer says."""

    status: EndStatus
    text: str
    reason: str | None = None


def _text(texts: Mapping[str, str] | None, lang: str) -> str | None:
    if texts is None:
        return None
    return texts.get(lang) or next(iter(texts.values()))


def _shuffled(items: list[Any], anchored: list[bool], seed: int, salt: str) -> list[Any]:
    """Shuffle the items that are not anchored; anchored items keep their places.

    Seeded by the interview's seed and the question id, so the order is the same every time
    the interview is opened (a resumed interview shows what the respondent heard before).
    """
    movable = [item for item, anchor in zip(items, anchored, strict=True) if not anchor]
    random.Random(f"{seed}:{salt}").shuffle(movable)
    it = iter(movable)
    return [item if anchor else next(it) for item, anchor in zip(items, anchored, strict=True)]


def option_order(question: SingleChoice | MultipleChoice, seed: int) -> list[Option]:
    options = list(question.options)
    if not question.randomize:
        return options
    return _shuffled(options, [o.anchor for o in options], seed, question.id)


def row_order(question: GridQuestion, seed: int) -> list[Any]:
    rows = list(question.rows)
    if not question.randomize:
        return rows
    return _shuffled(rows, [r.anchor for r in rows], seed, question.id)


def _piped(
    script: Script, state: InterviewState, visible: set[str], template: str | None, lang: str
) -> str | None:
    if template is None:
        return None
    values = _Values(script, state, visible)

    def text_of(name: Name) -> str:
        return answer_text(script, values, name, lang)

    return render(template, text_of)


def answer_text(script: Script, values: _Values, name: Name, lang: str) -> str:
    """How an answer (or contact field) reads when piped into a text."""
    head = name.parts[0]
    if head == "contact":
        value = values.state.contact.get(name.parts[1])
        return "" if value is None else str(value)
    answer = values.answer(head)
    if answer is None:
        return ""
    if answer.special is not None:
        return _text(special_code(script, answer.special).label, lang) or ""
    question = script.question(head)
    value = answer.value
    if isinstance(question, SingleChoice | MultipleChoice):
        codes = [value] if isinstance(question, SingleChoice) else list(value or ())
        labels = []
        for option in question.options:
            if option.code in codes:
                labels.append(
                    answer.other
                    if option.other and answer.other
                    else _text(option.label, lang) or ""
                )
        return ", ".join(labels)
    if isinstance(question, GridQuestion):
        point = (
            value.get(name.parts[1]) if isinstance(value, Mapping) and len(name.parts) > 1 else None
        )
        if isinstance(point, str):
            return _text(special_code(script, point).label, lang) or ""
        return "" if point is None else str(point)
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _scale(question: QuestionBase, lang: str) -> tuple[ScalePoint, ...]:
    if isinstance(question, NpsQuestion):
        low = _text(question.low_label, lang) or _text(builtin("nps_low", [lang]), lang)
        high = _text(question.high_label, lang) or _text(builtin("nps_high", [lang]), lang)
        return tuple(ScalePoint(v, low if v == 0 else high if v == 10 else None) for v in range(11))
    if isinstance(question, RatingQuestion | GridQuestion):
        scale = question.scale
        return tuple(ScalePoint(v, _text(scale.labels.get(v), lang)) for v in scale.points)
    return ()


def screen_for(
    script: Script,
    state: InterviewState,
    question_id: str,
    lang: str | None = None,
    current: Walk | None = None,
) -> Screen:
    """The screen of ``question_id`` as the interviewer sees it now (with its answer, if
    one was given, for going back and editing). ``current`` is ``walk(script, state)`` when
    the caller has it already."""
    lang = lang or script.languages[0]
    current = current or walk(script, state)
    on_path = set(current.path)
    visible = {qid for qid in on_path if script.flow_index[qid] < script.flow_index[question_id]}
    question = script.question(question_id)
    piped = lambda t: _piped(script, state, visible, _text(t, lang), lang)  # noqa: E731
    options: tuple[ShownOption, ...] = ()
    if isinstance(question, SingleChoice | MultipleChoice):
        options = tuple(
            ShownOption(o.code, piped(o.label) or "", o.key, o.other, o.exclusive)
            for o in option_order(question, state.seed)
        )
    rows: tuple[ShownRow, ...] = ()
    if isinstance(question, GridQuestion):
        rows = tuple(ShownRow(r.id, piped(r.label) or "") for r in row_order(question, state.seed))
    specials = tuple(
        ShownOption(
            special_code(script, key).code,
            _text(special_code(script, key).label, lang) or key,
            special=key,
        )
        for key in question.special
    )
    answered = len(
        [q for q in current.path if script.flow_index[q] < script.flow_index[question_id]]
    )
    remaining = len(script.flow) - script.flow_index[question_id]
    extra: dict[str, Any] = {}
    if isinstance(question, MultipleChoice):
        extra.update(min_choices=question.min_choices, max_choices=question.max_choices)
    if isinstance(question, NumericQuestion):
        extra.update(
            minimum=question.min,
            maximum=question.max,
            integer=question.integer,
            unit=_text(question.unit, lang),
        )
    if isinstance(question, OpenQuestion):
        extra.update(max_length=question.max_length)
    return Screen(
        question_id=question.id,
        kind=question.type if hasattr(question, "type") else "info",
        text=piped(question.text) or "",
        note=piped(question.note),
        required=question.required and not isinstance(question, InfoScreen),
        options=options,
        rows=rows,
        scale=_scale(question, lang),
        specials=specials,
        answer=state.answers.get(question_id),
        number=answered + 1,
        progress=answered / (answered + remaining) if answered + remaining else 1.0,
        **extra,
    )


def current_screen(
    script: Script, state: InterviewState, lang: str | None = None
) -> Screen | Closing:
    """What to show next: the first screen on the path without an answer, or the closing."""
    lang = lang or script.languages[0]
    result = walk(script, state)
    if result.current is not None:
        return screen_for(script, state, result.current, lang, result)
    return closing(script, state, result, lang)


def closing(script: Script, state: InterviewState, result: Walk, lang: str) -> Closing:
    ending = result.ending or Ending("complete")
    texts = {
        "complete": script.closing.complete,
        "screened_out": script.closing.screened_out,
        "refused": script.closing.refused,
    }[ending.status]
    text = _piped(script, state, set(result.path), _text(texts, lang), lang) or ""
    reason = None
    if ending.status == "screened_out" and ending.question_id is not None:
        values = _Values(script, state, set(result.path))
        for node, out in script.rules.screen_outs.get(ending.question_id, ()):
            if evaluate_condition(node, values):
                reason = _text(out.reason, lang)
                break
    return Closing(ending.status, text, reason)


# --- answering, going back -----------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """The result of an accepted answer: the new state and what changed."""

    state: InterviewState
    answer: Answer
    dropped: tuple[str, ...]  # questions whose answers routing no longer reaches
    next: Screen | Closing
    alerts: tuple[AlertRule, ...]  # alerts this answer raised


def answer(
    script: Script, state: InterviewState, question_id: str, given: Answer, lang: str | None = None
) -> Accepted:
    """Accept ``given`` for ``question_id`` or raise :class:`AnswerRejected` with the reason.

    The question must be the current one or one already answered on the path (an edit).
    """
    lang = lang or script.languages[0]
    before = walk(script, state)
    if question_id != before.current and question_id not in before.path:
        raise AnswerRejected(question_id, "not_on_path", message("not_on_path", lang))
    question = script.question(question_id)
    visible = {
        qid for qid in before.path if script.flow_index[qid] < script.flow_index[question_id]
    }
    accepted = validate_answer(
        script,
        question,
        given,
        lang,
        render=lambda text: _piped(script, state, visible, text, lang) or "",
    )
    answers = dict(state.answers)
    answers[question_id] = accepted
    after = walk(script, state.with_answers(answers))
    kept = after.reachable_answers(answers)
    dropped = tuple(qid for qid in answers if qid not in kept)
    new_state = state.with_answers(kept)
    final = walk(script, new_state) if dropped else after
    return Accepted(
        state=new_state,
        answer=accepted,
        dropped=dropped,
        next=(
            screen_for(script, new_state, final.current, lang, final)
            if final.current
            else closing(script, new_state, final, lang)
        ),
        alerts=raised_alerts(script, new_state, question_id, final),
    )


def previous(script: Script, state: InterviewState, question_id: str | None = None) -> str | None:
    """The screen before ``question_id`` on the path (before the current screen when None)."""
    result = walk(script, state)
    if question_id is None or question_id == result.current:
        return result.path[-1] if result.path else None
    if question_id not in result.path:
        return result.path[-1] if result.path else None
    index = result.path.index(question_id)
    return result.path[index - 1] if index > 0 else None


def raised_alerts(
    script: Script, state: InterviewState, question_id: str, result: Walk | None = None
) -> tuple[AlertRule, ...]:
    """Alerts that hold now and depend on ``question_id``'s answer."""
    result = result or walk(script, state)
    values = _Values(script, state, set(result.path))
    raised = []
    for rule, node in script.rules.alerts:
        if question_id not in {name.parts[0] for name in names_in(node)}:
            continue
        if evaluate_condition(node, values):
            raised.append(rule)
    return tuple(raised)
