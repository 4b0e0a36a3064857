"""How big a call list and its mapping file may be: every reader stops at these, with a message.

A client's file is untrusted input: a damaged export, a quote never closed, a workbook built
to blow up when unpacked. Every parser here reads within explicit limits, and going over
one is a :class:`~cati.sample.errors.CallListError` that names the file and the row (or the
mapping file's line and column), says which limit was hit and what to do. Nothing is saved
from a file that goes over a limit (see :mod:`cati.sample.importing`).

The defaults follow Excel, which is where call lists come from: a worksheet holds at most
1,048,576 rows and 16,384 columns (``XFD``), a cell at most 32,767 characters. A CSV may be
longer than a worksheet; two million rows is twice the largest base an agency calls, and the
de-duplication keeps about 110 bytes a distinct number in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "CallListLimits"]

_MIB = 1024 * 1024


@dataclass(frozen=True)
class CallListLimits:
    """The limits of one import; tests pass small ones to reach them quickly."""

    #: The call list file's size on disk (CSV, or the XLSX archive).
    file_bytes: int = 2048 * _MIB
    #: Rows of the table, the header and any title rows above it included.
    rows: int = 2_000_000
    #: Cells in one row (Excel's 16,384 columns, A to XFD).
    columns: int = 16_384
    #: Characters in one cell (Excel's own limit). CSV's reader also stops a field at
    #: 131,072 characters, the usual sign of a quote that was never closed.
    cell_chars: int = 32_767
    #: Characters of one CSV record, all its fields and line breaks together.
    record_chars: int = 4 * _MIB
    #: XLSX: the unpacked size of all parts of the workbook together.
    xlsx_unpacked_bytes: int = 4096 * _MIB
    #: XLSX: the unpacked size of one part read whole (styles, the workbook, its list of
    #: contents); worksheets are streamed and only count towards the total.
    xlsx_part_bytes: int = 64 * _MIB
    #: XLSX: the unpacked size of the shared-strings table (read whole into memory).
    xlsx_shared_strings_bytes: int = 512 * _MIB
    #: XLSX: entries of the shared-strings table (every distinct text of the workbook).
    xlsx_shared_strings: int = 4_000_000
    #: XLSX: cells read from the worksheet (rows times the columns each row spans).
    xlsx_cells: int = 100_000_000
    #: XLSX: files inside the archive.
    xlsx_parts: int = 10_000
    #: The column mapping file (YAML); a real one is a few hundred bytes.
    mapping_bytes: int = 256 * 1024
    #: The mapping file's YAML: nesting depth and the number of YAML nodes.
    mapping_depth: int = 16
    mapping_nodes: int = 20_000


DEFAULT_LIMITS = CallListLimits()


def count(value: int) -> str:
    """``2000000`` -> ``2,000,000``, for messages."""
    return f"{value:,}"


def size(value: int) -> str:
    """A byte count for messages: ``512 MiB``, ``256 KiB``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", _MIB), ("KiB", 1024)):
        if value >= factor:
            shown = value / factor
            return f"{shown:.0f} {unit}" if shown.is_integer() else f"{shown:.1f} {unit}"
    return f"{value} bytes"
