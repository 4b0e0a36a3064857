"""Services behind the study setup screen: studies, call lists, segments, fieldwork settings.

Every function checks that the signed-in person may set up studies (the research lead) and
then calls the same services as the command line, so the screen and ``cati`` behave the same:

* a study is created from a script file with :func:`cati.studies.create_study`;
* a call list is previewed with the reader's own header detection and automatic column
  mapping (:func:`preview_call_list`), the person's choices become the mapping YAML the
  importer accepts (:func:`mapping_yaml`, kept with the database's files as
  ``imports/study-<id>/NAME.mapping.yaml``, never beside the call list, which may be on a
  read-only share), and the import's rejects are read back from its rejects file with row
  numbers and reasons (:func:`import_with_mapping`);
* segment rules are checked with the segment service's checker (:func:`check_rule`, pure, fast
  enough to run as the person types) and counted against the study's contacts without saving
  (:func:`count_segments`);
* fieldwork settings are validated by :class:`~cati.scheduler.settings.FieldworkSettings`.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine, StudyStatus, session_scope
from cati.db import supervision as queries
from cati.db.alerts import update_study_settings
from cati.sample import ColumnRole, MappingSpec, read_call_list
from cati.sample.columns import column_letter, parse_mapping_yaml
from cati.sample.importing import default_rejects_path, import_call_list, study_imports_folder
from cati.sample.rejects import REJECTS_COLUMNS
from cati.sample.tables import open_table
from cati.sample.values import cell_text
from cati.scheduler.settings import (
    SETTINGS_SECTION,
    FieldworkSettings,
    fieldwork_settings,
)
from cati.segments import (
    OTHER,
    ContactFieldTypes,
    SegmentMatcher,
    SegmentRow,
    SegmentsDefined,
    compile_rule,
    contact_field_types,
    define_segments,
    segment_report,
)
from cati.studies import (
    StudyOverview,
    create_study,
    default_time_zone,
    get_study,
    list_studies,
    set_study_status,
)
from cati.studies import add_script_version as store_script_version
from cati.supervision.errors import OperationCancelled
from surveys.errors import ExpressionError

__all__ = [
    "CallListPreview",
    "ColumnChoice",
    "ImportReport",
    "RejectLine",
    "SegmentDraft",
    "change_status",
    "check_rule",
    "count_segments",
    "create_study_from_script",
    "field_types",
    "import_with_mapping",
    "load_fieldwork",
    "mapping_yaml",
    "preview_call_list",
    "save_fieldwork",
    "save_script_version",
    "save_segments",
    "segments_of",
    "studies",
    "study_script",
]

Progress = Callable[[int, int], None]
#: The roles a column can be given in the mapping (besides an attribute key).
ROLE_CHOICES: tuple[str, ...] = tuple(r.value for r in ColumnRole if r is not ColumnRole.ATTRIBUTE)


# ---- studies ------------------------------------------------------------------------------


def studies(engine: Engine, actor: Actor) -> list[StudyOverview]:
    require(actor, Permission.SET_UP_STUDIES)
    return list_studies(engine)


def create_study_from_script(
    engine: Engine,
    actor: Actor,
    name: str,
    script: Path,
    clock: Clock,
    *,
    client: str = "",
    region: str = "RU",
) -> int:
    """Create a study with the script file as version 1; returns the study's id."""
    require(actor, Permission.SET_UP_STUDIES)
    change = create_study(engine, name, script, region=region, clock=clock, client=client)
    return int(change.study.id or 0)


def study_script(engine: Engine, actor: Actor, study_id: int) -> tuple[int, str]:
    """The study's current script: (version, YAML text)."""
    require(actor, Permission.SET_UP_STUDIES)
    from cati.studies import script_versions

    versions = script_versions(engine, study_id)
    if not versions:
        return 0, ""
    latest = versions[-1] if versions[-1].version >= versions[0].version else versions[0]
    return latest.version, latest.text


def save_script_version(
    engine: Engine, actor: Actor, study_id: int, text: str, clock: Clock
) -> tuple[int, bool]:
    """Store the edited script as the next version; (version, whether it is new)."""
    require(actor, Permission.SET_UP_STUDIES)
    change = store_script_version(
        engine, study_id, text if "\n" in text else text + "\n", clock=clock
    )
    return change.version.version, change.created


# ---- call lists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnChoice:
    """One column of the call list: its header, sample values and what it is mapped to."""

    index: int
    header: str
    target: str  # a role (phone, company, ..., ignore) or an attribute key


@dataclass(frozen=True)
class CallListPreview:
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    columns: tuple[ColumnChoice, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number as Excel shows it, cells)


