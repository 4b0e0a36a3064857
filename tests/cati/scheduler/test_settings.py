"""Fieldwork settings: defaults of mature CATI systems, round trip, clear errors."""

from __future__ import annotations

from datetime import date, time

import pytest

from cati.dispositions import CategoryMap
from cati.scheduler.settings import (
    FieldworkSettings,
    FieldworkSettingsError,
    Weekday,
    fieldwork_settings,
    with_fieldwork_settings,
)


def test_defaults_are_weekdays_nine_to_eight_thirty_minute_leases_six_attempts() -> None:
    settings = fieldwork_settings({})
    assert set(settings.calling_hours) == set(list(Weekday)[:5])
    window = settings.calling_hours[Weekday.MON][0]
    assert (window.start, window.end) == (time(9), time(20))
    assert settings.lease_minutes == 30
    assert settings.max_attempts == 6
    assert settings.outcome_table().max_attempts == 6
    assert not settings.allow_refusal_conversion
    assert settings.dialer.kind == "simulated"


def test_the_default_category_map_is_b2b() -> None:
    assert fieldwork_settings({}).category_map() == CategoryMap.b2b()


def test_settings_round_trip_through_the_study_settings_dict() -> None:
    settings = FieldworkSettings.model_validate(
        {
            "calling_hours": {"mon": [["10:00", "13:00"], ["14:00", "18:00"]]},
            "days_off": ["2025-05-01"],
            "max_attempts": 8,
            "allow_refusal_conversion": True,
        }
    )
    stored = with_fieldwork_settings({"alerts": {"language": "ru"}}, settings)
    assert stored["alerts"] == {"language": "ru"}  # other sections are kept
    assert stored["fieldwork"]["calling_hours"]["mon"] == [["10:00", "13:00"], ["14:00", "18:00"]]
    again = fieldwork_settings(stored)
    assert again == settings
    assert again.days_off == (date(2025, 5, 1),)
    assert again.outcome_table().allow_refusal_conversion


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    with pytest.raises(FieldworkSettingsError) as raised:
        fieldwork_settings(
            {
                "fieldwork": {
                    "calling_hours": {"mon": [["20:00", "09:00"]]},
                    "lease_minutes": 1,
                    "bogus": 1,
                }
            }
        )
    message = str(raised.value)
    assert "calling_hours" in message and "ends before it starts" in message
    assert "lease_minutes" in message
    assert "bogus" in message


def test_a_bad_outcome_table_is_refused_with_the_outcome_named() -> None:
    with pytest.raises(FieldworkSettingsError, match="busy"):
        fieldwork_settings({"fieldwork": {"outcomes": {"outcomes": {"busy": {"final": "x"}}}}})


def test_a_newer_schema_version_asks_for_a_newer_cati() -> None:
    with pytest.raises(FieldworkSettingsError, match="newer cati"):
        fieldwork_settings({"fieldwork": {"schema_version": 2}})
