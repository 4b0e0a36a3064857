"""The types a condition's values can have, for checking a script when it is loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    BOOL = "true/false"
    DATE = "date"
    CHOICE = "single choice"  # one option of a question: compares with its code or key
    CHOICES = "multiple choice"  # a set of options: `"price" in reasons`
    LIST = "list"


@dataclass(frozen=True)
class ValueType:
    """What a name or sub-expression holds.

    ``codes``/``keys`` list the options of a choice question so that ``role == 7`` or
    ``"prise" in reasons`` are caught at load time. ``values`` lists the values declared
    for a text field, with the same purpose. ``element`` is the type of a list's items.
    """

    kind: Kind
    label: str = ""  # how to name it in messages: "nps (NPS question)"
    codes: frozenset[int] = field(default_factory=frozenset)
    keys: frozenset[str] = field(default_factory=frozenset)
    values: frozenset[str] = field(default_factory=frozenset)
    element: Kind | None = None

    def describe(self) -> str:
        return f"{self.label} ({self.kind.value})" if self.label else self.kind.value


NUMBER = ValueType(Kind.NUMBER)
TEXT = ValueType(Kind.TEXT)
BOOL = ValueType(Kind.BOOL)
DATE = ValueType(Kind.DATE)