def preview_call_list(
    actor: Actor, path: Path, *, mapping: str | None = None, rows: int = 20
) -> CallListPreview:
    """The header, the automatic (or given) column mapping and the first ``rows`` rows."""
    require(actor, Permission.SET_UP_STUDIES)
    spec = _spec(mapping) if mapping else None
    with read_call_list(path, mapping=spec) as calls:
        header_row = calls.summary.header_row
        info = calls.summary.info
        columns = tuple(
            ColumnChoice(
                c.index,
                c.header or f"({column_letter(c.index)})",
                c.key if c.role in (ColumnRole.ATTRIBUTE,) else c.role.value,
            )
            for c in calls.plan.columns
        )
    table = open_table(path, encoding=info.encoding, delimiter=info.delimiter, sheet=info.sheet)
    sample: list[tuple[int, tuple[str, ...]]] = []
    try:
        for number, cells in table.records():
            if number <= header_row:
                continue
            texts = tuple(cell_text(cell).strip() for cell in cells)
            if not any(texts):
                continue
            sample.append((number, texts))
            if len(sample) >= rows:
                break
    finally:
        table.close()
    return CallListPreview(
        path=Path(path),
        format=info.format,
        encoding=info.encoding,
        delimiter=info.delimiter,
        header_row=header_row,
        columns=columns,
        rows=tuple(sample),
    )


def mapping_yaml(preview: CallListPreview, targets: Mapping[int, str]) -> str:
    """The mapping file for the person's choices (column index -> role or attribute key).

    Every column is named (``auto: false``), so the import does exactly what was shown.
    Raises :class:`~cati.sample.errors.ColumnMappingError` for a target that is neither a
    role nor an attribute key.
    """
    columns: dict[str, str] = {}
    for column in preview.columns:
        target = targets.get(column.index, column.target).strip()
        header = column.header
        columns[header] = target
    data: dict[str, Any] = {"columns": columns, "auto": False, "header_row": preview.header_row}
    if preview.format == "csv":
        data["encoding"] = preview.encoding
        data["delimiter"] = preview.delimiter
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _spec(text)  # refuse what the importer would refuse, with its message
    return text


def _spec(text: str) -> MappingSpec:
    data, places = parse_mapping_yaml(text, "<mapping>")
    return MappingSpec.from_dict(data, source="<mapping>", places=places)


@dataclass(frozen=True)
class RejectLine:
    row: int
    reason: str
    message: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ImportReport:
    read: int
    imported: int
    rejected: int
    rejected_by_reason: dict[str, int]
    segments: dict[str, int]
    rejects: tuple[RejectLine, ...]  # the first ones, for the screen
    rejects_path: Path | None
    mapping_path: Path
    complete: bool
    warnings: tuple[str, ...] = ()  # rows read in another encoding, mapping mismatches


def import_with_mapping(
    engine: Engine,
    actor: Actor,
    study_id: int,
    path: Path,
    mapping: str,
    clock: Clock,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    shown_rejects: int = 500,
) -> ImportReport:
    """Import the call list with the mapping YAML; the rejects come back with the result.

    Cancelling stops after the batch being saved (whole batches stay; importing the file
    again adds only the rest, see :mod:`cati.sample.importing`).
    """
    require(actor, Permission.SET_UP_STUDIES)
    source = Path(path)
    _spec(mapping)
    folder = study_imports_folder(engine, study_id)
    folder.mkdir(parents=True, exist_ok=True)
    mapping_path = folder / f"{source.stem}.mapping.yaml"
    mapping_path.write_text(mapping, encoding="utf-8")

    def step(done: int, total: int | None) -> None:
        if cancel is not None and cancel.is_set():
            raise OperationCancelled(
                "the import was cancelled; the rows saved so far stay, importing the same "
                "file again adds the rest"
            )
        if progress is not None:
            progress(done, total or 0)

    result = import_call_list(
        engine, study_id, source, mapping=mapping_path, progress=step, clock=clock
    )
    return ImportReport(
        read=result.read,
        imported=result.imported,
        rejected=result.rejected,
        rejected_by_reason={k: v for k, v in result.rejected_by_reason.items() if v},
        segments=dict(result.segments),
        rejects=tuple(read_rejects(result.rejects_path, shown_rejects))
        if result.rejects_path
        else (),
        rejects_path=result.rejects_path,
        mapping_path=mapping_path,
        complete=bool(result.summary.get("complete")),
        warnings=tuple(result.summary.get("warnings", ())),
    )


def read_rejects(path: Path | None, limit: int) -> list[RejectLine]:
    """The first ``limit`` rows of a rejects file (see :mod:`cati.sample.rejects`)."""
    if path is None or not Path(path).is_file():
        return []
    lines: list[RejectLine] = []
    with Path(path).open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream, delimiter=";")
        header = next(reader, [])
        width = len(header) - len(REJECTS_COLUMNS)
        for record in reader:
            if len(lines) >= limit:
                break
            cells = tuple(record[:width])
            row, reason, message = record[width : width + 3]
            lines.append(RejectLine(int(row), reason, message, cells))
    return lines


__all__ += ["ROLE_CHOICES", "default_rejects_path", "read_rejects"]


