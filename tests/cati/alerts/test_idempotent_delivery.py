"""A slow server never gets an alert twice: a message handed over whose answer never came is
"maybe sent", shown to the supervisor and sent again only on purpose, under the same
Message-ID. Real local servers (aiosmtpd, an HTTP stand-in for Telegram) that answer after
the transport's (short, for the test) timeout."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from cati.accounts import Actor, Role, add_account
from cati.alerts.delivery import DeliveryPolicy, deliver_due, resend_alert, undelivered
from cati.alerts.transports import OutgoingMessage, SmtpTransport, TelegramTransport
from cati.cli import main
from cati.clock import SimulatedClock
from cati.db import AlertDelivery, DeliveryState
from cati.supervision.alerts import inbox
from tests.cati.alerts.servers import free_port
from tests.cati.exports.factory import StudyData, add_alert

TIMEOUT = 0.5  # the transports' timeout here; the servers answer later when told to
SLOW = 1.2
EMAIL_ONLY = {"recipients": [{"channel": "email", "to": ["quality@alfa.ru"]}]}


@dataclass
class SlowMailbox:
    """aiosmtpd handler that keeps every message and can answer slowly at one step."""

    slow_at: str = ""  # "RCPT", "DATA" (after the message arrived) or "QUIT"
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def _maybe_wait(self, step: str) -> None:
        if self.slow_at == step:
            await asyncio.sleep(SLOW)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        await self._maybe_wait("RCPT")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:  # the server has the message: it is delivered, whatever follows
            self.messages.append(message_from_bytes(envelope.content, policy=default))
        await self._maybe_wait("DATA")
        return "250 OK"

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        await self._maybe_wait("QUIT")
        return "221 Bye"


@pytest.fixture
def mailbox() -> Iterator[tuple[SlowMailbox, SmtpTransport]]:
    handler = SlowMailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        transport = SmtpTransport(
            "127.0.0.1",
            controller.port,
            security="none",
            sender="cati@agency.ru",
            timeout=TIMEOUT,
        )
        yield handler, transport
    finally:
        controller.stop()


@pytest.fixture
def email_study(session: Session, study: StudyData) -> StudyData:
    study.study.settings = {**study.study.settings, "alerts": EMAIL_ONLY}
    session.add(study.study)
    session.commit()
    add_alert(session, study)
    session.commit()
    return study


@pytest.fixture
def supervisor(engine: Engine, clock: SimulatedClock) -> Actor:
    return add_account(engine, "olga", "Ольга Супервайзер", Role.SUPERVISOR, "password1", clock)


def _deliveries(engine: Engine) -> list[AlertDelivery]:
    with Session(engine) as session:
        return list(session.exec(select(AlertDelivery).order_by(col(AlertDelivery.id))).all())


def test_a_server_answering_after_the_timeout_gets_the_message_once(
    engine: Engine,
    email_study: StudyData,
    clock: SimulatedClock,
    mailbox: tuple[SlowMailbox, SmtpTransport],
) -> None:
    handler, transport = mailbox
    handler.slow_at = "DATA"
    report = deliver_due(engine, clock, {"email": transport})
    assert (report.sent, report.retrying, report.maybe_sent) == (0, 0, 1)
    [delivery] = _deliveries(engine)
    assert delivery.state is DeliveryState.MAYBE_SENT
    assert "may have arrived" in (delivery.last_error or "")
    # However often the worker runs and however long it waits, it does not send it again.
    for _ in range(3):
        clock.advance(3600)
        assert deliver_due(engine, clock, {"email": transport}).sent == 0
    time.sleep(SLOW)  # the slow answer has come by now
    assert len(handler.messages) == 1
    key = delivery.message_key
    assert key and handler.messages[0]["Message-ID"] == f"<cati.{key}@agency.ru>"


def test_the_supervisor_sees_maybe_sent_and_resends_it_on_purpose_under_the_same_id(
    engine: Engine,
    email_study: StudyData,
    clock: SimulatedClock,
    mailbox: tuple[SlowMailbox, SmtpTransport],
    supervisor: Actor,
) -> None:
    handler, transport = mailbox
    handler.slow_at = "DATA"
    deliver_due(engine, clock, {"email": transport})
    study_id = email_study.study.id or 0
    [alert] = inbox(engine, supervisor, study_id)
    assert alert.delivery_state == "maybe_sent"
    [listed] = undelivered(engine, study_id)
    assert (listed.alert_id, listed.status.state) == (alert.alert_id, "maybe_sent")

    handler.slow_at = ""
    assert resend_alert(engine, clock, alert.alert_id) == 1
    assert resend_alert(engine, clock, alert.alert_id) == 0  # already queued
    assert deliver_due(engine, clock, {"email": transport}).sent == 1
    time.sleep(SLOW)
    first, second = handler.messages
    assert first["Message-ID"] == second["Message-ID"]  # recognisably the same message
    [alert] = inbox(engine, supervisor, study_id)
    assert alert.delivery_state == "sent"
    assert undelivered(engine, study_id) == []


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_a_server_slow_before_the_message_was_sent_is_retried_and_gets_it_once(
    engine: Engine,
    email_study: StudyData,
    clock: SimulatedClock,
    mailbox: tuple[SlowMailbox, SmtpTransport],
) -> None:
    handler, transport = mailbox
    handler.slow_at = "RCPT"  # times out before the message itself went out
    first = deliver_due(engine, clock, {"email": transport})
    assert (first.retrying, first.maybe_sent) == (1, 0)
    handler.slow_at = ""
    clock.advance(61)
    assert deliver_due(engine, clock, {"email": transport}).sent == 1
    time.sleep(SLOW)
    assert len(handler.messages) == 1


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_a_confirmed_message_stays_sent_when_saying_goodbye_times_out(
    engine: Engine,
    email_study: StudyData,
    clock: SimulatedClock,
    mailbox: tuple[SlowMailbox, SmtpTransport],
) -> None:
    handler, transport = mailbox
    handler.slow_at = "QUIT"
    assert deliver_due(engine, clock, {"email": transport}).sent == 1
    clock.advance(3600)
    assert deliver_due(engine, clock, {"email": transport}).sent == 0
    assert len(handler.messages) == 1


def test_a_worker_that_stopped_while_sending_leaves_a_maybe_sent_message_not_a_resend(
    engine: Engine, email_study: StudyData, clock: SimulatedClock
) -> None:
    sent: list[str] = []

    class Crashing:
        def send(self, recipient: str, message: OutgoingMessage) -> None:
            sent.append(recipient)
            raise KeyboardInterrupt  # the process is stopped while talking to the server

    class Recording:
        def send(self, recipient: str, message: OutgoingMessage) -> None:
            sent.append(recipient)

    with pytest.raises(KeyboardInterrupt):
        deliver_due(engine, clock, {"email": Crashing()})
    assert [d.state for d in _deliveries(engine)] == [DeliveryState.SENDING]
    clock.advance(60)  # the lease still holds: nobody touches it
    assert deliver_due(engine, clock, {"email": Recording()}).maybe_sent == 0
    clock.advance(DeliveryPolicy().lease.total_seconds())
    report = deliver_due(engine, clock, {"email": Recording()})
    assert (report.sent, report.maybe_sent) == (0, 1)
    assert sent == ["quality@alfa.ru"]
    [delivery] = _deliveries(engine)
    assert delivery.state is DeliveryState.MAYBE_SENT
    assert "stopped before the server answered" in (delivery.last_error or "")


def test_a_worker_that_stopped_before_sending_leaves_it_to_be_sent_later(
    engine: Engine, email_study: StudyData, clock: SimulatedClock
) -> None:
    from cati.db.alerts import claim_due_deliveries

    now = clock.now()
    claim_due_deliveries(engine, now, now + timedelta(minutes=5), 10)  # then the worker died
    sent: list[str] = []

    class Recording:
        def send(self, recipient: str, message: OutgoingMessage) -> None:
            sent.append(message.key)

    clock.advance(301)
    assert deliver_due(engine, clock, {"email": Recording()}).sent == 1
    [delivery] = _deliveries(engine)
    assert sent == [delivery.message_key]  # the key stored at the first claim


# --- Telegram ---------------------------------------------------------------------------------

TOKEN = "123456:SECRET-bot-token"


@dataclass
class SlowTelegram:
    delay: float = 0.0
    sent: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def slow_telegram() -> Iterator[tuple[SlowTelegram, TelegramTransport]]:
    state = SlowTelegram()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            state.sent.append(json.loads(self.rfile.read(length) or b"{}"))
            time.sleep(state.delay)  # the message is taken; the answer comes late
            body = json.dumps({"ok": True, "result": {"message_id": len(state.sent)}}).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        yield state, TelegramTransport(TOKEN, url, timeout=TIMEOUT)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_telegram_answering_after_the_timeout_gets_the_message_once(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    slow_telegram: tuple[SlowTelegram, TelegramTransport],
) -> None:
    state, transport = slow_telegram
    state.delay = SLOW
    add_alert(session, study)
    session.commit()
    report = deliver_due(engine, clock, {"telegram": transport})
    assert (report.sent, report.maybe_sent) == (0, 1)
    assert TOKEN not in " ".join(report.errors)
    state.delay = 0.0
    clock.advance(3600)
    assert deliver_due(engine, clock, {"telegram": transport}).sent == 0
    assert len(state.sent) == 1
    telegram = next(d for d in _deliveries(engine) if d.channel.value == "telegram")
    assert telegram.state is DeliveryState.MAYBE_SENT


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_the_alerts_command_lists_and_resends_a_maybe_sent_message(
    db_url: str,
    engine: Engine,
    email_study: StudyData,
    clock: SimulatedClock,
    mailbox: tuple[SlowMailbox, SmtpTransport],
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler, transport = mailbox
    handler.slow_at = "DATA"
    deliver_due(engine, clock, {"email": transport})
    assert main(["--db", db_url, "alerts", "undelivered"]) == 0
    out = capsys.readouterr().out
    assert "quality@alfa.ru: maybe sent after 1 attempt(s)" in out
    assert "may have arrived" in out and "cati alerts resend" in out
    [alert_id] = {d.alert_id for d in _deliveries(engine)}
    assert main(["--db", db_url, "alerts", "resend", str(alert_id), "--channel", "email"]) == 0
    assert "1 message(s)" in capsys.readouterr().out
    assert main(["--db", db_url, "alerts", "resend", str(alert_id)]) == 2  # nothing left
    assert "no maybe-sent or failed message" in capsys.readouterr().err
    assert [d.state for d in _deliveries(engine)] == [DeliveryState.PENDING]


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_a_digest_whose_answer_never_came_is_not_sent_again(
    engine: Engine, study: StudyData, clock: SimulatedClock
) -> None:
    from cati.alerts.digest import send_due_digests
    from cati.alerts.errors import UncertainDeliveryError

    tries: list[str] = []

    class Unconfirmed:
        def send(self, recipient: str, message: OutgoingMessage) -> None:
            tries.append(recipient)
            raise UncertainDeliveryError("the server did not confirm it")

    report = send_due_digests(engine, clock, {"email": Unconfirmed(), "telegram": Unconfirmed()})
    assert report.failed == [] and len(report.maybe_sent) == 2
    clock.advance(10 * 60)  # past the retry delay of a failed digest
    again = send_due_digests(engine, clock, {"email": Unconfirmed(), "telegram": Unconfirmed()})
    assert (again.sent, again.maybe_sent, len(tries)) == ([], [], 2)


def test_the_servers_timeouts_are_settings_with_clear_errors() -> None:
    from cati.alerts.credentials import NotifierSettings
    from cati.alerts.transports import transports_from_settings
    from cati.errors import ConfigurationError

    base = {"smtp_host": "smtp.alfa.ru", "smtp_from": "cati@alfa.ru", "telegram_token": TOKEN}
    found = transports_from_settings(
        NotifierSettings(**base, smtp_timeout="90", telegram_timeout="2,5")
    )
    assert isinstance(found["email"], SmtpTransport) and found["email"].timeout == 90
    assert isinstance(found["telegram"], TelegramTransport)
    assert found["telegram"].timeout == 2.5
    defaults = transports_from_settings(NotifierSettings(**base))
    assert isinstance(defaults["email"], SmtpTransport) and defaults["email"].timeout == 30
    for wrong in ("soon", "0", "-5", "nan", "100000"):
        with pytest.raises(ConfigurationError, match=r"CATI_SMTP_TIMEOUT is .* from 1 to 600"):
            transports_from_settings(NotifierSettings(**base, smtp_timeout=wrong))
