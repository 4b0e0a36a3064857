"""Starting the Qt application."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from cati.ui.i18n import choose_language, install_translations


class PlaceholderWindow(QMainWindow):
    """Shown until the interviewer console lands: says which database and study would open."""

    def __init__(self, database_label: str) -> None:
        super().__init__()
        self.setWindowTitle("cati")
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel("<h2>cati — telephone NPS/CSI surveys</h2>")
        info = QLabel(
            f"Database: {database_label}\n"
            "The interviewer console will open the demo study here.\n"
            "Use the command line meanwhile: cati --help"
        )
        info.setWordWrap(True)
        for label in (title, info):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.setCentralWidget(body)
        self.resize(640, 360)


def run(database_label: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    if isinstance(app, QApplication):
        install_translations(app, choose_language(os.environ.get("CATI_LANGUAGE")))
    window = PlaceholderWindow(database_label)
    window.show()
    return int(app.exec())
