"""The interviewer console, driven from the keyboard only."""

from __future__ import annotations

import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.accounts import Role, add_account
from cati.db import Answer as AnswerRow
from cati.db import Attempt, Interview, InterviewStatus
from cati.scheduler.queue import NoContact, NoContactReason
from cati.scheduler.settings import FieldworkSettings
from cati.supervision.review import open_recording, recorded_calls
from cati.ui.console import console as console_module
from cati.ui.console.console import InterviewerConsole

from .helpers import PASSWORD, Fieldwork, fieldwork

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


@pytest.fixture
def work(engine: Engine, tmp_path: Path) -> Iterator[Fieldwork]:
    made = fieldwork(engine)
    made.study.settings(FieldworkSettings(recordings_folder=str(tmp_path / "записи")))
    yield made
    made.close()


def open_console(qtbot: QtBot, work: Fieldwork) -> InterviewerConsole:
    console = InterviewerConsole(work.context())
    qtbot.addWidget(console)
    console.resize(1200, 800)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    qtbot.waitUntil(lambda: console.fieldwork is not None and not console.busy)
    return console


def press(qtbot: QtBot, console: InterviewerConsole, key: Qt.Key, text: str = "") -> None:
    """A key press where the keyboard focus is, as a person would type it."""
    target: QWidget = QApplication.focusWidget() or console
    if not text:
        qtbot.keyClick(target, key)
        return
    for char in text:  # QTest types only Latin-1; Cyrillic arrives as the text of key events
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def settled(console: InterviewerConsole) -> bool:
    return not console.busy


def shown_question(console: InterviewerConsole) -> str | None:
    return console.pane.shown.question_id if console.pane.shown else None


def test_a_whole_interview_runs_from_the_keyboard_and_the_next_contact_follows(
    qtbot: QtBot, work: Fieldwork, tmp_path: Path
) -> None:
    console = open_console(qtbot, work)
    press(qtbot, console, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and settled(console))
    first = console.claimed
    assert first is not None and console.card.company.text().startswith("ООО Компания")

    press(qtbot, console, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: shown_question(console) == "_intro" and settled(console))
    assert "Connected" in console.call_state.text()
    press(qtbot, console, Qt.Key.Key_Return)  # the introduction is read
    qtbot.waitUntil(lambda: shown_question(console) == "_consent" and settled(console))
    press(qtbot, console, Qt.Key.Key_1)
    press(qtbot, console, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_question(console) == "_recording_consent" and settled(console))
    press(qtbot, console, Qt.Key.Key_1)
    press(qtbot, console, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_question(console) == "nps" and settled(console))
    press(qtbot, console, Qt.Key.Key_Return)  # nothing chosen: refused in place
    qtbot.waitUntil(lambda: bool(console.pane.message.text()) and settled(console))
    assert shown_question(console) == "nps"
    press(qtbot, console, Qt.Key.Key_9)
    press(qtbot, console, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_question(console) == "nps_why" and settled(console))
    assert "9" in console.pane.note.text()  # piped from the earlier answer
    press(qtbot, console, Qt.Key.Key_unknown, "Быстрая доставка")
    press(qtbot, console, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.pane.closing is not None and settled(console))

    press(qtbot, console, Qt.Key.Key_Return)  # the closing leads to the wrap-up
    assert console.stack.currentWidget() is console.outcome_panel
    assert console.outcome_panel.list.count() == 1  # the script decided: complete
    press(qtbot, console, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.claimed is None and settled(console))

    with Session(work.engine) as session:
        interview = session.exec(select(Interview)).one()
        assert interview.status is InterviewStatus.COMPLETE
        answers = {a.question_id: a.value for a in session.exec(select(AnswerRow))}
        assert answers["nps"] == {"value": 9}
        assert answers["nps_why"] == {"value": "Быстрая доставка"}
        attempt = session.exec(select(Attempt)).one()
        assert attempt.outcome == "complete" and attempt.dialer == "simulated"
    assert "1 calls · 1 completes" in console.stats.text()

    # The respondent agreed to the recording: it is downloaded after the wrap-up, kept in the
    # study's recordings folder and listed for the supervisors' call review.
    qtbot.waitUntil(lambda: not console.downloads, timeout=10_000)
    supervisor = add_account(work.engine, "sveta", "Света", Role.SUPERVISOR, PASSWORD, work.clock)
    calls, _checklist = recorded_calls(work.engine, supervisor, work.study.study_id)
    assert [call.attempt_id for call in calls] == [attempt.id]
    recording = open_recording(work.engine, supervisor, calls[0].attempt_id)
    folder = tmp_path / "записи" / f"study-{work.study.study_id}"
    assert recording.parent == folder and recording.suffix == ".wav"
    with wave.open(str(recording)) as audio:
        assert audio.getnframes() > 0

    press(qtbot, console, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and settled(console))
    assert (
        console.claimed is not None and console.claimed.claim.contact_id != first.claim.contact_id
    )


def test_the_window_keeps_working_while_a_slow_claim_runs(
    qtbot: QtBot, work: Fieldwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    started = threading.Event()

    def slow_claim(*args: object, **kwargs: object) -> NoContact:
        started.set()
        release.wait(10)  # the database is slow today
        return NoContact(NoContactReason.NOTHING_LEFT)

    monkeypatch.setattr(console_module, "next_contact", slow_claim)
    console = open_console(qtbot, work)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        press(qtbot, console, Qt.Key.Key_F2)
        assert started.wait(5)
        # The claim still runs, and the GUI thread keeps processing its timer events.
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)
        assert console.busy and not release.is_set()
    finally:
        release.set()
        timer.stop()
    qtbot.waitUntil(lambda: settled(console))
    assert "final outcome" in console.status.text()
