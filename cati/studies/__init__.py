"""Studies: a script, a call list, segments and fieldwork settings under one name."""

from __future__ import annotations

from cati.studies.service import (
    ScriptSource,
    StudyExists,
    StudyOverview,
    StudyRef,
    VersionChange,
    add_script_version,
    create_study,
    default_time_zone,
    find_study,
    get_study,
    list_studies,
    normalise_region,
    script_versions,
    set_study_status,
    study_id,
)

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
