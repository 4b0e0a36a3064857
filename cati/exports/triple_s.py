"""Triple-S XML 2.0: the ``.sss`` metadata and a fixed-width ``.asc`` data file.

Triple-S (https://triple-s.org) is the survey-software interchange standard read by
tabulation and analysis tools (Quantum, MarketSight, Displayr, SPSS via plug-ins, R's
``sss`` package). Mapping of our variables:

* choice questions, the status and the multiple-choice 0/1 columns -> ``single`` with every
  code listed (a 0/1 column keeps room for the "don't know" code, which a ``multiple``
  bit string could not hold);
* scales, numbers, ids and the weight -> ``quantity`` with a ``<range>`` and the special
  codes as ``<value>``s (as in the standard's own "Miles travelled" example); the interview
  number is ``use="serial"``, the weight ``use="weight"``;
* text -> ``character`` with its ``<size>``; line breaks in open answers become spaces
  (a record is one line).

Encoding: the XML and the data are UTF-8, and positions count *characters*, not bytes
(Triple-S 2.0 allows Unicode data; a Cyrillic letter is one position). Tools that count
bytes should read the CSV export instead. Records end with CRLF. Empty fields are blanks.
The paradata go to ``*_paradata.sss`` / ``*_paradata.asc``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

from cati.exports.csv_writer import sibling
from cati.exports.errors import ExportError
from cati.exports.table import RespondentTable
from cati.exports.variables import Variable

__all__ = ["TRIPLE_S_VERSION", "SssField", "sss_fields", "write_triple_s"]

TRIPLE_S_VERSION = "2.0"
WEIGHT_DECIMALS = 6
NUMBER_DECIMALS = 4
RECORD_END = "\r\n"

SssType = Literal["single", "quantity", "character"]


@dataclass(frozen=True)
class SssField:
    """Where one variable sits in the fixed-width record and how its values are written."""

    variable: Variable
    type: SssType
    start: int  # 1-based, inclusive
    width: int
    decimals: int = 0
    use: str | None = None

    @property
    def finish(self) -> int:
        return self.start + self.width - 1

    def render(self, value: object) -> str:
        if self.type == "character":
            text = " ".join(str(value or "").split())
            return text.ljust(self.width)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return " " * self.width
        return _number(float(value), self.decimals).rjust(self.width)  # type: ignore[arg-type]


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def sss_fields(frame: pd.DataFrame, variables: tuple[Variable, ...]) -> list[SssField]:
    """Lay the variables out one after another, each as wide as its widest value."""
    fields: list[SssField] = []
    start = 1
    for variable in variables:
        column = frame[variable.name]
        field = _field(variable, column, start)
        fields.append(field)
        start = field.finish + 1
    return fields


def _field(variable: Variable, column: pd.Series, start: int) -> SssField:
    if variable.kind == "text":
        width = max([1, *(len(" ".join(str(v).split())) for v in column)])
        return SssField(variable, "character", start, width)
    values = [float(v) for v in column if not math.isnan(float(v))]
    use = {"interview_id": "serial", "weight": "weight"}.get(variable.name)
    whole = all(v.is_integer() for v in values)
    decimals = 0 if whole else (WEIGHT_DECIMALS if use == "weight" else NUMBER_DECIMALS)
    is_single = bool(variable.value_labels) and variable.valid_range is None and whole
    bounds = _bounds(variable, values)
    candidates = [*values, *variable.value_labels, *variable.missing, *bounds]
    width = max([1, *(len(_number(float(v), decimals)) for v in candidates)])
    return SssField(variable, "single" if is_single else "quantity", start, width, decimals, use)


def _bounds(variable: Variable, values: list[float]) -> tuple[float, float]:
    if variable.valid_range is not None:
        return variable.valid_range
    substantive = [v for v in values if v not in variable.missing]
    if not substantive:
        return (0.0, 0.0)
    return (min(0.0, min(substantive)), max(substantive))


def write_triple_s(table: RespondentTable, path: Path, exported_at: datetime) -> list[Path]:
    """Write ``PATH.sss`` + ``PATH.asc`` and the paradata pair; return the four paths."""
    metadata = path.with_suffix(".sss")
    paradata = sibling(metadata, "_paradata")
    _write_pair(table.data, table.variables, metadata, table, "data", exported_at)
    _write_pair(table.paradata, table.paradata_variables, paradata, table, "paradata", exported_at)
    return [metadata, metadata.with_suffix(".asc"), paradata, paradata.with_suffix(".asc")]


def _write_pair(
    frame: pd.DataFrame,
    variables: tuple[Variable, ...],
    metadata: Path,
    table: RespondentTable,
    name: str,
    exported_at: datetime,
) -> None:
    fields = sss_fields(frame, variables)
    root = ET.Element("sss", version=TRIPLE_S_VERSION, languages=table.language)
    now = exported_at.astimezone(UTC)
    ET.SubElement(root, "date").text = now.strftime("%Y-%m-%d")
    ET.SubElement(root, "time").text = now.strftime("%H:%M:%S")
    ET.SubElement(root, "origin").text = "cati export"
    survey = ET.SubElement(root, "survey")
    ET.SubElement(survey, "name").text = name
    ET.SubElement(survey, "title").text = table.title
    record = ET.SubElement(survey, "record", ident="A", format="fixed")
    for ident, field in enumerate(fields, start=1):
        _variable_element(record, ident, field)
    ET.indent(root)
    data_path = metadata.with_suffix(".asc")
    try:
        metadata.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(metadata, encoding="utf-8", xml_declaration=True)
        with data_path.open("w", encoding="utf-8", newline="") as stream:
            for row in frame.itertuples(index=False, name=None):
                stream.write(
                    "".join(f.render(v) for f, v in zip(fields, row, strict=True)) + RECORD_END
                )
    except OSError as error:
        raise ExportError(f"cannot write {metadata}: {error.strerror or error}") from None


def _variable_element(record: ET.Element, ident: int, field: SssField) -> None:
    variable = field.variable
    attributes = {"ident": str(ident), "type": field.type}
    if field.use:
        attributes["use"] = field.use
    element = ET.SubElement(record, "variable", attributes)
    ET.SubElement(element, "name").text = variable.name
    ET.SubElement(element, "label").text = variable.label
    position = {"start": str(field.start)}
    if field.width > 1:
        position["finish"] = str(field.finish)
    ET.SubElement(element, "position", position)
    if field.type == "character":
        ET.SubElement(element, "size").text = str(field.width)
        return
    values = ET.SubElement(element, "values")
    if field.type == "quantity":
        low, high = _range_of(field)
        ET.SubElement(values, "range", {"from": low, "to": high})
    codes = dict(variable.value_labels)
    for code in sorted(codes):
        if field.type == "quantity" and code not in variable.missing:
            continue  # points inside the range need no <value>; labels stay in the .sav/.xlsx
        ET.SubElement(values, "value", code=_number(float(code), field.decimals)).text = codes[code]


def _range_of(field: SssField) -> tuple[str, str]:
    variable = field.variable
    digits = field.width - field.decimals - 1 if field.decimals else field.width
    widest = 10.0**digits - 10.0**-field.decimals
    low, high = variable.valid_range or (0.0, widest)
    text_low = _number(float(low), field.decimals)
    text_high = _number(float(high), field.decimals)
    return text_low, text_high
