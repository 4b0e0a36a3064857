"""Importing a call list into a study: what :func:`~cati.sample.read_call_list` yields, saved.

One call of :func:`import_call_list` is one user action, but not one transaction: a call list
may hold a million rows, so contacts are saved a batch at a time (one transaction per batch
of ``batch_size`` rows). A crash or a cancel in the middle leaves whole batches and an
``import_batch`` row whose summary says ``"complete": false``; running the same file again
adds only what is missing, because the numbers already saved are known to the study and
their rows are rejected as ``already_in_study``.

Before reading, the study's numbers and the do-not-call list are loaded into sets of
integers (about 60 bytes a number), so checking a row costs no query. New contacts are put
into the study's segments as they are saved (:func:`cati.segments.load_matcher`); the
types of the file's extra columns (date, number, text) are counted and stored with the
batch, which is where segment rules learn the fields they may use.

Every row not imported goes to the rejects file (``NAME.rejects.csv`` next to the input
unless given), with its row number and reason; the file is only written when there are
rejects.
"""

from __future__ import annotations

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
from cati.sample.errors import CallListError
from cati.sample.hashing import file_sha256
from cati.sample.progress import TerminalProgress
from cati.sample.reader import (
    MappingArgument,
    ParsedContact,
    ProgressCallback,
    read_call_list,
)
from cati.sample.rejects import RejectsWriter
from cati.segments import SegmentMatcher, load_matcher
from cati.segments.rules import count_kinds
from cati.studies import StudyRef, default_time_zone, find_study, study_id

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.studies import Session

__all__ = ["ImportResult", "default_rejects_path", "import_call_list"]


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


def default_rejects_path(path: str | Path) -> Path:
    """``clients.csv`` -> ``clients.rejects.csv`` in the same folder."""
    source = Path(path)
    return source.with_name(f"{source.stem}.rejects.csv")


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
) -> ImportResult:
    """Import the call list at ``path`` into ``study``; see the module docstring.

    Whole-file problems raise :class:`~cati.sample.errors.CallListError` before anything is
    saved. ``progress(done, total)`` is the reader's callback (bytes for CSV, rows for XLSX;
    a :class:`~cati.sample.progress.TerminalProgress` is told which).
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
    rejects_path = Path(rejects) if rejects is not None else default_rejects_path(source)
    if rejects_path.resolve() == source.resolve():
        raise CallListError(
            source, "the rejects file would overwrite the call list; choose another"
        )

    calls = read_call_list(
        source,
        default_region=region,
        default_time_zone=default_time_zone(region),
        mapping=mapping,
        is_known_number=lambda e164: _number_key(e164) in known,
        is_do_not_call=lambda e164: _number_key(e164) in blocked,
        progress=progress,
        batch_size=batch_size,
    )
    if isinstance(progress, TerminalProgress):
        progress.unit = calls.progress_unit
    with calls:
        digest = file_sha256(source)
        with session_scope(engine) as session:
            batch_id = contact_queries.start_import_batch(
                session, study_id=sid, file_name=source.name, sha256=digest, now=clock.now()
            )
        kinds: dict[str, Counter[str]] = {}
        per_segment: Counter[int | None] = Counter()
        writer: RejectsWriter | None = None
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
                if batch.rejects:
                    if writer is None:
                        writer = RejectsWriter(rejects_path, calls.header)
                    writer.write_all(batch.rejects)
        finally:
            if writer is not None:
                writer.close()
            summary = calls.summary.to_dict()
            summary.update(
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


def _segment_names(session: Session, sid: int) -> dict[int, str]:
    return {s.id: s.name for s in segment_queries.study_segments(session, sid) if s.id is not None}
