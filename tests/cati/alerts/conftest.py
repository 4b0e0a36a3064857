"""Fixtures of the alert tests: a study with alert settings, a local SMTP server and a
Telegram stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from cati.alerts.transports import SmtpTransport, TelegramTransport
from cati.clock import SimulatedClock
from tests.cati.alerts.servers import SmtpServer, TelegramState, telegram_server
from tests.cati.exports.factory import T0, StudyData, add_respondents, add_study

TOKEN = "123456:SECRET-bot-token"
ALERT_SETTINGS = {
    "language": "ru",
    "recipients": [
        {"channel": "email", "to": ["quality@alfa.ru"], "kinds": ["detractor", "problem"]},
        {
            "channel": "telegram",
            "to": ["-100500"],
            "fields": ["segment", "company", "contact_name", "phone", "answers", "note"],
        },
        {
            "channel": "email",
            "to": ["sales@alfa.ru"],
            "kinds": ["sales_lead"],
            "fields": ["company", "contact_name", "phone"],
        },
    ],
    "digest": {
        "every": "3h",
        "recipients": [
            {"channel": "email", "to": ["ceo@alfa.ru"], "fields": ["segment"]},
            {"channel": "telegram", "to": ["-100600"], "fields": ["segment", "company"]},
        ],
    },
}


@pytest.fixture
def study(session: Session) -> StudyData:
    data = add_respondents(session, add_study(session, alerts=ALERT_SETTINGS))
    session.commit()
    return data


@pytest.fixture
def clock() -> SimulatedClock:
    return SimulatedClock(T0 + timedelta(minutes=5))


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def telegram() -> Iterator[tuple[str, TelegramState]]:
    with telegram_server(TOKEN) as running:
        yield running


@pytest.fixture
def transports(
    smtp: SmtpServer, telegram: tuple[str, TelegramState]
) -> dict[str, SmtpTransport | TelegramTransport]:
    return {
        "email": SmtpTransport(
            "127.0.0.1", smtp.port, security="none", sender="cati@agency.ru", timeout=5
        ),
        "telegram": TelegramTransport(TOKEN, telegram[0], timeout=5),
    }
