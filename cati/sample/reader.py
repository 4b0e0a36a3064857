"""Reading a call list: rows in, parsed contacts and rejected rows out, streamed.

The database service persists what this yields; nothing here touches the database, so the
same reader serves the CLI, the import dialog and the tests::

    with read_call_list(path, is_known_number=known.__contains__) as calls:
        for batch in calls.batches():
            save(batch.contacts)            # one transaction per batch
            rejects.write_all(batch.rejects)
    print(calls.summary.to_dict())

Every data row (below the header) ends in exactly one of three places: a
:class:`ParsedContact`, a :class:`RejectedRow` with a reason, or the ``empty`` count of the
summary (a row whose cells are all blank). Rows above the header (a report title, blank lines)
are counted as ``preamble_rows``. So ``rows_read == imported + rejected + empty`` always.

Duplicates
    A number is the same number when its E.164 form is (extensions aside: the database keeps
    one row per number and study). A row whose numbers were all seen earlier in the file is
    rejected as ``duplicate_in_file`` (naming the first row); all already in the study
    (``is_known_number``), as ``already_in_study``, so importing the same file twice adds
    nothing. A contact keeping at least one new number is imported with its new numbers; the
    others are listed in ``skipped_phones``. Memory: one dict entry per distinct number (about
    110 bytes), the rows themselves stream.
Do-not-call
    If any number of a row is on the do-not-call list (``is_do_not_call``) the whole row is
    rejected: the list records people who asked not to be called, not just lines.
"""

from __future__ import annotations

import contextlib
import inspect
import zoneinfo
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

import phonenumbers

from cati.errors import ConfigurationError
from cati.sample.columns import (
    ColumnPlan,
    MappingSpec,
    has_phone_column,
    load_mapping_file,
    plan_columns,
)
from cati.sample.encodings import RowNote
from cati.sample.errors import NoPhoneColumnError
from cati.sample.limits import DEFAULT_LIMITS, CallListLimits
from cati.sample.phones import ContactPhone, PhoneProblem
from cati.sample.row_pool import PARALLEL_FROM, default_workers, prepared_rows
from cati.sample.rows import PreparedRow, RowContext
from cati.sample.tables import RawTable, TableInfo, open_table
from cati.sample.timezones import TimezoneSource, contact_time_zone
from cati.sample.values import AttributeValue, JSONScalar, cell_text, to_json

__all__ = [
    "HEADER_SEARCH_ROWS",
    "CallList",
    "ImportBatch",
    "ImportSummary",
    "ParsedContact",
    "ProgressCallback",
    "RejectReason",
    "RejectedRow",
    "SkippedPhone",
    "read_call_list",
]

#: How many rows from the top are searched for the header (titles may precede it).
HEADER_SEARCH_ROWS = 20
#: How many rows a warning names before it says "and N more".
NAMED_ROWS = 10

_ROW_NOTES = {
    RowNote.READ_AS_CP1251: "read as cp1251 (Windows Cyrillic), unlike the rest of the file",
    RowNote.READ_AS_UTF8: "read as UTF-8, unlike the rest of the file",
    RowNote.BYTES_REPLACED: "bytes that are not valid {encoding} were replaced by \ufffd",
}

ProgressCallback = Callable[[int, int | None], None]
NumberCheck = Callable[[str], bool]
MappingArgument = MappingSpec | Mapping[str, str] | str | Path | None


class RejectReason(StrEnum):
    """Why a row was not imported; the values are stable codes for files and ``--json``."""

    NO_PHONE = "no_phone"
    INVALID_PHONE = "invalid_phone"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    ALREADY_IN_STUDY = "already_in_study"
    DO_NOT_CALL = "do_not_call"


@dataclass(frozen=True, slots=True)
class SkippedPhone:
    """A number written on an imported contact's row that was not kept, and why."""

    raw: str
    reason: RejectReason
    message: str


