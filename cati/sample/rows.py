"""Preparing one row of a call list: the work that needs nothing but the row itself.

Cells to text, the numbers of the phone columns (``phonenumbers``, the costly part), the
contact's fields and the typed attributes. What depends on the rows before (duplicates,
numbers already in the study, the summary's counts) is decided afterwards, in file order, by
:class:`cati.sample.reader.CallList`, and so is the time zone: it comes from the first number
kept, and its answers are cached by prefix there (the geocoder's data, about 100 MB, stays
out of the workers). Because a
:class:`PreparedRow` depends only on its row and a :class:`RowContext`, rows can be prepared in
other processes (:mod:`cati.sample.row_pool`) and give the same contacts and rejects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from cati.sample.columns import Column, ColumnPlan, ColumnRole, column_letter
from cati.sample.phones import ContactPhone, PhoneProblem, parse_phones
from cati.sample.values import AttributeValue, cell_text, typed_value

__all__ = ["PreparedRow", "RowContext", "decode_rows", "encode_rows", "prepare_row"]

_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d{1,8}")


@dataclass(frozen=True)
class RowContext:
    """Everything preparing a row needs besides the row: plain data, sent once to a worker."""

    region: str  # the default phone region, e.g. "RU"
    default_zone: str
    plan: ColumnPlan

    def role(self, role: ColumnRole) -> Column | None:
        return self.plan.first(role)


class PreparedRow(NamedTuple):
    """One data row with its stateless work done (an ``empty`` row has only ``row``)."""

    row: int
    texts: tuple[str, ...]
    empty: bool
    phones: tuple[ContactPhone, ...] = ()  # valid numbers in the order written
    problems: tuple[PhoneProblem, ...] = ()  # pieces of the phone cells that are not numbers
    fields: tuple[str, str, str, str, str, str] = ("", "", "", "", "", "")
    attributes: dict[str, AttributeValue] | None = None
    extra_labels: tuple[tuple[str, str], ...] = ()  # cells right of the header: key, label

    @property
    def company(self) -> str:
        return self.fields[0]

    @property
    def name(self) -> str:
        return self.fields[1]

    @property
    def position(self) -> str:
        return self.fields[2]

    @property
    def email(self) -> str:
        return self.fields[3]

    @property
    def region(self) -> str:
        return self.fields[4]

    @property
    def city(self) -> str:
        return self.fields[5]


def prepare_row(row: int, cells: list[object], context: RowContext) -> PreparedRow:
    """The stateless part of reading one data row (see the module docstring)."""
    texts = tuple(cell if isinstance(cell, str) else cell_text(cell) for cell in cells)
    if not any(text.strip() for text in texts):
        return PreparedRow(row, texts, empty=True)

    def cell(column: Column | None) -> str:
        if column is None or column.index >= len(texts):
            return ""
        return _WHITESPACE.sub(" ", texts[column.index]).strip()

    phones: list[ContactPhone] = []
    problems: list[PhoneProblem] = []
    for column in context.plan.phone_columns:
        if column.index < len(texts) and texts[column.index].strip():
            found, bad = parse_phones(texts[column.index], context.region)
            phones.extend(found)
            problems.extend(bad)
    if not phones:
        return PreparedRow(row, texts, empty=False, problems=tuple(problems))
    extension = _DIGITS.fullmatch(cell(context.role(ColumnRole.EXTENSION)))
    if extension and phones[0].extension is None:
        phones[0] = phones[0].with_extension(extension.group(0))
    fields = (
        cell(context.role(ColumnRole.COMPANY)),
        cell(context.role(ColumnRole.NAME)),
        cell(context.role(ColumnRole.POSITION)),
        cell(context.role(ColumnRole.EMAIL)),
        cell(context.role(ColumnRole.REGION)),
        cell(context.role(ColumnRole.CITY)),
    )
    attributes, extra_labels = _attributes(cells, context.plan)
    return PreparedRow(
        row,
        texts,
        empty=False,
        phones=tuple(phones),
        problems=tuple(problems),
        fields=fields,
        attributes=attributes,
        extra_labels=extra_labels,
    )


def _attributes(
    cells: list[object], plan: ColumnPlan
) -> tuple[dict[str, AttributeValue], tuple[tuple[str, str], ...]]:
    values: dict[str, AttributeValue] = {
        column.key: typed_value(cells[column.index]) if column.index < len(cells) else None
        for column in plan.attribute_columns
    }
    labels: list[tuple[str, str]] = []
    width = len(plan.columns)
    for index in range(width, len(cells)):
        value = typed_value(cells[index])
        if value is None:
            continue
        letter = column_letter(index)
        key = f"column_{letter.lower()}"
        if key in values:
            key = f"{key}_extra"
        labels.append((key, f"Column {letter}"))
        values[key] = value
    return values, tuple(labels)


# --- between processes ----------------------------------------------------------------------
# Pickling dataclasses (and phonenumbers' objects) costs several times more than pickling
# tuples of strings, and the process that saves the contacts pays for unpickling; so rows
# travel as plain tuples and phones without their parsed form.

_Encoded = tuple[object, ...]


def encode_rows(rows: list[PreparedRow]) -> list[_Encoded]:
    """Prepared rows as tuples of plain values (for :func:`decode_rows` in another process)."""
    encoded: list[_Encoded] = []
    for prepared in rows:
        if prepared.empty:
            encoded.append((prepared.row, prepared.texts))
            continue
        encoded.append(
            (
                prepared.row,
                prepared.texts,
                tuple((p.e164, p.extension, p.raw, p.region_code) for p in prepared.phones),
                tuple((p.raw, p.message, p.has_digits) for p in prepared.problems),
                prepared.fields,
                prepared.attributes,
                prepared.extra_labels,
            )
        )
    return encoded


def decode_rows(encoded: list[_Encoded]) -> list[PreparedRow]:
    """The rows :func:`encode_rows` was given (phones without their parsed form)."""
    rows: list[PreparedRow] = []
    for item in encoded:
        if len(item) == 2:
            row, texts = item
            rows.append(PreparedRow(row, texts, empty=True))  # type: ignore[arg-type]
            continue
        row, texts, phones, problems, fields, attributes, labels = item
        rows.append(
            PreparedRow(
                row,  # type: ignore[arg-type]
                texts,  # type: ignore[arg-type]
                empty=False,
                phones=tuple(ContactPhone(*p) for p in phones),  # type: ignore[attr-defined]
                problems=tuple(PhoneProblem(*p) for p in problems),  # type: ignore[attr-defined]
                fields=fields,  # type: ignore[arg-type]
                attributes=attributes,  # type: ignore[arg-type]
                extra_labels=labels,  # type: ignore[arg-type]
            )
        )
    return rows
