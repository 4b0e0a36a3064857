"""The desktop app starts offscreen and says which database it opens."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cati.ui.main import PlaceholderWindow


def test_window_names_the_database_it_would_open(qtbot: QtBot) -> None:
    window = PlaceholderWindow("sqlite:////tmp/demo.sqlite3")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "sqlite:////tmp/demo.sqlite3" in texts
    assert window.windowTitle() == "cati"
