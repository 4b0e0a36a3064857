"""The outcome table: defaults, the dialer mapping, per-study settings and their validation."""

from __future__ import annotations

import json
from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cati.dispositions import Disposition, OutcomeSettingsError, OutcomeTable, UnknownOutcome
from cati.dispositions.outcomes import PartOfDay, part_of_day
from cati.errors import CatiError
from cati.telephony.results import CallResult

TABLE = OutcomeTable.default()


def test_no_answer_and_answering_machine_retry_in_three_hours_in_another_part_of_day() -> None:
    for key in ("no_answer", "answering_machine", "answering_machine_confirmed"):
        outcome = TABLE[key]
        assert not outcome.final
        assert outcome.retry_delay == timedelta(hours=3)
        assert outcome.another_part_of_day


def test_busy_retries_in_fifteen_minutes() -> None:
    assert TABLE["busy"].retry_delay == timedelta(minutes=15)
    assert not TABLE["busy"].another_part_of_day


def test_the_default_attempt_limit_is_six() -> None:
    assert TABLE.max_attempts == 6


def test_refusals_are_final_unless_the_study_allows_conversion() -> None:
    refusal = TABLE["refusal_respondent"]
    assert refusal.final
    assert refusal.disposition is Disposition.REFUSAL_RESPONDENT
    assert refusal.retry_delay is None
    assert refusal.note_required

    converting = OutcomeTable.from_settings({"allow_refusal_conversion": True})
    soft = converting["refusal_respondent"]
    assert not soft.final
    assert soft.disposition is Disposition.SOFT_REFUSAL_RESPONDENT
    assert soft.retry_delay == timedelta(days=7)
    assert soft.closing_disposition is Disposition.REFUSAL_RESPONDENT
    assert converting["refusal_hard"].final  # "never call again" stays final


def test_wrong_and_dead_numbers_move_to_the_next_number() -> None:
    for key in ("wrong_number", "invalid_number", "disconnected", "fax"):
        assert TABLE[key].final
        assert TABLE[key].try_next_number


def test_callbacks_book_an_appointment() -> None:
    assert TABLE["appointment_hard"].appointment
    assert TABLE["appointment_soft"].appointment
    assert not TABLE["appointment_hard"].ends_at_max_attempts
    assert TABLE["appointment_hard"].closing_disposition is Disposition.RESPONDENT_NEVER_AVAILABLE


def test_closing_codes_at_max_attempts_follow_aapor() -> None:
    assert TABLE["no_answer"].closing_disposition is Disposition.NO_ANSWER
    assert TABLE["busy"].closing_disposition is Disposition.ALWAYS_BUSY
    assert TABLE["answering_machine"].closing_disposition is Disposition.ANSWERING_MACHINE_UNKNOWN
    assert (
        TABLE["answering_machine_confirmed"].closing_disposition
        is Disposition.ANSWERING_MACHINE_ELIGIBLE
    )


def test_every_outcome_is_consistent_and_labelled_in_both_languages() -> None:
    for outcome in TABLE.values():
        assert outcome.label("en") and outcome.label("ru")
        if outcome.final:
            assert outcome.disposition.is_final
        elif not outcome.appointment:
            assert outcome.retry_delay is not None
        assert outcome.closing_disposition.is_final


def test_every_dialer_result_maps_to_an_outcome_or_to_nothing_on_purpose() -> None:
    assert set(TABLE.call_results) == set(CallResult)
    assert TABLE.for_call_result(CallResult.ANSWERED) is None  # the interviewer records it
    assert TABLE.for_call_result(CallResult.FAILED) is None  # our fault: case untouched
    assert TABLE.for_call_result(CallResult.NO_ANSWER) == TABLE["no_answer"]
    assert TABLE.for_call_result(CallResult.BUSY) == TABLE["busy"]
    assert TABLE.for_call_result(CallResult.ANSWERING_MACHINE) == TABLE["answering_machine"]
    assert TABLE.for_call_result(CallResult.INVALID_NUMBER).try_next_number  # type: ignore[union-attr]
    cancelled = TABLE.for_call_result(CallResult.CANCELED)
    assert cancelled is not None and not cancelled.counts_as_attempt


def test_the_interviewer_is_not_offered_system_outcomes() -> None:
    keys = {o.key for o in TABLE.for_interviewer()}
    assert "quota_filled" not in keys and "not_dialled" not in keys
    assert {"no_answer", "refusal_respondent", "appointment_hard", "complete"} <= keys


def test_an_unknown_outcome_is_a_cati_error_listing_the_known_ones() -> None:
    with pytest.raises(UnknownOutcome, match="no_answer") as info:
        TABLE["nobody_home"]
    assert isinstance(info.value, CatiError)


def test_settings_round_trip_exactly_and_are_json() -> None:
    settings = TABLE.to_settings()
    assert json.loads(json.dumps(settings)) == settings
    again = OutcomeTable.from_settings(settings)
    assert again == TABLE
    assert again.to_settings() == settings


