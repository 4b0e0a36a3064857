"""The running desktop app sends hot alerts and digests: from a worker, on a timer and at
once when an alert is raised, through a real local SMTP server and a Telegram stand-in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.alerts.outbox import OutboxReport
from cati.alerts.transports import OutgoingMessage, Transport
from cati.changes import ALERT
from cati.clock import SimulatedClock
from cati.db import AlertDelivery, DeliveryState
from cati.ui.shell.notifier import Notifier
from tests.cati.alerts.servers import SmtpServer, TelegramState
from tests.cati.exports.factory import StudyData, add_alert

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


class ThreadNoting:
    """Passes messages on to a real transport and notes the thread that sent them."""

    def __init__(self, inner: Transport, threads: list[threading.Thread]) -> None:
        self.inner, self.threads = inner, threads

    def send(self, recipient: str, message: OutgoingMessage) -> None:
        self.threads.append(threading.current_thread())
        self.inner.send(recipient, message)


class FakeFeed:
    def __init__(self) -> None:
        self.callbacks: dict[str | None, Callable[[Any], None]] = {}

    def subscribe(self, topic: str | None, callback: Callable[[Any], None]) -> Any:
        self.callbacks[topic] = callback
        feed = self

        class Subscription:
            def unsubscribe(self) -> None:
                feed.callbacks.pop(topic, None)

        return Subscription()


def deliveries(engine: Engine) -> list[AlertDelivery]:
    with Session(engine) as session:
        return list(session.exec(select(AlertDelivery)).all())


def test_alerts_and_digests_go_out_from_a_worker_while_the_app_runs(
    qtbot: QtBot,
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Transport],
) -> None:
    add_alert(session, study)
    session.commit()
    threads: list[threading.Thread] = []
    noting = {name: ThreadNoting(t, threads) for name, t in transports.items()}
    reports: list[OutboxReport] = []
    notifier = Notifier(engine, clock, transports=lambda: noting, interval_ms=100)
    notifier.finished.connect(reports.append)
    notifier.start(first_ms=0)
    try:
        qtbot.waitUntil(lambda: any(report.alerts.sent for report in reports), timeout=20_000)
    finally:
        notifier.stop()
    qtbot.waitUntil(lambda: not notifier.busy, timeout=10_000)
    assert {report.channels for report in reports} == {("email", "telegram")}
    assert sum(report.alerts.sent for report in reports) == 2  # e-mail and Telegram
    digests = sorted(key for report in reports for key in report.digests.sent)
    assert digests == ["email:ceo@alfa.ru", "telegram:-100600"]
    assert {d.state for d in deliveries(engine)} == {DeliveryState.SENT}
    assert len(smtp.mailbox.messages) == 2  # the alert and the digest
    assert len(telegram[1].sent) == 2
    assert threads and threading.main_thread() not in threads

    # Later runs send nothing twice.
    runs = len(reports)
    notifier.send_now()
    qtbot.waitUntil(lambda: len(reports) > runs, timeout=10_000)
    assert reports[-1].alerts.sent == 0 and reports[-1].digests.sent == []
    assert len(smtp.mailbox.messages) == 2 and len(telegram[1].sent) == 2


def test_a_new_alert_is_sent_at_once_not_at_the_next_tick(
    qtbot: QtBot,
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    transports: dict[str, Transport],
) -> None:
    feed = FakeFeed()
    reports: list[OutboxReport] = []
    notifier = Notifier(
        engine, clock, changes=feed, transports=lambda: transports, interval_ms=3_600_000
    )
    notifier.finished.connect(reports.append)
    notifier.start(first_ms=3_600_000)
    try:
        add_alert(session, study)
        session.commit()
        feed.callbacks[ALERT](object())  # the change feed reports the new alert
        qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
    finally:
        notifier.stop()
    assert reports[0].alerts.sent == 2
    assert ALERT not in feed.callbacks  # stopping unsubscribes


def test_a_workstation_without_settings_claims_nothing(
    qtbot: QtBot, engine: Engine, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    add_alert(session, study)
    session.commit()
    reports: list[OutboxReport] = []
    notifier = Notifier(engine, clock, transports=dict, interval_ms=3_600_000)
    notifier.finished.connect(reports.append)
    notifier.start(first_ms=0)
    try:
        qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    finally:
        notifier.stop()
    assert reports[0].channels == () and reports[0].alerts.sent == 0
    assert deliveries(engine) == []  # queued and sent by a workstation that can send them
