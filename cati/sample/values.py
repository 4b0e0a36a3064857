"""Typing the extra columns of a call list: dates, numbers, text.

Segment rules compare attributes (``days_since(last_order) > 365``, ``revenue >= 1e6``), so
a cell that is obviously a date or a number is stored as one. "Obviously" is deliberately
narrow, because a wrong guess is worse than text: an INN ``0274062111`` with its leading zero
stays text, ``12/03/2024`` (day or month first?) stays text, ``1,234`` is the Russian decimal
``1.234`` and not a thousand.

Recognised:

* dates ``12.03.2024``, ``12.03.24`` (20xx), ``2024-03-12`` -> :class:`datetime.date`;
  a spreadsheet date cell at midnight -> ``date``, with a time -> naive ``datetime``;
* integers ``1234``, ``-12``, ``1 234 567`` (spaces, non-breaking or narrow non-breaking
  spaces between groups of three) -> ``int``;
* decimals ``1234.5``, ``1 234 567,89`` (comma or point) -> ``float``;
* everything else -> the text, stripped; an empty cell -> ``None``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import TypeAlias

__all__ = ["AttributeValue", "JSONScalar", "cell_text", "to_json", "typed_value"]

AttributeValue: TypeAlias = str | int | float | date | datetime | bool | None
JSONScalar: TypeAlias = str | int | float | bool | None

_SPACES = "\u0020\u00a0\u202f\u2009"
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GROUPED = re.compile(rf"[+-]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_PLAIN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_MAX_DIGITS = 15  # longer digit runs are identifiers (accounts, cards), not quantities


def typed_value(value: object) -> AttributeValue:
    """The value of one cell, typed where that is obvious (see the module docstring)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    text = str(value).strip()
    if not text:
        return None
    return _typed_text(text)


def _typed_text(text: str) -> AttributeValue:
    if text[0].isdigit() or text[0] in "+-":
        as_date = _date(text)
        if as_date is not None:
            return as_date
        as_number = _number(text)
        if as_number is not None:
            return as_number
    return text


def _date(text: str) -> date | None:
    match = _DOTTED_DATE.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _number(text: str) -> int | float | None:
    if not (_PLAIN.fullmatch(text) or _GROUPED.fullmatch(text)):
        return None
    compact = "".join(ch for ch in text if ch not in _SPACES).replace(",", ".")
    digits = compact.lstrip("+-")
    whole = digits.split(".")[0]
    if len(whole) > 1 and whole.startswith("0"):
        return None  # a code with a leading zero: INN, postcode, article number
    if sum(ch.isdigit() for ch in digits) > _MAX_DIGITS:
        return None
    if "." in compact:
        return float(compact)
    return int(compact)


def cell_text(value: object) -> str:
    """A cell as text for people: rejects files, labels. Dates print as ISO ``2024-03-12``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def to_json(value: AttributeValue) -> JSONScalar:
    """An attribute as a JSON scalar: dates become ISO text (``days_since`` reads ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
