"""Start the desktop app as a person would and print when each window appeared (JSON).

Usage: ``python app_start_probe.py DB_URL LAUNCHED_AT [PAUSE_MS [MODE]]`` with ``CATI_USER``
and ``CATI_PASSWORD`` set (they fill in the sign-in). ``LAUNCHED_AT`` is the ``time.time()`` at
which the caller started this process, so the times include the interpreter's start.
The probe runs the real ``cati --db DB_URL``; when the sign-in window appears it notes
which heavy libraries are loaded, waits ``PAUSE_MS`` (a person typing), presses "Sign in",
notes when the main window appears and quits. MODE ``quit`` closes the sign-in window as
soon as it appears instead; MODE ``wait`` prints ``READY`` after the pause, presses
"Sign in" when a line arrives on stdin and prints ``MAIN`` when the main window appears (so
a caller can time the sign-in alone). Used by
tests/cati/ui/test_app_start.py and tests/bench/test_startup_bench.py.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import cati.commands.desktop  # noqa: F401 - the app's own order: the database layer before Qt
from cati.cli import main as run_cati

HEAVY = ("pandas", "scipy", "matplotlib", "docx", "reports.analysis", "cati.ui.workspace")


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer  # after the app's database layer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

    class Watcher(QObject):
        def __init__(self, launched_at: float, pause_ms: int, mode: str) -> None:
            super().__init__()
            self.launched_at = launched_at
            self.pause_ms = pause_ms
            self.mode = mode
            self.report: dict[str, Any] = {}

        def now(self) -> float:
            return round(time.time() - self.launched_at, 3)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
                kind = type(watched).__name__
                if kind == "SignInDialog" and "sign_in_shown" not in self.report:
                    self.report["sign_in_shown"] = self.now()
                    self.report["loaded_at_sign_in"] = [m for m in HEAVY if m in sys.modules]
                    if self.mode == "quit":
                        QTimer.singleShot(0, watched.reject)
                    else:
                        QTimer.singleShot(self.pause_ms, lambda: self.submit(watched))
                elif kind == "MainWindow" and "main_window_shown" not in self.report:
                    self.report["main_window_shown"] = self.now()
                    if self.mode == "wait":
                        print("MAIN", flush=True)
                    QTimer.singleShot(0, QApplication.quit)
            return False

        def submit(self, dialog: Any) -> None:
            if self.mode == "wait":
                print("READY", flush=True)
                sys.stdin.readline()
            self.report["signed_in_at"] = self.now()
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # as a person

    url, launched_at = sys.argv[1], float(sys.argv[2])
    pause_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    mode = sys.argv[4] if len(sys.argv) > 4 else "sign-in"
    app = QApplication(sys.argv[:1])
    watcher = Watcher(launched_at, pause_ms, mode)
    app.installEventFilter(watcher)
    status = run_cati(["--db", url])
    watcher.report["exit_status"] = status
    print(json.dumps(watcher.report))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
