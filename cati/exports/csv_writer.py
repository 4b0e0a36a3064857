"""CSV for Excel: UTF-8 with a byte-order mark, ``;`` between fields, ``,`` in decimals.

Why these choices: Excel decides how to read a double-clicked CSV from the system's regional
settings. On Russian Windows the list separator is ``;`` and the decimal separator ``,``, so
a ``;``-separated file with decimal commas opens in columns with numbers as numbers, and the
BOM makes Excel read UTF-8 (Cyrillic) instead of cp1251. ``dialect="intl"`` writes ``,``
and ``.`` for tools and English-locale Excel. Three files are written: the data, the
paradata (``*_paradata.csv``) and the labels (``*_labels.csv``: one row per variable and
value label, with the missing-value codes).

Text cells that a spreadsheet would run as a formula (an open answer or a company name
starting with ``=``, ``+``, ``-``, ``@``...) are written with a quote in front
(:mod:`cati.spreadsheet_cells`); numbers, negative ones included, are written as numbers.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from cati.exports.errors import ExportError
from cati.exports.labels import labels_frame
from cati.exports.table import RespondentTable
from cati.exports.variables import Variable
from cati.spreadsheet_cells import defuse_cell_text

__all__ = ["CSV_DIALECTS", "CsvDialect", "sibling", "write_csv"]

CsvDialect = Literal["ru", "intl"]
#: dialect -> (field delimiter, decimal separator)
CSV_DIALECTS: dict[str, tuple[str, str]] = {"ru": (";", ","), "intl": (",", ".")}
ENCODING = "utf-8-sig"  # UTF-8 with BOM


def sibling(path: Path, suffix: str, extension: str | None = None) -> Path:
    """``data.csv`` -> ``data_paradata.csv``: a companion file next to the main one."""
    return path.with_name(f"{path.stem}{suffix}{extension or path.suffix}")


def write_csv(table: RespondentTable, path: Path, dialect: CsvDialect = "ru") -> list[Path]:
    """Write the data, paradata and labels CSV files; return their paths."""
    delimiter, decimal = CSV_DIALECTS[dialect]
    written = []
    for frame, variables, target in (
        (table.data, table.variables, path),
        (table.paradata, table.paradata_variables, sibling(path, "_paradata")),
    ):
        _write(_formatted(frame, variables, decimal), target, delimiter)
        written.append(target)
    labels = labels_frame(table).astype(object)
    labels_path = sibling(path, "_labels")
    _write(labels.map(lambda v: _cell(v, decimal)), labels_path, delimiter)
    written.append(labels_path)
    return written


def _write(frame: pd.DataFrame, path: Path, delimiter: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        frame = frame.set_axis([defuse_cell_text(str(name)) for name in frame.columns], axis=1)
        frame.to_csv(path, sep=delimiter, index=False, encoding=ENCODING, quoting=csv.QUOTE_MINIMAL)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None


def _formatted(frame: pd.DataFrame, variables: tuple[Variable, ...], decimal: str) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for variable in variables:
        out[variable.name] = frame[variable.name].astype(object).map(lambda v: _cell(v, decimal))
    return out


def _cell(value: Any, decimal: str) -> str:
    """Whole numbers without ``.0``, decimals with the dialect's separator, NaN empty, text
    that a spreadsheet would run defused."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", decimal)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else defuse_cell_text(str(value))