@dataclass(frozen=True, slots=True)
class ParsedContact:
    """A row that becomes a contact. Field names follow the database's ``ContactBase``."""

    row: int  # as Excel shows it (see cati.sample.tables)
    phones: tuple[ContactPhone, ...]  # at least one, in the order written
    timezone: str
    timezone_source: TimezoneSource
    company: str = ""
    name: str = ""
    position: str = ""
    email: str = ""
    region: str = ""
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)
    skipped_phones: tuple[SkippedPhone, ...] = ()

    def attributes_json(self) -> dict[str, JSONScalar]:
        """The attributes as JSON scalars (dates as ISO text), for a JSON column."""
        return {key: to_json(value) for key, value in self.attributes.items()}


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that is not imported, with its original cells for the rejects file."""

    row: int
    reason: RejectReason
    message: str
    cells: tuple[str, ...]


@dataclass
class ImportBatch:
    """Up to ``batch_size`` consecutive results: what one database transaction saves."""

    contacts: list[ParsedContact] = field(default_factory=list)
    rejects: list[RejectedRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.contacts) + len(self.rejects)


@dataclass
class ImportSummary:
    """What happened to the rows of one file; complete once the reader is exhausted."""

    file: str
    info: TableInfo
    header_row: int
    preamble_rows: int = 0
    rows_read: int = 0
    imported: int = 0
    empty: int = 0
    rejected: Counter[RejectReason] = field(default_factory=Counter)
    phones_imported: int = 0
    phones_skipped: int = 0
    rows_with_extra_cells: int = 0
    warnings: list[str] = field(default_factory=list)
    row_notes: dict[RowNote, list[int]] = field(default_factory=dict)  # the first rows
    row_note_counts: Counter[RowNote] = field(default_factory=Counter)
    complete: bool = False

    def note_row(self, row: int, note: RowNote) -> None:
        """Remember a row decoded unlike the rest of the file (the first few are named)."""
        self.row_note_counts[note] += 1
        rows = self.row_notes.setdefault(note, [])
        if len(rows) < NAMED_ROWS:
            rows.append(row)

    def all_warnings(self) -> list[str]:
        """The warnings, with one line for each kind of row decoded differently."""
        lines = list(self.warnings)
        for note, rows in self.row_notes.items():
            total = self.row_note_counts[note]
            named = ", ".join(str(row) for row in rows)
            more = f" and {total - len(rows)} more" if total > len(rows) else ""
            lines.append(
                f"{_ROW_NOTES[note].format(encoding=self.info.encoding)}: "
                f"row{'s' if total > 1 else ''} {named}{more}; check these contacts"
            )
        return lines

    @property
    def duplicates(self) -> int:
        return (
            self.rejected[RejectReason.DUPLICATE_IN_FILE]
            + self.rejected[RejectReason.ALREADY_IN_STUDY]
        )

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` and the import batch's stored summary."""
        return {
            "file": self.file,
            "format": self.info.format,
            "encoding": self.info.encoding,
            "delimiter": self.info.delimiter,
            "sheet": self.info.sheet,
            "header_row": self.header_row,
            "preamble_rows": self.preamble_rows,
            "read": self.rows_read,
            "imported": self.imported,
            "empty": self.empty,
            "duplicates": self.duplicates,
            "rejected": self.rejected_total,
            "rejected_by_reason": {reason.value: self.rejected[reason] for reason in RejectReason},
            "phones_imported": self.phones_imported,
            "phones_skipped": self.phones_skipped,
            "rows_with_extra_cells": self.rows_with_extra_cells,
            "warnings": self.all_warnings(),
            "rows_decoded_differently": {
                note.value: self.row_note_counts[note] for note in self.row_note_counts
            },
            "complete": self.complete,
        }


def _mapping_spec(mapping: MappingArgument, limits: CallListLimits) -> MappingSpec | None:
    if mapping is None or isinstance(mapping, MappingSpec):
        return mapping
    if isinstance(mapping, str | Path):
        return load_mapping_file(mapping, limits)
    return MappingSpec.from_dict({"columns": dict(mapping)})


