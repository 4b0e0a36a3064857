"""Defining a study's segments, assigning contacts to them, and counting them for quotas.

Assignment: rules are evaluated in order for each contact, the first match wins, and a
contact no rule matches goes to ``other``. Defining segments re-assigns every contact of the
study in the same unit of work: contacts are read a page at a time and evaluated in Python
(rules may use ``days_since`` and typed JSON attributes, which the two databases handle
differently), then each page is written back with one ``UPDATE ... WHERE id IN (...)`` per
segment - never one statement per contact. The import assigns the contacts it adds with
:func:`load_matcher`, so a study's contacts are always segmented once segments exist.
Before segments are defined, contacts have no segment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cati.clock import Clock, SystemClock
from cati.db import Segment, session_scope
from cati.db import contacts as contact_queries
from cati.db import segments as queries
from cati.db import studies as study_queries
from cati.segments.definitions import (
    OTHER,
    parse_segment_definitions,
    read_segment_file,
    specs_from_data,
)
from cati.segments.rules import (
    FIXED_FIELDS,
    ContactFieldTypes,
    SegmentMatcher,
    compile_rule,
    merge_kind_counts,
)
from cati.studies import StudyRef, find_study, study_id

if TYPE_CHECKING:
    from cati.db import Engine, Study
    from cati.db.segments import SegmentSpec
    from cati.db.studies import Session

__all__ = [
    "OTHER",
    "UNSEGMENTED",
    "SegmentRow",
    "SegmentsDefined",
    "contact_field_types",
    "define_segments",
    "load_matcher",
    "segment_report",
]

#: The row of contacts without a segment in the report (before segments are defined).
UNSEGMENTED = "(no segment)"


@dataclass(frozen=True)
class SegmentRow:
    """One line of ``cati segments STUDY``."""

    name: str
    rule: str | None
    population: int  # the client's count when entered, else the number of contacts
    population_entered: bool
    contacts: int
    reachable: int  # not finalised, with a usable number, not on the do-not-call list
    completes: int  # interviews with status complete
    target: int

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "rule": self.rule,
            "population": self.population,
            "population_entered": self.population_entered,
            "contacts": self.contacts,
            "reachable": self.reachable,
            "completes": self.completes,
            "target": self.target,
        }


@dataclass(frozen=True)
class SegmentsDefined:
    """What defining segments changed: the segments now, and contacts assigned to each."""

    study: str
    assigned: dict[str, int]


def contact_field_types(session: Session, study_id: int) -> ContactFieldTypes:
    """The fields rules may use in a study: fixed ones, and the attributes its imports kept."""
    summaries = study_queries.import_summaries(session, study_id)
    labels: dict[str, str] = {}
    for summary in summaries:
        found = summary.get("attribute_labels")
        if isinstance(found, Mapping):
            labels.update({str(k): str(v) for k, v in found.items() if k not in FIXED_FIELDS})
    return ContactFieldTypes(attribute_kinds=merge_kind_counts(summaries), labels=labels)


def load_matcher(session: Session, study_id: int, today: date) -> SegmentMatcher | None:
    """The study's segments ready to evaluate, or None when it has none defined."""
    segments = queries.study_segments(session, study_id)
    if not segments:
        return None
    types = contact_field_types(session, study_id)
    rules: list[tuple[int, Any]] = []
    fallback: int | None = None
    for segment in segments:
        assert segment.id is not None
        if segment.rule is None:
            fallback = segment.id
        else:
            rules.append((segment.id, compile_rule(segment.rule, types)))
    return SegmentMatcher(rules=tuple(rules), fallback=fallback, types=types, today=today)


