"""Numbers, dates and plurals are written the way a Russian or English reader expects."""

from __future__ import annotations

import math
from datetime import date

import pytest

from reports.numbers import NumberFormat, plural_ru

RU, EN = NumberFormat("ru"), NumberFormat("en")


def test_russian_uses_decimal_comma_nbsp_thousands_and_true_minus() -> None:
    assert RU.num(1234.5, 1) == "1234,5"  # four digits stay together
    assert RU.num(12345.5, 1) == "12\u00a0345,5"
    assert RU.signed(-12.4) == "\u221212" and RU.signed(7) == "+7" and RU.signed(0.2) == "0"
    assert RU.pct(0.453) == "45\u00a0%"
    assert RU.p_value(0.0041) == "p = 0,004" and RU.p_value(0.00001) == "p < 0,001"


def test_english_uses_decimal_point_and_comma_thousands() -> None:
    assert EN.num(12345.5, 1) == "12,345.5"
    assert EN.pct(0.453, 1) == "45.3%"
    assert EN.p_value(0.0041) == "p = 0.004" and EN.p_value(0.25) == "p = 0.25"


@pytest.mark.parametrize("missing", [math.nan, None, float("nan")])
def test_missing_values_print_as_a_dash_never_nan(missing: object) -> None:
    for nf in (RU, EN):
        assert nf.num(missing) == "\u2014" and nf.cell(missing, "pct0") == "\u2014"


def test_no_negative_zero() -> None:
    assert RU.num(-0.2) == "0" and EN.signed(-0.4) == "0"


def test_dates_and_periods() -> None:
    assert RU.date(date(2025, 3, 3)) == "3 марта 2025\u00a0г."
    assert EN.period(date(2025, 3, 3), date(2025, 3, 21)) == "3 March 2025 to 21 March 2025"


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "клиент"),
        (2, "клиента"),
        (5, "клиентов"),
        (11, "клиентов"),
        (21, "клиент"),
        (22, "клиента"),
        (112, "клиентов"),
        (0, "клиентов"),
    ],
)
def test_russian_plurals(n: int, form: str) -> None:
    assert plural_ru(n, "клиент", "клиента", "клиентов") == form
