"""Rows of a CSV or XLSX file, streamed, numbered as Excel numbers them, within limits.

What the file is comes from its first bytes, not its name (a CSV saved as ``.xls`` is common).
Only a regular file is read: a named pipe or a device would block or never end.

CSV
    Encoding: see :mod:`cati.sample.encodings` (UTF-8 or cp1251 decided for the file and
    again for each line, so one bad byte is a warning about one row, not mojibake).
    Delimiter: ``;``, ``,``, tab or ``|``, whichever splits the first records into the same
    number (at least two) of fields most consistently; ties go in that order. Quoted fields
    may hold delimiters, doubled quotes and line breaks. Lines end in CR LF, LF or CR. The
    quote that cati's own CSV files (a rejects file) put before formula-like text is removed
    (:func:`cati.spreadsheet_cells.restore_cell_text`).

XLSX
    Read with openpyxl in read-only mode (streaming), values not formulas, the first
    worksheet unless a mapping names one. Before openpyxl sees the archive its parts are
    checked against the limits (unpacked sizes, the number of shared strings), so a small
    file that unpacks to gigabytes is refused instead of filling the memory.

Limits
    Every reader stops at the limits of :class:`~cati.sample.limits.CallListLimits` with a
    :class:`~cati.sample.errors.CallListError` naming the row (rows, cells, characters).

Row numbers
    The header is wherever it is found (row 1 usually); every record has the number Excel
    shows for it. A CSV record whose quoted field holds line breaks is *one* row, as Excel
    shows it, so row numbers count records, not lines; a blank line is a (blank) row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol
from xml.etree import ElementTree

from cati.sample.columns import column_letter
from cati.sample.encodings import (
    LineDecoder,
    RowNote,
    is_ascii_compatible,
    majority_encoding,
    text_encoding,
)
from cati.sample.errors import (
    CallListError,
    UnreadableCallListError,
    UnsupportedCallListError,
)
from cati.sample.limits import DEFAULT_LIMITS, CallListLimits, count, size
from cati.spreadsheet_cells import restore_cell_text

__all__ = [
    "RawTable",
    "RowNoteCallback",
    "TableInfo",
    "detect_delimiter",
    "detect_encoding",
    "open_table",
]

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

#: Told of each row not simply read in the file's encoding: ``(row, note)``.
RowNoteCallback = Callable[[int, RowNote], None]


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
    on_row_note: RowNoteCallback | None  # CSV: rows decoded differently (encodings module)

    def position(self) -> int: ...  # bytes or rows done so far, in the unit of ``total``

    def records(self) -> Iterator[tuple[int, list[object]]]: ...

    def close(self) -> None: ...


def open_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: CallListLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Open a call list for streaming; whole-file problems raise a :class:`CallListError`."""
    path = Path(path)
    file_size = _regular_file_size(path)
    if file_size > limits.file_bytes:
        raise UnsupportedCallListError(
            path,
            f"the file is {size(file_size)}, more than the {size(limits.file_bytes)} a call "
            "list may be; split it into several files",
        )
    try:
        with path.open("rb") as stream:
            head = stream.read(_SAMPLE_BYTES)
    except OSError as error:
        raise UnreadableCallListError(path, f"cannot be read ({error.strerror or error})") from None
    if not head:
        raise UnreadableCallListError(path, "the file is empty")
    if head.startswith(_ZIP):
        return XlsxTable(path, sheet, limits)
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
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if encoding is None and b"\x00" in head and not head.startswith(boms):
        raise _binary_data(path)  # before detection reads a file of zeros to its end
    chosen = encoding or detect_encoding(path, head)
    known = text_encoding(chosen)
    if known is None:
        raise UnreadableCallListError(
            path, f"{chosen!r} is not a text encoding; use e.g. utf-8 or cp1251"
        )
    try:
        sample = _decode_sample(head, known)
    except UnicodeError as error:  # UTF-32 without its byte-order mark, for one
        raise UnreadableCallListError(
            path, f"the file cannot be read as {known} ({error}); check the encoding"
        ) from None
    if "\x00" in sample:
        raise _binary_data(path)
    truncated = file_size > len(head)
    return CsvTable(path, known, delimiter or detect_delimiter(sample, truncated=truncated), limits)


