"""The variables of a respondent table, derived from the script: names, labels, codes.

Naming (stable, so analysts' syntax keeps working across exports):

========== ===========================================================================
single     ``q`` (the option code); ``q_other`` when an option asks "other, specify"
multi      ``q_1``, ``q_2``, ... one 0/1 column per option code; ``q_other`` as above
nps/rating ``q`` (the scale point)
grid       ``q_row`` per row (``csi_quality``)
numeric    ``q``
open       ``q`` (text)
info       no column
========== ===========================================================================

"Don't know" and "refused" are stored as the script's special codes (98/99 unless the
script says otherwise) and declared as missing values, so SPSS and friends leave them out
of means while the data keep the reason. A multiple-choice question answered "don't know"
carries the code in every one of its 0/1 columns. A text variable answered "don't know"
carries the code as text ("98"), also declared missing.

Each answer variable carries its question's declared role (``nps``, ``csi_overall``,
``satisfaction``, ...; see ``surveys/FORMAT.md``), which the labels table lists, so a BI
model finds the NPS or the satisfaction grid by role, not by guessing from names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from surveys.model import (
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    Script,
    SingleChoice,
)
from surveys.specials import special_code

__all__ = [
    "STATUS_CODES",
    "Variable",
    "VariableKind",
    "script_variables",
    "text_in",
]

VariableKind = Literal["numeric", "text"]

#: Interview status -> the code in the ``status`` column (labels in :data:`STATUS_LABELS`).
STATUS_CODES: dict[str, int] = {
    "complete": 1,
    "in_progress": 2,  # partial: still open (call-back booked or interrupted)
    "broken_off": 3,  # partial: the respondent stopped
    "screened_out": 4,
    "refused": 5,
}
STATUS_LABELS: dict[str, dict[int, str]] = {
    "ru": {
        1: "Завершено",
        2: "Частично (не закончено)",
        3: "Частично (прервано)",
        4: "Не прошёл отбор",
        5: "Отказ",
    },
    "en": {
        1: "Complete",
        2: "Partial (in progress)",
        3: "Partial (broken off)",
        4: "Screened out",
        5: "Refused",
    },
}
_CHOSEN = {"ru": {0: "Не выбрано", 1: "Выбрано"}, "en": {0: "Not chosen", 1: "Chosen"}}
_OTHER = {"ru": "другое (текст)", "en": "other (text)"}


@dataclass(frozen=True)
class Variable:
    """One column of the respondent table with what a statistics package needs to know.

    ``question_id`` and ``part`` say where the value comes from: ``part`` is the option code
    of a multiple-choice column, the row id of a grid column, ``"other"`` for the text of
    "other, specify", or None for the question's own value.
    """

    name: str
    label: str
    kind: VariableKind
    question_id: str | None = None
    part: int | str | None = None
    value_labels: dict[int, str] = field(default_factory=dict)
    missing: tuple[int, ...] = ()  # codes declared missing ("don't know", "refused")
    measure: Literal["nominal", "ordinal", "scale"] = "nominal"
    valid_range: tuple[float, float] | None = None  # a scale's or a number's bounds
    role: str | None = None  # the question's declared role (nps, satisfaction, ...)


def text_in(texts: dict[str, str] | None, language: str) -> str:
    """A script text in ``language`` (the first language it has otherwise)."""
    if not texts:
        return ""
    return " ".join((texts.get(language) or next(iter(texts.values()))).split())


def _specials(script: Script, question: QuestionBase, language: str) -> dict[int, str]:
    return {
        special_code(script, key).code: text_in(special_code(script, key).label, language)
        for key in question.special
    }


def script_variables(script: Script, language: str) -> list[Variable]:
    """The answer variables of ``script`` in question order (identification columns apart)."""
    variables: list[Variable] = []
    roles = script.roles
    for question in script.questions:
        role = roles.role_of(question.id)
        variables.extend(
            replace(v, role=role) if role and v.part != "other" else v
            for v in _question_variables(script, question, language)
        )
    return variables


def _question_variables(script: Script, q: QuestionBase, language: str) -> list[Variable]:
    label = text_in(q.text, language)
    specials = _specials(script, q, language)
    missing = tuple(sorted(specials))
    if isinstance(q, InfoScreen):
        return []
    if isinstance(q, SingleChoice):
        labels = {o.code: text_in(o.label, language) for o in q.options} | specials
        out = [Variable(q.id, label, "numeric", q.id, None, labels, missing)]
        return out + _other_variable(q, label, language)
    if isinstance(q, MultipleChoice):
        chosen = _CHOSEN.get(language, _CHOSEN["en"]) | specials
        out = [
            Variable(
                f"{q.id}_{o.code}",
                f"{text_in(o.label, language)}: {label}",
                "numeric",
                q.id,
                o.code,
                dict(chosen),
                missing,
            )
            for o in q.options
        ]
        return out + _other_variable(q, label, language)
    if isinstance(q, NpsQuestion | RatingQuestion):
        scale = q.scale
        labels = {point: text_in(text, language) for point, text in scale.labels.items()}
        if isinstance(q, NpsQuestion):
            if q.low_label:
                labels[0] = text_in(q.low_label, language)
            if q.high_label:
                labels[10] = text_in(q.high_label, language)
        return [
            Variable(
                q.id,
                label,
                "numeric",
                q.id,
                None,
                labels | specials,
                missing,
                "scale",
                (scale.min, scale.max),
            )
        ]
    if isinstance(q, GridQuestion):
        labels = {point: text_in(text, language) for point, text in q.scale.labels.items()}
        return [
            Variable(
                f"{q.id}_{row.id}",
                f"{text_in(row.label, language)}: {label}",
                "numeric",
                q.id,
                row.id,
                labels | specials,
                missing,
                "scale",
                (q.scale.min, q.scale.max),
            )
            for row in q.rows
        ]
    if isinstance(q, NumericQuestion):
        bounds = (q.min, q.max) if q.min is not None and q.max is not None else None
        return [
            Variable(q.id, label, "numeric", q.id, None, dict(specials), missing, "scale", bounds)
        ]
    if isinstance(q, OpenQuestion):
        return [Variable(q.id, label, "text", q.id, None, dict(specials), missing)]
    return []


def _other_variable(q: SingleChoice | MultipleChoice, label: str, language: str) -> list[Variable]:
    if not any(o.other for o in q.options):
        return []
    suffix = _OTHER.get(language, _OTHER["en"])
    return [Variable(f"{q.id}_other", f"{suffix}: {label}", "text", q.id, "other")]
