"""The console dials through Twilio against a slow server and the window keeps repainting.

The fake Twilio REST API (tests/cati/telephony/fake_twilio.py) takes ten seconds to answer
the call create; meanwhile the GUI thread paints and runs its timers, the interviewer sees
"Placing the call…", and the call then goes on as usual: connected, hung up, wrapped up.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.db import Attempt
from cati.telephony.credentials import TwilioCredentials
from cati.telephony.results import CallStatus
from cati.telephony.twilio_dialer import TwilioDialer, TwilioOptions
from cati.ui.console.console import InterviewerConsole
from tests.cati.telephony.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, Fault

from .helpers import Fieldwork, fieldwork

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)

SLOW_S = 10.0
OPTIONS = TwilioOptions(
    poll_interval_s=0.05, request_timeout_s=SLOW_S + 10, backoff_s=0.05, backoff_cap_s=0.2
)


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints.append(time.monotonic())
        return False


@pytest.fixture
def slow_twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio() as fake:
        fake.faults.append(Fault("POST", "/Calls.json", status=None, delay_s=SLOW_S))
        yield fake
        assert fake.violations == []
        fake.assert_no_double_dial()


@pytest.fixture
def work(engine: Engine) -> Iterator[Fieldwork]:
    made = fieldwork(engine, contacts=1)
    yield made
    made.close()


def test_dialling_through_a_slow_twilio_never_freezes_the_window(
    qtbot: QtBot, work: Fieldwork, slow_twilio: FakeTwilio
) -> None:
    credentials = TwilioCredentials(
        ACCOUNT_SID, auth_token=AUTH_TOKEN, caller_id="+14155550100", agent_number="+14155550111"
    )
    dialers: list[TwilioDialer] = []

    def twilio(kind: str, options: Any) -> TwilioDialer:
        dialer = TwilioDialer(credentials, api_url=slow_twilio.url, options=OPTIONS)
        dialers.append(dialer)
        return dialer

    console = InterviewerConsole(work.context(dialer_factory=twilio))
    qtbot.addWidget(console)
    console.resize(1100, 750)
    console.show()
    qtbot.waitExposed(console)
    qtbot.waitUntil(lambda: console.fieldwork is not None and not console.busy)
    qtbot.keyClick(console, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and not console.busy)

    counter = PaintCounter()
    console.installEventFilter(counter)
    repaint = QTimer()
    repaint.setInterval(20)
    repaint.timeout.connect(console.update)
    repaint.start()
    try:
        qtbot.keyClick(console, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "POST" in {m for m, _p, _f in slow_twilio.requests}, timeout=5000)
        asked = time.monotonic()
        assert console.call_state.text() == "Placing the call…"

        def created() -> bool:
            return console.handle is not None and console.handle.status is not CallStatus.QUEUED

        qtbot.waitUntil(created, timeout=int(SLOW_S + 15) * 1000)
        answered = time.monotonic()
    finally:
        repaint.stop()
        console.removeEventFilter(counter)
    assert answered - asked >= SLOW_S - 1  # the server really was slow
    during = [moment for moment in counter.paints if asked <= moment <= answered]
    gaps = [later - earlier for earlier, later in itertools.pairwise([asked, *during, answered])]
    assert len(during) > 20 and max(gaps) < 2.0, "the window stopped repainting"

    # The call goes on: the respondent answers, the interviewer hangs up and wraps up.
    qtbot.waitUntil(lambda: console.connected, timeout=10_000)
    assert console.call_state.text().startswith("Connected")
    qtbot.keyClick(console, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: console.stack.currentWidget() is console.outcome_panel, timeout=10_000)
    assert len(slow_twilio.creates) == 1
    for dialer in dialers:
        dialer.close(timeout=2.0)
    with Session(work.engine) as session:
        assert session.exec(select(Attempt)).all() == []  # nothing recorded before the wrap-up
