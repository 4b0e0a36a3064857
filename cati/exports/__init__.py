"""Results leave the app: respondent tables in CSV, XLSX, SPSS and Triple-S (see README.md).

The layer is pure: :func:`build_respondent_table` turns plain records
(:mod:`cati.exports.records`) and the script into data frames with their variables; the
writers change only the container. :func:`cati.exports.service.export_study` is the service
behind ``cati export``. Heavy modules (pandas, openpyxl, pyreadstat) load on first use, so
importing the records from the database layer stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from cati.exports.errors import ExportError
from cati.exports.pseudonyms import new_pseudonym_key, pseudonym
from cati.exports.records import ContactDetails, InterviewRecord, SegmentRecord, StudyResults

_LAZY: dict[str, str] = {
    "RespondentTable": "cati.exports.table",
    "build_respondent_table": "cati.exports.table",
    "Variable": "cati.exports.variables",
    "script_variables": "cati.exports.variables",
    "EXPORT_FORMATS": "cati.exports.writers",
    "ExportFormat": "cati.exports.writers",
    "write_table": "cati.exports.writers",
    "export_study": "cati.exports.service",
}

__all__ = [
    "EXPORT_FORMATS",
    "ContactDetails",
    "ExportError",
    "ExportFormat",
    "InterviewRecord",
    "RespondentTable",
    "SegmentRecord",
    "StudyResults",
    "Variable",
    "build_respondent_table",
    "export_study",
    "new_pseudonym_key",
    "pseudonym",
    "script_variables",
    "write_table",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cati.exports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
