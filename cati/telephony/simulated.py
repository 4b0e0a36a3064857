"""A dialer without a telephone: demos, training, the robot interviewer and tests.

Outcomes are drawn from a per-study mix of weights with a seeded random generator, and
ringing times follow rough real-world shapes (most people who answer do so within 5-20 s;
a busy tone comes within 1-3 s; an unallocated number is announced within 1-4 s). The draws
happen in :meth:`SimulatedDialer.dial` on the caller's thread, in dial order, so a given
seed gives the same outcomes whatever the threads do. With a :class:`SimulatedClock` the
whole call runs on simulated time: no real waiting.
"""

from __future__ import annotations

import itertools
import random
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cati.telephony.dialer import (
    CallHandle,
    CallLimits,
    CallListener,
    Clock,
    RecordingUnavailable,
    SystemClock,
    open_call,
    require_consent,
)
from cati.telephony.results import CallResult, CallStatus

__all__ = ["OutcomeMix", "SimulatedDialer"]

_SIMULATED_OUTCOMES = (
    CallResult.ANSWERED,
    CallResult.NO_ANSWER,
    CallResult.BUSY,
    CallResult.ANSWERING_MACHINE,
    CallResult.INVALID_NUMBER,
)


@dataclass(frozen=True)
class OutcomeMix:
    """Relative weights of call outcomes; a study sets its own (B2B lines differ from homes).

    The defaults resemble a B2B call list: about a third answered, many unanswered desks.
    """

    answered: float = 35.0
    no_answer: float = 35.0
    busy: float = 10.0
    answering_machine: float = 15.0
    invalid_number: float = 5.0

    def __post_init__(self) -> None:
        weights = self.weights()
        if any(w < 0 for w in weights.values()):
            raise ValueError(f"outcome weights must not be negative: {self}")
        if sum(weights.values()) <= 0:
            raise ValueError("at least one outcome weight must be positive")

    @classmethod
    def from_mapping(cls, weights: Mapping[str, float]) -> OutcomeMix:
        """Build from a study setting such as ``{"answered": 40, "busy": 5}``."""
        known = {r.value for r in _SIMULATED_OUTCOMES}
        unknown = sorted(set(weights) - known)
        if unknown:
            raise ValueError(
                f"unknown outcome(s) {', '.join(unknown)}; use {', '.join(sorted(known))}"
            )
        return cls(**{key: float(value) for key, value in weights.items()})

    def weights(self) -> dict[CallResult, float]:
        return {
            CallResult.ANSWERED: self.answered,
            CallResult.NO_ANSWER: self.no_answer,
            CallResult.BUSY: self.busy,
            CallResult.ANSWERING_MACHINE: self.answering_machine,
            CallResult.INVALID_NUMBER: self.invalid_number,
        }


@dataclass(frozen=True)
class _Plan:
    """What will happen on one simulated call, drawn when it is dialled."""

    outcome: CallResult
    dialing_s: float  # from dial to the first ring (network setup)
    ring_s: float  # ringing before the outcome shows
    machine_message_s: float  # answering machine greeting length


@dataclass
class _SimCall:
    handle: CallHandle
    plan: _Plan
    limits: CallLimits
    hangup: threading.Event
    answered_at: datetime | None = None
    recordings: int = 0


