"""The interviewer dials a desk phone; the app shows the number and records what happened.

Nothing is placed by the app: :meth:`ManualDialer.dial` only puts the call on screen
(``handle.number.display``), and the interviewer reports the outcome with
:meth:`ManualDialer.report_answered` and :meth:`ManualDialer.report_result`. The call still
ends with exactly one final result, like any other dialer's.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from cati.telephony.dialer import (
    CallHandle,
    CallLimits,
    CallListener,
    Clock,
    RecordingUnavailable,
    SystemClock,
    TelephonyError,
    open_call,
    require_consent,
)
from cati.telephony.results import CallResult, CallStatus

__all__ = ["ManualDialer"]

# What the interviewer can choose at the end of a call they dialled themselves.
MANUAL_RESULTS: tuple[CallResult, ...] = (
    CallResult.ANSWERED,
    CallResult.NO_ANSWER,
    CallResult.BUSY,
    CallResult.ANSWERING_MACHINE,
    CallResult.INVALID_NUMBER,
    CallResult.UNREACHABLE,
    CallResult.CANCELED,
)


class ManualDialer:
    """Shows the number; the interviewer dials it on a desk phone and reports the outcome."""

    name = "manual"

    def __init__(self, *, clock: Clock | None = None) -> None:
        self._clock: Clock = clock or SystemClock()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._calls: dict[str, CallHandle] = {}

    @property
    def supports_recording(self) -> bool:
        return False

    def dial(
        self,
        number: str,
        *,
        extension: str = "",
        limits: CallLimits = CallLimits(),
        listener: CallListener | None = None,
    ) -> CallHandle:
        call_id = f"MAN{next(self._ids):06d}"
        handle, parsed = open_call(call_id, number, extension, listener, self._clock)
        if parsed is None:
            return handle
        with self._lock:
            self._calls[call_id] = handle
        handle._publish(CallStatus.DIALING, reason="dial the number shown on your desk phone")
        return handle

    def _own(self, handle: CallHandle) -> CallHandle:
        with self._lock:
            if self._calls.get(handle.call_id) is not handle:
                raise TelephonyError(f"call {handle.call_id} was not placed by this dialer")
        return handle

    def report_answered(self, handle: CallHandle) -> None:
        """The interviewer says someone picked up; the interview can start."""
        self._own(handle)._publish(CallStatus.IN_PROGRESS, reason="answered (reported)")

    def report_result(self, handle: CallHandle, result: CallResult, reason: str = "") -> None:
        """The interviewer's choice of how the call ended; the first report is final."""
        if result not in MANUAL_RESULTS:
            raise TelephonyError(
                f"'{result.value}' cannot be chosen for a hand-dialled call; choose one of "
                + ", ".join(r.value for r in MANUAL_RESULTS)
            )
        self._own(handle)._finish(result, reason or "reported by the interviewer")

    def hang_up(self, handle: CallHandle) -> None:
        """Ends the call: answered if it was reported answered, otherwise canceled."""
        self._own(handle)
        if handle.status is CallStatus.IN_PROGRESS:
            handle._finish(CallResult.ANSWERED, "answered; hung up by the interviewer")
        else:
            handle._finish(CallResult.CANCELED, "hung up before an outcome was reported")

    def start_recording(self, handle: CallHandle, *, consent_given: bool) -> None:
        require_consent(consent_given)
        raise RecordingUnavailable(
            "a call dialled on a desk phone cannot be recorded by the app; use the Twilio "
            "dialer to record interviews"
        )

    def stop_recording(self, handle: CallHandle) -> None:
        raise RecordingUnavailable("a call dialled on a desk phone is not recorded by the app")

    def fetch_recordings(self, handle: CallHandle, folder: Path) -> list[Path]:
        return []

    def close(self) -> None:
        with self._lock:
            handles = list(self._calls.values())
        for handle in handles:
            handle._finish(CallResult.FAILED, "the app closed before an outcome was reported")