def test_settings_merge_onto_the_defaults() -> None:
    study = OutcomeTable.from_settings(
        {
            "max_attempts": 10,
            "outcomes": {
                "busy": {"retry_delay_minutes": 5},
                "fax": None,
                "voicemail_full": {
                    "label_en": "Voicemail box full",
                    "label_ru": "Голосовой ящик переполнен",
                    "disposition": "3.14a",
                    "final": False,
                    "retry_delay_minutes": 240,
                    "another_part_of_day": True,
                },
            },
            "call_results": {"busy": "voicemail_full"},
        }
    )
    assert study.max_attempts == 10
    assert study["busy"].retry_delay == timedelta(minutes=5)
    assert study["busy"].label_en == TABLE["busy"].label_en
    assert "fax" not in study
    assert study["voicemail_full"].disposition is Disposition.ANSWERING_MACHINE_RETRY
    assert study.for_call_result(CallResult.BUSY) == study["voicemail_full"]
    assert OutcomeTable.from_settings(study.to_settings()) == study


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"max_attempts": 0}, "max_attempts: must be a whole number of at least 1"),
        ({"max_attempts": True}, "max_attempts"),
        ({"maximum_attempts": 3}, "maximum_attempts: unknown setting"),
        ({"schema_version": 2}, "schema_version: 2 is not supported"),
        ({"allow_refusal_conversion": "yes"}, "allow_refusal_conversion: must be true or false"),
        ({"outcomes": {"busy": {"retry_delay_minutes": -5}}}, "outcomes.busy.retry_delay_minutes"),
        ({"outcomes": {"busy": {"retry_delay_minutes": "soon"}}}, "minutes >= 0"),
        ({"outcomes": {"busy": {"retry_delay": 5}}}, "outcomes.busy.retry_delay: unknown field"),
        ({"outcomes": {"busy": {"disposition": "9.99"}}}, "outcomes.busy.disposition"),
        ({"outcomes": {"busy": {"final": True}}}, "a final outcome needs a final AAPOR code"),
        ({"outcomes": {"busy": {"retry_delay_minutes": None}}}, "needs a retry delay"),
        ({"outcomes": {"busy": {"label_ru": ""}}}, "outcomes.busy.label_ru: must be a non-empty"),
        ({"outcomes": {"busy": {"note_required": 1}}}, "outcomes.busy.note_required"),
        ({"outcomes": {"busy": {"final_at_max_attempts": "3.13a"}}}, "must be final"),
        ({"outcomes": {"New Outcome": {"label_en": "x"}}}, "a new outcome needs label_ru"),
        ({"outcomes": {"busy": None}}, "call_results.busy: 'busy' is not an outcome"),
        ({"call_results": {"ringing": "busy"}}, "call_results.ringing: unknown dialer result"),
        ({"outcomes": ["busy"]}, "outcomes: must be a mapping"),
        (
            {"outcomes": {"complete": {"appointment": True}}},
            "cannot be both final and an appointment",
        ),
    ],
)
def test_bad_settings_name_the_field_and_what_to_do(settings: dict, message: str) -> None:
    with pytest.raises(OutcomeSettingsError) as info:
        OutcomeTable.from_settings(settings)
    assert isinstance(info.value, CatiError)
    assert message in str(info.value)


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(OutcomeSettingsError) as info:
        OutcomeTable.from_settings({"max_attempts": -1, "outcomes": {"busy": {"final": 3}}})
    assert "max_attempts" in str(info.value)
    assert "outcomes.busy.final" in str(info.value)


def test_settings_must_be_a_mapping() -> None:
    with pytest.raises(OutcomeSettingsError, match="mapping"):
        OutcomeTable.from_settings("no_answer=180")  # type: ignore[arg-type]


@given(
    st.integers(min_value=1, max_value=50),
    st.booleans(),
    st.floats(min_value=0, max_value=60 * 24 * 30, allow_nan=False),
)
def test_any_valid_customisation_round_trips(
    max_attempts: int, conversion: bool, delay: float
) -> None:
    study = OutcomeTable.from_settings(
        {
            "max_attempts": max_attempts,
            "allow_refusal_conversion": conversion,
            "outcomes": {"no_answer": {"retry_delay_minutes": delay}},
        }
    )
    assert OutcomeTable.from_settings(study.to_settings()) == study


@pytest.mark.parametrize(
    ("clock", "part"),
    [
        (time(9, 0), PartOfDay.MORNING),
        (time(11, 59), PartOfDay.MORNING),
        (time(12, 0), PartOfDay.AFTERNOON),
        (time(16, 59), PartOfDay.AFTERNOON),
        (time(17, 0), PartOfDay.EVENING),
    ],
)
def test_parts_of_the_day(clock: time, part: PartOfDay) -> None:
    assert part_of_day(clock) is part