class SimulatedDialer:
    """Places pretend calls with realistic timing and a configurable outcome mix."""

    name = "simulated"

    def __init__(
        self,
        mix: OutcomeMix | None = None,
        *,
        seed: int | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.mix = mix or OutcomeMix()
        self._rng = random.Random(seed)
        self._clock: Clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._calls: dict[str, _SimCall] = {}
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:8]
        self._closed = threading.Event()

    @property
    def supports_recording(self) -> bool:
        return True

    def dial(
        self,
        number: str,
        *,
        extension: str = "",
        limits: CallLimits = CallLimits(),
        listener: CallListener | None = None,
    ) -> CallHandle:
        # Unique across dialers and runs, like a provider's call id (recordings are named by it).
        call_id = f"SIM{self._prefix}{next(self._ids):06d}"
        handle, parsed = open_call(call_id, number, extension, listener, self._clock)
        if parsed is None:
            return handle
        handle._publish(CallStatus.QUEUED, reason="placing the call")
        with self._lock:
            plan = self._draw_plan(limits)
            call = _SimCall(handle, plan, limits, threading.Event())
            self._calls[call_id] = call
        threading.Thread(
            target=self._run, args=(call,), name=f"cati-sim-{call_id}", daemon=True
        ).start()
        return handle

    def _draw_plan(self, limits: CallLimits) -> _Plan:
        weights = self.mix.weights()
        outcome = self._rng.choices(list(weights), weights=list(weights.values()))[0]
        dialing = self._rng.uniform(0.5, 2.5)
        ring = {
            CallResult.ANSWERED: min(self._rng.lognormvariate(2.2, 0.5), limits.ring_timeout_s),
            CallResult.NO_ANSWER: float(limits.ring_timeout_s),
            CallResult.BUSY: self._rng.uniform(1.0, 3.0),
            CallResult.ANSWERING_MACHINE: min(self._rng.uniform(12.0, 25.0), limits.ring_timeout_s),
            CallResult.INVALID_NUMBER: self._rng.uniform(1.0, 4.0),
        }[outcome]
        machine = self._rng.uniform(8.0, 20.0)
        return _Plan(outcome, dialing, ring, machine)

    def _run(self, call: _SimCall) -> None:
        handle, plan = call.handle, call.plan
        try:
            handle._publish(CallStatus.DIALING, reason="dialling")
            if self._clock.wait(call.hangup, plan.dialing_s):
                handle._finish(CallResult.CANCELED, "hung up before the call was answered")
                return
            if plan.outcome in (CallResult.BUSY, CallResult.INVALID_NUMBER):
                if self._clock.wait(call.hangup, plan.ring_s):
                    handle._finish(CallResult.CANCELED, "hung up before the call was answered")
                elif plan.outcome is CallResult.BUSY:
                    handle._finish(CallResult.BUSY, "simulated: busy tone")
                else:
                    handle._finish(
                        CallResult.INVALID_NUMBER, "simulated: the number is not in service"
                    )
                return
            handle._publish(CallStatus.RINGING, reason="ringing")
            if self._clock.wait(call.hangup, plan.ring_s):
                handle._finish(CallResult.CANCELED, "hung up before the call was answered")
                return
            if plan.outcome is CallResult.NO_ANSWER:
                handle._finish(
                    CallResult.NO_ANSWER,
                    f"simulated: no answer within {call.limits.ring_timeout_s} s",
                )
                return
            call.answered_at = self._clock.now()
            if plan.outcome is CallResult.ANSWERING_MACHINE:
                handle._publish(CallStatus.IN_PROGRESS, reason="simulated: answering machine")
                self._clock.wait(call.hangup, plan.machine_message_s)
                handle._finish(CallResult.ANSWERING_MACHINE, "simulated: answering machine")
                return
            handle._publish(CallStatus.IN_PROGRESS, reason="simulated: a person answered")
            self._hold(call)
        except Exception as error:  # never lose an outcome, even to a bug
            handle._finish(CallResult.FAILED, f"simulated dialer fault: {error!r}")

    def _hold(self, call: _SimCall) -> None:
        """Keep an answered call open until hang-up or the study's time limit.

        Checked on short real intervals against the dialer's clock: with the system clock
        the time limit passes in real time; with a simulated clock the call stays open
        until hung up (or until the test advances the clock past the limit).
        """
        answered_at = call.answered_at or self._clock.now()
        limit = call.limits.time_limit_s
        while not call.hangup.wait(0.02):
            if self._closed.is_set():
                call.handle._finish(CallResult.ANSWERED, "dialer closed during the call")
                return
            if (self._clock.now() - answered_at).total_seconds() >= limit:
                call.handle._finish(
                    CallResult.ANSWERED, f"answered; ended at the time limit of {limit} s"
                )
                return
        if self._closed.is_set():
            call.handle._finish(CallResult.ANSWERED, "dialer closed during the call")
        else:
            call.handle._finish(CallResult.ANSWERED, "answered; hung up by the interviewer")

    def _call(self, handle: CallHandle) -> _SimCall:
        with self._lock:
            call = self._calls.get(handle.call_id)
        if call is None:
            raise RecordingUnavailable(f"call {handle.call_id} was not placed by this dialer")
        return call

    def hang_up(self, handle: CallHandle) -> None:
        with self._lock:
            call = self._calls.get(handle.call_id)
        if call is not None:
            call.hangup.set()

    def start_recording(self, handle: CallHandle, *, consent_given: bool) -> None:
        require_consent(consent_given)
        call = self._call(handle)
        if handle.status is not CallStatus.IN_PROGRESS:
            raise RecordingUnavailable("only a connected call can be recorded")
        call.recordings += 1
        handle._publish(recording=True)

    def stop_recording(self, handle: CallHandle) -> None:
        self._call(handle)
        handle._publish(recording=False)

    def fetch_recordings(self, handle: CallHandle, folder: Path) -> list[Path]:
        """Write a short silent WAV per recording so the download path can be exercised."""
        call = self._call(handle)
        if not handle.is_final:
            raise RecordingUnavailable("recordings are available after the call has ended")
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for index in range(1, call.recordings + 1):
            path = folder / f"{handle.call_id}-{index}.wav"
            path.write_bytes(_silent_wav(seconds=1))
            paths.append(path)
        return paths

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            calls = list(self._calls.values())
        for call in calls:
            call.hangup.set()


def _silent_wav(seconds: int, rate: int = 8000) -> bytes:
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * rate * seconds)
    return buffer.getvalue()
