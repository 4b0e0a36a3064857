"""A local stand-in for Twilio's REST API (Calls, Notifications, Recordings), for tests.

It runs the stdlib HTTP server in a thread on 127.0.0.1 with a random port and behaves like
the parts of api.twilio.com the dialer uses:

* HTTP basic auth with the account SID and auth token, or an API key and secret; anything
  else gets Twilio's 401 / error 20003 payload;
* every request is checked against Twilio's published OpenAPI description
  (``twilio_calls_recordings_openapi.json``, extracted from twilio/twilio-oai): path
  parameter patterns, query parameters, form fields (unknown names rejected, required ones
  present, enum values and integer/boolean types); a violation is answered with 400 and
  remembered in :attr:`FakeTwilio.violations` so a test fails even if the dialer copes;
* answers are shaped like the spec's schemas (every property of the resource present);
* calls move through statuses over (real, short) time: the agent leg queued -> ringing ->
  in-progress, which creates the respondent's child leg queued -> ringing -> in-progress ->
  completed, or busy / no-answer / failed with a notification carrying an error code, per
  the :class:`Scenario` scripted for the respondent's number;
* :class:`Fault` injects error payloads (500, 429, 21211, ...) and delays longer than the
  client's timeout, optionally after carrying the request out (the "Twilio created the call
  but the answer never arrived" case);
* it counts the respondent legs dialled per number: :meth:`FakeTwilio.assert_no_double_dial`.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

SPEC_PATH = Path(__file__).with_name("twilio_calls_recordings_openapi.json")

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "f00dfeed" * 4  # looks like a real 32-hex auth token
API_KEY = "SK" + "fedcba9876543210" * 2
API_SECRET = "sEcReT" + "x7" * 13
PREFIX = f"/2010-04-01/Accounts/{ACCOUNT_SID}"
MP3_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
WAV_BYTES = b"RIFF" + (36).to_bytes(4, "little") + b"WAVEfmt " + b"\x00" * 24


@dataclass
class Scenario:
    """What happens when the bridge dials a respondent's number (times in seconds)."""

    outcome: str = "completed"  # respondent leg: completed | busy | no-answer | failed
    agent_outcome: str = "answer"  # the interviewer's line: answer | no-answer | busy
    error_code: int | None = None  # a notification when the leg fails
    error_message: str = ""
    child_leg: bool = True  # False: <Dial> rejects the number, no child leg appears
    answered_by: str | None = None
    queued_s: float = 0.03
    agent_ring_s: float = 0.05
    ring_s: float = 0.08
    talk_s: float | None = None  # None: until someone hangs up


@dataclass
class Fault:
    """An injected problem for the next ``times`` requests matching method and path end."""

    method: str
    path_suffix: str
    status: int | None = 500  # None: no error, only the delay
    code: int | None = None
    message: str = "Internal server error"
    delay_s: float = 0.0
    perform: bool = False  # carry the request out before answering with the fault
    times: int = 1


@dataclass
class _Call:
    sid: str
    to: str
    from_: str
    parent_sid: str | None
    respondent: str
    scenario: Scenario
    t0: float
    created: datetime
    status: str = "queued"
    start_time: datetime | None = None
    end_time: datetime | None = None
    answered_at: float | None = None
    ringing_at: float | None = None
    answered_by: str | None = None
    notifications: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Recording:
    sid: str
    call_sid: str
    created: datetime
    status: str = "in-progress"


def _rfc2822(moment: datetime | None) -> str | None:
    return format_datetime(moment) if moment else None


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


