"""Importing a call list into a study: what :func:`~cati.sample.read_call_list` yields, saved.

The whole file or nothing
    The file is first read once from start to end (:meth:`CallList.check`): everything that
    could stop the import in the middle (a damaged encoding, a quote never closed, a limit of
    :mod:`cati.sample.limits`, a damaged workbook) is found then, with its row, before
    anything is saved. A file with such a problem stores nothing, and the message says so
    and which row to fix. Single rows that cannot become contacts (no valid phone, a
    duplicate, a do-not-call number) are not such problems: they go to the rejects file, and
    the rest is imported. What a research lead wants is a study holding exactly the file
    they checked, or the file as it was with a list of the rows left out and why - never
    "2,000 of the rows, the import failed".

Then the contacts are saved a batch at a time (one transaction per batch of ``batch_size``
rows), so a million-row import never holds the database's write lock for minutes while
interviewers are calling. A crash or a cancel in that second pass leaves whole batches and an
``import_batch`` row whose summary says ``"complete": false`` and how many contacts it
saved; running the same file again adds only what is missing, because the numbers already
saved are known to the study and their rows are rejected as ``already_in_study``.

In a big file (from the 20,000th row) the rows are prepared - phones parsed, the time zone
and the typed attributes found - by worker processes, one per core
(:mod:`cati.sample.row_pool`), while this process decides duplicates and saves; the
contacts, the rejects and the summary are the same as with one process. A cancel or an error
stops the workers with the import.

Before reading, the study's numbers and the do-not-call list are loaded into sets of
integers (about 60 bytes a number), so checking a row costs no query. New contacts are put
into the study's segments as they are saved (:func:`cati.segments.load_matcher`); the
types of the file's extra columns (date, number, text) are counted and stored with the
batch, which is where segment rules learn the fields they may use.

Every row not imported goes to the rejects file, with its row number and reason; the file
is only written when there are rejects. Unless the caller names one, it is kept with the
database it describes, never beside the input (which may be a read-only share or the
installed package): ``imports/study-<id>/<name>-import-<batch>.rejects.csv`` in the
database's data folder (:func:`cati.db.files.database_data_folder`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cati.clock import Clock, SystemClock
from cati.db import contacts as contact_queries
from cati.db import do_not_call as dnc_queries
from cati.db import segments as segment_queries
from cati.db import session_scope
from cati.db.contacts import NewContact, NewPhone
from cati.db.files import database_data_folder
from cati.sample.errors import CallListError
from cati.sample.hashing import file_sha256
from cati.sample.limits import DEFAULT_LIMITS, CallListLimits
from cati.sample.progress import TerminalProgress
from cati.sample.reader import (
    MappingArgument,
    ParsedContact,
    ProgressCallback,
    read_call_list,
)
from cati.sample.rejects import RejectsWriter
from cati.sample.row_pool import PARALLEL_FROM
from cati.segments import SegmentMatcher, load_matcher
from cati.segments.rules import count_kinds
from cati.studies import StudyRef, default_time_zone, find_study, study_id

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.studies import Session

__all__ = ["ImportResult", "default_rejects_path", "import_call_list", "study_imports_folder"]


@dataclass(frozen=True)
class ImportResult:
    """What an import did; ``summary`` is also stored with the import batch."""

    study: str
    batch_id: int
    summary: dict[str, Any]
    rejects_path: Path | None
    segments: dict[str, int] = field(default_factory=dict)  # new contacts per segment

    @property
    def read(self) -> int:
        return int(self.summary["read"])

    @property
    def imported(self) -> int:
        return int(self.summary["imported"])

    @property
    def rejected(self) -> int:
        return int(self.summary["rejected"])

    @property
    def rejected_by_reason(self) -> dict[str, int]:
        return dict(self.summary["rejected_by_reason"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "batch_id": self.batch_id,
            **{k: v for k, v in self.summary.items() if k not in ("attribute_kinds",)},
            "rejects_file": str(self.rejects_path) if self.rejects_path else None,
            "segments": dict(self.segments),
        }


def study_imports_folder(engine: Engine, study_id: int) -> Path:
    """Where the files of a study's imports are kept (rejects, the mapping used): the
    ``imports/study-<id>`` folder of the database's data folder (not created here)."""
    return database_data_folder(engine) / "imports" / f"study-{study_id}"


