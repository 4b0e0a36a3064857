"""The wrap-up: a note where the outcome needs one, call-backs in the respondent's local time,
do-not-call on request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.db import Appointment, AppointmentKind, Attempt, ContactPhone, DoNotCall
from cati.ui.console.console import InterviewerConsole

from .helpers import Fieldwork, fieldwork
from .test_console import open_console, press, settled

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


@pytest.fixture
def vladivostok(engine: Engine) -> Iterator[Fieldwork]:
    made = fieldwork(engine, timezone="Asia/Vladivostok", contacts=1)
    yield made
    made.close()


def connected(qtbot: QtBot, work: Fieldwork) -> InterviewerConsole:
    console = open_console(qtbot, work)
    press(qtbot, console, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and settled(console))
    press(qtbot, console, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: console.pane.shown is not None and settled(console))
    return console


def choose(qtbot: QtBot, console: InterviewerConsole, key: str) -> None:
    """Move down the outcome list with the arrow key until ``key`` is chosen."""
    panel = console.outcome_panel
    panel.list.setCurrentRow(0)
    for _ in range(panel.list.count()):
        if panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == key:
            return
        qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    raise AssertionError(f"{key} is not offered")


def test_a_refusal_needs_a_note_and_do_not_call_blocks_every_number(
    qtbot: QtBot, vladivostok: Fieldwork
) -> None:
    console = connected(qtbot, vladivostok)
    qtbot.keyClick(console.pane, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert console.stack.currentWidget() is console.outcome_panel
    choose(qtbot, console, "refusal_hard")
    qtbot.keyClick(console.outcome_panel.list, Qt.Key.Key_Return)
    assert "needs a note" in console.outcome_panel.message.text()
    assert console.claimed is not None and not console.busy  # nothing was sent

    console.outcome_panel.note.setFocus()
    qtbot.keyClicks(console.outcome_panel.note, "Asked never to be called again")
    console.outcome_panel.do_not_call.setChecked(True)
    qtbot.keyClick(
        console.outcome_panel.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: console.claimed is None and settled(console))

    with Session(vladivostok.engine) as session:
        attempt = session.exec(select(Attempt)).one()
        assert attempt.outcome == "refusal_hard"
        assert attempt.note.startswith("Asked never to be called again")
        phones = {p.e164 for p in session.exec(select(ContactPhone))}
        blocked = {d.e164 for d in session.exec(select(DoNotCall))}
    assert phones and phones <= blocked


def test_a_call_back_is_booked_in_the_respondents_local_time(
    qtbot: QtBot, vladivostok: Fieldwork
) -> None:
    console = connected(qtbot, vladivostok)
    qtbot.keyClick(console.pane, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    panel = console.outcome_panel
    assert "Asia/Vladivostok" in panel.callback.title()
    choose(qtbot, console, "appointment_hard")
    assert panel.callback.isVisible() and not panel.as_window.isChecked()
    # Tuesday 11 March 2025, 10:00 in Vladivostok (UTC+10) is 00:00 UTC.
    panel.day.setDate(QDate(2025, 3, 11))
    panel.start.setTime(QTime(10, 0))
    panel.open_to_all.setChecked(True)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.claimed is None and settled(console))

    with Session(vladivostok.engine) as session:
        appointment = session.exec(select(Appointment)).one()
    assert appointment.starts_at == datetime(2025, 3, 11, 0, 0, tzinfo=UTC)
    assert appointment.kind is AppointmentKind.HARD
    assert appointment.owner_id is None  # open to every interviewer
    assert "11.03 10:00" in console.status.text()  # told back in their local time


def test_a_call_back_outside_their_calling_hours_is_refused_in_place(
    qtbot: QtBot, vladivostok: Fieldwork
) -> None:
    console = connected(qtbot, vladivostok)
    qtbot.keyClick(console.pane, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    panel = console.outcome_panel
    choose(qtbot, console, "appointment_hard")
    panel.day.setDate(QDate(2025, 3, 11))
    panel.start.setTime(QTime(23, 0))  # 23:00 there: outside 09:00-20:00
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.message.text()) and settled(console))
    assert "calling hours" in panel.message.text()
    assert console.claimed is not None  # still held: the interviewer picks another time


def test_a_call_that_is_not_answered_forces_the_wrap_up_with_the_dialers_outcome(
    qtbot: QtBot, vladivostok: Fieldwork
) -> None:
    from cati.telephony.simulated import OutcomeMix, SimulatedDialer

    busy = OutcomeMix(answered=0, no_answer=0, busy=1, answering_machine=0, invalid_number=0)
    context = vladivostok.context(
        dialer_factory=lambda kind, options: SimulatedDialer(busy, seed=2, clock=vladivostok.clock)
    )
    console = InterviewerConsole(context)
    qtbot.addWidget(console)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    qtbot.waitUntil(lambda: console.fieldwork is not None and settled(console))
    press(qtbot, console, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and settled(console))
    press(qtbot, console, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: console.stack.currentWidget() is console.outcome_panel)
    panel = console.outcome_panel
    chosen = panel.selected()
    assert chosen is not None and chosen.key == "busy"
    assert not panel.back_button.isVisible()  # forced: no way around the wrap-up
    assert not console.next_button.isEnabled()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.claimed is None and settled(console))
    with Session(vladivostok.engine) as session:
        attempt = session.exec(select(Attempt)).one()
    assert attempt.outcome == "busy" and attempt.call_result == "busy"
