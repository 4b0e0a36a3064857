"""Rows of a CSV or XLSX file, streamed, numbered as Excel numbers them.

What the file is comes from its first bytes, not its name (a CSV saved as ``.xls`` is common).

CSV
    Encoding: a byte-order mark decides (UTF-8, UTF-16 as Excel's "Unicode text"); otherwise
    the whole file is checked as strict UTF-8 (a fast pass in C) and, failing that, read as
    cp1251, the encoding of Russian Excel exports. Checking the whole file matters: a UTF-8
    file whose first megabyte is ASCII can still break later. cp1251 decodes every byte but
    one (0x98, which never occurs in real text and is read as U+FFFD).
    Delimiter: ``;``, ``,``, tab or ``|``, whichever splits the first records into the same
    number (at least two) of fields most consistently; ties go in that order. Quoted fields
    may hold delimiters, doubled quotes and line breaks. The quote that cati's own CSV
    files (a rejects file) put before formula-like text is removed
    (:func:`cati.spreadsheet_cells.restore_cell_text`).

XLSX
    Read with openpyxl in read-only mode (streaming), values not formulas, the first
    worksheet unless a mapping names one.

Row numbers
    The header is wherever it is found (row 1 usually); every record has the number Excel
    shows for it. A CSV record whose quoted field holds line breaks is *one* row, as Excel
    shows it, so row numbers count records, not lines; a blank line is a (blank) row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from cati.sample.errors import (
    CallListError,
    UnreadableCallListError,
    UnsupportedCallListError,
)
from cati.spreadsheet_cells import restore_cell_text

__all__ = ["RawTable", "TableInfo", "detect_delimiter", "detect_encoding", "open_table"]

DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_BYTES = 64 * 1024
_SAMPLE_RECORDS = 200
_CHUNK = 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, old Word
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class TableInfo:
    """How a file was read, for the summary and for people checking a surprising result."""

    format: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


class RawTable(Protocol):
    """An open file yielding ``(row_number, cells)``; cells are text (CSV) or typed (XLSX)."""

    info: TableInfo
    total: int | None  # bytes (CSV) or rows (XLSX, from the sheet's own dimension)

    def position(self) -> int: ...  # bytes or rows done so far, in the unit of ``total``

    def records(self) -> Iterator[tuple[int, list[object]]]: ...

    def close(self) -> None: ...


def open_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> RawTable:
    """Open a call list for streaming; whole-file problems raise a :class:`CallListError`."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(_SAMPLE_BYTES)
    except FileNotFoundError:
        raise UnreadableCallListError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise UnreadableCallListError(path, "this is a folder, not a call list file") from None
    except OSError as error:
        raise UnreadableCallListError(path, f"cannot be read ({error.strerror or error})") from None
    if not head:
        raise UnreadableCallListError(path, "the file is empty")
    if head.startswith(_ZIP):
        return XlsxTable(path, sheet)
    if head.startswith(_OLE):
        raise UnsupportedCallListError(
            path,
            "this is an Excel 97-2003 workbook (.xls); open it in Excel and save it as "
            ".xlsx or as CSV",
        )
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise UnsupportedCallListError(
                path, f"this is {what}, not a call list; give a CSV or XLSX file"
            )
    chosen = encoding or detect_encoding(path, head)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise UnreadableCallListError(path, f"unknown encoding {chosen!r}") from None
    sample = _decode_sample(head, chosen)
    if "\x00" in sample:
        raise UnsupportedCallListError(
            path,
            "this looks like binary data, not a CSV or XLSX "
            "table; export the call list as CSV or XLSX",
        )
    truncated = path.stat().st_size > len(head)
    return CsvTable(path, chosen, delimiter or detect_delimiter(sample, truncated=truncated))


def detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1251 (see the module docstring)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"
    except OSError as error:
        raise UnreadableCallListError(path, f"cannot be read ({error.strerror or error})") from None
    return "utf-8"


