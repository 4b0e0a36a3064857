"""Starting the Qt application: sign in, then the main window.

The composition root (:func:`cati.app.run_desktop_app`) opens the database and calls
:func:`run`; here the workstation's preferences, the translations, the clock, the change
feed and the dialer factory are put together into the :class:`UiContext` every window gets;
the :class:`~cati.ui.shell.notifier.Notifier` sends alerts and digests while the app runs.
For development and screenshots ``CATI_USER`` and ``CATI_PASSWORD`` fill in the sign-in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from cati.clock import SystemClock
from cati.ui.context import UiContext
from cati.ui.display_check import check_desktop_can_start
from cati.ui.errors import ErrorPresenter
from cati.ui.i18n import choose_language, install_translations
from cati.ui.shell.change_feed import ChangeFeed
from cati.ui.shell.main_window import MainWindow
from cati.ui.shell.notifier import Notifier
from cati.ui.shell.preferences import Preferences, dialer_factory
from cati.ui.shell.settings_dialog import SettingsDialog
from cati.ui.shell.sign_in import SignInDialog

if TYPE_CHECKING:
    from cati.db import Engine

__all__ = ["run", "saved_database_url"]

#: How long closing the app waits for background calls still running.
SHUTDOWN_WAIT_MS = 15_000


def saved_database_url(explicit: str | None = None) -> str | None:
    """The database to open: ``--db``, ``CATI_DATABASE_URL``, then the saved setting."""
    if QApplication.instance() is None:
        QApplication.setOrganizationName("cati")
    return Preferences().startup_database_url(explicit)


def _demo_folder() -> Path:
    import platformdirs

    return platformdirs.user_data_path("cati", appauthor=False, ensure_exists=True) / "demo"


def run(database_label: str, engine: Engine | None = None) -> int:
    """Show the sign-in and then the main window on ``engine``'s database."""
    if QApplication.instance() is None:
        check_desktop_can_start()  # before Qt stops the program without saying why
    app = QApplication.instance() or QApplication(sys.argv)
    preferences = Preferences()
    language = choose_language(os.environ.get("CATI_LANGUAGE") or preferences.language)
    if isinstance(app, QApplication):
        install_translations(app, language)
    if engine is None:
        raise RuntimeError("run() needs the database engine from cati.app")
    sign_in = SignInDialog(
        engine,
        database_label,
        login=os.environ.get("CATI_USER", ""),
        password=os.environ.get("CATI_PASSWORD", ""),
    )
    if sign_in.exec() != QDialog.DialogCode.Accepted or sign_in.actor is None:
        return 0
    clock = SystemClock()
    feed = ChangeFeed(engine).start()
    errors = ErrorPresenter()
    context = UiContext(
        engine=engine,
        actor=sign_in.actor,
        clock=clock,
        errors=errors,
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
        demo_folder=_demo_folder(),
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
