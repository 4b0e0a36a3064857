"""One entry point over the four writers: ``write_table(table, "sav", path)``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from cati.exports.csv_writer import CsvDialect, write_csv
from cati.exports.sav_writer import write_sav
from cati.exports.table import RespondentTable
from cati.exports.triple_s import write_triple_s
from cati.exports.xlsx_writer import write_xlsx

__all__ = ["EXPORT_FORMATS", "ExportFormat", "write_table"]

ExportFormat = Literal["csv", "xlsx", "sav", "sss"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "xlsx", "sav", "sss")


def write_table(
    table: RespondentTable,
    export_format: ExportFormat,
    path: Path,
    *,
    exported_at: datetime,
    csv_dialect: CsvDialect = "ru",
) -> list[Path]:
    """Write ``table`` in ``export_format`` at ``path`` (plus companions); the paths written."""
    if export_format == "csv":
        return write_csv(table, path, csv_dialect)
    if export_format == "xlsx":
        return write_xlsx(table, path)
    if export_format == "sav":
        return write_sav(table, path)
    if export_format == "sss":
        return write_triple_s(table, path, exported_at)
    raise ValueError(f"unknown export format {export_format!r}; use one of {EXPORT_FORMATS}")