def default_rejects_path(engine: Engine, study_id: int, source: str | Path, batch_id: int) -> Path:
    """``clients.csv``, import 7 -> ``clients-import-7.rejects.csv`` in the study's imports
    folder (:func:`study_imports_folder`): one file per import, never overwritten by the next.
    """
    return (
        study_imports_folder(engine, study_id)
        / f"{Path(source).stem}-import-{batch_id}.rejects.csv"
    )


def _number_key(e164: str) -> int:
    return int(e164[1:])


def _text(value: str) -> str:
    # PostgreSQL text cannot hold NUL; a stray one in a cell is noise, not data.
    return value.replace("\x00", "") if "\x00" in value else value


def _json(attributes: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: _text(value) if isinstance(value, str) else value for key, value in attributes.items()
    }


def _new_contact(parsed: ParsedContact, matcher: SegmentMatcher | None) -> NewContact:
    segment_id = None
    if matcher is not None:
        fields: dict[str, object] = dict(parsed.attributes)
        fields.update(
            company=parsed.company,
            name=parsed.name,
            position=parsed.position,
            region=parsed.region,
            email=parsed.email,
        )
        segment_id = matcher.segment_for(fields)
    return NewContact(
        source_row=parsed.row,
        company=_text(parsed.company),
        name=_text(parsed.name),
        position=_text(parsed.position),
        email=_text(parsed.email),
        region=_text(parsed.region),
        timezone=parsed.timezone,
        timezone_source=str(parsed.timezone_source.value),
        attributes=_json(parsed.attributes_json()),
        phones=[NewPhone(p.e164, p.extension, _text(p.raw)) for p in parsed.phones],
        segment_id=segment_id,
    )


