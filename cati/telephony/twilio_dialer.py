"""Calls through Twilio's REST API with the agent bridge: no public web server needed.

The flow. ``calls.create`` rings the interviewer's own phone or SIP address
(``CATI_AGENT_NUMBER``) with inline TwiML ``<Dial callerId=...><Number>respondent</Number>
</Dial>``: when the interviewer picks up, Twilio dials the respondent as a *child* call of
that first call and bridges the two. The dialer follows both legs by polling the REST API
on a worker thread per call (``GET Calls/{sid}`` and ``GET Calls?ParentCallSid=``) and
reports through the handle's listener; the respondent's leg decides the result through
:mod:`cati.telephony.twilio_outcomes`.

Never dial a respondent twice. Creating a call is not idempotent, so a create that times
out or gets a 5xx/429 is never simply repeated: the dialer first lists recent calls from
our caller ID to the interviewer's line (and to the respondent) created since the attempt
began. Found: it follows that call. Not found: only a 429 (Twilio refused before acting)
is tried again; anything else ends as ``FAILED`` saying nothing was dialled. Reads (GET)
are retried on 429/5xx/timeouts with exponential backoff.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client
from twilio.twiml.voice_response import Dial, VoiceResponse

from cati.telephony.credentials import TwilioCredentials
from cati.telephony.dialer import (
    CallHandle,
    CallLimits,
    CallListener,
    Clock,
    DialNumber,
    RecordingUnavailable,
    SystemClock,
    TelephonyError,
    mask_phone_numbers,
    open_call,
    require_consent,
)
from cati.telephony.results import CallResult, CallStatus
from cati.telephony.twilio_http import RebasedHttpClient
from cati.telephony.twilio_outcomes import error_outcome, status_outcome

__all__ = ["TwilioDialer", "TwilioOptions", "bridge_twiml"]

_log = logging.getLogger(__name__)
T = TypeVar("T")

_LIVE = ("queued", "ringing", "in-progress")
_RECORDING_READY = "completed"
_RECORDING_PENDING = ("in-progress", "paused", "stopped", "processing")


@dataclass(frozen=True)
class TwilioOptions:
    """Timing of the dialer's conversation with the REST API (tests shorten all of it)."""

    poll_interval_s: float = 1.0
    request_timeout_s: float = 10.0
    read_attempts: int = 5  # a GET is tried this often on 429/5xx/timeouts
    backoff_s: float = 0.5  # first pause between tries; doubles, at most backoff_cap_s
    backoff_cap_s: float = 8.0
    lookup_delay_s: float = 2.0  # pause before the second look for an unconfirmed create
    clock_skew_s: float = 60.0  # how far before our attempt a found call may be dated
    create_attempts: int = 2  # only a confirmed-absent 429 is tried again
    agent_ring_timeout_s: int = 20  # how long Twilio rings the interviewer's own line
    detect_machines: bool = False  # Twilio answering-machine detection on the respondent
    recording_format: Literal["mp3", "wav"] = "mp3"
    recording_ready_timeout_s: float = 60.0


def bridge_twiml(
    respondent: DialNumber,
    caller_id: str,
    limits: CallLimits,
    *,
    detect_machines: bool = False,
) -> str:
    """The inline TwiML that bridges the interviewer's line to the respondent.

    ``answerOnBridge`` keeps the interviewer hearing ringback until the respondent answers;
    recording is not switched on here because it may start only after consent.
    """
    response = VoiceResponse()
    dial = Dial(
        caller_id=caller_id,
        timeout=limits.ring_timeout_s,
        time_limit=limits.time_limit_s,
        answer_on_bridge=True,
    )
    number_attributes: dict[str, str] = {}
    if respondent.extension:
        number_attributes["send_digits"] = "ww" + respondent.extension
    if detect_machines:
        number_attributes["machine_detection"] = "Enable"
    dial.number(respondent.e164, **number_attributes)
    response.append(dial)
    return str(response)


@dataclass
class _TwilioCall:
    handle: CallHandle
    number: DialNumber
    limits: CallLimits
    commands: queue.Queue[tuple[str, Any]] = field(default_factory=queue.Queue)
    wake: threading.Event = field(default_factory=threading.Event)
    parent_sid: str | None = None
    child_sid: str | None = None
    parent_status: str = "queued"
    hangup_requested: bool = False
    recording_sid: str | None = None
    recording_sids: list[str] = field(default_factory=list)


class _Ambiguous(Exception):
    """A create whose fate is unknown (timeout, 5xx) or refused (429)."""

    def __init__(self, why: str, refused: bool) -> None:
        super().__init__(why)
        self.why = why
        self.refused = refused


