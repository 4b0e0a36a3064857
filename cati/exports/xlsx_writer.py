"""XLSX: sheets ``data``, ``labels`` (variable and value labels, missing codes) and
``paradata``, written with openpyxl in write-only mode (constant memory for big studies).

Numbers stay numbers (whole ones as integers), "not asked" is an empty cell, text is text:
an open answer that starts with "=" is stored as a string cell, never as a formula.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from cati.exports.errors import ExportError
from cati.exports.labels import labels_frame
from cati.exports.table import RespondentTable

__all__ = ["write_xlsx"]


def write_xlsx(table: RespondentTable, path: Path) -> list[Path]:
    workbook = Workbook(write_only=True)
    _sheet(workbook.create_sheet("data"), table.data)
    _sheet(workbook.create_sheet("labels"), labels_frame(table))
    _sheet(workbook.create_sheet("paradata"), table.paradata)
    if table.notes:
        notes = workbook.create_sheet("notes")
        for note in table.notes:
            notes.append([note])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return [path]


def _sheet(sheet: WriteOnlyWorksheet, frame: pd.DataFrame) -> None:
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(sheet, value=str(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        if not value:
            return None
        if value.startswith("="):
            # Respondent text is never a formula: keep it a string cell.
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    return value
