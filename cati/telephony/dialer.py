"""The one interface the interviewer console uses to place calls, whatever carries them.

A dial returns a :class:`CallHandle` at once; the call then lives on a worker thread of the
dialer, and every change of status is reported to a listener callback (and can be read from
the handle at any time). The Qt console therefore never waits on the network: it forwards
the callback to the GUI thread and refreshes from it.

Whatever happens - a busy line, a bad number, a network fault, a bug in a listener - every
dial ends with exactly one final :class:`CallUpdate` carrying a :class:`CallResult` and a
reason a person can read. Faults become ``FAILED`` (or ``INVALID_NUMBER``/``UNREACHABLE``)
with the reason kept; they never escape as exceptions into the caller's thread.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

import phonenumbers

from cati.clock import Clock, SimulatedClock, SystemClock
from cati.errors import CatiError
from cati.telephony.results import CallResult, CallStatus

__all__ = [
    "CallHandle",
    "CallLimits",
    "CallListener",
    "CallUpdate",
    "Clock",
    "ConsentRequired",
    "Dialer",
    "RecordingUnavailable",
    "SimulatedClock",
    "SystemClock",
    "TelephonyError",
    "mask_phone_numbers",
    "parse_dial_number",
]

_log = logging.getLogger(__name__)


class TelephonyError(CatiError):
    """A telephony request the dialer cannot carry out as asked."""


class ConsentRequired(TelephonyError):
    """Recording was requested without the respondent's recorded consent."""


class RecordingUnavailable(TelephonyError):
    """The call or the dialer cannot record, or the recording cannot be fetched (yet)."""


@dataclass(frozen=True)
class CallLimits:
    """The study's limits for one call: how long to let it ring and how long it may last."""

    ring_timeout_s: int = 30
    time_limit_s: int = 3600

    def __post_init__(self) -> None:
        if not 5 <= self.ring_timeout_s <= 600:
            raise ValueError(f"ring timeout must be 5..600 seconds, got {self.ring_timeout_s}")
        if not 60 <= self.time_limit_s <= 4 * 3600:
            raise ValueError(f"call time limit must be 60..14400 seconds, got {self.time_limit_s}")


@dataclass(frozen=True)
class CallUpdate:
    """One change in a call's life, as reported to the listener.

    ``result`` is set on the final update only (``status`` is then ``ENDED``); ``reason``
    explains a result or a status (for a person: "busy", "Twilio 21211: ...").
    ``recording`` says whether a recording is running after this change.
    """

    call_id: str
    status: CallStatus
    at: datetime
    result: CallResult | None = None
    reason: str = ""
    recording: bool = False

    @property
    def is_final(self) -> bool:
        return self.result is not None


CallListener = Callable[[CallUpdate], None]


_DIGIT_RUN = re.compile(r"\+?\d[\d\s().-]{4,}\d")


def mask_phone_numbers(text: str) -> str:
    """Hide phone numbers in text meant for logs (phones never go to logs)."""

    def _mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return "+…" + digits[-2:] if len(digits) >= 6 else match.group(0)

    return _DIGIT_RUN.sub(_mask, text)


@dataclass(frozen=True)
class DialNumber:
    """A number ready to dial: E.164 plus optional DTMF extension."""

    e164: str
    extension: str = ""

    @property
    def display(self) -> str:
        """The number formatted for a person reading it off the screen."""
        parsed = phonenumbers.parse(self.e164)
        text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return f"{text} ext. {self.extension}" if self.extension else text


def parse_dial_number(number: str, extension: str = "") -> DialNumber:
    """Check that ``number`` is a valid E.164 number and ``extension`` only DTMF digits.

    Raises :class:`ValueError` with a message for a person; dialers turn it into an
    ``INVALID_NUMBER`` result without placing a call.
    """
    text = number.strip()
    if not re.fullmatch(r"\+[1-9]\d{6,14}", text):
        raise ValueError("not an E.164 number (expected + and 7 to 15 digits)")
    try:
        parsed = phonenumbers.parse(text)
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"not a phone number ({error})") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("no such number in the numbering plan of its country")
    if extension and not re.fullmatch(r"[0-9*#wW]{1,20}", extension):
        raise ValueError("the extension may contain only digits, *, # and w (pause)")
    return DialNumber(text, extension)


def open_call(
    call_id: str, number: str, extension: str, listener: CallListener | None, clock: Clock
) -> tuple[CallHandle, DialNumber | None]:
    """A new handle for a dial; a number that cannot be dialled ends it at once as
    ``INVALID_NUMBER`` (the number is then ``None`` and nothing must be placed)."""
    try:
        parsed = parse_dial_number(number, extension)
    except ValueError as error:
        handle = CallHandle(call_id, None, listener, clock)
        handle._finish(CallResult.INVALID_NUMBER, f"not dialled: {error}")
        return handle, None
    return CallHandle(call_id, parsed, listener, clock), parsed


@dataclass
class _HandleState:
    status: CallStatus = CallStatus.QUEUED
    result: CallResult | None = None
    reason: str = ""
    recording: bool = False
    history: list[CallUpdate] = field(default_factory=list)


