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
    """A call list file cannot be imported; ``path`` is the file."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {message}")


class UnsupportedCallListError(CallListError):
    """The file is not a CSV or XLSX table (a PDF, an old .xls, an image, binary data)."""


class UnreadableCallListError(CallListError):
    """The file is missing, unreadable, or damaged in a way that stops reading it."""


class NoPhoneColumnError(CallListError):
    """No column of the file could be recognised as a phone column."""


class ColumnMappingError(CallListError):
    """The column mapping file is missing, not YAML, or says something impossible."""
