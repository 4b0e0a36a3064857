"""Studies: creating one from a script, new script versions, finding and listing them.

A study is created with its script, checked with :func:`surveys.load_script` (a broken script
raises :class:`~surveys.errors.ScriptError` naming file, line and column, and nothing is
stored). The script text is frozen in ``script_version`` rows: a changed text adds version
2, 3, ... while interviews keep pointing at the version they were started with, so their
answers stay readable against the questions they were asked. The same text again adds
nothing.

Settings: the default phone region lives in ``study.default_region`` (numbers written
without ``+`` are read in it; its main time zone is the default zone of contacts).
``study.settings`` is left to the call queue (fieldwork hours, retries, quotas).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import timezone as number_time_zones

from cati.clock import Clock, SystemClock
from cati.db import ScriptVersion, Study, StudyStatus, session_scope
from cati.db import studies as queries
from cati.errors import CatiError, ConfigurationError, NotFoundError
from surveys import Script, load_script, load_script_text

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.studies import Session

__all__ = [
    "ScriptSource",
    "StudyExists",
    "StudyOverview",
    "StudyRef",
    "VersionChange",
    "add_script_version",
    "create_study",
    "default_time_zone",
    "find_study",
    "get_study",
    "list_studies",
    "normalise_region",
    "script_versions",
    "set_study_status",
    "study_id",
]

#: A script file path, or the YAML text itself (text has a line break).
ScriptSource = str | Path
#: A study named by the person (its name, or its id as digits) or already loaded.
StudyRef = Study | str | int

_MAX_NAME = 200
#: Countries whose numbers phonenumbers maps to several zones (or to a neighbour's zone).
_MAIN_ZONES = {
    "RU": "Europe/Moscow",
    "KZ": "Asia/Almaty",
    "BY": "Europe/Minsk",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
}


class StudyExists(CatiError):
    """A study with the name already exists."""


@dataclass(frozen=True)
class StudyOverview:
    """One line of ``cati study list``."""

    id: int
    name: str
    client: str
    region: str
    status: str
    contacts: int
    script_version: int | None
    script_title: str | None
    created_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "client": self.client,
            "region": self.region,
            "status": self.status,
            "contacts": self.contacts,
            "script_version": self.script_version,
            "script_title": self.script_title,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class VersionChange:
    """What storing a script did: the study's current version, and whether it is new."""

    study: Study
    version: ScriptVersion
    created: bool


def _load(source: ScriptSource) -> Script:
    if isinstance(source, str) and "\n" in source:
        return load_script_text(source, "<script>")
    return load_script(source)


def _title(script: Script) -> str:
    for language in script.languages:
        if script.title.get(language):
            return script.title[language]
    return next(iter(script.title.values()), script.id)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_region(region: str) -> str:
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigurationError(
            f"{region!r} is not a phone region; use a two-letter country code such as RU, KZ or BY"
        )
    return code


def default_time_zone(region: str) -> str:
    """The zone of contacts whose number and region say nothing: the country's main zone."""
    code = region.upper()
    if code in _MAIN_ZONES:
        return _MAIN_ZONES[code]
    example = phonenumbers.example_number_for_type(code, phonenumbers.PhoneNumberType.FIXED_LINE)
    zones = sorted(number_time_zones.time_zones_for_number(example)) if example else []
    zones = [zone for zone in zones if "/" in zone and not zone.startswith("Etc/")]
    return zones[0] if zones else "UTC"


def create_study(
    engine: Engine,
    name: str,
    script: ScriptSource,
    *,
    region: str = "RU",
    clock: Clock | None = None,
    client: str | None = None,
) -> VersionChange:
    """Create a study with its script as version 1; the script is checked first."""
    clean = " ".join(name.split())
    if not clean:
        raise CatiError("a study needs a name, e.g. cati study create 'NPS 2024' --script s.yaml")
    if len(clean) > _MAX_NAME:
        raise CatiError(f"a study name may be at most {_MAX_NAME} characters")
    code = normalise_region(region)
    loaded = _load(script)
    now = (clock or SystemClock()).now()
    with session_scope(engine, immediate=True) as session:
        if queries.find_study(session, clean) is not None:
            raise StudyExists(
                f"a study named {clean!r} already exists; choose another name, or store a new "
                f"script version with: cati study script {clean!r} --script FILE"
            )
        try:
            study = queries.insert_study(
                session,
                name=clean,
                client_name=(client or "").strip(),
                default_region=code,
                now=now,
            )
        except queries.StudyNameTaken:
            raise StudyExists(
                f"a study named {clean!r} was just created on another workstation; choose "
                "another name"
            ) from None
        version = queries.insert_script_version(
            session,
            study_id=study_id(study),
            version=1,
            script_id=loaded.id,
            title=_title(loaded),
            text=loaded.source_text,
            sha256=_sha256(loaded.source_text),
            now=now,
        )
    return VersionChange(study=study, version=version, created=True)


