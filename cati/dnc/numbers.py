"""Numbers for the do-not-call list: normalised like call lists, read from files of numbers.

A number is normalised to E.164 by the same code that reads call lists
(:func:`cati.sample.parse_phones`), so a number blocked here is exactly the number an
import or the call queue will meet. A file of numbers is a CSV or XLSX table or plain text:
either one number per line, or a table with a column headed "Телефон"/"Phone" (any header
the call-list reader takes for a phone column). Lines that hold no valid number are reported
with their line numbers; the others are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cati.errors import CatiError
from cati.sample import parse_phones
from cati.sample.columns import ColumnRole, guess_role
from cati.sample.tables import open_table
from cati.sample.values import cell_text

__all__ = ["InvalidNumber", "LineProblem", "NumberFile", "normalise_number", "read_number_file"]


class InvalidNumber(CatiError):
    """One or more numbers given by the person are not valid phone numbers."""


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text!r}: {self.message}"


@dataclass
class NumberFile:
    """The numbers of a file with the line each came from, and the lines that had none."""

    numbers: list[tuple[int, str]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    header_line: int | None = None


def _numbers_in(text: str, region: str) -> tuple[list[str], str | None]:
    phones, problems = parse_phones(text, region)
    if phones:
        return [phone.e164 for phone in phones], None
    reasons = [p.message for p in problems if p.has_digits] or ["no phone number in the text"]
    return [], reasons[0]


def normalise_number(text: str, region: str = "RU") -> str:
    """The E.164 form of one number as a person writes it (``8 916 123-45-67``)."""
    numbers, problem = _numbers_in(text, region.upper())
    if not numbers:
        raise InvalidNumber(f"{text!r} is not a phone number: {problem}")
    if len(numbers) > 1:
        raise InvalidNumber(f"{text!r} holds several numbers; give them one by one")
    return numbers[0]


def read_number_file(path: str | Path, region: str = "RU") -> NumberFile:
    """Every number in the file; whole-file problems raise a ``CallListError``."""
    table = open_table(path)
    result = NumberFile()
    column: int | None = None
    first = True
    try:
        for line, cells in table.records():
            texts = [cell_text(cell).strip() for cell in cells]
            if not any(texts):
                continue
            if first:
                first = False
                headers = [
                    i for i, text in enumerate(texts) if guess_role(text) is ColumnRole.PHONE
                ]
                if headers:
                    column, result.header_line = headers[0], line
                    continue
            text = (
                (texts[column] if column < len(texts) else "")
                if column is not None
                else (", ".join(t for t in texts if t))
            )
            numbers, problem = _numbers_in(text, region.upper()) if text else ([], "empty")
            if numbers:
                result.numbers.extend((line, number) for number in numbers)
            else:
                result.problems.append(LineProblem(line, text, problem or "no phone number"))
    finally:
        table.close()
    return result
