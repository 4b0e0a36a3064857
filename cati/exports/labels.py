"""The labels table shared by the CSV and XLSX exports: variables, value labels, missing codes.

One row per variable (its label, type, measure, the question's declared role and
missing-value codes) followed by one row
per value label, so a person can read it and a script can rebuild the metadata from it.
"""

from __future__ import annotations

import pandas as pd

from cati.exports.table import RespondentTable

__all__ = ["LABEL_COLUMNS", "labels_frame"]

LABEL_COLUMNS = [
    "file",
    "variable",
    "label",
    "type",
    "measure",
    "role",
    "value",
    "value_label",
    "missing",
]


def labels_frame(table: RespondentTable) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for file, variables in (("data", table.variables), ("paradata", table.paradata_variables)):
        for variable in variables:
            rows.append(
                {
                    "file": file,
                    "variable": variable.name,
                    "label": variable.label,
                    "type": variable.kind,
                    "measure": variable.measure,
                    "role": variable.role or "",
                    "value": None,
                    "value_label": "",
                    "missing": " ".join(str(code) for code in variable.missing),
                }
            )
            for code, text in sorted(variable.value_labels.items()):
                rows.append(
                    {
                        "file": file,
                        "variable": variable.name,
                        "label": "",
                        "type": "",
                        "measure": "",
                        "role": "",
                        "value": code,
                        "value_label": text,
                        "missing": "missing" if code in variable.missing else "",
                    }
                )
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)
