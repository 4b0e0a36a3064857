from __future__ import annotations

from datetime import date, datetime

import pytest

from cati.sample.values import cell_text, to_json, typed_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.2024", date(2024, 3, 12)),
        ("2024-03-12", date(2024, 3, 12)),
        ("01.02.24", date(2024, 2, 1)),
        ("1 234 567,89", 1234567.89),
        ("1\u00a0234\u00a0567,89", 1234567.89),
        ("1\u202f234", 1234),
        ("1234.5", 1234.5),
        ("12,5", 12.5),
        ("-12", -12),
        ("42", 42),
        ("  42  ", 42),
    ],
)
def test_obvious_dates_and_numbers_are_typed(text: str, expected: object) -> None:
    value = typed_value(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        "0274062111",  # INN with a leading zero
        "12/03/2024",  # day or month first? not guessed
        "31.02.2024",  # no such day
        "1 23 456",  # not groups of three
        "12345678901234567890",  # an account number, not a quantity
        "ООО Ромашка",
        "12%",
        "1,234,567.89",
    ],
)
def test_anything_doubtful_stays_text(text: str) -> None:
    assert typed_value(text) == text


def test_empty_cells_are_none() -> None:
    assert typed_value("") is None
    assert typed_value("   ") is None
    assert typed_value(None) is None


def test_spreadsheet_cells_keep_their_types() -> None:
    assert typed_value(datetime(2024, 3, 12)) == date(2024, 3, 12)
    assert typed_value(datetime(2024, 3, 12, 9, 30)) == datetime(2024, 3, 12, 9, 30)
    assert typed_value(12.0) == 12
    assert typed_value(12.5) == 12.5
    assert typed_value(True) is True


def test_json_form_of_dates_is_iso_text() -> None:
    assert to_json(date(2024, 3, 12)) == "2024-03-12"
    assert to_json(1.5) == 1.5
    assert cell_text(79161234567.0) == "79161234567"
    assert cell_text(datetime(2024, 3, 12)) == "2024-03-12"