# ---- segments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentDraft:
    """A row of the segments table as typed (``rule`` empty for ``other``)."""

    name: str
    rule: str
    target: int
    population: int | None


def field_types(engine: Engine, actor: Actor, study_id: int) -> ContactFieldTypes:
    """The contact fields segment rules of the study may use (from its imports)."""
    require(actor, Permission.SET_UP_STUDIES)
    with session_scope(engine) as session:
        return contact_field_types(session, study_id)


def check_rule(rule: str, types: ContactFieldTypes, name: str = "") -> str | None:
    """The problem with a rule, or None: the checker :func:`define_segments` uses."""
    if name.strip() == OTHER:
        return None if not rule.strip() else "'other' takes the remaining contacts: no rule"
    try:
        compile_rule(rule, types)
    except ExpressionError as error:
        return error.message
    return None


def segments_of(engine: Engine, actor: Actor, study_id: int) -> list[SegmentRow]:
    require(actor, Permission.SET_UP_STUDIES)
    return segment_report(engine, study_id)


def count_segments(
    engine: Engine,
    actor: Actor,
    study_id: int,
    drafts: Sequence[SegmentDraft],
    types: ContactFieldTypes,
    today: date,
    cancel: threading.Event | None = None,
) -> dict[str, int]:
    """How many contacts each drafted segment would get (first matching rule wins; rules
    with problems match nobody), without saving anything."""
    require(actor, Permission.SET_UP_STUDIES)
    rules = []
    fallback: int | None = None
    for index, draft in enumerate(drafts):
        if draft.name.strip() == OTHER:
            fallback = index
            continue
        if check_rule(draft.rule, types) is None:
            rules.append((index, compile_rule(draft.rule, types)))
    matcher = SegmentMatcher(rules=tuple(rules), fallback=fallback, types=types, today=today)
    counts = [0] * len(drafts)
    loose = 0
    for page in queries.contact_field_pages(engine, study_id):
        if cancel is not None and cancel.is_set():
            raise OperationCancelled("counting was cancelled")
        for contact in page:
            fields: dict[str, object] = dict(contact.attributes)
            fields.update(
                company=contact.company,
                name=contact.name,
                position=contact.position,
                region=contact.region,
                email=contact.email,
            )
            found = matcher.segment_for(fields)
            if found is None:
                loose += 1
            else:
                counts[found] += 1
    result = {draft.name: counts[i] for i, draft in enumerate(drafts)}
    if loose and OTHER not in result:
        result[OTHER] = loose
    return result


def save_segments(
    engine: Engine, actor: Actor, study_id: int, drafts: Sequence[SegmentDraft], clock: Clock
) -> SegmentsDefined:
    """Replace the study's segments and re-assign its contacts (one unit of work)."""
    require(actor, Permission.SET_UP_STUDIES)
    items: list[dict[str, Any]] = []
    for draft in drafts:
        item: dict[str, Any] = {"name": draft.name.strip(), "target": int(draft.target)}
        if draft.name.strip() != OTHER:
            item["rule"] = draft.rule
        if draft.population is not None:
            item["population"] = int(draft.population)
        items.append(item)
    return define_segments(engine, study_id, items, clock=clock)


# ---- fieldwork settings -------------------------------------------------------------------


def load_fieldwork(
    engine: Engine, actor: Actor, study_id: int
) -> tuple[FieldworkSettings, StudyStatus]:
    """The study's fieldwork settings and its status (draft, active, paused, closed)."""
    require(actor, Permission.SET_UP_STUDIES)
    study = get_study(engine, study_id)
    return fieldwork_settings(study.settings), study.status


def save_fieldwork(
    engine: Engine, actor: Actor, study_id: int, changes: Mapping[str, Any]
) -> FieldworkSettings:
    """Validate and store fieldwork settings; ``changes`` replace keys of the section.

    Raises :class:`~cati.scheduler.settings.FieldworkSettingsError` listing every problem;
    nothing is stored then.
    """
    require(actor, Permission.SET_UP_STUDIES)
    checked: list[FieldworkSettings] = []

    def change(old: Any) -> dict[str, Any]:
        merged = {**(old or {}), **dict(changes)}
        settings = fieldwork_settings({SETTINGS_SECTION: merged})
        checked.append(settings)
        return settings.to_settings()

    update_study_settings(engine, study_id, SETTINGS_SECTION, change)
    return checked[-1]


def change_status(
    engine: Engine, actor: Actor, study_id: int, status: StudyStatus | str
) -> StudyStatus:
    """Open, pause or close the study's fieldwork (the research lead's decision)."""
    require(actor, Permission.SET_UP_STUDIES)
    return set_study_status(engine, study_id, status).status


def study_time_zone(engine: Engine, study_id: int) -> str:
    """The study's main time zone (for showing times and days off)."""
    return default_time_zone(get_study(engine, study_id).default_region)
