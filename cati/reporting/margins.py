"""The raking margins stored with a study (``study.settings["report"]["margins"]``).

``cati study margins STUDY --file margins.yaml`` stores them (checked first, see
:mod:`reports.margins`), ``--clear`` removes them, and without either prints them.
``cati report --weights raking`` and the report dialog's "raked" choice use them; a
``--margins FILE`` given to ``cati report`` takes their place for that report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cati.db import Engine
from cati.db.alerts import update_study_settings
from cati.db.results import study_settings
from reports.margins import load_margins, margins_from

SECTION = "report"


def study_margins(engine: Engine, study: str | int) -> dict[str, dict[str, float]]:
    """The margins stored with ``study`` (empty when none)."""
    _sid, settings = study_settings(engine, study)
    stored = dict(settings.get(SECTION) or {}).get("margins")
    return margins_from(stored, f"study {study}: margins") if stored else {}


def store_study_margins(
    engine: Engine, study: str | int, source: str | Path | None
) -> dict[str, dict[str, float]]:
    """Store the margins file ``source`` with ``study`` (None: remove them); return them."""
    margins = load_margins(source) if source is not None else {}
    sid, _settings = study_settings(engine, study)

    def change(old: Any) -> dict[str, Any]:
        section = dict(old or {})
        if margins:
            section["margins"] = margins
        else:
            section.pop("margins", None)
        return section

    update_study_settings(engine, sid, SECTION, change)
    return margins


__all__ = ["store_study_margins", "study_margins"]
