"""Which names a condition or a piped text may use at a given place in a script."""

from __future__ import annotations

from dataclasses import dataclass, field

from surveys.errors import ExpressionError
from surveys.expressions import BOOL, DATE, NUMBER, TEXT, Kind, Name, ValueType
from surveys.hints import Hints
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

_FIELD_TYPES = {"text": TEXT, "number": NUMBER, "date": DATE, "bool": BOOL}


def question_type(question: QuestionBase, row: str | None = None) -> ValueType:
    """The value type of a question's answer (of one grid row when ``row`` is given)."""
    if isinstance(question, SingleChoice | MultipleChoice):
        codes = frozenset(o.code for o in question.options)
        keys = frozenset(o.key for o in question.options if o.key)
        kind = Kind.CHOICE if isinstance(question, SingleChoice) else Kind.CHOICES
        return ValueType(kind, label=question.id, codes=codes, keys=keys)
    if isinstance(question, GridQuestion):
        return ValueType(Kind.NUMBER, label=f"{question.id}.{row}")
    if isinstance(question, NpsQuestion | RatingQuestion | NumericQuestion):
        return ValueType(Kind.NUMBER, label=question.id)
    if isinstance(question, OpenQuestion):
        return ValueType(Kind.TEXT, label=question.id)
    raise ValueError(f"{question.id} has no answer")  # pragma: no cover


@dataclass(frozen=True)
class ScriptScope:
    """Names visible at one place: the contact's fields and the questions asked before.

    ``position`` is the index of the question the expression belongs to; ``include_self``
    lets skip and screen-out rules (evaluated after the answer) use the question's own answer.
    """

    script: Script
    position: int
    include_self: bool
    what: str = "a condition"
    hints: Hints = field(default_factory=Hints, compare=False)

    def type_of(self, name: Name) -> ValueType:
        head = name.parts[0]
        if head == "contact":
            return self._contact_field(name)
        question = self.script.by_id.get(head)
        if question is None:
            raise ExpressionError(self._unknown(head), name.offset)
        where = self.script.index[head]
        if where > self.position or (where == self.position and not self.include_self):
            if where == self.position:
                raise ExpressionError(
                    f"{head} is this question itself; its show_if cannot use "
                    "its own answer (use skip or screen_out after it)",
                    name.offset,
                )
            raise ExpressionError(
                f"{head} is asked later (question {where + 1}); {self.what} "
                "can only use answers given before it",
                name.offset,
            )
        if isinstance(question, InfoScreen):
            raise ExpressionError(f"{head} is an info screen and has no answer", name.offset)
        if isinstance(question, GridQuestion):
            rows = [r.id for r in question.rows]
            if len(name.parts) != 2:
                raise ExpressionError(
                    f"{head} is a grid: name one of its rows, like {head}.{rows[0]}", name.offset
                )
            if name.parts[1] not in rows:
                hint = self.hints.did_you_mean(name.parts[1], rows)
                raise ExpressionError(
                    f"grid {head} has no row '{name.parts[1]}'{hint}; its rows "
                    f"are {', '.join(rows)}",
                    name.offset,
                )
            return question_type(question, name.parts[1])
        if len(name.parts) > 1:
            raise ExpressionError(
                f"{head} is not a grid, so '{name.dotted}' means nothing; write {head}", name.offset
            )
        return question_type(question)

    def _contact_field(self, name: Name) -> ValueType:
        if len(name.parts) != 2:
            raise ExpressionError(
                "write a contact field as contact.<field>, like contact.company", name.offset
            )
        field = self.script.contact_field_type(name.parts[1])
        if field is None:
            known = sorted(
                {*self.script.contact_fields, "company", "name", "position", "segment", "region"}
            )
            hint = self.hints.did_you_mean(name.parts[1], known)
            raise ExpressionError(
                f"unknown contact field '{name.parts[1]}'{hint}; declare it under contact_fields",
                name.offset,
            )
        base = _FIELD_TYPES[field.type]
        return ValueType(base.kind, label=name.dotted, values=frozenset(field.values))

    def _unknown(self, head: str) -> str:
        hint = self.hints.did_you_mean(head, self.script.by_id)
        if not hint and self.script.contact_field_type(head) is not None:
            hint = f" (a contact field is written contact.{head})"
        return f"unknown name '{head}'{hint}"
