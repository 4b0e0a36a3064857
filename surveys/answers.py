"""Answers: their one canonical shape, validation with reasons, and JSON for storage.

The shape of ``Answer.value`` by question type:

========== =====================================================================
single     the option code (int)
multi      the chosen option codes (tuple of int, in the script's option order)
nps        0-10 (int)
rating     a point of the scale (int)
grid       {row id: scale point (int) or special key ("dont_know" / "refused")}
numeric    int or float
open       the text (str)
info       None (the screen was acknowledged)
========== =====================================================================

A "don't know" or "refused" answer to the whole question has ``value=None`` and ``special``
set to ``"dont_know"`` / ``"refused"``; export codes come from the script's special codes.
``other`` holds the text of an "other, specify" option.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from surveys.errors import CatiError
from surveys.messages import message
from surveys.model import (
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
from surveys.specials import special_code

SPECIAL_KEYS = ("dont_know", "refused")


@dataclass(frozen=True)
class Answer:
    value: Any = None
    special: str | None = None
    other: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": list(self.value) if isinstance(self.value, tuple) else self.value
        }
        if self.special is not None:
            data["special"] = self.special
        if self.other is not None:
            data["other"] = self.other
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Answer:
        value = data.get("value")
        if isinstance(value, list):
            value = tuple(value)
        return cls(value=value, special=data.get("special"), other=data.get("other"))

    @property
    def is_empty(self) -> bool:
        """No substantive answer: skipped, "don't know" or "refused"."""
        return self.special is not None or self.value is None or self.value in ("", ())


class AnswerRejected(CatiError):
    """The answer does not fit the question; ``message`` says why, for the interviewer."""

    def __init__(
        self, question_id: str, reason: str, message: str, params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.question_id = question_id
        self.reason = reason
        self.message = message
        self.params = params or {}


class _Rejector:
    def __init__(
        self, question: QuestionBase, lang: str, render: Callable[[str], str] | None
    ) -> None:
        self.question = question
        self.lang = lang
        self.render = render or (lambda text: text)

    def text(self, texts: Mapping[str, str]) -> str:
        """A label in the interview's language, piped as the interviewer saw it."""
        return self.render(texts.get(self.lang) or next(iter(texts.values())))

    def __call__(self, reason: str, **params: Any) -> AnswerRejected:
        return AnswerRejected(
            self.question.id, reason, message(reason, self.lang, **params), params
        )


def validate_answer(
    script: Script,
    question: QuestionBase,
    answer: Answer,
    lang: str = "en",
    render: Callable[[str], str] | None = None,
) -> Answer:
    """Return ``answer`` in canonical form, or raise :class:`AnswerRejected` saying why.

    ``render`` pipes labels quoted in messages (the engine passes its piping).
    """
    reject = _Rejector(question, lang, render)
    if isinstance(question, InfoScreen):
        if answer.value is not None or answer.special is not None:
            raise reject("no_answer_expected")
        return Answer()
    if answer.special is not None:
        if answer.special not in question.special:
            label = (
                special_code(script, answer.special).label.get(lang, answer.special)
                if answer.special in SPECIAL_KEYS
                else answer.special
            )
            raise reject("special_not_allowed", label=label)
        return Answer(special=answer.special)
    if answer.value is None or answer.value in ("", (), [], {}):
        if question.required and not (
            isinstance(question, MultipleChoice) and question.min_choices == 0
        ):
            raise reject("required")
        if not isinstance(question, GridQuestion):
            return Answer(value=() if isinstance(question, MultipleChoice) else None)
    validator = _VALIDATORS[type(question)]
    return validator(script, question, answer, reject, lang)


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    return None


def _single(
    script: Script, q: SingleChoice, answer: Answer, reject: _Rejector, lang: str
) -> Answer:
    code = _whole(answer.value)
    if code is None:
        raise reject("one_option")
    option = next((o for o in q.options if o.code == code), None)
    if option is None:
        raise reject("not_an_option", value=answer.value)
    return Answer(value=code, other=_other_text(option, answer, reject, lang))


def _other_text(option: Option, answer: Answer, reject: _Rejector, lang: str) -> str | None:
    if not option.other:
        return None
    text = (answer.other or "").strip()
    if not text:
        raise reject("other_text", label=reject.text(option.label))
    return text


