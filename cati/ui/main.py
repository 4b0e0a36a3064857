"""Starting the Qt application: sign in, then the workspace (the main window).

The composition root (:func:`cati.app.run_desktop_app`) opens the database and calls
:func:`run`. Start-up takes two steps so that the sign-in window comes at once: this module
needs only Qt, the workstation's preferences, the translations and the sign-in dialog; the
workspace (:mod:`cati.ui.workspace`: the main window with its screens, the change feed and
the :class:`~cati.ui.shell.notifier.Notifier` that sends alerts and digests) brings in the
statistics, reporting and call list libraries, so it is loaded by name in a background
thread once the sign-in window is up, while the person types. For development and
screenshots ``CATI_USER`` and ``CATI_PASSWORD`` fill in the sign-in.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from importlib import import_module
from types import ModuleType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from cati.db import Engine
from cati.ui.display_check import check_desktop_can_start
from cati.ui.i18n import choose_language, install_translations
from cati.ui.shell.preferences import Preferences
from cati.ui.shell.sign_in import SignInDialog

__all__ = ["WORKSPACE_MODULE", "run", "saved_database_url"]

log = logging.getLogger(__name__)

#: The module with ``open_workspace`` (the signed-in app) and ``load_screens``.
WORKSPACE_MODULE = "cati.ui.workspace"
#: Loading the workspace starts this long after the sign-in window's event loop does, so
#: the window is drawn first.
WARM_UP_DELAY_MS = 150


def saved_database_url(explicit: str | None = None) -> str | None:
    """The database to open: ``--db``, ``CATI_DATABASE_URL``, then the saved setting."""
    if QApplication.instance() is None:
        QApplication.setOrganizationName("cati")
    return Preferences().startup_database_url(explicit)


class WorkspaceLoader:
    """Imports the workspace and its screens in a background thread (imports only: no
    widget is created off the GUI thread); :meth:`module` waits for it."""

    def __init__(self) -> None:
        self._thread = threading.Thread(target=self._load, name="load workspace", daemon=True)
        self._needed = False  # the GUI thread has taken over

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def start(self) -> None:
        """Start loading, unless it started already or the workspace is already needed."""
        if not self.started and not self._needed:
            self._thread.start()

    def _load(self) -> None:
        # Python collects cycles in the thread that allocates: Qt objects in garbage cycles
        # must not be destroyed here, off the GUI thread, so no collection while importing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            import_module(WORKSPACE_MODULE).load_screens()
        except Exception:  # the GUI thread imports it again and shows what went wrong
            log.debug("loading the workspace in the background failed", exc_info=True)
        finally:
            if collecting:
                gc.enable()

    def wait(self) -> None:
        """Let a running import finish (an interpreter must not exit in the middle of one)."""
        if self._thread.is_alive():
            self._thread.join()

    def module(self) -> ModuleType:
        """The workspace module: loaded in the background, or now if that never started."""
        self._needed = True
        self.wait()
        return import_module(WORKSPACE_MODULE)


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
    loader = WorkspaceLoader()
    QTimer.singleShot(WARM_UP_DELAY_MS, sign_in, loader.start)
    sign_in.buttons.accepted.connect(loader.start)  # signing in at once: load meanwhile
    accepted = sign_in.exec() == QDialog.DialogCode.Accepted
    if not accepted or sign_in.actor is None or not isinstance(app, QApplication):
        loader.wait()
        return 0
    workspace = loader.module()
    return int(
        workspace.open_workspace(app, engine, database_label, sign_in.actor, preferences, language)
    )