def define_segments(
    engine: Engine,
    study: StudyRef,
    definitions: str | Path | Sequence[dict[str, Any]],
    *,
    clock: Clock | None = None,
) -> SegmentsDefined:
    """Replace the study's segments with ``definitions`` and re-assign every contact.

    ``definitions`` is a segments file (path), its YAML text (with a line break), or a list
    of ``{name, rule, target, population}`` dicts. Every problem is reported at once as a
    :class:`~cati.segments.definitions.SegmentDefinitionError`; nothing changes then.
    """
    today = (clock or SystemClock()).now().date()
    with session_scope(engine, immediate=True) as session:
        found = find_study(session, study)
        sid = study_id(found)
        types = contact_field_types(session, sid)
        if isinstance(definitions, Path) or (
            isinstance(definitions, str) and "\n" not in definitions
        ):
            text, file = read_segment_file(definitions)
            specs = parse_segment_definitions(text, file, types)
        elif isinstance(definitions, str):
            specs = parse_segment_definitions(definitions, "<segments>", types)
        else:
            specs = specs_from_data(definitions, types)
        segments = queries.replace_segments(session, sid, specs)
        _store_report_labels(found, specs)
        matcher = load_matcher(session, sid, today)
        assert matcher is not None
        assigned = _assign_all(session, sid, matcher)
    names = {segment.id: segment.name for segment in segments}
    return SegmentsDefined(
        study=found.name,
        assigned={names[segment.id]: assigned.get(segment.id or 0, 0) for segment in segments},
    )


def _store_report_labels(study: Study, specs: Sequence[SegmentSpec]) -> None:
    """The segments' labels go where the report reads them
    (``settings["report"]["segment_labels"]``). A segment defined without a label keeps the
    one it had (the setup screen edits rules and targets, not labels); the labels of
    segments that are gone are dropped."""
    report = dict(study.settings.get("report") or {})
    names = {spec.name for spec in specs}
    labels = {
        name: label
        for name, label in dict(report.get("segment_labels") or {}).items()
        if name in names
    }
    labels.update({spec.name: spec.label for spec in specs if spec.label})
    if labels:
        report["segment_labels"] = labels
    else:
        report.pop("segment_labels", None)
    if report != (study.settings.get("report") or {}):
        study.settings = {**study.settings, "report": report}


def _assign_all(session: Session, sid: int, matcher: SegmentMatcher) -> dict[int, int]:
    totals: dict[int, int] = {}
    for page in contact_queries.contact_fields_pages(session, sid):
        groups: dict[int | None, list[int]] = {}
        for contact in page:
            fields: dict[str, object] = dict(contact.attributes)
            fields.update(
                company=contact.company,
                name=contact.name,
                position=contact.position,
                region=contact.region,
                email=contact.email,
            )
            groups.setdefault(matcher.segment_for(fields), []).append(contact.id)
        for segment_id, ids in groups.items():
            queries.assign_segment(session, segment_id, ids)
            if segment_id is not None:
                totals[segment_id] = totals.get(segment_id, 0) + len(ids)
    return totals


def segment_report(engine: Engine, study: StudyRef) -> list[SegmentRow]:
    """Per segment, in order: population, contacts, reachable, completes, target."""
    with session_scope(engine) as session:
        sid = study_id(find_study(session, study))
        segments = queries.study_segments(session, sid)
        counts = {row.segment_id: row for row in queries.segment_counts(session, sid)}
    rows = [_row(segment, counts.get(segment.id)) for segment in segments]
    unsegmented = counts.get(None)
    if unsegmented is not None and unsegmented.contacts:
        rows.append(
            SegmentRow(
                name=UNSEGMENTED,
                rule=None,
                population=unsegmented.contacts,
                population_entered=False,
                contacts=unsegmented.contacts,
                reachable=unsegmented.reachable,
                completes=unsegmented.completes,
                target=0,
            )
        )
    return rows


def _row(segment: Segment, counts: queries.SegmentCounts | None) -> SegmentRow:
    contacts = counts.contacts if counts else 0
    return SegmentRow(
        name=segment.name,
        rule=segment.rule,
        population=segment.population if segment.population is not None else contacts,
        population_entered=segment.population is not None,
        contacts=contacts,
        reachable=counts.reachable if counts else 0,
        completes=counts.completes if counts else 0,
        target=segment.target_completes,
    )
