"""After a call ends the console's status line says so and asks for the outcome, instead of
still telling the interviewer to read the script aloud."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.ui.console.console import InterviewerConsole

from .helpers import fieldwork

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_the_status_line_asks_for_the_outcome_once_the_call_is_over(
    qtbot: QtBot, engine: Engine
) -> None:
    work = fieldwork(engine)
    console = InterviewerConsole(work.context())
    qtbot.addWidget(console)
    console.show()
    qtbot.waitUntil(lambda: console.fieldwork is not None and not console.busy)
    console.take_next_contact()
    qtbot.waitUntil(lambda: console.claimed is not None and not console.busy)
    console.dial()
    qtbot.waitUntil(lambda: console.session is not None and not console.busy, timeout=20_000)
    assert "Read the script aloud" in console.status.text()
    console.hang_up()
    qtbot.waitUntil(lambda: console.wrapping_up and not console.busy, timeout=20_000)
    assert console.status.text() == "The call is over: choose how it ended (Enter records it)."
    console.shutdown()
    work.close()
