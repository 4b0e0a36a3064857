"""Alert delivery through a real local SMTP server and a Telegram stand-in: sent once, only
permitted fields, retried with backoff when a server is down, never sent twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from cati.alerts.delivery import DeliveryPolicy, deliver_due
from cati.alerts.errors import TemporaryDeliveryError
from cati.alerts.transports import OutgoingMessage, TelegramTransport
from cati.clock import SimulatedClock
from cati.db import AlertDelivery, AlertKind, DeliveryChannel, DeliveryState, create_engine_for
from cati.db.alerts import alert_inbox
from tests.cati.alerts.conftest import TOKEN
from tests.cati.alerts.servers import SmtpServer, TelegramState, free_port
from tests.cati.exports.factory import PEOPLE, StudyData, add_alert


def _deliveries(engine: Engine) -> list[AlertDelivery]:
    with Session(engine) as session:
        return list(session.exec(select(AlertDelivery).order_by(col(AlertDelivery.id))).all())


def _body(message: Any) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())


def test_an_alert_goes_once_by_email_and_telegram_with_only_the_permitted_fields(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    add_alert(session, study)
    session.commit()
    report = deliver_due(engine, clock, transports)
    assert (report.queued, report.sent, report.retrying, report.failed) == (2, 2, 0, 0)
    [mail] = smtp.mailbox.messages
    assert mail["To"] == "quality@alfa.ru"
    assert "Критик" in mail["Subject"] and "Лояльность 2025" in mail["Subject"]
    body = _body(mail)
    company, name, phone, email = PEOPLE[0]
    for expected in ("Лояльность 2025", "Сегмент: lost", f"Компания: {company}", "nps: 3",
                     "nps_detractor_why: Долго везут", "Клиент очень раздражён",
                     "14.03.2025 12:00 (MSK)"):  # fmt: skip
        assert expected in body
    for personal in (name, phone, email):  # the e-mail group may not see personal data
        assert personal not in body and personal not in mail["Subject"]
    [chat] = telegram[1].sent
    assert chat["chat_id"] == "-100500"
    assert name in chat["text"] and phone in chat["text"] and email not in chat["text"]
    # Nothing is sent twice, however often the worker runs.
    again = deliver_due(engine, clock, transports)
    assert (again.queued, again.sent) == (0, 0)
    assert len(smtp.mailbox.messages) == 1 and len(telegram[1].sent) == 1
    assert {d.state for d in _deliveries(engine)} == {DeliveryState.SENT}


def test_each_kind_goes_to_its_own_recipients(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    transports: dict[str, Any],
) -> None:
    add_alert(session, study, kind=AlertKind.SALES_LEAD, note="")
    session.commit()
    deliver_due(engine, clock, transports)
    [mail] = smtp.mailbox.messages
    assert mail["To"] == "sales@alfa.ru"
    body = _body(mail)
    assert PEOPLE[0][1] in body and PEOPLE[0][2] in body
    assert "interest" not in body  # this group may not see answers
    assert "Сегмент" not in body


def test_a_server_down_is_retried_with_backoff_and_the_alert_sent_once_later(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    smtp.stop()
    telegram[1].up = False
    add_alert(session, study)
    session.commit()
    start = clock.now()
    first = deliver_due(engine, clock, transports)
    assert (first.sent, first.retrying) == (0, 2)
    rows = _deliveries(engine)
    assert all(r.state == DeliveryState.PENDING and r.attempts == 1 for r in rows)
    assert all(r.next_try_at == start + timedelta(minutes=1) for r in rows)
    assert "cannot reach the mail server" in (rows[0].last_error or "")
    assert "502" in (rows[1].last_error or "")
    clock.advance(61)
    second = deliver_due(engine, clock, transports)
    assert second.retrying == 2
    rows = _deliveries(engine)
    assert all(r.attempts == 2 for r in rows)
    assert all(r.next_try_at == clock.now() + timedelta(minutes=2) for r in rows)  # doubled
    clock.advance(60)
    assert deliver_due(engine, clock, transports).retrying == 0  # not due yet: no try
    smtp.start()
    telegram[1].up = True
    clock.advance(61)
    third = deliver_due(engine, clock, transports)
    assert third.sent == 2
    assert len(smtp.mailbox.messages) == 1 and len(telegram[1].sent) == 1
    assert deliver_due(engine, clock, transports).sent == 0
    inbox = alert_inbox(engine, study.study.id or 0)
    assert [(d.channel, d.state, d.attempts) for d in inbox[0].deliveries] == [
        ("email", "sent", 3),
        ("telegram", "sent", 3),
    ]


def test_a_permanent_refusal_fails_at_once_and_shows_in_the_inbox(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    telegram[1].blocked_chats.add("-100500")
    add_alert(session, study)
    session.commit()
    report = deliver_due(engine, clock, transports)
    assert (report.sent, report.failed) == (1, 1)
    [alert] = alert_inbox(engine, study.study.id or 0)
    telegram_delivery = next(d for d in alert.deliveries if d.channel == "telegram")
    assert telegram_delivery.state == "failed"
    assert "blocked" in (telegram_delivery.last_error or "")


def test_delivery_gives_up_after_the_last_attempt(
    engine: Engine, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    class Down:
        def send(self, recipient: str, message: OutgoingMessage) -> None:
            raise TemporaryDeliveryError("connection refused")

    add_alert(session, study)
    session.commit()
    policy = DeliveryPolicy(max_attempts=2)
    down = {"email": Down(), "telegram": Down()}
    assert deliver_due(engine, clock, down, policy).retrying == 2
    clock.advance(3600)
    assert deliver_due(engine, clock, down, policy).failed == 2
    assert {d.state for d in _deliveries(engine)} == {DeliveryState.FAILED}


def test_the_bot_token_never_reaches_the_stored_error(
    engine: Engine, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    add_alert(session, study)
    session.commit()
    deliver_due(engine, clock, {"telegram": TelegramTransport(TOKEN, closed, timeout=2)})
    errors = " ".join(d.last_error or "" for d in _deliveries(engine))
    assert "cannot reach the Telegram API" in errors
    assert TOKEN not in errors and "SECRET" not in errors
    # No e-mail transport on this workstation: the e-mail is left, untried, to one that has it.
    (email,) = [d for d in _deliveries(engine) if d.channel is DeliveryChannel.EMAIL]
    assert email.state is DeliveryState.PENDING and email.attempts == 0
    assert email.last_error is None


def test_two_workers_at_once_never_send_the_same_delivery_twice(
    db_url: str, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    for index in range(3):
        for kind in (AlertKind.DETRACTOR, AlertKind.PROBLEM, AlertKind.SALES_LEAD):
            add_alert(session, study, index=index, kind=kind)
    session.commit()
    sent: list[tuple[str, str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    class Recording:
        def __init__(self, channel: str) -> None:
            self.channel = channel

        def send(self, recipient: str, message: OutgoingMessage) -> None:
            with lock:
                sent.append((self.channel, recipient, message.subject + message.text))

    def worker() -> None:
        engine = create_engine_for(db_url)  # a workstation of its own
        try:
            start.wait()
            for _ in range(8):  # batches of 2: enough rounds for everything
                deliver_due(
                    engine,
                    clock,
                    {"email": Recording("email"), "telegram": Recording("telegram")},
                    DeliveryPolicy(batch=2),
                )
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # 9 alerts: 6 detractor/problem ones to quality@ and Telegram, 3 sales leads to sales@
    # and Telegram: 18 deliveries, each sent exactly once.
    assert len(sent) == 18
    assert len(set(sent)) == 18
    assert sum(1 for channel, _, _ in sent if channel == "telegram") == 9


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_old_alerts_are_not_sent_when_recipients_are_first_configured(
    engine: Engine, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    add_alert(session, study, created_at=clock.now() - timedelta(days=10))
    session.commit()
    assert deliver_due(engine, clock, {}).queued == 0
