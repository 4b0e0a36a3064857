"""Start the desktop app as a person would and print when each window appeared (JSON).

Usage: ``python app_start_probe.py DB_URL LAUNCHED_AT [PAUSE_MS]`` with ``CATI_USER`` and
``CATI_PASSWORD`` set (they fill in the sign-in). ``LAUNCHED_AT`` is the ``time.time()`` at
which the caller started this process, so the times include the interpreter's start.
The probe runs the real ``cati --db DB_URL``; when the sign-in window appears it notes
which heavy libraries are loaded, waits ``PAUSE_MS`` (a person typing), presses "Sign in",
notes when the main window appears and quits. Used by tests/cati/ui/test_app_start.py and
tests/bench/test_startup_bench.py.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cati.cli import main as cati

HEAVY = ("pandas", "scipy", "matplotlib", "docx", "reports.analysis", "cati.ui.workspace")


class Watcher(QObject):
    def __init__(self, launched_at: float, pause_ms: int) -> None:
        super().__init__()
        self.launched_at = launched_at
        self.pause_ms = pause_ms
        self.report: dict[str, Any] = {}

    def now(self) -> float:
        return round(time.time() - self.launched_at, 3)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            kind = type(watched).__name__
            if kind == "SignInDialog" and "sign_in_shown" not in self.report:
                self.report["sign_in_shown"] = self.now()
                self.report["loaded_at_sign_in"] = [m for m in HEAVY if m in sys.modules]
                QTimer.singleShot(self.pause_ms, lambda: self.submit(watched))
            elif kind == "MainWindow" and "main_window_shown" not in self.report:
                self.report["main_window_shown"] = self.now()
                QTimer.singleShot(0, QApplication.quit)
        return False

    def submit(self, dialog: Any) -> None:
        self.report["signed_in_at"] = self.now()
        dialog.submit()


def main() -> int:
    url, launched_at = sys.argv[1], float(sys.argv[2])
    pause_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    app = QApplication(sys.argv[:1])
    watcher = Watcher(launched_at, pause_ms)
    app.installEventFilter(watcher)
    status = cati(["--db", url])
    watcher.report["exit_status"] = status
    print(json.dumps(watcher.report))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
