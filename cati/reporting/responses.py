"""Turning stored interviews into the respondent table the client report reads.

The shapes are those of :mod:`reports.data`: one row per complete interview, indexed by an
anonymous respondent number; ``<q>`` / ``<q>.<row>`` answer columns, multiple choice as a
list of codes, ``<q>:other`` texts and ``<col>:special`` markers for "don't know" and
"refused". Contact attributes picked for breakdowns come along as plain columns; nothing
that identifies a person does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from cati.exports.records import InterviewRecord
from reports.data import OTHER_SUFFIX, SEGMENT, SPECIAL_SUFFIX
from surveys.model import GridQuestion, InfoScreen, MultipleChoice, Script

COMPLETE = "complete"


def answer_columns(script: Script, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """One interview's answers as report columns."""
    row: dict[str, Any] = {}
    for question in script.questions:
        if isinstance(question, InfoScreen):
            continue
        stored = answers.get(question.id)
        if stored is None:
            continue
        value, special, other = stored.get("value"), stored.get("special"), stored.get("other")
        if special:
            row[question.id + SPECIAL_SUFFIX] = special
            continue
        if isinstance(question, GridQuestion):
            for row_id, point in (value or {}).items():
                column = f"{question.id}.{row_id}"
                if isinstance(point, str):
                    row[column + SPECIAL_SUFFIX] = point
                else:
                    row[column] = point
            continue
        if isinstance(question, MultipleChoice):
            row[question.id] = list(value or [])
        elif value is not None:
            row[question.id] = value
        if other:
            row[question.id + OTHER_SUFFIX] = other
    return row


def responses_frame(
    script: Script,
    interviews: Iterable[InterviewRecord],
    attributes: Mapping[int, Mapping[str, Any]] | None = None,
    breakdowns: Sequence[str] = (),
) -> pd.DataFrame:
    """Complete interviews as the report's respondent table.

    ``attributes`` maps a contact id to its attributes; the ``breakdowns`` among them become
    columns. Rows are numbered 1, 2, ... in interview order: the number identifies nobody.
    """
    rows = []
    for record in interviews:
        if record.status != COMPLETE:
            continue
        row: dict[str, Any] = {SEGMENT: record.segment or "other"}
        contact_attributes = (attributes or {}).get(record.contact_id, {})
        for name in breakdowns:
            row[name] = contact_attributes.get(name)
        row.update(answer_columns(script, record.answers))
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="respondent")
    return frame
