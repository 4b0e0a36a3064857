"""Whole-file problems of a call list: the import cannot start, or cannot go on.

Problems with single rows are not errors: such rows go to the rejects with a reason. These
exceptions are for the file as a whole, and each message names the file and says what to do.
"""

from __future__ import annotations

from pathlib import Path

from cati.errors import CatiError

__all__ = [
    "CallListError",
    "ColumnMappingError",
    "NoPhoneColumnError",
    "UnreadableCallListError",
    "UnsupportedCallListError",
]


class CallListError(CatiError):
    """A call list file cannot be imported; ``path`` is the file.

    ``detail`` is the message without the file; a problem at a place in a text file (the
    mapping file's YAML) also has its ``line`` and ``column`` (from 1), shown as
    ``FILE:LINE:COLUMN: message`` like a compiler's.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.detail = message
        self.line, self.column = line, column
        where = str(self.path)
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {message}")

    def with_detail(self, message: str) -> CallListError:
        """The same error (class, file, place) saying ``message`` instead."""
        return type(self)(self.path, message, line=self.line, column=self.column)


class UnsupportedCallListError(CallListError):
    """The file is not a CSV or XLSX table (a PDF, an old .xls, an image, binary data)."""


class UnreadableCallListError(CallListError):
    """The file is missing, unreadable, or damaged in a way that stops reading it."""


class NoPhoneColumnError(CallListError):
    """No column of the file could be recognised as a phone column."""


class ColumnMappingError(CallListError):
    """The column mapping file is missing, not YAML, or says something impossible."""
