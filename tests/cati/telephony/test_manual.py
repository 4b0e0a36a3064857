"""The manual dialer: the number on screen, the outcome from the interviewer."""

from __future__ import annotations

import pytest

from cati.telephony.dialer import (
    CallUpdate,
    ConsentRequired,
    Dialer,
    RecordingUnavailable,
    SimulatedClock,
    TelephonyError,
)
from cati.telephony.manual import ManualDialer
from cati.telephony.results import CallResult, CallStatus


def test_manual_dialer_shows_the_number_formatted_for_reading() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    assert isinstance(dialer, Dialer)
    handle = dialer.dial("+442079460000", extension="123")
    assert handle.status is CallStatus.DIALING
    assert handle.number is not None
    assert handle.number.display == "+44 20 7946 0000 ext. 123"


def test_the_interviewers_choice_is_the_final_result() -> None:
    updates: list[CallUpdate] = []
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000", listener=updates.append)
    dialer.report_result(handle, CallResult.BUSY)
    dialer.report_result(handle, CallResult.NO_ANSWER)  # a second click changes nothing
    assert handle.result is CallResult.BUSY
    assert sum(u.is_final for u in updates) == 1


def test_answered_then_hung_up_is_answered() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000")
    dialer.report_answered(handle)
    assert handle.status is CallStatus.IN_PROGRESS
    dialer.hang_up(handle)
    assert handle.result is CallResult.ANSWERED


def test_hang_up_without_an_outcome_cancels() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000")
    dialer.hang_up(handle)
    assert handle.result is CallResult.CANCELED


def test_failed_cannot_be_chosen_by_hand() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000")
    with pytest.raises(TelephonyError, match="cannot be chosen"):
        dialer.report_result(handle, CallResult.FAILED)


def test_a_bad_number_is_invalid_at_once() -> None:
    handle = ManualDialer(clock=SimulatedClock()).dial("+999")
    assert handle.result is CallResult.INVALID_NUMBER


def test_manual_calls_cannot_be_recorded_and_consent_is_still_checked_first() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000")
    dialer.report_answered(handle)
    with pytest.raises(ConsentRequired):
        dialer.start_recording(handle, consent_given=False)
    with pytest.raises(RecordingUnavailable):
        dialer.start_recording(handle, consent_given=True)
    assert not dialer.supports_recording


def test_closing_the_app_ends_open_manual_calls_as_failed() -> None:
    dialer = ManualDialer(clock=SimulatedClock())
    handle = dialer.dial("+442079460000")
    dialer.close()
    assert handle.result is CallResult.FAILED
