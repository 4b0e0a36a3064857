"""The do-not-call list, shared by every study (see :mod:`cati.dnc.service`)."""

from __future__ import annotations

from cati.dnc.numbers import InvalidNumber, LineProblem, normalise_number, read_number_file
from cati.dnc.service import (
    DoNotCallChange,
    DoNotCallEntry,
    add_to_do_not_call,
    import_do_not_call,
    list_do_not_call,
    remove_from_do_not_call,
)

__all__ = [
    "DoNotCallChange",
    "DoNotCallEntry",
    "InvalidNumber",
    "LineProblem",
    "add_to_do_not_call",
    "import_do_not_call",
    "list_do_not_call",
    "normalise_number",
    "read_number_file",
    "remove_from_do_not_call",
]
