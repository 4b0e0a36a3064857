"""The simulated dialer: outcome mix, seeded draws, realistic timing on simulated time."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from cati.telephony.dialer import (
    CallHandle,
    CallLimits,
    CallUpdate,
    ConsentRequired,
    Dialer,
    RecordingUnavailable,
    SimulatedClock,
)
from cati.telephony.results import CallResult, CallStatus
from cati.telephony.simulated import OutcomeMix, SimulatedDialer

NUMBER = "+442079460000"


def _run(dialer: SimulatedDialer, number: str = NUMBER) -> tuple[CallResult, list[CallUpdate]]:
    """Dial, hang up once answered, and return the result with every update seen."""
    updates: list[CallUpdate] = []
    handle = dialer.dial(number, listener=updates.append)
    handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    if not handle.is_final:
        dialer.hang_up(handle)
    result = handle.wait(timeout=5)
    assert result is not None
    return result, updates


def test_simulated_dialer_satisfies_the_dialer_protocol() -> None:
    assert isinstance(SimulatedDialer(clock=SimulatedClock()), Dialer)


def test_same_seed_gives_the_same_outcomes_in_the_same_order() -> None:
    a = SimulatedDialer(seed=11, clock=SimulatedClock())
    b = SimulatedDialer(seed=11, clock=SimulatedClock())
    assert [_run(a)[0] for _ in range(15)] == [_run(b)[0] for _ in range(15)]


def test_outcome_mix_follows_the_study_weights() -> None:
    dialer = SimulatedDialer(
        OutcomeMix(answered=0, no_answer=0, busy=1, answering_machine=0, invalid_number=1),
        seed=3,
        clock=SimulatedClock(),
    )
    seen = Counter(_run(dialer)[0] for _ in range(40))
    assert set(seen) == {CallResult.BUSY, CallResult.INVALID_NUMBER}


def test_only_answered_calls_with_every_weight_on_answered() -> None:
    dialer = SimulatedDialer(
        OutcomeMix.from_mapping(
            {"answered": 1, "no_answer": 0, "busy": 0, "answering_machine": 0, "invalid_number": 0}
        ),
        seed=1,
        clock=SimulatedClock(),
    )
    result, updates = _run(dialer)
    assert result is CallResult.ANSWERED
    assert [u.status for u in updates] == [
        CallStatus.QUEUED,
        CallStatus.DIALING,
        CallStatus.RINGING,
        CallStatus.IN_PROGRESS,
        CallStatus.ENDED,
    ]


def test_no_answer_rings_for_the_whole_ring_timeout_on_simulated_time() -> None:
    clock = SimulatedClock()
    start = clock.now()
    dialer = SimulatedDialer(
        OutcomeMix(answered=0, no_answer=1, busy=0, answering_machine=0, invalid_number=0),
        seed=1,
        clock=clock,
    )
    handle = dialer.dial(NUMBER, limits=CallLimits(ring_timeout_s=25))
    assert handle.wait(timeout=5) is CallResult.NO_ANSWER
    ringing = next(u for u in handle.history() if u.status is CallStatus.RINGING)
    ended = handle.history()[-1]
    assert (ended.at - ringing.at).total_seconds() == pytest.approx(25)
    assert 0.5 <= (ringing.at - start).total_seconds() <= 2.5


def test_answered_call_stays_open_on_simulated_time_until_hung_up() -> None:
    clock = SimulatedClock()
    dialer = SimulatedDialer(OutcomeMix(1, 0, 0, 0, 0), seed=2, clock=clock)
    handle = dialer.dial(NUMBER)
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    assert handle.wait(timeout=0.1) is None  # still connected: simulated time stands still
    dialer.hang_up(handle)
    assert handle.wait(timeout=5) is CallResult.ANSWERED


def test_answered_call_ends_at_the_time_limit_when_the_clock_passes_it() -> None:
    clock = SimulatedClock()
    dialer = SimulatedDialer(OutcomeMix(1, 0, 0, 0, 0), seed=2, clock=clock)
    handle = dialer.dial(NUMBER, limits=CallLimits(time_limit_s=600))
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    clock.advance(601)
    assert handle.wait(timeout=5) is CallResult.ANSWERED
    assert "time limit" in handle.reason


def test_hang_up_while_ringing_cancels_the_call() -> None:
    dialer = SimulatedDialer(OutcomeMix(0, 1, 0, 0, 0), seed=2, clock=SimulatedClock())
    handles: list[CallHandle] = []
    dialled = threading.Event()

    def hang_up_when_ringing(update: CallUpdate) -> None:
        if update.status is CallStatus.RINGING:  # on the dialer's thread, while it rings
            dialled.wait(5)
            dialer.hang_up(handles[0])

    handles.append(dialer.dial(NUMBER, listener=hang_up_when_ringing))
    dialled.set()
    assert handles[0].wait(timeout=5) is CallResult.CANCELED


def test_a_malformed_number_ends_as_invalid_without_raising() -> None:
    updates: list[CallUpdate] = []
    dialer = SimulatedDialer(seed=1, clock=SimulatedClock())
    handle = dialer.dial("8 (800) 555", listener=updates.append)
    assert handle.result is CallResult.INVALID_NUMBER
    assert "E.164" in handle.reason
    assert [u.is_final for u in updates] == [True]  # nothing is placed: one final update


def test_every_dial_ends_with_exactly_one_final_update() -> None:
    dialer = SimulatedDialer(seed=5, clock=SimulatedClock())
    for _ in range(20):
        _, updates = _run(dialer)
        assert sum(u.is_final for u in updates) == 1
        assert updates[-1].is_final


def test_a_failing_listener_does_not_lose_the_outcome() -> None:
    def broken(update: CallUpdate) -> None:
        raise RuntimeError("listener bug")

    dialer = SimulatedDialer(OutcomeMix(0, 0, 1, 0, 0), seed=1, clock=SimulatedClock())
    handle = dialer.dial(NUMBER, listener=broken)
    assert handle.wait(timeout=5) is CallResult.BUSY


def test_recording_needs_consent_and_a_connected_call(tmp_path: Path) -> None:
    dialer = SimulatedDialer(OutcomeMix(1, 0, 0, 0, 0), seed=1, clock=SimulatedClock())
    handle = dialer.dial(NUMBER)
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    with pytest.raises(ConsentRequired, match="consent"):
        dialer.start_recording(handle, consent_given=False)
    assert not handle.recording
    dialer.start_recording(handle, consent_given=True)
    assert handle.recording
    dialer.stop_recording(handle)
    dialer.hang_up(handle)
    handle.wait(timeout=5)
    paths = dialer.fetch_recordings(handle, tmp_path)
    assert len(paths) == 1 and paths[0].read_bytes().startswith(b"RIFF")


def test_recording_before_the_answer_is_refused() -> None:
    dialer = SimulatedDialer(OutcomeMix(0, 0, 1, 0, 0), seed=1, clock=SimulatedClock())
    handle = dialer.dial(NUMBER)
    handle.wait(timeout=5)
    with pytest.raises(RecordingUnavailable):
        dialer.start_recording(handle, consent_given=True)


@pytest.mark.parametrize(
    "weights",
    [
        {"answered": -1},
        {"answered": 0, "no_answer": 0, "busy": 0, "answering_machine": 0, "invalid_number": 0},
        {"hung_up": 3},
    ],
)
def test_bad_outcome_weights_are_rejected_with_a_clear_message(weights: dict) -> None:
    with pytest.raises(ValueError):
        OutcomeMix.from_mapping(weights)