def _binary_data(path: Path) -> UnsupportedCallListError:
    return UnsupportedCallListError(
        path,
        "this looks like binary data, not a CSV or XLSX table; export the call list as CSV or XLSX",
    )


def _regular_file_size(path: Path) -> int:
    """The file's size; anything but a regular file is refused before it is opened (opening
    a named pipe waits for a writer, a device may never end)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UnreadableCallListError(path, "no such file; check the path") from None
    except OSError as error:
        raise UnreadableCallListError(path, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableCallListError(path, "this is a folder, not a call list file")
    if not stat.S_ISREG(status.st_mode):
        raise UnsupportedCallListError(
            path,
            "this is not a regular file (a named pipe, a device or a socket); save the "
            "call list as a file and give that",
        )
    return status.st_size


def detect_encoding(path: Path, head: bytes) -> str:
    """The file's encoding: a byte-order mark, else UTF-8 when the whole file is valid UTF-8,
    else the encoding of most lines (see :mod:`cati.sample.encodings`)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        with path.open("rb") as stream:
            try:
                while chunk := stream.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                stream.seek(len(head))
                return majority_encoding(head, stream, truncated=path.stat().st_size > len(head))
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


class _RecordTooLong(Exception):
    """Raised inside the line iterator the CSV reader pulls from; turned into a message."""


class CsvTable:
    """A CSV file read record by record; ``position`` is in bytes."""

    def __init__(
        self,
        path: Path,
        encoding: str,
        delimiter: str,
        limits: CallListLimits = DEFAULT_LIMITS,
    ) -> None:
        self.path = path
        self.limits = limits
        self.info = TableInfo(format="csv", encoding=encoding, delimiter=delimiter)
        self.on_row_note: RowNoteCallback | None = None
        self.total: int | None = path.stat().st_size
        self._binary: BinaryIO = path.open("rb")
        self._done = 0
        self._record_chars = 0
        self._note: RowNote | None = None
        self._by_lines = is_ascii_compatible(encoding)
        if self._by_lines:
            self._decoder = LineDecoder(encoding)
            if encoding == "utf-8-sig" or self._binary.peek(3)[:3] == codecs.BOM_UTF8:
                self._done = len(self._binary.read(len(codecs.BOM_UTF8)))
            self._text: io.TextIOWrapper | None = None
        else:
            self._text = io.TextIOWrapper(self._binary, encoding=encoding, newline="")

    def position(self) -> int:
        if self._by_lines:
            return self._done
        try:
            return self._binary.tell()
        except (OSError, ValueError):
            return self.total or 0

    def _count(self, text: str) -> str:
        self._record_chars += len(text)
        if self._record_chars > self.limits.record_chars:
            raise _RecordTooLong
        return text

    def _byte_lines(self) -> Iterator[str]:
        """Lines split as bytes (CR LF, LF or CR), each decoded on its own."""
        limit = self.limits.record_chars * 4  # bytes: up to 4 per character in UTF-8
        rest = b""
        while chunk := self._binary.read(_CHUNK):
            pieces = (rest + chunk).splitlines(keepends=True)
            rest = pieces.pop()  # unfinished, or a CR whose LF may start the next chunk
            if rest.endswith(b"\n"):
                pieces.append(rest)
                rest = b""
            if len(rest) > limit:
                raise _RecordTooLong
            for piece in pieces:
                self._done += len(piece)
                yield self._count(self._decoded(piece))
        if rest:
            self._done += len(rest)
            yield self._count(self._decoded(rest))

    def _decoded(self, line: bytes) -> str:
        text, note = self._decoder.decode(line)
        if note is not None and self._note is None:
            self._note = note
        return text

    def _text_lines(self) -> Iterator[str]:
        assert self._text is not None
        limit = self.limits.record_chars
        while line := self._text.readline(limit + 1):
            yield self._count(line)

    def records(self) -> Iterator[tuple[int, list[object]]]:
        lines = self._byte_lines() if self._by_lines else self._text_lines()
        reader = csv.reader(lines, delimiter=self.info.delimiter or ";")
        limits = self.limits
        row = 0
        try:
            for record in reader:
                row += 1
                if row > limits.rows:
                    raise self._error(
                        row, f"the file has more than {count(limits.rows)} rows; split it"
                    )
                if len(record) > limits.columns:
                    raise self._error(
                        row,
                        f"{count(len(record))} cells, more than {count(limits.columns)}; "
                        "check the delimiter, or remove the empty columns",
                    )
                if record and max(map(len, record)) > limits.cell_chars:
                    index = next(i for i, c in enumerate(record) if len(c) > limits.cell_chars)
                    raise self._error(
                        row,
                        f"the cell in column {column_letter(index)} has "
                        f"{count(len(record[index]))} characters, more than "
                        f"{count(limits.cell_chars)} (a cell's limit in Excel); usually a "
                        'quote (") opened and never closed: check that row in a text editor',
                    )
                note, self._note, self._record_chars = self._note, None, 0
                if note is not None and self.on_row_note is not None:
                    self.on_row_note(row, note)
                # The quote cati's own CSV files put before formula-like text is not data.
                yield row, [restore_cell_text(cell) for cell in record]
        except csv.Error as error:
            problem = str(error)
            if "field limit" in problem:  # the csv module's own limit, 131,072 characters
                problem = f"a cell longer than {count(csv.field_size_limit())} characters"
            raise self._error(
                row + 1,
                f"cannot be read as CSV ({problem}); usually a quote opened and never "
                "closed: check that row in a text editor",
            ) from None
        except _RecordTooLong:
            raise self._error(
                row + 1,
                f"a row longer than {count(limits.record_chars)} characters; usually a quote "
                '(") opened and never closed: check that row in a text editor',
            ) from None
        except UnicodeError:
            raise self._error(
                row + 1,
                f"the text is not valid {self.info.encoding} near here (the file may be cut "
                "short or damaged); save the file again as UTF-8",
            ) from None

    def _error(self, row: int, message: str) -> UnreadableCallListError:
        return UnreadableCallListError(self.path, f"row {row}: {message}")

    def close(self) -> None:
        if self._text is not None:
            self._text.close()
        self._binary.close()