def _multi(
    script: Script, q: MultipleChoice, answer: Answer, reject: _Rejector, lang: str
) -> Answer:
    raw = answer.value
    if isinstance(raw, int | str) and not isinstance(raw, bool):
        raw = (raw,)
    if not isinstance(raw, tuple | list | set | frozenset):
        raise reject("bad_shape")
    codes = [_whole(v) for v in raw]
    if any(c is None for c in codes):
        raise reject("bad_shape")
    by_code = {o.code: o for o in q.options}
    for value, code in zip(raw, codes, strict=True):
        if code not in by_code:
            raise reject("not_an_option", value=value)
    if len(set(codes)) != len(codes):
        raise reject("repeated_option")
    chosen = [o for o in q.options if o.code in set(codes)]  # script order
    exclusive = next((o for o in chosen if o.exclusive), None)
    if exclusive is not None and len(chosen) > 1:
        raise reject("exclusive", label=reject.text(exclusive.label))
    if exclusive is None:
        least = max(q.min_choices, 1 if q.required else 0)
        if len(chosen) < least:
            raise reject("too_few", count=least)
        if q.max_choices is not None and len(chosen) > q.max_choices:
            raise reject("too_many", count=q.max_choices)
    others = [o for o in chosen if o.other]
    other = _other_text(others[0], answer, reject, lang) if others else None
    return Answer(value=tuple(o.code for o in chosen), other=other)


def _scale_point(value: Any, low: int, high: int, reject: _Rejector) -> int:
    point = _whole(value)
    if point is None or not low <= point <= high:
        raise reject("off_scale", min=low, max=high)
    return point


def _nps(script: Script, q: NpsQuestion, answer: Answer, reject: _Rejector, lang: str) -> Answer:
    return Answer(value=_scale_point(answer.value, 0, 10, reject))


def _rating(
    script: Script, q: RatingQuestion, answer: Answer, reject: _Rejector, lang: str
) -> Answer:
    return Answer(value=_scale_point(answer.value, q.scale.min, q.scale.max, reject))


def _grid(script: Script, q: GridQuestion, answer: Answer, reject: _Rejector, lang: str) -> Answer:
    raw = answer.value if answer.value is not None else {}
    if not isinstance(raw, Mapping):
        raise reject("bad_shape")
    rows = {row.id: row for row in q.rows}
    for key in raw:
        if key not in rows:
            raise reject("unknown_row", value=key)
    result: dict[str, int | str] = {}
    for row in q.rows:
        value = raw.get(row.id)
        if value is None or value == "":
            if q.required:
                raise reject("row_missing", label=reject.text(row.label))
            continue
        if isinstance(value, str) and value in SPECIAL_KEYS:
            if value not in q.special:
                label = special_code(script, value).label.get(lang, value)
                raise reject("special_not_allowed", label=label)
            result[row.id] = value
            continue
        result[row.id] = _scale_point(value, q.scale.min, q.scale.max, reject)
    return Answer(value=result)


def _parse_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value if not (isinstance(value, float) and not math.isfinite(value)) else None
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if re.fullmatch(r"[-+]?\d+", text):
            return int(text)
        if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+)", text):
            return float(text)
    return None


def _numeric(
    script: Script, q: NumericQuestion, answer: Answer, reject: _Rejector, lang: str
) -> Answer:
    number = _parse_number(answer.value)
    if number is None:
        raise reject("not_a_number")
    if q.integer and isinstance(number, float):
        if not number.is_integer():
            raise reject("not_whole")
        number = int(number)
    if q.min is not None and number < q.min:
        raise reject("below_min", min=f"{q.min:g}")
    if q.max is not None and number > q.max:
        raise reject("above_max", max=f"{q.max:g}")
    return Answer(value=number)


def _open(script: Script, q: OpenQuestion, answer: Answer, reject: _Rejector, lang: str) -> Answer:
    if not isinstance(answer.value, str):
        raise reject("bad_shape")
    text = answer.value.strip()
    if not text:
        if q.required:
            raise reject("required")
        return Answer(value=None)
    if len(text) > q.max_length:
        raise reject("too_long", count=q.max_length)
    return Answer(value=text)


_VALIDATORS: dict[type, Any] = {
    SingleChoice: _single,
    MultipleChoice: _multi,
    NpsQuestion: _nps,
    RatingQuestion: _rating,
    GridQuestion: _grid,
    NumericQuestion: _numeric,
    OpenQuestion: _open,
}
