"""The signed-in workspace: the main window, the change feed and the notifier.

:func:`cati.ui.main.run` loads this module by name once the sign-in window is up (in a
background thread while the person types), because the screens bring in everything they
work with: the call list tools, statistics for the digests the notifier sends, reports.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from cati.accounts import Actor
from cati.clock import SystemClock
from cati.db import Engine
from cati.db.files import database_data_folder
from cati.ui.context import UiContext
from cati.ui.errors import ErrorPresenter
from cati.ui.shell.change_feed import ChangeFeed
from cati.ui.shell.main_window import OPTIONAL_SCREENS, MainWindow, optional_screen
from cati.ui.shell.notifier import Notifier
from cati.ui.shell.preferences import Preferences, dialer_factory
from cati.ui.shell.settings_dialog import SettingsDialog

__all__ = ["load_screens", "open_workspace"]

#: How long closing the app waits for background calls still running.
SHUTDOWN_WAIT_MS = 15_000


def load_screens() -> None:
    """Import the screens the main window opens by permission (they are optional parts)."""
    for _permission, module, name in OPTIONAL_SCREENS:
        optional_screen(module, name)


def open_workspace(
    app: QApplication,
    engine: Engine,
    database_label: str,
    actor: Actor,
    preferences: Preferences,
    language: str,
) -> int:
    """Show ``actor``'s main window and run the application until it closes."""
    clock = SystemClock()
    feed = ChangeFeed(engine).start()
    context = UiContext(
        engine=engine,
        actor=actor,
        clock=clock,
        errors=ErrorPresenter(),
        language=language,
        dialer_factory=dialer_factory(preferences, clock),
        changes=feed,
    )

    def open_settings(parent: QWidget) -> None:
        dialog = SettingsDialog(preferences, parent=parent)
        dialog.open()

    window = MainWindow(
        context,
        database_label=database_label,
        open_settings=open_settings,
        demo_folder=database_data_folder(engine),
    )
    notifier = Notifier(engine, clock, changes=feed, parent=window).start()
    window.show()
    try:
        return int(app.exec())
    finally:
        notifier.stop()
        feed.stop()
        # Let running calls (a wrap-up being saved, a recording downloading) finish before
        # the database connections close.
        QThreadPool.globalInstance().waitForDone(SHUTDOWN_WAIT_MS)
