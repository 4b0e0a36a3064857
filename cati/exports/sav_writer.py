"""SPSS ``.sav`` with variable labels, value labels, measures and missing-value codes.

Written with pyreadstat (ReadStat), in SPSS's Unicode mode, so Cyrillic labels and answers
read back unchanged in SPSS, PSPP, R (haven) and pandas. "Don't know"/"refused" codes are
declared as discrete user-missing values (SPSS allows three per variable; a script has at
most two). Text variables carry the codes as text ("98") and declare those as missing;
SPSS has no value labels for long strings, so their labels are in the variable label only.
The paradata go to ``*_paradata.sav``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from cati.exports.csv_writer import sibling
from cati.exports.errors import ExportError
from cati.exports.table import RespondentTable
from cati.exports.variables import Variable

__all__ = ["VARIABLE_LABEL_BYTES", "sav_label", "write_sav"]

_FILE_LABEL_BYTES = 64
#: SPSS keeps at most 256 bytes of a variable label (128 Cyrillic letters); sub-variables
#: put their own part (the grid row, the option) first so that it survives the cut.
VARIABLE_LABEL_BYTES = 256


def write_sav(table: RespondentTable, path: Path) -> list[Path]:
    paradata_path = sibling(path, "_paradata")
    _write(table.data, table.variables, path, table.title)
    _write(table.paradata, table.paradata_variables, paradata_path, table.title)
    return [path, paradata_path]


def _write(frame: pd.DataFrame, variables: tuple[Variable, ...], path: Path, title: str) -> None:
    frame = frame.copy()
    for variable in variables:
        if variable.kind == "text":
            frame[variable.name] = frame[variable.name].astype(object)
    missing: dict[str, list[Any]] = {}
    for v in variables:
        if v.missing:
            missing[v.name] = [str(c) if v.kind == "text" else c for c in v.missing]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pyreadstat.write_sav(
            frame,
            str(path),
            file_label=_clip(title, _FILE_LABEL_BYTES),
            column_labels={v.name: sav_label(v.label) for v in variables},
            variable_value_labels={
                v.name: {float(code): text for code, text in v.value_labels.items()}
                for v in variables
                if v.value_labels and v.kind == "numeric"
            },
            missing_ranges=missing or None,
            variable_measure={v.name: v.measure for v in variables},
        )
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    except pyreadstat.ReadstatError as error:
        raise ExportError(f"cannot write the SPSS file {path}: {error}") from None


def sav_label(text: str) -> str:
    """A variable label as SPSS keeps it (cut at 256 bytes, never inside a letter)."""
    return _clip(text, VARIABLE_LABEL_BYTES).rstrip()


def _clip(text: str, limit: int) -> str:
    raw = text.encode("utf-8")[:limit]
    return raw.decode("utf-8", errors="ignore")