def read_call_list(
    path: str | Path,
    *,
    default_region: str = "RU",
    default_time_zone: str = "Europe/Moscow",
    mapping: MappingArgument = None,
    is_known_number: NumberCheck | None = None,
    is_do_not_call: NumberCheck | None = None,
    progress: ProgressCallback | None = None,
    batch_size: int = 1000,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: CallListLimits = DEFAULT_LIMITS,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> CallList:
    """Open a call list and find its header; iterate the result for contacts and rejects.

    Whole-file problems (missing, not CSV/XLSX, no phone column, a bad mapping) raise a
    :class:`~cati.sample.errors.CallListError` here, before any row is read.

    ``mapping`` is a mapping file path, a read :class:`MappingSpec`, or a ``{header: role}``
    dict. ``is_known_number(e164)`` and ``is_do_not_call(e164)`` answer for one E.164 number
    (pass ``some_set.__contains__`` to check against numbers loaded up front).
    ``progress(done, total)`` is called every ``batch_size`` rows and at the end; ``done`` and
    ``total`` are bytes for CSV and rows for XLSX, and ``total`` may be ``None`` when unknown.
    ``encoding``, ``delimiter`` and ``sheet`` override detection (as the mapping file can).
    ``limits`` bound what is read (:mod:`cati.sample.limits`); going over one is a located
    :class:`~cati.sample.errors.CallListError`, also in the middle of the rows.
    From the ``parallel_from``-th row on, rows are prepared by ``workers`` processes
    (default: one per core, none on a one-core machine; see :mod:`cati.sample.row_pool`);
    the results are the same, in the same order.
    """
    region = default_region.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigurationError(
            f"{default_region!r} is not a phone region; use a two-letter "
            "country code such as RU, KZ or BY"
        )
    try:
        zoneinfo.ZoneInfo(default_time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"{default_time_zone!r} is not a time zone; use an IANA name such as Europe/Moscow"
        ) from None
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    spec = _mapping_spec(mapping, limits)
    table = open_table(
        path,
        encoding=encoding or (spec.encoding if spec else None),
        delimiter=delimiter or (spec.delimiter if spec else None),
        sheet=sheet or (spec.sheet if spec else None),
        limits=limits,
    )
    try:
        return CallList(
            Path(path),
            table,
            spec,
            default_region=region,
            default_time_zone=default_time_zone,
            is_known_number=is_known_number,
            is_do_not_call=is_do_not_call,
            progress=progress,
            batch_size=batch_size,
            limits=limits,
            workers=default_workers() if workers is None else workers,
            parallel_from=parallel_from,
        )
    except BaseException:
        table.close()
        raise


class CallList:
    """An open call list: its header, column plan and summary, and its rows (once)."""

    def __init__(
        self,
        path: Path,
        table: RawTable,
        spec: MappingSpec | None,
        *,
        default_region: str,
        default_time_zone: str,
        is_known_number: NumberCheck | None,
        is_do_not_call: NumberCheck | None,
        progress: ProgressCallback | None,
        batch_size: int,
        limits: CallListLimits = DEFAULT_LIMITS,
        workers: int = 0,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.path = path
        self.limits = limits
        self.workers = workers
        self.parallel_from = parallel_from
        self._table = table
        self._region = default_region
        self._default_zone = default_time_zone
        self._is_known = is_known_number
        self._is_dnc = is_do_not_call
        self._progress = progress
        self.batch_size = batch_size
        self.summary = ImportSummary(file=str(path), info=table.info, header_row=0)
        table.on_row_note = self.summary.note_row
        self._records = table.records()
        header_row, header, plan, preamble = self._find_header(spec)
        self.header: tuple[str, ...] = header
        self.plan: ColumnPlan = plan
        self.summary.header_row, self.summary.preamble_rows = header_row, preamble
        if plan.unmatched:
            self.summary.warnings.append(
                "mapping names columns not in the file: " + ", ".join(plan.unmatched)
            )
        self._context = RowContext(default_region, default_time_zone, plan)
        self._extra_labels: dict[str, str] = {}
        self._seen: dict[int, int] = {}  # E.164 digits as an int -> first row with it
        self._results: Generator[ParsedContact | RejectedRow, None, None] | None = None

    # --- the header ---------------------------------------------------------------------------

    def _find_header(
        self, spec: MappingSpec | None
    ) -> tuple[int, tuple[str, ...], ColumnPlan, int]:
        first_seen: tuple[str, ...] | None = None
        searched = 0
        for row, cells in self._records:
            texts = tuple(cell_text(cell).strip() for cell in cells)
            wanted = spec.header_row if spec is not None else None
            if wanted is not None and row < wanted:
                continue
            if any(texts):
                searched += 1
                first_seen = first_seen or texts
                if has_phone_column(texts, spec):
                    return row, texts, plan_columns(texts, spec), row - 1
                if wanted is not None:
                    break
            if searched >= HEADER_SEARCH_ROWS:
                break
        named = [text for text in first_seen or () if text]
        found = ", ".join(repr(text[:60]) for text in named[:20]) or "none"
        if len(named) > 20:
            found += f" and {len(named) - 20} more"
        raise NoPhoneColumnError(
            self.path,
            f"no column looks like a phone column (headers found: {found}). Name the "
            "column 'Телефон' or 'Phone', or give a mapping file with --map that says which "
            'column is the phone, e.g.  columns: {"Тел. моб.": phone}',
        )

    @property
    def progress_unit(self) -> str:
        """The unit of ``progress(done, total)``: ``"bytes"`` (CSV) or ``"rows"`` (XLSX)."""
        return "bytes" if self._table.info.format == "csv" else "rows"

    @property
    def attribute_labels(self) -> dict[str, str]:
        """Attribute key -> header as written, for every attribute the contacts may carry."""
        return {**self.plan.attribute_labels, **self._extra_labels}

    # --- rows -----------------------------------------------------------------------------------

    def check(self, progress: ProgressCallback | None = None) -> int:
        """Read the whole file once, as it is read for importing, and return its row count.

        Everything that would stop the import in the middle (a damaged encoding, a quote
        never closed, a limit, a damaged workbook) raises its located
        :class:`~cati.sample.errors.CallListError` here, before anything is saved, so an
        import stores the whole file or nothing. Only the raw rows are read (no phone
        parsing), on a second handle: the rows of this call list are not consumed.
        """
        info = self._table.info
        table = open_table(
            self.path,
            encoding=info.encoding,
            delimiter=info.delimiter,
            sheet=info.sheet,
            limits=self.limits,
        )
        rows = 0
        try:
            for rows, _cells in table.records():
                if progress is not None and rows % self.batch_size == 0:
                    progress(table.position(), table.total)
            if progress is not None:
                progress(table.position(), table.total)
        finally:
            table.close()
        return rows

    def __iter__(self) -> Iterator[ParsedContact | RejectedRow]:
        if self._results is None:
            self._results = self._generate()
        return self._results

    def batches(self) -> Iterator[ImportBatch]:
        """The results grouped in batches of up to ``batch_size`` rows, in file order."""
        batch = ImportBatch()
        for result in self:
            if isinstance(result, ParsedContact):
                batch.contacts.append(result)
            else:
                batch.rejects.append(result)
            if len(batch) >= self.batch_size:
                yield batch
                batch = ImportBatch()
        if len(batch):
            yield batch

    def _report_progress(self) -> None:
        if self._progress is not None:
            self._progress(self._table.position(), self._table.total)

    def _generate(self) -> Generator[ParsedContact | RejectedRow, None, None]:
        summary = self.summary
        self._report_progress()
        rows = prepared_rows(
            self._records,
            self._context,
            path=self.path,
            workers=self.workers,
            parallel_from=self.parallel_from,
        )
        try:
            with contextlib.closing(rows):  # stops the workers at once on a cancel or error
                for prepared in rows:
                    summary.rows_read += 1
                    result = self._decide(prepared)
                    if result is not None:
                        yield result
                    if summary.rows_read % self.batch_size == 0:
                        self._report_progress()
            summary.complete = True
            self._report_progress()
        finally:
            self.close()

    def _decide(self, prepared: PreparedRow) -> ParsedContact | RejectedRow | None:
        """What a prepared row becomes, given the rows before it (duplicates, counts)."""
        summary = self.summary
        row, texts = prepared.row, prepared.texts
        if prepared.empty:
            summary.empty += 1
            return None
        if not prepared.phones:
            return self._reject(row, texts, *_no_phone(prepared.problems))
        kept, skipped, refusal = self._sort_numbers(row, prepared.phones)
        if refusal is not None:
            return self._reject(row, texts, *refusal)
        skipped.extend(
            SkippedPhone(p.raw, RejectReason.INVALID_PHONE, p.message) for p in prepared.problems
        )
        for phone in kept:
            self._seen[int(phone.e164[1:])] = row
        zone = contact_time_zone(
            kept[0], prepared.region, prepared.city, self._default_zone, self._region
        )
        summary.imported += 1
        summary.phones_imported += len(kept)
        summary.phones_skipped += len(skipped)
        attributes = prepared.attributes or {}
        if prepared.extra_labels:
            summary.rows_with_extra_cells += 1
            for key, label in prepared.extra_labels:
                self._extra_labels.setdefault(key, label)
        return ParsedContact(
            row=row,
            phones=tuple(kept),
            timezone=zone.name,
            timezone_source=zone.source,
            company=prepared.company,
            name=prepared.name,
            position=prepared.position,
            email=prepared.email,
            region=prepared.region,
            attributes=attributes,
            skipped_phones=tuple(skipped),
        )

    def _sort_numbers(
        self, row: int, phones: tuple[ContactPhone, ...]
    ) -> tuple[list[ContactPhone], list[SkippedPhone], tuple[RejectReason, str] | None]:
        """Split a row's numbers into new ones and skipped ones, or refuse the whole row."""
        if self._is_dnc is not None:
            for phone in phones:
                if self._is_dnc(phone.e164):
                    return (
                        [],
                        [],
                        (RejectReason.DO_NOT_CALL, f"{phone.e164} is on the do-not-call list"),
                    )
        kept: list[ContactPhone] = []
        skipped: list[SkippedPhone] = []
        in_row: set[str] = set()
        for phone in phones:
            if phone.e164 in in_row:
                skipped.append(
                    SkippedPhone(
                        phone.raw,
                        RejectReason.DUPLICATE_IN_FILE,
                        f"{phone.e164} is written twice in this row",
                    )
                )
                continue
            in_row.add(phone.e164)
            first_row = self._seen.get(int(phone.e164[1:]))
            if first_row is not None:
                skipped.append(
                    SkippedPhone(
                        phone.raw,
                        RejectReason.DUPLICATE_IN_FILE,
                        f"{phone.e164} is already in row {first_row}",
                    )
                )
            elif self._is_known is not None and self._is_known(phone.e164):
                skipped.append(
                    SkippedPhone(
                        phone.raw,
                        RejectReason.ALREADY_IN_STUDY,
                        f"{phone.e164} is already in the study",
                    )
                )
            else:
                kept.append(phone)
        if kept:
            return kept, skipped, None
        known = [s for s in skipped if s.reason is RejectReason.ALREADY_IN_STUDY]
        first = known[0] if known else skipped[0]
        return [], [], (first.reason, first.message)

    def _reject(
        self, row: int, texts: tuple[str, ...], reason: RejectReason, message: str
    ) -> RejectedRow:
        self.summary.rejected[reason] += 1
        return RejectedRow(row=row, reason=reason, message=message, cells=texts)

    # --- resources --------------------------------------------------------------------------

    def close(self) -> None:
        """Release the file and stop the worker processes, if any (also done when the rows
        are exhausted)."""
        results = self._results
        if results is not None and inspect.getgeneratorstate(results) == inspect.GEN_SUSPENDED:
            results.close()  # runs its cleanup: the workers exit
        self._table.close()

    def __enter__(self) -> CallList:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _no_phone(problems: tuple[PhoneProblem, ...]) -> tuple[RejectReason, str]:
    with_digits = [p for p in problems if p.has_digits]
    if not with_digits:
        return RejectReason.NO_PHONE, "no phone number in the row"
    shown = "; ".join(f"{p.raw!r}: {p.message}" for p in with_digits[:3])
    return RejectReason.INVALID_PHONE, f"no valid phone number ({shown})"
