"""Segment rules: conditions of the script language over a study's contact fields.

A rule names contact fields without the ``contact.`` prefix (which is accepted too)::

    days_since(last_order) > 365
    orders_per_year >= 12
    position in ["Генеральный директор", "CEO"]
    revenue >= 10000000 and decision_role == "ЛПР"

Parsing, type checking and evaluation are the public :mod:`surveys.expressions` API; this
module supplies the two scopes it asks for:

* :class:`ContactFieldTypes` (a ``TypeScope``): the fixed fields ``company``, ``name``,
  ``position``, ``region``, ``email`` are text; every call-list column kept as an attribute
  has the type most of its imported values had (dates, numbers, text, true/false), counted
  by the import (:func:`count_kinds`) and stored with each import batch. An unknown field
  is an :class:`~surveys.errors.ExpressionError` listing the known ones, with a
  "did you mean".
* :class:`ContactValues` (a ``ValueScope``): one contact's values. A value of another type
  than the field's (the odd "н/д" in a revenue column) and an empty cell are *unknown*, and
  a condition on an unknown value is false, so such a contact falls to a later segment.
  Dates are stored as ISO text and read back as dates; ``today`` comes from the clock.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from surveys.errors import ExpressionError
from surveys.expressions import (
    BOOL,
    DATE,
    NUMBER,
    TEXT,
    UNKNOWN,
    Kind,
    Name,
    Node,
    Status,
    ValueType,
    check_condition,
    evaluate_condition,
    parse,
)

__all__ = [
    "FIXED_FIELDS",
    "ContactFieldTypes",
    "ContactValues",
    "SegmentMatcher",
    "compile_rule",
    "count_kinds",
    "kind_of_value",
    "merge_kind_counts",
]

#: Contact fields every study has (columns of the contact table), all text.
FIXED_FIELDS = ("company", "name", "position", "region", "email")

_KIND_NAMES = {"date": DATE, "number": NUMBER, "text": TEXT, "bool": BOOL}


def kind_of_value(value: object) -> str | None:
    """``"date"``, ``"number"``, ``"bool"`` or ``"text"`` for an imported value; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    return "text"


def count_kinds(counts: dict[str, Counter[str]], attributes: Mapping[str, object]) -> None:
    """Add one contact's attribute values to ``counts`` (key -> kind -> number of values)."""
    for key, value in attributes.items():
        kind = kind_of_value(value)
        if kind is not None:
            counts.setdefault(key, Counter())[kind] += 1
        else:
            counts.setdefault(key, Counter())


def merge_kind_counts(summaries: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """The type of each attribute over every import: the kind most values had.

    ``summaries`` are import-batch summaries with an ``attribute_kinds`` entry
    (``{"last_order": {"date": 950, "text": 3}}``). A tie, or a column that was always empty,
    is text: text comparisons never fail.
    """
    total: dict[str, Counter[str]] = {}
    for summary in summaries:
        kinds = summary.get("attribute_kinds")
        if not isinstance(kinds, Mapping):
            continue
        for key, counts in kinds.items():
            merged = total.setdefault(str(key), Counter())
            if isinstance(counts, Mapping):
                for kind, count in counts.items():
                    if kind in _KIND_NAMES and isinstance(count, int):
                        merged[kind] += count
    result: dict[str, str] = {}
    for key, counts in total.items():
        ranked = counts.most_common()
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            result[key] = "text"
        else:
            result[key] = ranked[0][0]
    return result


def _field_name(name: Name) -> str | None:
    parts = name.parts
    if len(parts) == 2 and parts[0] == "contact":
        return parts[1]
    return parts[0] if len(parts) == 1 else None


@dataclass(frozen=True)
class ContactFieldTypes:
    """The fields segment rules of a study may use, with their types."""

    attribute_kinds: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)  # key -> header, for messages

    @property
    def known(self) -> list[str]:
        return sorted({*FIXED_FIELDS, *self.attribute_kinds})

    def kind(self, field_name: str) -> ValueType | None:
        if field_name in FIXED_FIELDS:
            return TEXT
        kind = self.attribute_kinds.get(field_name)
        return _KIND_NAMES.get(kind) if kind is not None else None

    def type_of(self, name: Name) -> ValueType:
        key = _field_name(name)
        if key is None:
            raise ExpressionError(
                f"'{name.dotted}' is not a contact field; write the field's name alone, "
                "like region or last_order",
                name.offset,
            )
        base = self.kind(key)
        if base is None:
            raise ExpressionError(self._unknown(key), name.offset)
        return ValueType(base.kind, label=key)

    def _unknown(self, key: str) -> str:
        known = self.known
        by_header = {label.casefold(): k for k, label in self.labels.items()}
        hint = ""
        if key.casefold() in by_header:
            hint = f" (the column is called {by_header[key.casefold()]} in rules)"
        else:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if close:
                hint = f" (did you mean '{close[0]}'?)"
        message = f"unknown contact field '{key}'{hint}; the known fields are: {', '.join(known)}"
        if not self.attribute_kinds:
            message += " (import the call list first: its other columns become fields)"
        return message


def compile_rule(text: str, types: ContactFieldTypes) -> Node:
    """Parse and check a rule; an :class:`ExpressionError` says what is wrong and where."""
    if not text.strip():
        raise ExpressionError('the rule is empty; write a condition such as region == "Москва"')
    node = parse(text)
    check_condition(node, types)
    return node


class ContactValues:
    """The values of one contact, typed as the study's fields are (see the module docstring)."""

    __slots__ = ("_fields", "_today", "_types")

    def __init__(self, fields: Mapping[str, object], types: ContactFieldTypes, today: date) -> None:
        self._fields = fields
        self._types = types
        self._today = today

    def value_of(self, name: Name) -> object:
        key = _field_name(name)
        if key is None:
            return UNKNOWN
        expected = self._types.kind(key)
        return _typed(self._fields.get(key), expected.kind if expected else None)

    def status_of(self, name: Name) -> Status:
        return "missing" if self.value_of(name) is UNKNOWN else "answered"

    def today(self) -> date:
        return self._today


def _typed(value: object, kind: Kind | None) -> object:
    if value is None or value == "":
        return UNKNOWN
    if kind is Kind.TEXT:
        if isinstance(value, datetime | date):
            return value.isoformat()
        return value if isinstance(value, str) else str(value)
    if kind is Kind.NUMBER:
        return value if isinstance(value, int | float) and not isinstance(value, bool) else UNKNOWN
    if kind is Kind.BOOL:
        return value if isinstance(value, bool) else UNKNOWN
    if kind is Kind.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                return UNKNOWN
        return UNKNOWN
    return UNKNOWN


@dataclass(frozen=True)
class SegmentMatcher:
    """Segments in order with their compiled rules; the first match wins, else the fallback."""

    rules: tuple[tuple[int, Node], ...]  # (segment id, rule) in evaluation order
    fallback: int | None  # the "other" segment's id
    types: ContactFieldTypes
    today: date

    def segment_for(self, fields: Mapping[str, object]) -> int | None:
        values = ContactValues(fields, self.types, self.today)
        for segment_id, node in self.rules:
            if evaluate_condition(node, values):
                return segment_id
        return self.fallback
