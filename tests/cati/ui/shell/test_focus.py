"""The interviewer console owns the keyboard whenever it is shown: a research lead who signs
in and lands on the console takes a contact with F2 and dials with F5 without a click.

Only key events are sent, to the widget that has the keyboard focus, as a keyboard would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.accounts import Role
from cati.ui.console.console import InterviewerConsole
from cati.ui.shell.main_window import MainWindow

from ..console.helpers import fieldwork

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def shown_console(qtbot: QtBot, window: MainWindow) -> InterviewerConsole:
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tabs.count() > 0)
    console = window.screens[0]
    assert isinstance(console, InterviewerConsole)
    qtbot.waitUntil(lambda: not console.busy and console.fieldwork is not None)
    window.activateWindow()  # what the window manager does with a new window
    qtbot.waitUntil(window.isActiveWindow)
    return console


def in_console(console: InterviewerConsole) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and widget.isVisible() and console.isAncestorOf(widget)


@SQLITE_ONLY
def test_a_research_lead_lands_on_the_console_and_works_it_from_the_keyboard(
    qtbot: QtBot, engine: Engine
) -> None:
    work = fieldwork(engine, role=Role.RESEARCH_LEAD)
    window = MainWindow(work.context(study_id=None), database_label="test")
    qtbot.addWidget(window)
    console = shown_console(qtbot, window)
    assert window.tabs.count() == 3  # console, supervision, study setup
    assert window.tabs.currentWidget() is console
    qtbot.waitUntil(lambda: in_console(console))

    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and not console.busy)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: console.session is not None and console.pane.shown is not None)
    assert in_console(console)
    console.shutdown()
    window.close()
    work.close()


@SQLITE_ONLY
def test_coming_back_to_the_console_tab_gives_it_the_keyboard_again(
    qtbot: QtBot, engine: Engine
) -> None:
    work = fieldwork(engine, role=Role.RESEARCH_LEAD)
    window = MainWindow(work.context(study_id=None), database_label="test")
    qtbot.addWidget(window)
    console = shown_console(qtbot, window)
    qtbot.waitUntil(lambda: in_console(console))

    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # the next tab
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
    assert not in_console(console)
    shift_control = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    press(qtbot, Qt.Key.Key_Backtab, shift_control)  # back to the console
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is console)
    qtbot.waitUntil(lambda: in_console(console))
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: console.claimed is not None and not console.busy)
    console.shutdown()
    window.close()
    work.close()