def _decode_sample(head: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


def detect_delimiter(sample: str, *, truncated: bool = False) -> str:
    """The delimiter that splits the sample's records most consistently (module docstring)."""
    best, best_score = DELIMITERS[0], (0.0, 0)
    for order, candidate in enumerate(DELIMITERS):
        counts: list[int] = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=candidate):
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                if len(counts) >= _SAMPLE_RECORDS:
                    break
        except csv.Error:
            continue
        if truncated and len(counts) > 1 and len(counts) < _SAMPLE_RECORDS:
            counts.pop()  # the sample's last record may be cut in the middle
        if not counts:
            continue
        mode, seen = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (seen / len(counts), -order)
        if score > best_score:
            best, best_score = candidate, (score[0], score[1])
    return best


class CsvTable:
    """A CSV file read record by record; ``position`` is in bytes."""

    def __init__(self, path: Path, encoding: str, delimiter: str) -> None:
        self.path = path
        self.info = TableInfo(format="csv", encoding=encoding, delimiter=delimiter)
        self.total: int | None = path.stat().st_size
        self._binary: BinaryIO = path.open("rb")
        errors = "replace" if codecs.lookup(encoding).name == "cp1251" else "strict"
        self._text = io.TextIOWrapper(self._binary, encoding=encoding, errors=errors, newline="")

    def position(self) -> int:
        try:
            return self._binary.tell()
        except (OSError, ValueError):
            return self.total or 0

    def records(self) -> Iterator[tuple[int, list[object]]]:
        reader = csv.reader(self._text, delimiter=self.info.delimiter or ";")
        row = 0
        try:
            for record in reader:
                row += 1
                # The quote cati's own CSV files put before formula-like text is not data.
                yield row, [restore_cell_text(cell) for cell in record]
        except csv.Error as error:
            raise UnreadableCallListError(
                self.path,
                f"row {row + 1} cannot be read as CSV ({error}); often a quote "
                "opened and never closed: check that row in a text editor",
            ) from None
        except UnicodeDecodeError:
            raise UnreadableCallListError(
                self.path,
                f"near row {row + 1} the text is not valid {self.info.encoding}; "
                "save the file again as UTF-8",
            ) from None

    def close(self) -> None:
        self._text.close()


class XlsxTable:
    """The first (or named) worksheet of an XLSX workbook; ``position`` is in rows."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        import openpyxl

        self.path = path
        self._row = 0
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for damaged files
            raise UnsupportedCallListError(
                path,
                f"not a readable XLSX workbook ({type(error).__name__}: {error}); open it "
                "in Excel and save it again as .xlsx, or export it as CSV",
            ) from None
        names = self._book.sheetnames
        if not self._book.worksheets:
            self._book.close()
            raise UnsupportedCallListError(path, "the workbook has no worksheets")
        if sheet is not None and sheet not in names:
            self._book.close()
            raise CallListError(
                path, f"no worksheet named {sheet!r}; the workbook has {', '.join(names)}"
            )
        self._sheet = self._book[sheet] if sheet is not None else self._book.worksheets[0]
        self.info = TableInfo(format="xlsx", sheet=self._sheet.title)
        try:
            self.total: int | None = self._sheet.max_row
        except Exception:  # a missing or malformed <dimension>: the total is only a hint
            self.total = None
        reset = getattr(self._sheet, "reset_dimensions", None)
        if reset is not None:
            reset()  # a wrong <dimension> would otherwise cut columns off

    def position(self) -> int:
        return self._row

    def records(self) -> Iterator[tuple[int, list[object]]]:
        try:
            for row, values in enumerate(self._sheet.iter_rows(values_only=True), start=1):
                self._row = row
                yield row, list(values)
        except CallListError:
            raise
        except Exception as error:  # damaged XML inside the workbook
            raise UnreadableCallListError(
                self.path,
                f"the workbook is damaged after row {self._row} ("
                f"{type(error).__name__}); open it in Excel and save it again",
            ) from None

    def close(self) -> None:
        self._book.close()