class _SpecCheck:
    """Request validation against the OpenAPI extract."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.routes = []
        for template, operations in spec["paths"].items():
            names = re.findall(r"{(\w+)}", template)
            pattern = re.escape(template)
            for name in names:
                pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>[^/]+)")
            self.routes.append((re.compile(pattern + "$"), template, operations))

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def match(self, method: str, path: str) -> tuple[str, dict[str, Any], dict[str, str]]:
        for pattern, template, operations in self.routes:
            found = pattern.match(path)
            if found and method.lower() in operations:
                return template, operations[method.lower()], found.groupdict()
        raise LookupError(f"{method} {path} is not in the Calls/Recordings API")

    def _check_value(self, where: str, value: str, schema: dict[str, Any]) -> list[str]:
        schema = self.resolve(schema)
        problems = []
        if schema.get("type") == "array":
            return self._check_value(where, value, schema.get("items", {}))
        if "enum" in schema and value not in schema["enum"]:
            problems.append(f"{where}={value!r} is not one of {schema['enum']}")
        if schema.get("type") == "integer" and not re.fullmatch(r"-?\d+", value):
            problems.append(f"{where}={value!r} is not an integer")
        if schema.get("type") == "boolean" and value not in ("true", "false"):
            problems.append(f"{where}={value!r} is not a boolean")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}={value!r} does not match {schema['pattern']}")
        return problems

    def check(
        self,
        operation: dict[str, Any],
        path_params: dict[str, str],
        query: dict[str, list[str]],
        form: dict[str, list[str]],
        content_type: str,
    ) -> list[str]:
        problems: list[str] = []
        declared = {p["name"]: p for p in operation.get("parameters", [])}
        for name, value in path_params.items():
            problems += self._check_value(f"path {name}", value, declared[name]["schema"])
        query_params = {n: p for n, p in declared.items() if p["in"] == "query"}
        for name, values in query.items():
            if name not in query_params:
                problems.append(f"unknown query parameter {name}")
                continue
            for value in values:
                problems += self._check_value(f"query {name}", value, query_params[name]["schema"])
        body = operation.get("requestBody")
        if body is None:
            if form:
                problems.append(f"unexpected form fields {sorted(form)}")
            return problems
        if form and not content_type.startswith("application/x-www-form-urlencoded"):
            problems.append(f"form sent as {content_type!r}")
        schema = body["content"]["application/x-www-form-urlencoded"]["schema"]
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in form:
                problems.append(f"required form field {name} is missing")
        for name, values in form.items():
            if name not in properties:
                problems.append(f"unknown form field {name}")
                continue
            for value in values:
                problems += self._check_value(f"form {name}", value, properties[name])
        return problems


class FakeTwilio:
    """The fake REST API; use as a context manager or call :meth:`start`/:meth:`stop`."""

    def __init__(self, *, delay_s: float = 0.0) -> None:
        self.spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
        self._check = _SpecCheck(self.spec)
        self.delay_s = delay_s
        self.scenarios: dict[str, Scenario] = {}
        self.faults: list[Fault] = []
        self.violations: list[str] = []
        self.requests: list[tuple[str, str, dict[str, list[str]]]] = []
        self.dials: Counter[str] = Counter()  # respondent legs created per number
        self.creates: Counter[str] = Counter()  # REST creates per 'To'
        self.hold: threading.Event | None = None  # when set to a clear Event: requests wait
        self.held = threading.Semaphore(0)  # released once per request that starts waiting
        self.responses_sent = 0
        self.lock = threading.RLock()
        self.calls: dict[str, _Call] = {}
        self.recordings: dict[str, _Recording] = {}
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> FakeTwilio:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> FakeTwilio:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True, name="fake-twilio"
        ).start()
        return self

    def stop(self) -> None:
        if self.hold is not None:
            self.hold.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    def assert_no_double_dial(self) -> None:
        doubled = {n: c for n, c in self.dials.items() if c > 1}
        assert not doubled, f"respondents dialled more than once: {doubled}"

    def paths(self, method: str | None = None) -> list[str]:
        return [p for m, p, _ in self.requests if method in (None, m)]

    # -- the simulation ---------------------------------------------------------------------

    def create_call(self, form: dict[str, str]) -> _Call:
        twiml = form.get("Twiml", "")
        found = re.search(r"<Number[^>]*>([^<]+)</Number>", twiml)
        respondent = found.group(1).strip() if found else ""
        scenario = self.scenarios.get(respondent, Scenario())
        now = time.monotonic()
        call = _Call(
            _sid("CA"), form["To"], form["From"], None, respondent, scenario, now, datetime.now(UTC)
        )
        self.calls[call.sid] = call
        self.creates[form["To"]] += 1
        return call

    def tick(self) -> None:
        """Move every call along its scenario up to now."""
        now = time.monotonic()
        for call in list(self.calls.values()):
            if call.parent_sid is None:
                self._tick_agent_leg(call, now)
        for call in list(self.calls.values()):
            if call.parent_sid is not None:
                self._tick_respondent_leg(call, now)

    def _end(self, call: _Call, status: str) -> None:
        if call.status in ("queued", "ringing", "in-progress"):
            call.status = status
            call.end_time = datetime.now(UTC)
            for rec in self.recordings.values():
                if rec.call_sid == call.sid and rec.status in ("in-progress", "stopped"):
                    rec.status = "completed"

    def _tick_agent_leg(self, call: _Call, now: float) -> None:
        sc = call.scenario
        if call.status == "queued" and now >= call.t0 + sc.queued_s:
            call.status = "ringing"
        if call.status == "ringing" and now >= call.t0 + sc.queued_s + sc.agent_ring_s:
            if sc.agent_outcome != "answer":
                self._end(call, sc.agent_outcome)
                return
            call.status, call.start_time, call.answered_at = "in-progress", datetime.now(UTC), now
            if not sc.child_leg:
                self._notify(call, sc)
                self._end(call, "completed")
                return
            child = _Call(
                _sid("CA"),
                call.respondent,
                call.from_,
                call.sid,
                call.respondent,
                sc,
                now,
                datetime.now(UTC),
            )
            self.calls[child.sid] = child
            self.dials[call.respondent] += 1

    def _tick_respondent_leg(self, call: _Call, now: float) -> None:
        sc = call.scenario
        parent = self.calls[call.parent_sid or ""]
        if call.status == "queued" and now >= call.t0 + 0.02:
            call.status, call.ringing_at = "ringing", now
        if call.status == "ringing" and call.ringing_at and now >= call.ringing_at + sc.ring_s:
            if sc.outcome == "completed":
                call.status, call.start_time, call.answered_at = (
                    "in-progress",
                    datetime.now(UTC),
                    now,
                )
                call.answered_by = sc.answered_by
            else:
                if sc.error_code:
                    self._notify(call, sc)
                self._end(call, sc.outcome)
                self._end(parent, "completed")
        if (
            call.status == "in-progress"
            and sc.talk_s is not None
            and call.answered_at
            and now >= call.answered_at + sc.talk_s
        ):
            self._end(call, "completed")
            self._end(parent, "completed")

    def _notify(self, call: _Call, sc: Scenario) -> None:
        if sc.error_code:
            call.notifications.append(
                {
                    "error_code": str(sc.error_code),
                    "message_text": sc.error_message or "Dial failed",
                }
            )

    def hang_up(self, call: _Call, status: str) -> None:
        legs = [call] + [c for c in self.calls.values() if c.parent_sid == call.sid]
        for leg in legs:
            live = leg.status in ("queued", "ringing")
            self._end(leg, "canceled" if live else "completed")

    # -- representations shaped like the spec -------------------------------------------------

    def _shape(self, schema_name: str, values: dict[str, Any]) -> dict[str, Any]:
        properties = self.spec["components"]["schemas"][schema_name]["properties"]
        unknown = set(values) - set(properties)
        assert not unknown, f"fake answers with fields not in {schema_name}: {unknown}"
        return {name: values.get(name) for name in properties}

    def call_json(self, call: _Call) -> dict[str, Any]:
        uri = f"{PREFIX}/Calls/{call.sid}.json"
        duration = None
        if call.end_time and call.start_time:
            duration = str(int((call.end_time - call.start_time).total_seconds()))
        return self._shape(
            "api.v2010.account.call",
            {
                "sid": call.sid,
                "date_created": _rfc2822(call.created),
                "date_updated": _rfc2822(datetime.now(UTC)),
                "parent_call_sid": call.parent_sid,
                "account_sid": ACCOUNT_SID,
                "to": call.to,
                "to_formatted": call.to,
                "from": call.from_,
                "from_formatted": call.from_,
                "phone_number_sid": "PN" + "a" * 32,
                "status": call.status,
                "start_time": _rfc2822(call.start_time),
                "end_time": _rfc2822(call.end_time),
                "duration": duration,
                "price": None,
                "price_unit": "USD",
                "direction": "outbound-dial" if call.parent_sid else "outbound-api",
                "answered_by": call.answered_by,
                "api_version": "2010-04-01",
                "queue_time": "0",
                "uri": uri,
                "subresource_uris": {
                    "notifications": uri.replace(".json", "/Notifications.json"),
                    "recordings": uri.replace(".json", "/Recordings.json"),
                },
            },
        )

    def recording_json(self, rec: _Recording, schema: str) -> dict[str, Any]:
        values: dict[str, Any] = {
            "account_sid": ACCOUNT_SID,
            "api_version": "2010-04-01",
            "call_sid": rec.call_sid,
            "date_created": _rfc2822(rec.created),
            "date_updated": _rfc2822(datetime.now(UTC)),
            "start_time": _rfc2822(rec.created),
            "duration": "-1",
            "sid": rec.sid,
            "price_unit": "USD",
            "status": rec.status,
            "channels": 2,
            "source": "StartCallRecordingAPI",
            "error_code": None,
            "uri": f"{PREFIX}/Recordings/{rec.sid}.json",
        }
        if schema == "api.v2010.account.call.call_recording":
            values["track"] = "both"
        else:
            values["media_url"] = f"https://api.twilio.com{PREFIX}/Recordings/{rec.sid}"
        return self._shape(schema, values)

    def notification_json(self, call: _Call, note: dict[str, Any]) -> dict[str, Any]:
        code = note["error_code"]
        return self._shape(
            "api.v2010.account.call.call_notification",
            {
                "account_sid": ACCOUNT_SID,
                "api_version": "2010-04-01",
                "call_sid": call.sid,
                "date_created": _rfc2822(call.created),
                "error_code": code,
                "log": "0",
                "message_date": _rfc2822(call.created),
                "message_text": note["message_text"],
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "request_method": "POST",
                "sid": "NO" + uuid.uuid4().hex,
                "uri": f"{PREFIX}/Calls/{call.sid}/Notifications/NO{'b' * 32}.json",
            },
        )

    @staticmethod
    def page(key: str, items: list[dict[str, Any]], uri: str, size: int) -> dict[str, Any]:
        return {
            key: items[:size],
            "end": max(0, min(len(items), size) - 1),
            "first_page_uri": uri,
            "next_page_uri": None,
            "page": 0,
            "page_size": size,
            "previous_page_uri": None,
            "start": 0,
            "uri": uri,
        }


def error_body(status: int, code: int | None, message: str) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "status": status,
        "more_info": f"https://www.twilio.com/docs/errors/{code}" if code else None,
    }


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeTwilio
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        return

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _send(
        self,
        status: int,
        body: dict[str, Any] | bytes | None,
        content_type: str = "application/json",
    ) -> None:
        payload = json.dumps(body).encode() if isinstance(body, dict) else (body or b"")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            with self.server_fake.lock:
                self.server_fake.responses_sent += 1
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return (user, password) in ((ACCOUNT_SID, AUTH_TOKEN), (API_KEY, API_SECRET))

    def _handle(self, method: str) -> None:
        fake = self.server_fake
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        form = parse_qs(raw, keep_blank_values=True)
        with fake.lock:
            fake.requests.append((method, parts.path, {**query, **form}))
            fault = next(
                (
                    f
                    for f in fake.faults
                    if f.times > 0 and f.method == method and parts.path.endswith(f.path_suffix)
                ),
                None,
            )
            if fault is not None:
                fault.times -= 1
        if fake.hold is not None and not fake.hold.is_set():
            fake.held.release()
            fake.hold.wait(30)
        if fake.delay_s:
            time.sleep(fake.delay_s)
        if not self._authorised():
            self._send(401, error_body(401, 20003, "Authenticate"))
            return
        if fault is not None and not fault.perform:
            time.sleep(fault.delay_s)
            if fault.status is not None:
                self._send(fault.status, error_body(fault.status, fault.code, fault.message))
                return
        status, body, content_type = self._route(method, parts.path, query, form)
        if fault is not None and fault.perform:
            time.sleep(fault.delay_s)
            if fault.status is not None:
                status, body = fault.status, error_body(fault.status, fault.code, fault.message)
                content_type = "application/json"
        self._send(status, body, content_type)

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], form: dict[str, list[str]]
    ) -> tuple[int, Any, str]:
        fake = self.server_fake
        media = re.fullmatch(rf"{PREFIX}/Recordings/(RE[0-9a-f]{{32}})\.(mp3|wav)", path)
        if media and method == "GET":
            with fake.lock:
                rec = fake.recordings.get(media.group(1))
            if rec is None or rec.status != "completed":
                return (
                    404,
                    error_body(404, 20404, "The requested resource was not found"),
                    "application/json",
                )
            if media.group(2) == "mp3":
                return 200, MP3_BYTES, "audio/mpeg"
            return 200, WAV_BYTES, "audio/x-wav"
        try:
            template, operation, params = fake._check.match(method, path)
        except LookupError as error:
            fake.violations.append(str(error))
            return 404, error_body(404, 20404, str(error)), "application/json"
        problems = fake._check.check(
            operation, params, query, form, self.headers.get("Content-Type", "")
        )
        if problems:
            fake.violations.extend(f"{method} {template}: {p}" for p in problems)
            return 400, error_body(400, 20001, "; ".join(problems)), "application/json"
        if params.get("AccountSid") != ACCOUNT_SID:
            return 401, error_body(401, 20003, "Authenticate"), "application/json"
        values = {k: v[-1] for k, v in form.items()}
        with fake.lock:
            fake.tick()
            status, body = _Routes(fake).dispatch(method, template, params, query, values)
        return status, body, "application/json"


class _Routes:
    def __init__(self, fake: FakeTwilio) -> None:
        self.fake = fake

    def dispatch(
        self,
        method: str,
        template: str,
        params: dict[str, str],
        query: dict[str, list[str]],
        form: dict[str, str],
    ) -> tuple[int, Any]:
        tail = template.split("{AccountSid}", 1)[1]
        handler = getattr(self, _ROUTE_NAMES.get((method, tail), "unsupported"))
        return handler(params, {k: v[-1] for k, v in query.items()}, form)

    def unsupported(self, *args: Any) -> tuple[int, Any]:
        return 405, error_body(405, 20004, "Method not allowed in this fake")

    def _call(self, sid: str) -> _Call | None:
        return self.fake.calls.get(sid)

    def create_call(self, params: Any, query: Any, form: dict[str, str]) -> tuple[int, Any]:
        to = form["To"]
        if not re.fullmatch(r"\+[1-9]\d{6,14}|sip:.+|client:.+", to):
            return 400, error_body(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if "Twiml" not in form and "Url" not in form and "ApplicationSid" not in form:
            return 400, error_body(400, 21205, "Url, Twiml or ApplicationSid is required")
        call = self.fake.create_call(form)
        return 201, self.fake.call_json(call)

    def list_calls(self, params: Any, query: dict[str, str], form: Any) -> tuple[int, Any]:
        calls = sorted(self.fake.calls.values(), key=lambda c: c.t0, reverse=True)
        for name, attr in (
            ("To", "to"),
            ("From", "from_"),
            ("ParentCallSid", "parent_sid"),
            ("Status", "status"),
        ):
            if name in query:
                calls = [c for c in calls if getattr(c, attr) == query[name]]
        size = int(query.get("PageSize", "50"))
        return 200, self.fake.page(
            "calls", [self.fake.call_json(c) for c in calls], f"{PREFIX}/Calls.json", size
        )

    def fetch_call(self, params: dict[str, str], query: Any, form: Any) -> tuple[int, Any]:
        call = self._call(params["Sid"])
        if call is None:
            return 404, error_body(404, 20404, "The requested resource was not found")
        return 200, self.fake.call_json(call)

    def update_call(
        self, params: dict[str, str], query: Any, form: dict[str, str]
    ) -> tuple[int, Any]:
        call = self._call(params["Sid"])
        if call is None:
            return 404, error_body(404, 20404, "The requested resource was not found")
        if "Status" in form:
            self.fake.hang_up(call, form["Status"])
        return 200, self.fake.call_json(call)

    def list_notifications(
        self, params: dict[str, str], query: dict[str, str], form: Any
    ) -> tuple[int, Any]:
        call = self._call(params["CallSid"])
        if call is None:
            return 404, error_body(404, 20404, "The requested resource was not found")
        items = [self.fake.notification_json(call, n) for n in call.notifications]
        return 200, self.fake.page(
            "notifications",
            items,
            f"{PREFIX}/Calls/{call.sid}/Notifications.json",
            int(query.get("PageSize", "50")),
        )

    def create_recording(self, params: dict[str, str], query: Any, form: Any) -> tuple[int, Any]:
        call = self._call(params["CallSid"])
        if call is None:
            return 404, error_body(404, 20404, "The requested resource was not found")
        if call.status != "in-progress":
            return 400, error_body(400, 21220, "Requested resource is not eligible for recording")
        rec = _Recording(_sid("RE"), call.sid, datetime.now(UTC))
        self.fake.recordings[rec.sid] = rec
        return 201, self.fake.recording_json(rec, "api.v2010.account.call.call_recording")

    def update_recording(
        self, params: dict[str, str], query: Any, form: dict[str, str]
    ) -> tuple[int, Any]:
        rec = self.fake.recordings.get(params["Sid"])
        if rec is None or rec.call_sid != params["CallSid"]:
            return 404, error_body(404, 20404, "The requested resource was not found")
        rec.status = form["Status"]
        return 200, self.fake.recording_json(rec, "api.v2010.account.call.call_recording")

    def list_call_recordings(
        self, params: dict[str, str], query: dict[str, str], form: Any
    ) -> tuple[int, Any]:
        items = [
            self.fake.recording_json(r, "api.v2010.account.call.call_recording")
            for r in self.fake.recordings.values()
            if r.call_sid == params["CallSid"]
        ]
        return 200, self.fake.page(
            "recordings", items, f"{PREFIX}/Recordings.json", int(query.get("PageSize", "50"))
        )

    def list_recordings(self, params: Any, query: dict[str, str], form: Any) -> tuple[int, Any]:
        recs = [
            r
            for r in self.fake.recordings.values()
            if "CallSid" not in query or r.call_sid == query["CallSid"]
        ]
        items = [self.fake.recording_json(r, "api.v2010.account.recording") for r in recs]
        return 200, self.fake.page(
            "recordings", items, f"{PREFIX}/Recordings.json", int(query.get("PageSize", "50"))
        )

    def fetch_recording(self, params: dict[str, str], query: Any, form: Any) -> tuple[int, Any]:
        rec = self.fake.recordings.get(params["Sid"])
        if rec is None:
            return 404, error_body(404, 20404, "The requested resource was not found")
        return 200, self.fake.recording_json(rec, "api.v2010.account.recording")


_ROUTE_NAMES = {
    ("POST", "/Calls.json"): "create_call",
    ("GET", "/Calls.json"): "list_calls",
    ("GET", "/Calls/{Sid}.json"): "fetch_call",
    ("POST", "/Calls/{Sid}.json"): "update_call",
    ("GET", "/Calls/{CallSid}/Notifications.json"): "list_notifications",
    ("POST", "/Calls/{CallSid}/Recordings.json"): "create_recording",
    ("GET", "/Calls/{CallSid}/Recordings.json"): "list_call_recordings",
    ("POST", "/Calls/{CallSid}/Recordings/{Sid}.json"): "update_recording",
    ("GET", "/Recordings.json"): "list_recordings",
    ("GET", "/Recordings/{Sid}.json"): "fetch_recording",
}
