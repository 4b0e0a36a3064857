"""A study's theme dictionary: stored checked, shown, reset, used by the report, deleted
with the study."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from cati.accounts import Actor, Role
from cati.db import StudyThemes, session_scope
from cati.errors import PermissionDenied
from cati.studies import create_study, get_study
from cati.studies.service import delete_study
from cati.studies.themes import (
    default_theme_text,
    reset_study_themes,
    set_study_themes,
    study_theme_dictionary,
    study_theme_text,
)
from reports.errors import ThemeDictionaryError
from tests.cati.segments.calllist import SCRIPT, clock

OWN = """schema_version: 2
# цены и сроки -- только две темы
themes:
  цены:
    ru:
      words: [цена, прайс]
      complaint: [высокий]
  сроки:
    ru:
      words: [срок]
"""


@pytest.fixture
def study(engine: Engine) -> str:
    create_study(engine, "NPS 2024", SCRIPT, region="ru", clock=clock())
    return "NPS 2024"


def test_a_study_starts_with_the_shipped_dictionary(engine: Engine, study: str) -> None:
    stored = study_theme_text(engine, study)
    assert (stored.custom, stored.text) == (False, default_theme_text())
    assert "range" in study_theme_dictionary(engine, study).names


def test_its_own_dictionary_is_stored_as_written_and_used(engine: Engine, study: str) -> None:
    compiled = set_study_themes(engine, study, OWN, clock=clock())
    assert compiled.names == ["цены", "сроки"]
    stored = study_theme_text(engine, study)
    assert (stored.custom, stored.text, stored.updated_at) == (True, OWN, clock().now())
    d = study_theme_dictionary(engine, study)
    assert d.names == ["цены", "сроки"]
    assert d.match("Прайс высокий, сроки срывают") == ["цены", "сроки"]
    set_study_themes(engine, study, OWN.replace("прайс", "стоимость"), clock=clock())
    assert "стоимость" in study_theme_text(engine, study).text  # replaced, not added


def test_a_broken_dictionary_is_refused_with_located_problems(engine: Engine, study: str) -> None:
    bad = OWN.replace("words: [срок]", "words: срок")
    with pytest.raises(ThemeDictionaryError) as raised:
        set_study_themes(engine, study, bad, where="mine.yaml")
    assert "mine.yaml:10:14:" in str(raised.value)
    assert [(p.line, p.column) for p in raised.value.problems] == [(10, 14)]
    assert not study_theme_text(engine, study).custom  # nothing stored


def test_reset_goes_back_to_the_shipped_dictionary(engine: Engine, study: str) -> None:
    assert not reset_study_themes(engine, study)
    set_study_themes(engine, study, OWN)
    assert reset_study_themes(engine, study)
    assert not study_theme_text(engine, study).custom


def test_only_a_research_lead_may_change_it(engine: Engine, study: str) -> None:
    interviewer = Actor(1, "ivan", "Иван", Role.INTERVIEWER)
    with pytest.raises(PermissionDenied):
        set_study_themes(engine, study, OWN, actor=interviewer)
    with pytest.raises(PermissionDenied):
        reset_study_themes(engine, study, actor=interviewer)
    lead = Actor(2, "olga", "Ольга", Role.RESEARCH_LEAD)
    set_study_themes(engine, study, OWN, actor=lead)
    assert study_theme_text(engine, study, actor=lead).custom


def test_deleting_the_study_deletes_its_dictionary(engine: Engine, study: str) -> None:
    set_study_themes(engine, study, OWN)
    delete_study(engine, int(get_study(engine, study).id or 0))
    with session_scope(engine) as session:
        assert session.get(StudyThemes, 1) is None


def test_the_report_codes_open_answers_with_the_study_dictionary(
    engine: Engine, study: str
) -> None:
    from cati.reporting.study_report import study_report_data

    assert study_report_data(engine, study).themes is not None
    assert "range" in study_report_data(engine, study).themes.names  # type: ignore[union-attr]
    set_study_themes(engine, study, OWN)
    themes = study_report_data(engine, study).themes
    assert themes is not None and themes.names == ["цены", "сроки"]