class TwilioDialer:
    """The :class:`~cati.telephony.dialer.Dialer` that places real calls through Twilio."""

    name = "twilio"

    def __init__(
        self,
        credentials: TwilioCredentials,
        *,
        api_url: str | None = None,
        options: TwilioOptions | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._credentials = credentials.require_complete()
        self.options = options or TwilioOptions()
        self._clock: Clock = clock or SystemClock()
        self._http = RebasedHttpClient(api_url, timeout=self.options.request_timeout_s)
        username, password = credentials.basic_auth()
        self._client = Client(
            username=username,
            password=password,
            account_sid=credentials.account_sid,
            http_client=self._http,
            environment={"CATI": "isolated"},
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._calls: dict[str, _TwilioCall] = {}
        self._threads: list[threading.Thread] = []
        self._known_sids: set[str] = set()
        self._closing = threading.Event()

    def __repr__(self) -> str:
        return f"TwilioDialer({self._credentials!r}, api_url={self._http.base_url!r})"

    @property
    def supports_recording(self) -> bool:
        return True

    # -- the caller's side: all of it returns at once -------------------------------------

    def dial(
        self,
        number: str,
        *,
        extension: str = "",
        limits: CallLimits = CallLimits(),
        listener: CallListener | None = None,
    ) -> CallHandle:
        call_id = f"TW{next(self._ids):06d}"
        handle, parsed = open_call(call_id, number, extension, listener, self._clock)
        if parsed is None:
            return handle
        call = _TwilioCall(handle, parsed, limits)
        if self._closing.is_set():
            handle._finish(CallResult.FAILED, "not dialled: the dialer is closed")
            return handle
        handle._publish(CallStatus.QUEUED, reason="placing the call")
        thread = threading.Thread(
            target=self._run, args=(call,), daemon=True, name=f"cati-twilio-{call_id}"
        )
        with self._lock:
            self._calls[call_id] = call
            self._threads.append(thread)
        thread.start()
        return handle

    def _own(self, handle: CallHandle) -> _TwilioCall:
        with self._lock:
            call = self._calls.get(handle.call_id)
        if call is None or call.handle is not handle:
            raise TelephonyError(f"call {handle.call_id} was not placed by this dialer")
        return call

    def hang_up(self, handle: CallHandle) -> None:
        call = self._own(handle)
        self._command(call, "hang_up")

    def start_recording(self, handle: CallHandle, *, consent_given: bool) -> None:
        require_consent(consent_given)
        call = self._own(handle)
        if handle.status is not CallStatus.IN_PROGRESS:
            raise RecordingUnavailable(
                "only a connected call can be recorded; wait until the respondent answers"
            )
        self._command(call, "start_recording")

    def stop_recording(self, handle: CallHandle) -> None:
        call = self._own(handle)
        self._command(call, "stop_recording")

    def _command(self, call: _TwilioCall, name: str) -> None:
        call.commands.put((name, None))
        call.wake.set()

    def close(self, timeout: float = 5.0) -> None:
        """Hang up live calls, let their workers finish; anything left ends as FAILED."""
        with self._lock:
            calls = list(self._calls.values())
            threads = list(self._threads)
        for call in calls:
            if not call.handle.is_final:
                self._command(call, "hang_up")
        self._closing.set()
        for thread in threads:
            thread.join(timeout)
        for call in calls:
            call.handle._finish(CallResult.FAILED, "the dialer was closed during the call")

    # -- the worker's side ----------------------------------------------------------------

    def _run(self, call: _TwilioCall) -> None:
        try:
            if self._place(call):
                self._follow(call)
        except Exception as error:  # the one final result must come, whatever happened
            call.handle._finish(*self._fault(error, "following the call"))
        finally:
            if not call.handle.is_final:
                call.handle._finish(
                    CallResult.FAILED,
                    "the call's worker stopped without a result (please report this)",
                )

    def _fault(self, error: BaseException, doing: str) -> tuple[CallResult, str]:
        """A result and a scrubbed reason for an error that ended the call's follow-up."""
        if isinstance(error, TelephonyError):
            return CallResult.FAILED, self._credentials.scrub(str(error))
        if isinstance(error, TwilioRestException):
            result, reason = error_outcome(error.code, str(error.msg), leg="agent")
            return result, self._credentials.scrub(f"{reason} (HTTP {error.status}, {doing})")
        if isinstance(error, requests.Timeout):
            return CallResult.FAILED, f"Twilio did not answer in time while {doing}"
        if isinstance(error, requests.ConnectionError):
            return CallResult.FAILED, (
                f"cannot reach Twilio while {doing}: check the network "
                "(and CATI_TWILIO_API_URL if set)"
            )
        text = self._credentials.scrub(f"{type(error).__name__}: {error}")
        _log.error("Twilio dialer fault while %s: %s", doing, mask_phone_numbers(text))
        return CallResult.FAILED, f"dialer fault while {doing}: {text}"

    def _place(self, call: _TwilioCall) -> bool:
        """Create the bridge call exactly once; False if the call already has its result."""
        creds, handle = self._credentials, call.handle
        twiml = bridge_twiml(
            call.number, creds.caller_id, call.limits, detect_machines=self.options.detect_machines
        )
        started = self._clock.now()
        for attempt in range(1, self.options.create_attempts + 1):
            if self._drain_hang_up(call):
                handle._finish(CallResult.CANCELED, "hung up before the call was placed")
                return False
            try:
                created = self._client.calls.create(
                    to=creds.agent_number,
                    from_=creds.caller_id,
                    twiml=twiml,
                    timeout=self.options.agent_ring_timeout_s,
                    time_limit=call.limits.time_limit_s + call.limits.ring_timeout_s + 60,
                )
                self._adopt(call, str(created.sid), str(created.status or "queued"))
                return True
            except TwilioRestException as error:
                if error.status != 429 and error.status < 500:
                    handle._finish(
                        *error_outcome(
                            error.code, self._credentials.scrub(str(error.msg)), leg="agent"
                        )
                    )
                    return False
                ambiguous = _Ambiguous(f"HTTP {error.status}", refused=error.status == 429)
            except requests.Timeout:
                ambiguous = _Ambiguous(
                    f"no answer within {self.options.request_timeout_s:g} s", refused=False
                )
            except requests.ConnectionError:
                ambiguous = _Ambiguous("connection failed", refused=False)
            _log.warning(
                "call %s: create not confirmed (%s); looking it up", handle.call_id, ambiguous.why
            )
            found = self._find_created(call, started)
            if found is not None:
                self._adopt(call, *found)
                handle._publish(
                    reason=f"Twilio confirmed late ({ambiguous.why}); following the call it placed",
                    force=True,
                )
                return True
            if not ambiguous.refused or attempt == self.options.create_attempts:
                handle._finish(
                    CallResult.FAILED,
                    (
                        f"Twilio did not confirm the call ({ambiguous.why}) and no such call "
                        "exists, so nobody was dialled; it is safe to dial again"
                    ),
                )
                return False
            self._pause(self._backoff(attempt))
        return False  # pragma: no cover - the loop always returns

    def _adopt(self, call: _TwilioCall, sid: str, status: str) -> None:
        with self._lock:
            self._known_sids.add(sid)
        call.parent_sid, call.parent_status = sid, status
        _log.info("call %s is Twilio call %s", call.handle.call_id, sid)

    def _find_created(self, call: _TwilioCall, started: datetime) -> tuple[str, str] | None:
        """Look for the bridge call our unconfirmed create may have placed.

        Candidates: calls from our caller ID to the interviewer's line, or child legs from
        our caller ID to the respondent, dated no earlier than the attempt (less clock
        skew), and not already followed by this dialer.
        """
        creds = self._credentials
        since = started - timedelta(seconds=self.options.clock_skew_s)
        for look in range(2):
            if look:
                self._pause(self.options.lookup_delay_s)
            try:
                agent_legs = self._read(
                    lambda: self._client.calls.list(
                        to=creds.agent_number, from_=creds.caller_id, page_size=20
                    )
                )
                for leg in agent_legs:
                    if self._is_new(str(leg.sid), leg.date_created, since):
                        return str(leg.sid), str(leg.status)
                respondent_legs = self._read(
                    lambda: self._client.calls.list(
                        to=call.number.e164, from_=creds.caller_id, page_size=20
                    )
                )
                for leg in respondent_legs:
                    parent = leg.parent_call_sid
                    if parent and self._is_new(str(parent), leg.date_created, since):
                        return str(parent), "in-progress"
            except (TwilioException, requests.RequestException) as error:
                raise TelephonyError(
                    "Twilio did not confirm the call and could not be asked whether it was "
                    f"placed ({self._fault(error, 'looking the call up')[1]}); check the "
                    "Twilio console before dialling this number again"
                ) from None
        return None

    def _is_new(self, sid: str, created: datetime | None, since: datetime) -> bool:
        with self._lock:
            known = sid in self._known_sids
        return not known and created is not None and created >= since

    def _read(self, request: Callable[[], T]) -> T:
        """Run a read request, retrying on 429, 5xx and timeouts with backoff."""
        attempts = max(1, self.options.read_attempts)
        for attempt in range(1, attempts + 1):
            try:
                return request()
            except TwilioRestException as error:
                if (error.status != 429 and error.status < 500) or attempt == attempts:
                    raise
            except (requests.Timeout, requests.ConnectionError):
                if attempt == attempts:
                    raise
            self._pause(self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return min(self.options.backoff_s * 2 ** (attempt - 1), self.options.backoff_cap_s)

    def _pause(self, seconds: float) -> None:
        self._clock.wait(self._closing, seconds)

    def _drain_hang_up(self, call: _TwilioCall) -> bool:
        """Take queued commands before the call exists; only a hang-up matters then."""
        while True:
            try:
                name, _ = call.commands.get_nowait()
            except queue.Empty:
                return call.hangup_requested
            if name == "hang_up":
                call.hangup_requested = True

    def _follow(self, call: _TwilioCall) -> None:
        """Poll both legs until the respondent's leg (or the bridge) has ended."""
        handle = call.handle
        while not handle.is_final:
            self._run_commands(call)
            parent = self._read(lambda: self._client.calls(call.parent_sid).fetch())
            call.parent_status = str(parent.status)
            child = self._child_leg(call)
            if child is not None:
                self._on_respondent_leg(call, child)
            else:
                self._on_bridge_only(call, str(parent.status))
            if handle.is_final:
                return
            call.wake.clear()
            if call.commands.empty():
                self._clock.wait(call.wake, self.options.poll_interval_s)

    def _child_leg(self, call: _TwilioCall) -> Any | None:
        if call.child_sid is not None:
            return self._read(lambda: self._client.calls(call.child_sid).fetch())
        if call.parent_status in ("queued", "ringing"):
            return None
        children = self._read(
            lambda: self._client.calls.list(parent_call_sid=call.parent_sid, page_size=20)
        )
        if not children:
            return None
        child = children[0]
        call.child_sid = str(child.sid)
        with self._lock:
            self._known_sids.add(call.child_sid)
        return child

    def _on_respondent_leg(self, call: _TwilioCall, child: Any) -> None:
        handle = call.handle
        meaning = status_outcome(str(child.status), getattr(child, "answered_by", None))
        if meaning.result is None:
            handle._publish(meaning.live, reason=meaning.reason)
            return
        result, reason = meaning.result, meaning.reason
        if result is CallResult.UNREACHABLE:
            result, reason = self._explain_failure(call, default=(result, reason))
        elif call.hangup_requested and result in (CallResult.NO_ANSWER, CallResult.BUSY):
            result, reason = CallResult.CANCELED, "hung up before the call was answered"
        handle._finish(result, reason)

    def _on_bridge_only(self, call: _TwilioCall, parent_status: str) -> None:
        """The respondent's leg does not exist yet (or never will)."""
        handle = call.handle
        if parent_status == "queued":
            handle._publish(CallStatus.QUEUED, reason="Twilio queued the call")
        elif parent_status == "ringing":
            handle._publish(CallStatus.DIALING, reason="ringing your own phone: pick it up")
        elif parent_status == "in-progress":
            handle._publish(CallStatus.DIALING, reason="dialling the respondent")
        elif call.hangup_requested:
            handle._finish(CallResult.CANCELED, "hung up before the respondent was dialled")
        elif parent_status == "completed":
            handle._finish(
                *self._explain_failure(
                    call,
                    default=(
                        CallResult.FAILED,
                        "the bridge ended before the respondent was dialled",
                    ),
                )
            )
        else:
            handle._finish(
                CallResult.FAILED,
                (
                    f"your own line did not take the call ({parent_status}): answer your phone "
                    "when the app calls it, and check CATI_AGENT_NUMBER"
                ),
            )

    def _notifications(self, sid: str) -> list[Any]:
        return list(self._client.calls(sid).notifications.list(page_size=20))

    def _explain_failure(
        self, call: _TwilioCall, default: tuple[CallResult, str]
    ) -> tuple[CallResult, str]:
        """Twilio's notifications on either leg say why a dial failed (error codes)."""
        for sid in (call.child_sid, call.parent_sid):
            if sid is None:
                continue
            try:
                notes = self._read(partial(self._notifications, sid))
            except (TwilioException, requests.RequestException):
                continue
            for note in notes:
                code = int(note.error_code) if str(note.error_code or "").isdigit() else None
                if code:
                    text = str(getattr(note, "message_text", "") or "").strip()
                    return error_outcome(
                        code, self._credentials.scrub(text or "call failed"), leg="respondent"
                    )
        return default

    # -- commands, run on the call's worker -------------------------------------------------

    def _run_commands(self, call: _TwilioCall) -> None:
        while True:
            try:
                name, _ = call.commands.get_nowait()
            except queue.Empty:
                return
            try:
                getattr(self, f"_do_{name}")(call)
            except (TwilioException, requests.RequestException) as error:
                reason = self._fault(error, name.replace("_", " "))[1]
                _log.warning(
                    "call %s: %s failed: %s", call.handle.call_id, name, mask_phone_numbers(reason)
                )
                call.handle._publish(
                    reason=f"{name.replace('_', ' ')} failed: {reason}", force=True
                )

    def _do_hang_up(self, call: _TwilioCall) -> None:
        call.hangup_requested = True
        status = "canceled" if call.parent_status in ("queued", "ringing") else "completed"
        if call.parent_status not in _LIVE:
            return
        try:  # setting a final status twice is harmless, so this write may be retried
            self._read(lambda: self._client.calls(call.parent_sid).update(status=status))
        except TwilioRestException as error:
            if error.status != 404 and error.code != 21220:  # 21220: call not in progress
                raise

    def _do_start_recording(self, call: _TwilioCall) -> None:
        if call.recording_sid is not None:
            return
        try:
            recording = self._client.calls(call.parent_sid).recordings.create(
                recording_channels="dual"
            )
        except (TwilioRestException, requests.Timeout) as error:
            if isinstance(error, TwilioRestException) and error.status < 500:
                raise
            # Not idempotent either: look before concluding it did not start.
            running = [
                r
                for r in self._read(
                    lambda: self._client.calls(call.parent_sid).recordings.list(page_size=20)
                )
                if str(r.status) == "in-progress" and str(r.sid) not in call.recording_sids
            ]
            if not running:
                raise
            recording = running[0]
        call.recording_sid = str(recording.sid)
        call.recording_sids.append(call.recording_sid)
        call.handle._publish(recording=True, reason="recording")

    def _do_stop_recording(self, call: _TwilioCall) -> None:
        if call.recording_sid is None:
            return
        sid = call.recording_sid
        self._read(
            lambda: self._client.calls(call.parent_sid).recordings(sid).update(status="stopped")
        )
        call.recording_sid = None
        call.handle._publish(recording=False, reason="recording stopped")

    # -- recordings after the call --------------------------------------------------------

    def fetch_recordings(self, handle: CallHandle, folder: Path) -> list[Path]:
        """Download the call's recordings into ``folder`` (blocking: run it in a worker).

        Waits up to ``recording_ready_timeout_s`` for Twilio to finish processing.
        """
        call = self._own(handle)
        if call.parent_sid is None:
            return []
        try:
            return self._download_all(call, folder)
        except (TwilioException, requests.RequestException, OSError) as error:
            raise RecordingUnavailable(
                f"the recordings of call {handle.call_id} could not be downloaded: "
                f"{self._fault(error, 'downloading recordings')[1]}"
            ) from None

    def _fetch_recording(self, sid: str) -> Any:
        return self._client.recordings(sid).fetch()

    def _download_all(self, call: _TwilioCall, folder: Path) -> list[Path]:
        listed = self._read(
            lambda: self._client.recordings.list(call_sid=call.parent_sid, page_size=50)
        )
        sids = list(dict.fromkeys([*call.recording_sids, *(str(r.sid) for r in listed)]))
        deadline = self._clock.now() + timedelta(seconds=self.options.recording_ready_timeout_s)
        paths = []
        fmt = self.options.recording_format
        for sid in sids:
            while True:
                recording = self._read(partial(self._fetch_recording, sid))
                status = str(recording.status)
                if status == _RECORDING_READY:
                    break
                if status not in _RECORDING_PENDING or self._clock.now() >= deadline:
                    raise RecordingUnavailable(
                        f"recording {sid} is '{status}' at Twilio and cannot be downloaded"
                    )
                self._pause(max(self.options.poll_interval_s, 0.01))
            url = (
                f"https://api.twilio.com/2010-04-01/Accounts/"
                f"{self._credentials.account_sid}/Recordings/{sid}.{fmt}"
            )
            target = folder / f"{call.handle.call_id}-{sid}.{fmt}"
            paths.append(self._http.download(url, self._credentials.basic_auth(), target))
        return paths
