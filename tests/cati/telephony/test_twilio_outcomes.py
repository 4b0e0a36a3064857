"""The one table from Twilio statuses and error codes to call results."""

from __future__ import annotations

import json

import pytest

from cati.telephony.results import CallResult, CallStatus
from cati.telephony.twilio_outcomes import (
    STATUS_TABLE,
    TWILIO_ERRORS,
    error_outcome,
    status_outcome,
)
from tests.cati.telephony.fake_twilio import SPEC_PATH


def test_every_status_in_twilios_spec_has_a_meaning() -> None:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    statuses = spec["components"]["schemas"]["call_enum_status"]["enum"]
    assert set(statuses) == set(STATUS_TABLE)


@pytest.mark.parametrize(
    ("status", "result"),
    [
        ("completed", CallResult.ANSWERED),
        ("busy", CallResult.BUSY),
        ("no-answer", CallResult.NO_ANSWER),
        ("failed", CallResult.UNREACHABLE),
        ("canceled", CallResult.CANCELED),
        ("ringing", None),
        ("in-progress", None),
    ],
)
def test_final_statuses_map_to_results_and_live_ones_do_not(
    status: str, result: CallResult | None
) -> None:
    assert status_outcome(status).result is result


def test_machine_answers_are_answering_machines() -> None:
    assert status_outcome("completed", "machine_end_beep").result is CallResult.ANSWERING_MACHINE
    assert status_outcome("completed", "human").result is CallResult.ANSWERED


def test_an_unknown_status_is_treated_as_still_going() -> None:
    meaning = status_outcome("teleporting")
    assert meaning.result is None and meaning.live is CallStatus.RINGING


@pytest.mark.parametrize(
    ("code", "result"),
    [
        (21211, CallResult.INVALID_NUMBER),
        (21214, CallResult.UNREACHABLE),
        (21215, CallResult.UNREACHABLE),
        (21216, CallResult.UNREACHABLE),
        (21217, CallResult.INVALID_NUMBER),
        (13224, CallResult.INVALID_NUMBER),
    ],
)
def test_number_errors_on_the_respondents_leg_keep_code_and_message(
    code: int, result: CallResult
) -> None:
    got, reason = error_outcome(code, "Twilio says so", leg="respondent")
    assert got is result
    assert str(code) in reason and "Twilio says so" in reason
    assert TWILIO_ERRORS[code].about == "number"


def test_number_errors_about_the_agent_line_are_setup_failures() -> None:
    result, reason = error_outcome(21211, "Invalid 'To' Phone Number", leg="agent")
    assert result is CallResult.FAILED and "CATI_AGENT_NUMBER" in reason


def test_auth_failure_names_the_settings_to_fix() -> None:
    result, reason = error_outcome(20003, "Authenticate", leg="agent")
    assert result is CallResult.FAILED
    assert "TWILIO_ACCOUNT_SID" in reason and "TWILIO_AUTH_TOKEN" in reason


def test_unknown_codes_fail_with_the_message_kept() -> None:
    assert error_outcome(99999, "odd", leg="respondent") == (CallResult.FAILED, "Twilio 99999: odd")