class XlsxTable:
    """The first (or named) worksheet of an XLSX workbook; ``position`` is in rows."""

    def __init__(
        self, path: Path, sheet: str | None, limits: CallListLimits = DEFAULT_LIMITS
    ) -> None:
        import openpyxl

        self.path = path
        self.limits = limits
        self.on_row_note: RowNoteCallback | None = None
        self._row = 0
        check_xlsx_archive(path, limits)
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
        limits = self.limits
        cells = 0
        try:
            for row, values in enumerate(self._sheet.iter_rows(values_only=True), start=1):
                self._row = row
                if row > limits.rows:
                    raise self._error(
                        row, f"the worksheet has more than {count(limits.rows)} rows; split it"
                    )
                if len(values) > limits.columns:
                    raise self._error(
                        row, f"{count(len(values))} cells, more than {count(limits.columns)}"
                    )
                cells += len(values)
                if cells > limits.xlsx_cells:
                    raise self._error(
                        row,
                        f"the worksheet has more than {count(limits.xlsx_cells)} cells; "
                        "remove the empty columns or split it",
                    )
                for index, value in enumerate(values):
                    if isinstance(value, str) and len(value) > limits.cell_chars:
                        raise self._error(
                            row,
                            f"the cell in column {column_letter(index)} has "
                            f"{count(len(value))} characters, more than "
                            f"{count(limits.cell_chars)} (a cell's limit in Excel)",
                        )
                yield row, list(values)
        except CallListError:
            raise
        except Exception as error:  # damaged XML inside the workbook
            where = f"after row {self._row}" if self._row else "before its first row"
            raise UnreadableCallListError(
                self.path,
                f"the worksheet {self.info.sheet!r} is damaged {where} ("
                f"{type(error).__name__}: {error}); open it in Excel and save it again",
            ) from None

    def _error(self, row: int, message: str) -> UnreadableCallListError:
        sheet = self.info.sheet
        return UnreadableCallListError(self.path, f"sheet {sheet!r}, row {row}: {message}")

    def close(self) -> None:
        self._book.close()


