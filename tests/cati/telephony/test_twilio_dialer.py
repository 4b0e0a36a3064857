"""The Twilio dialer against the fake REST API: the bridge, outcomes, faults, recordings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cati.telephony.dialer import CallUpdate, ConsentRequired, Dialer, RecordingUnavailable
from cati.telephony.results import CallResult, CallStatus
from cati.telephony.twilio_dialer import TwilioDialer, TwilioOptions
from tests.cati.telephony.conftest import AGENT_NUMBER, FAST
from tests.cati.telephony.fake_twilio import MP3_BYTES, FakeTwilio, Fault, Scenario

RESPONDENT = "+442079460000"
MakeDialer = Callable[..., TwilioDialer]


def _answer_and_hang_up(dialer: TwilioDialer, number: str = RESPONDENT) -> list[CallUpdate]:
    updates: list[CallUpdate] = []
    handle = dialer.dial(number, listener=updates.append)
    handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    if not handle.is_final:
        dialer.hang_up(handle)
    assert handle.wait(timeout=5) is not None
    return updates


def test_twilio_dialer_satisfies_the_dialer_protocol(make_twilio_dialer: MakeDialer) -> None:
    assert isinstance(make_twilio_dialer(), Dialer)


def test_answered_call_goes_through_the_agent_bridge(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    updates = _answer_and_hang_up(make_twilio_dialer())
    statuses = [u.status for u in updates]
    assert statuses[0] is CallStatus.QUEUED
    assert CallStatus.RINGING in statuses and CallStatus.IN_PROGRESS in statuses
    assert updates[-1].result is CallResult.ANSWERED
    assert sum(u.is_final for u in updates) == 1
    # The REST call rang the interviewer's own line; TwiML bridged the respondent.
    create = next(
        p for m, path, p in fake_twilio.requests if m == "POST" and path.endswith("/Calls.json")
    )
    assert create["To"] == [AGENT_NUMBER]
    twiml = create["Twiml"][0]
    assert f"<Number>{RESPONDENT}</Number>" in twiml
    assert 'callerId="+14155550100"' in twiml and 'timeout="30"' in twiml
    assert 'timeLimit="3600"' in twiml
    assert fake_twilio.dials[RESPONDENT] == 1
    assert any("ParentCallSid" in p for m, _, p in fake_twilio.requests if m == "GET")


def test_api_key_and_secret_authenticate_too(
    make_twilio_dialer: MakeDialer, api_key_credentials, fake_twilio: FakeTwilio
) -> None:
    updates = _answer_and_hang_up(make_twilio_dialer(api_key_credentials))
    assert updates[-1].result is CallResult.ANSWERED


@pytest.mark.parametrize(
    ("scenario", "result", "in_reason"),
    [
        (Scenario(outcome="busy"), CallResult.BUSY, "busy"),
        (Scenario(outcome="no-answer"), CallResult.NO_ANSWER, "no answer"),
        (
            Scenario(outcome="failed", error_code=13224, error_message="Dial: invalid number"),
            CallResult.INVALID_NUMBER,
            "13224",
        ),
        (
            Scenario(outcome="failed", error_code=21214, error_message="cannot be reached"),
            CallResult.UNREACHABLE,
            "21214",
        ),
        (
            Scenario(child_leg=False, error_code=21211, error_message="Invalid 'To' Phone Number"),
            CallResult.INVALID_NUMBER,
            "21211",
        ),
        (Scenario(outcome="failed"), CallResult.UNREACHABLE, "could not be connected"),
        (
            Scenario(outcome="completed", answered_by="machine_start", talk_s=0.05),
            CallResult.ANSWERING_MACHINE,
            "machine",
        ),
        (Scenario(agent_outcome="no-answer"), CallResult.FAILED, "CATI_AGENT_NUMBER"),
    ],
)
def test_twilio_outcomes_map_to_call_results_with_the_reason_kept(
    make_twilio_dialer: MakeDialer,
    fake_twilio: FakeTwilio,
    scenario: Scenario,
    result: CallResult,
    in_reason: str,
) -> None:
    fake_twilio.scenarios[RESPONDENT] = scenario
    handle = make_twilio_dialer().dial(RESPONDENT)
    assert handle.wait(timeout=5) is result
    assert in_reason in handle.reason


def test_hang_up_while_the_respondent_rings_cancels(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.scenarios[RESPONDENT] = Scenario(ring_s=5.0)
    dialer = make_twilio_dialer()
    handle = dialer.dial(RESPONDENT)
    assert handle.wait_for(CallStatus.RINGING, timeout=5)
    dialer.hang_up(handle)
    assert handle.wait(timeout=5) is CallResult.CANCELED
    assert any(p.get("Status") == ["completed"] for m, _, p in fake_twilio.requests if m == "POST")


def test_invalid_agent_number_is_a_setup_failure_not_the_respondents(
    make_twilio_dialer: MakeDialer, credentials
) -> None:
    from dataclasses import replace

    dialer = make_twilio_dialer(replace(credentials, agent_number="12"))
    handle = dialer.dial(RESPONDENT)
    assert handle.wait(timeout=5) is CallResult.FAILED
    assert "21211" in handle.reason and "CATI_AGENT_NUMBER" in handle.reason


def test_a_bad_respondent_number_is_never_sent_to_twilio(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    handle = make_twilio_dialer().dial("+4420")
    assert handle.result is CallResult.INVALID_NUMBER
    assert fake_twilio.requests == []


def test_auth_failure_is_failed_and_names_the_settings_to_fix(
    make_twilio_dialer: MakeDialer, credentials, fake_twilio: FakeTwilio
) -> None:
    from dataclasses import replace

    dialer = make_twilio_dialer(replace(credentials, auth_token="wrong-token-123456"))
    handle = dialer.dial(RESPONDENT)
    assert handle.wait(timeout=5) is CallResult.FAILED
    assert "20003" in handle.reason
    assert "TWILIO_AUTH_TOKEN" in handle.reason
    assert "wrong-token-123456" not in handle.reason


def test_a_timed_out_create_that_twilio_carried_out_is_followed_not_redialled(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    options = TwilioOptions(**{**FAST.__dict__, "request_timeout_s": 0.3})
    fake_twilio.faults.append(Fault("POST", "/Calls.json", status=None, delay_s=0.6, perform=True))
    updates = _answer_and_hang_up(make_twilio_dialer(options=options))
    assert updates[-1].result is CallResult.ANSWERED
    assert fake_twilio.creates[AGENT_NUMBER] == 1
    assert fake_twilio.dials[RESPONDENT] == 1
    assert any("confirmed late" in u.reason for u in updates)


def test_a_500_after_the_call_was_created_is_followed_not_redialled(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.faults.append(Fault("POST", "/Calls.json", status=500, perform=True))
    updates = _answer_and_hang_up(make_twilio_dialer())
    assert updates[-1].result is CallResult.ANSWERED
    assert fake_twilio.creates[AGENT_NUMBER] == 1


def test_a_500_without_a_call_fails_and_says_nobody_was_dialled(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.faults.append(Fault("POST", "/Calls.json", status=500))
    handle = make_twilio_dialer().dial(RESPONDENT)
    assert handle.wait(timeout=5) is CallResult.FAILED
    assert "nobody was dialled" in handle.reason
    assert fake_twilio.creates[AGENT_NUMBER] == 0
    assert len(fake_twilio.paths("POST")) == 1  # never created twice blindly


def test_a_refused_429_create_is_tried_again_only_after_looking(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.faults.append(
        Fault("POST", "/Calls.json", status=429, code=20429, message="Too Many Requests")
    )
    updates = _answer_and_hang_up(make_twilio_dialer())
    assert updates[-1].result is CallResult.ANSWERED
    assert fake_twilio.creates[AGENT_NUMBER] == 1
    methods = [m for m, p, _ in fake_twilio.requests if p.endswith("/Calls.json")]
    assert methods[:3] == ["POST", "GET", "GET"]  # looked before creating again


def test_reads_are_retried_on_429_and_500(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.faults += [
        Fault("GET", ".json", status=429, code=20429, times=2),
        Fault("GET", ".json", status=503, times=1),
    ]
    updates = _answer_and_hang_up(make_twilio_dialer())
    assert updates[-1].result is CallResult.ANSWERED


def test_a_server_that_keeps_failing_ends_the_call_as_failed(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.faults.append(Fault("GET", ".json", status=500, times=1000))
    handle = make_twilio_dialer().dial(RESPONDENT)
    assert handle.wait(timeout=5) is CallResult.FAILED
    assert "500" in handle.reason


def test_dial_returns_at_once_while_twilio_has_not_answered(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.hold = threading.Event()
    updates: list[CallUpdate] = []
    arrived = threading.Event()

    def listen(update: CallUpdate) -> None:
        updates.append(update)
        if update.is_final:
            arrived.set()

    handle = make_twilio_dialer().dial(RESPONDENT, listener=listen)
    # dial() has returned; the create request is held at the server, unanswered.
    assert fake_twilio.held.acquire(timeout=5)
    assert fake_twilio.responses_sent == 0
    assert handle.status is CallStatus.QUEUED and not handle.is_final
    fake_twilio.scenarios[RESPONDENT] = Scenario(outcome="busy")
    fake_twilio.hold.set()
    assert arrived.wait(timeout=5)
    assert updates[-1].result is CallResult.BUSY


def test_a_slow_server_delays_status_updates_but_never_the_caller(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.delay_s = 0.4  # every request takes 0.4 s
    fake_twilio.scenarios[RESPONDENT] = Scenario(outcome="busy")
    finals: list[CallUpdate] = []
    done = threading.Event()
    dialer = make_twilio_dialer()

    def listen(update: CallUpdate) -> None:
        if update.is_final:
            finals.append(update)
            done.set()

    handle = dialer.dial(RESPONDENT, listener=listen)
    sent_when_dial_returned = fake_twilio.responses_sent
    assert sent_when_dial_returned == 0 and not handle.is_final
    dialer.hang_up(handle)  # also returns at once: the hang-up goes to the call's worker
    assert done.wait(timeout=10)
    assert len(finals) == 1


def test_recording_needs_consent_then_starts_stops_and_downloads(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    dialer = make_twilio_dialer()
    updates: list[CallUpdate] = []
    handle = dialer.dial(RESPONDENT, listener=updates.append)
    with pytest.raises(RecordingUnavailable):
        dialer.start_recording(handle, consent_given=True)  # not connected yet
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    with pytest.raises(ConsentRequired):
        dialer.start_recording(handle, consent_given=False)
    assert not any("Recordings" in p for m, p, _ in fake_twilio.requests if m == "POST")
    dialer.start_recording(handle, consent_given=True)
    assert _wait(lambda: handle.recording)
    dialer.stop_recording(handle)
    assert _wait(lambda: not handle.recording)
    dialer.hang_up(handle)
    assert handle.wait(timeout=5) is CallResult.ANSWERED
    paths = dialer.fetch_recordings(handle, tmp_path / "recordings")
    assert len(paths) == 1
    assert paths[0].suffix == ".mp3" and paths[0].read_bytes() == MP3_BYTES
    assert not list((tmp_path / "recordings").glob("*.part"))
    stops = [p for m, path, p in fake_twilio.requests if m == "POST" and "/Recordings/" in path]
    assert stops == [{"Status": ["stopped"]}]


def test_recording_as_wav_when_configured(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    dialer = make_twilio_dialer(
        options=TwilioOptions(**{**FAST.__dict__, "recording_format": "wav"})
    )
    handle = dialer.dial(RESPONDENT)
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    dialer.start_recording(handle, consent_given=True)
    assert _wait(lambda: handle.recording)
    dialer.hang_up(handle)
    handle.wait(timeout=5)
    [path] = dialer.fetch_recordings(handle, tmp_path)
    assert path.suffix == ".wav" and path.read_bytes().startswith(b"RIFF")


def test_closing_the_dialer_ends_live_calls_with_a_result(
    make_twilio_dialer: MakeDialer, fake_twilio: FakeTwilio
) -> None:
    dialer = make_twilio_dialer()
    handle = dialer.dial(RESPONDENT)
    assert handle.wait_for(CallStatus.IN_PROGRESS, timeout=5)
    dialer.close(timeout=5)
    assert handle.result is not None


def _wait(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        event.wait(0.01)
    return condition()