class CallHandle:
    """One dial attempt: its current state, its history, and a way to wait for its end.

    Dialers update it through :meth:`_publish` from their worker threads; readers see a
    consistent snapshot. The number is kept out of ``repr`` (phones never in logs).
    """

    def __init__(
        self,
        call_id: str,
        number: DialNumber | None,
        listener: CallListener | None,
        clock: Clock,
    ) -> None:
        self.call_id = call_id
        self.number = number
        self._listener = listener
        self._clock = clock
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._state = _HandleState()
        self._finished = threading.Event()

    def __repr__(self) -> str:
        return f"CallHandle({self.call_id!r}, status={self.status.value})"

    @property
    def status(self) -> CallStatus:
        with self._lock:
            return self._state.status

    @property
    def result(self) -> CallResult | None:
        with self._lock:
            return self._state.result

    @property
    def reason(self) -> str:
        with self._lock:
            return self._state.reason

    @property
    def recording(self) -> bool:
        with self._lock:
            return self._state.recording

    @property
    def is_final(self) -> bool:
        return self._finished.is_set()

    def history(self) -> list[CallUpdate]:
        """Every update published so far, oldest first."""
        with self._lock:
            return list(self._state.history)

    @property
    def was_recorded(self) -> bool:
        """Whether a recording ran at some point of the call."""
        with self._lock:
            return any(update.recording for update in self._state.history)

    def latest(self) -> CallUpdate | None:
        with self._lock:
            return self._state.history[-1] if self._state.history else None

    def wait(self, timeout: float | None = None) -> CallResult | None:
        """Block until the final result (for CLIs, tests and worker threads, not the GUI)."""
        self._finished.wait(timeout)
        return self.result

    def wait_for(self, *statuses: CallStatus, timeout: float | None = None) -> bool:
        """Block until the call reaches one of ``statuses`` or ends; True if it did either.

        For CLIs, tests and worker threads; the GUI listens to updates instead.
        """
        with self._changed:
            return self._changed.wait_for(
                lambda: self._state.status in statuses or self._state.result is not None,
                timeout,
            )

    # -- for dialers ------------------------------------------------------------------------

    def _publish(
        self,
        status: CallStatus | None = None,
        *,
        reason: str | None = None,
        recording: bool | None = None,
        force: bool = False,
    ) -> bool:
        """Record a status change and tell the listener; False if nothing changed or final."""
        with self._lock:
            if self._state.result is not None:
                return False
            state = self._state
            new_status = status or state.status
            new_recording = state.recording if recording is None else recording
            new_reason = state.reason if reason is None else reason
            if (
                not force
                and new_status == state.status
                and new_recording == state.recording
                and new_reason == state.reason
                and state.history
            ):
                return False
            if new_status == CallStatus.ENDED:
                raise RuntimeError("use _finish to end a call")
            state.status, state.recording, state.reason = new_status, new_recording, new_reason
            update = CallUpdate(
                self.call_id, new_status, self._clock.now(), None, new_reason, new_recording
            )
            state.history.append(update)
            self._changed.notify_all()
        self._notify(update)
        return True

    def _finish(self, result: CallResult, reason: str) -> bool:
        """Publish the one final result; later calls are ignored (first result wins)."""
        with self._lock:
            if self._state.result is not None:
                return False
            state = self._state
            state.status, state.result, state.reason = CallStatus.ENDED, result, reason
            state.recording = False
            update = CallUpdate(
                self.call_id, CallStatus.ENDED, self._clock.now(), result, reason, False
            )
            state.history.append(update)
            self._changed.notify_all()
        _log.info("call %s ended: %s (%s)", self.call_id, result.value, mask_phone_numbers(reason))
        self._finished.set()
        self._notify(update)
        return True

    def _notify(self, update: CallUpdate) -> None:
        if self._listener is None:
            return
        try:
            self._listener(update)
        except Exception:  # a listener bug must not kill the call's worker
            _log.exception("call listener failed on %s update", update.status.value)


@runtime_checkable
class Dialer(Protocol):
    """Places calls and reports how they go. Implementations: simulated, manual, Twilio.

    Threading contract: every method returns promptly on the caller's thread except
    :meth:`fetch_recordings` (a download: run it in a worker). Status arrives through the
    ``listener`` passed to :meth:`dial`, called on a dialer thread; GUI code must hand it
    over to the GUI thread before touching widgets.
    """

    name: str

    @property
    def supports_recording(self) -> bool:
        """Whether :meth:`start_recording` can work with this dialer."""
        ...

    def dial(
        self,
        number: str,
        *,
        extension: str = "",
        limits: CallLimits = ...,
        listener: CallListener | None = None,
    ) -> CallHandle:
        """Start a call to ``number`` (E.164) and return its handle at once. Never raises
        for a bad number or a network fault: those end the call with a final result."""
        ...

    def hang_up(self, handle: CallHandle) -> None:
        """End the call (before an answer this cancels it). Safe to call more than once."""
        ...

    def start_recording(self, handle: CallHandle, *, consent_given: bool) -> None:
        """Record the connected call. Raises :class:`ConsentRequired` unless the caller
        states the respondent's consent was recorded, :class:`RecordingUnavailable` if the
        call is not connected or the dialer cannot record."""
        ...

    def stop_recording(self, handle: CallHandle) -> None:
        """Stop a running recording (the call goes on)."""
        ...

    def fetch_recordings(self, handle: CallHandle, folder: Path) -> list[Path]:
        """Download the call's recordings into ``folder``; blocking (use a worker)."""
        ...

    def close(self) -> None:
        """Stop worker threads; calls still running are ended as ``FAILED``."""
        ...


def require_consent(consent_given: bool) -> None:
    """The one rule for recordings: never without the respondent's consent."""
    if not consent_given:
        raise ConsentRequired(
            "Recording needs the respondent's consent. Ask the consent question and record "
            "the answer first; recording starts only after a 'yes'."
        )