def check_xlsx_archive(path: Path, limits: CallListLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook whose parts would unpack beyond the limits, before openpyxl reads
    any (it reads the shared strings and styles whole). The sizes in the archive's directory
    bound what unpacking yields: Python stops a part at its stated size."""

    def refuse(message: str) -> UnsupportedCallListError:
        return UnsupportedCallListError(
            path, f"{message}; this is not a workbook as Excel saves it"
        )

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > limits.xlsx_parts:
                raise refuse(f"the workbook holds {count(len(parts))} files")
            unpacked = sum(part.file_size for part in parts)
            if unpacked > limits.xlsx_unpacked_bytes:
                raise refuse(
                    f"the workbook unpacks to {size(unpacked)}, more than "
                    f"{size(limits.xlsx_unpacked_bytes)}"
                )
            types = _content_types(archive, limits, refuse)
            for part in parts:
                name = part.filename
                kind = types.get("/" + name.lstrip("/")) or types.get(
                    "." + name.rsplit(".", 1)[-1].lower(), ""
                )
                if kind == _WORKSHEET:
                    continue  # streamed, row by row
                allowed = (
                    limits.xlsx_shared_strings_bytes
                    if kind == _SHARED_STRINGS
                    else limits.xlsx_part_bytes
                )
                if part.file_size > allowed:
                    raise refuse(
                        f"its part {name} unpacks to {size(part.file_size)}, more than "
                        f"{size(allowed)}"
                    )
                if kind == _SHARED_STRINGS:
                    _check_shared_strings(archive, part, limits, refuse)
    except CallListError:
        raise
    except Exception as error:  # a damaged archive: BadZipFile, zlib.error, EOFError, ...
        raise UnsupportedCallListError(
            path,
            f"not a readable XLSX workbook ({type(error).__name__}: {error}); open it in "
            "Excel and save it again as .xlsx, or export it as CSV",
        ) from None


_SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_WORKSHEET = _SPREADSHEET + "worksheet+xml"
_SHARED_STRINGS = _SPREADSHEET + "sharedStrings+xml"


def _content_types(
    archive: zipfile.ZipFile,
    limits: CallListLimits,
    refuse: Callable[[str], UnsupportedCallListError],
) -> dict[str, str]:
    """What each part is, as openpyxl will read it: ``/xl/sharedStrings.xml`` or a default
    by extension (``.xml``) -> content type."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return {}
    if info.file_size > limits.xlsx_part_bytes:
        raise refuse(f"its list of contents unpacks to {size(info.file_size)}")
    root = ElementTree.fromstring(archive.read(info))
    types: dict[str, str] = {}
    for element in root:
        if element.tag == f"{{{_TYPES}}}Override":
            types[element.get("PartName", "")] = element.get("ContentType", "")
        elif element.tag == f"{{{_TYPES}}}Default":
            types["." + element.get("Extension", "").lower()] = element.get("ContentType", "")
    return types


def _check_shared_strings(
    archive: zipfile.ZipFile,
    part: zipfile.ZipInfo,
    limits: CallListLimits,
    refuse: Callable[[str], UnsupportedCallListError],
) -> None:
    strings = 0
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            # Counted as bytes, not parsed: a tag cut by a chunk's end is missed, which
            # does not matter for a limit in the millions.
            strings += len(_SHARED_STRING.findall(chunk))
            if strings > limits.xlsx_shared_strings:
                raise refuse(
                    f"the workbook has more than {count(limits.xlsx_shared_strings)} "
                    "distinct texts (shared strings)"
                )