def import_call_list(
    engine: Engine,
    study: StudyRef,
    path: str | Path,
    *,
    mapping: MappingArgument = None,
    rejects: str | Path | None = None,
    progress: ProgressCallback | None = None,
    clock: Clock | None = None,
    batch_size: int = 1000,
    limits: CallListLimits = DEFAULT_LIMITS,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> ImportResult:
    """Import the call list at ``path`` into ``study``; see the module docstring.

    Whole-file problems raise :class:`~cati.sample.errors.CallListError` before anything is
    saved; its message ends with "nothing was imported". ``progress(done, total)`` is the
    reader's callback (bytes for CSV, rows for XLSX; a
    :class:`~cati.sample.progress.TerminalProgress` is told which), called while the file is
    checked and again while it is imported. ``workers`` and ``parallel_from``: how many
    processes prepare the rows of a big file, and from which row on
    (:mod:`cati.sample.row_pool`; the defaults suit the machine).
    """
    clock = clock or SystemClock()
    source = Path(path)
    with session_scope(engine) as session:
        found = find_study(session, study)
        sid = study_id(found)
        known = {_number_key(e164) for e164 in contact_queries.study_phone_numbers(session, sid)}
        blocked = {_number_key(e164) for e164 in dnc_queries.all_numbers(session)}
        matcher = load_matcher(session, sid, clock.now().date())
        segment_names = _segment_names(session, sid)
    region = found.default_region
    if rejects is not None:
        _check_rejects_path(Path(rejects), source)

    try:
        calls = read_call_list(
            source,
            default_region=region,
            default_time_zone=default_time_zone(region),
            mapping=mapping,
            is_known_number=lambda e164: _number_key(e164) in known,
            is_do_not_call=lambda e164: _number_key(e164) in blocked,
            progress=progress,
            batch_size=batch_size,
            limits=limits,
            workers=workers,
            parallel_from=parallel_from,
        )
    except CallListError as error:
        raise _nothing_imported(error) from None
    if isinstance(progress, TerminalProgress):
        progress.unit = calls.progress_unit
    with calls:
        try:
            calls.check(progress)
            digest = file_sha256(source)
        except CallListError as error:
            raise _nothing_imported(error) from None
        with session_scope(engine) as session:
            batch_id = contact_queries.start_import_batch(
                session, study_id=sid, file_name=source.name, sha256=digest, now=clock.now()
            )
        rejects_path = (
            Path(rejects)
            if rejects is not None
            else default_rejects_path(engine, sid, source, batch_id)
        )
        kinds: dict[str, Counter[str]] = {}
        per_segment: Counter[int | None] = Counter()
        writer: RejectsWriter | None = None
        saved = 0  # contacts committed; fewer than parsed when the import stops mid-way
        try:
            for batch in calls.batches():
                new = [_new_contact(parsed, matcher) for parsed in batch.contacts]
                for parsed, contact in zip(batch.contacts, new, strict=True):
                    count_kinds(kinds, parsed.attributes)
                    per_segment[contact.segment_id] += 1
                if new:
                    with session_scope(engine) as session:
                        contact_queries.insert_contacts(
                            session,
                            study_id=sid,
                            import_batch_id=batch_id,
                            contacts=new,
                            now=clock.now(),
                        )
                    saved += len(new)
                if batch.rejects:
                    if writer is None:
                        writer = _rejects_writer(rejects_path, calls.header)
                    writer.write_all(batch.rejects)
        except CallListError as error:
            # Only a file changed or damaged after it was checked gets here.
            raise error.with_detail(
                f"{error.detail}; {saved} contacts of the rows before it were "
                f"saved (import {batch_id}, marked incomplete): fix the file and import it "
                "again to add the rest"
            ) from None
        finally:
            if writer is not None:
                writer.close()
            summary = calls.summary.to_dict()
            summary.update(
                imported=saved,
                sha256=digest,
                attribute_labels=calls.attribute_labels,
                attribute_kinds={key: dict(counts) for key, counts in kinds.items()},
                rejects_file=str(rejects_path) if writer is not None else None,
                segments={
                    segment_names[s_id]: n for s_id, n in per_segment.items() if s_id is not None
                },
            )
            with session_scope(engine) as session:
                contact_queries.finish_import_batch(session, batch_id, summary)
    return ImportResult(
        study=found.name,
        batch_id=batch_id,
        summary=summary,
        rejects_path=rejects_path if writer is not None else None,
        segments=dict(summary["segments"]),
    )


def _check_rejects_path(rejects: Path, source: Path) -> None:
    """Refuse a rejects file that could not be written before anything is saved."""
    try:
        same = rejects.resolve() == source.resolve()
    except OSError:  # a loop of symbolic links
        same = False
    if same:
        raise CallListError(
            source, "the rejects file would overwrite the call list; choose another"
        )
    folder = rejects.parent
    exists_as_other = rejects.exists() and not rejects.is_file()  # a folder, a pipe, a device
    if exists_as_other or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise CallListError(
            rejects,
            "the rejects file cannot be written there (not a regular file, or a folder that "
            "does not exist or is read-only); choose another place; nothing was imported",
        )


def _nothing_imported(error: CallListError) -> CallListError:
    return error.with_detail(f"{error.detail}; nothing was imported")


def _rejects_writer(path: Path, header: tuple[str, ...]) -> RejectsWriter:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CallListError(
            path,
            f"cannot create the folder of the rejects file ({error.strerror or error}); "
            "name another with --rejects",
        ) from None
    return RejectsWriter(path, header)


def _segment_names(session: Session, sid: int) -> dict[int, str]:
    return {s.id: s.name for s in segment_queries.study_segments(session, sid) if s.id is not None}