def add_script_version(
    engine: Engine, study: StudyRef, script: ScriptSource, *, clock: Clock | None = None
) -> VersionChange:
    """Store the script as the study's next version, unless its text is the current one."""
    loaded = _load(script)
    digest = _sha256(loaded.source_text)
    now = (clock or SystemClock()).now()
    with session_scope(engine, immediate=True) as session:
        found = find_study(session, study)
        queries.lock_study(session, study_id(found))
        latest = queries.latest_script_version(session, study_id(found))
        if latest is not None and latest.sha256 == digest:
            return VersionChange(study=found, version=latest, created=False)
        version = queries.insert_script_version(
            session,
            study_id=study_id(found),
            version=(latest.version + 1) if latest else 1,
            script_id=loaded.id,
            title=_title(loaded),
            text=loaded.source_text,
            sha256=digest,
            now=now,
        )
    return VersionChange(study=found, version=version, created=True)


def script_versions(engine: Engine, study: StudyRef) -> list[ScriptVersion]:
    with session_scope(engine) as session:
        found = find_study(session, study)
        return queries.script_versions(session, study_id(found))


def list_studies(engine: Engine, *, include_archived: bool = False) -> list[StudyOverview]:
    with session_scope(engine) as session:
        rows = queries.study_rows(session, include_archived=include_archived)
    return [
        StudyOverview(
            id=row.study.id or 0,
            name=row.study.name,
            client=row.study.client_name,
            region=row.study.default_region,
            status=str(row.study.status.value),
            contacts=row.contacts,
            script_version=row.script_version,
            script_title=row.script_title,
            created_at=row.study.created_at,
        )
        for row in rows
    ]


def get_study(engine: Engine, study: StudyRef) -> Study:
    """The study by name (or by id, given as a number or digits)."""
    with session_scope(engine) as session:
        return find_study(session, study)


def find_study_named(engine: Engine, name: str) -> Study | None:
    """The study with exactly this name, or None (no error when there is none)."""
    with session_scope(engine) as session:
        return queries.find_study(session, name)


def delete_study(engine: Engine, sid: int) -> None:
    """Delete a study with everything recorded for it (the demo's --force uses this)."""
    with session_scope(engine, immediate=True) as session:
        queries.delete_study(session, sid)


def set_study_status(engine: Engine, study: StudyRef, status: StudyStatus | str) -> Study:
    """Open (active), pause, close or reopen the study's fieldwork: interviewers get contacts
    of draft and active studies only."""
    try:
        wanted = StudyStatus(status)
    except ValueError:
        choices = ", ".join(s.value for s in StudyStatus)
        raise CatiError(f"a study's status is one of {choices}, not {status!r}") from None
    with session_scope(engine, immediate=True) as session:
        found = find_study(session, study)
        found.status = wanted
        session.add(found)
        return found


def study_id(study: Study) -> int:
    """The id of a stored study (a study object that was never saved has none)."""
    if study.id is None:
        raise NotFoundError(f"the study {study.name!r} has not been saved")
    return study.id


def find_study(session: Session, study: StudyRef) -> Study:
    """Resolve a study reference inside the caller's unit of work."""
    if isinstance(study, Study):
        if study.id is None:
            raise NotFoundError("the study has not been saved")
        found = queries.find_study_by_id(session, study.id)
        if found is None:
            raise NotFoundError(
                f"the study {study.name!r} no longer exists; cati study list shows the studies"
            )
        return found
    if isinstance(study, int):
        found = queries.find_study_by_id(session, study)
        if found is None:
            raise NotFoundError(f"no study with id {study}; cati study list shows the studies")
        return found
    name = " ".join(str(study).split())
    found = queries.find_study(session, name)
    if found is None and name.isdigit():
        found = queries.find_study_by_id(session, int(name))
    if found is None:
        raise NotFoundError(f"no study named {name!r}; cati study list shows the studies")
    return found
