"""A study's dictionary of open-answer themes: shown, replaced, reset, used by the report.

The dictionary is YAML in the format of :mod:`reports.themes.dictionary` (lemmas per theme
and language, polarity words). A study starts with the shipped dictionary; a research lead
may save the study's own (``cati themes STUDY set FILE`` or the setup's "Open-answer
themes" tab). The text is checked before it is stored: a broken dictionary raises
:class:`~reports.errors.ThemeDictionaryError` listing every problem at LINE:COL and nothing
is stored. The text is kept exactly as written, comments included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cati.accounts import Actor, Permission, require
from cati.clock import Clock, SystemClock
from cati.db import session_scope
from cati.db import themes as queries
from cati.studies.service import StudyRef, find_study, study_id

if TYPE_CHECKING:
    from cati.db import Engine
    from reports.themes import Mention, ThemeDictionary

__all__ = [
    "StudyThemeText",
    "check_theme_text",
    "default_theme_text",
    "reset_study_themes",
    "set_study_themes",
    "study_theme_dictionary",
    "study_theme_text",
    "try_study_themes",
]


@dataclass(frozen=True)
class StudyThemeText:
    """The dictionary a study's reports use: its own, or the shipped one."""

    text: str
    custom: bool  # False: the shipped dictionary
    updated_at: datetime | None = None


def default_theme_text() -> str:
    """The shipped dictionary's YAML (a starting point for a study's own)."""
    from reports.themes import DEFAULT_THEMES_PATH

    return Path(DEFAULT_THEMES_PATH).read_text(encoding="utf-8")


def check_theme_text(text: str, where: str = "themes") -> ThemeDictionary:
    """Compile ``text``; raise ThemeDictionaryError with every problem at LINE:COL."""
    from reports.themes import load_themes
    from reports.themes.dictionary import parse_dictionary

    defaults = load_themes(None).lexicons
    return parse_dictionary(text, where, defaults=defaults)


def study_theme_text(
    engine: Engine, study: StudyRef, *, actor: Actor | None = None
) -> StudyThemeText:
    if actor is not None:
        require(actor, Permission.SET_UP_STUDIES)
    with session_scope(engine) as session:
        found = find_study(session, study)
        row = queries.get_study_themes(session, study_id(found))
        if row is not None:
            return StudyThemeText(row.text, True, row.updated_at)
    return StudyThemeText(default_theme_text(), False)


def study_theme_dictionary(engine: Engine, study: StudyRef) -> ThemeDictionary:
    """The compiled dictionary for the study's report (its own when saved, else shipped)."""
    stored = study_theme_text(engine, study)
    if not stored.custom:
        from reports.themes import default_themes

        return default_themes()
    return check_theme_text(stored.text, "study themes")


def set_study_themes(
    engine: Engine,
    study: StudyRef,
    text: str,
    *,
    where: str = "themes",
    actor: Actor | None = None,
    clock: Clock | None = None,
) -> ThemeDictionary:
    """Check ``text`` and store it as the study's dictionary; nothing is stored on error."""
    if actor is not None:
        require(actor, Permission.SET_UP_STUDIES)
    compiled = check_theme_text(text, where)
    now = (clock or SystemClock()).now()
    with session_scope(engine, immediate=True) as session:
        found = find_study(session, study)
        queries.put_study_themes(session, study_id(found), text, now)
    return compiled


def reset_study_themes(engine: Engine, study: StudyRef, *, actor: Actor | None = None) -> bool:
    """Go back to the shipped dictionary; True when the study had its own."""
    if actor is not None:
        require(actor, Permission.SET_UP_STUDIES)
    with session_scope(engine, immediate=True) as session:
        found = find_study(session, study)
        return queries.delete_study_themes(session, study_id(found))


def try_study_themes(dictionary: ThemeDictionary, answer: str) -> list[Mention]:
    """How ``dictionary`` codes one answer: its themes, polarity and evidence."""
    from reports.themes import code_text

    return code_text(answer, dictionary)
