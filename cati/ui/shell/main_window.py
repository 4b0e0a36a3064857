"""The main window: the study chooser and one tab per kind of work the person's role allows.

Interviewers (and everyone who may interview) get the console; supervisors the dashboard;
research leads the study setup. The dashboard and setup screens are imported when they are
installed (they are separate parts of the app).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cati.accounts import ROLE_LABELS, Permission
from cati.console_service import studies_for
from cati.studies.service import StudyOverview
from cati.ui.context import UiContext
from cati.ui.errors import ErrorPresenter
from cati.ui.operations import Operation, run_in_background

__all__ = ["MainWindow", "optional_screen"]

log = logging.getLogger(__name__)

#: (permission, module, class, tab title source) of the screens owned by other parts.
OPTIONAL_SCREENS = (
    (Permission.SUPERVISE, "cati.ui.supervisor.dashboard", "SupervisorDashboard"),
    (Permission.SET_UP_STUDIES, "cati.ui.setup.study_setup", "StudySetup"),
)


def optional_screen(module: str, name: str) -> type[QWidget] | None:
    """The widget class ``module.name`` if that part of the app is installed and imports."""
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    except Exception:  # a screen under construction must not stop the console
        log.exception("the screen %s.%s could not be loaded", module, name)
        return None
    return found if isinstance(found, type) and issubclass(found, QWidget) else None


class MainWindow(QMainWindow):
    """The signed-in person's window on one database."""

    def __init__(
        self,
        context: UiContext,
        *,
        database_label: str = "",
        open_settings: Callable[[QWidget], None] | None = None,
        demo_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.database_label = database_label
        self.open_settings = open_settings
        self.demo_folder = demo_folder
        self.studies: list[StudyOverview] = []
        self.screens: list[QWidget] = []
        self.operation: Operation | None = None
        if isinstance(context.errors, ErrorPresenter) and context.errors.parent is None:
            context.errors.parent = self
        self.setWindowTitle("cati")
        self.resize(1280, 820)

        toolbar = QToolBar(self.tr("Study"))
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Study: ")))
        self.study_choice = QComboBox()
        self.study_choice.setObjectName("study_choice")
        self.study_choice.setMinimumWidth(360)
        self.study_choice.currentIndexChanged.connect(self._study_chosen)
        toolbar.addWidget(self.study_choice)
        self.addToolBar(toolbar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.placeholder = QLabel(self.tr("Loading the studies…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.tabs, 1)
        self.tabs.setVisible(False)
        self.setCentralWidget(body)

        menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self._settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        menu.addAction(settings)
        menu.addAction(quit_action)

        actor = context.actor
        role = ROLE_LABELS[actor.role].get(context.language, ROLE_LABELS[actor.role]["en"])
        self.statusBar().showMessage(
            self.tr("Signed in as {name} ({role}) · {database}").format(
                name=actor.display_name, role=role, database=database_label
            )
        )
        self.load_studies()

    # -- studies --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    def load_studies(self, choose: int | None = None) -> None:
        engine, actor = self.context.engine, self.context.actor

        def loaded(studies: list[StudyOverview]) -> None:
            self.studies = studies
            if not studies:
                self._no_study()
                return
            self.study_choice.blockSignals(True)
            self.study_choice.clear()
            for study in studies:
                status = self.status_label(study.status)
                self.study_choice.addItem(f"{study.name} · {status}", study.id)
            wanted = choose if choose is not None else self.context.study_id
            index = self.study_choice.findData(wanted) if wanted is not None else -1
            self.study_choice.setCurrentIndex(max(0, index))
            self.study_choice.blockSignals(False)
            self._study_chosen()

        self.operation = run_in_background(
            lambda: studies_for(engine, actor), loaded, self.context.errors, parent=self
        )

    def status_label(self, status: str) -> str:
        return {
            "draft": self.tr("draft"),
            "active": self.tr("fieldwork"),
            "paused": self.tr("paused"),
            "closed": self.tr("closed"),
        }.get(status, status)

    def _no_study(self) -> None:
        can_set_up = self.context.actor.can(Permission.SET_UP_STUDIES)
        self.placeholder.setText(
            self.tr("There is no study in this database yet.")
            if can_set_up
            else self.tr("There is no study to work on yet; ask the research lead.")
        )
        self.placeholder.setVisible(True)
        if can_set_up:
            self._show_screens(None)
            if self.demo_folder is not None:
                self.offer_demo()

    def offer_demo(self) -> None:
        builder = optional_function("cati.demo", "build_demo")
        if builder is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("cati"),
            self.tr(
                "The database has no study yet. Create the demo study (a client base of "
                "1,500 companies and two weeks of simulated fieldwork)? It takes a minute."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self.build_demo(builder))
        box.open()

    def build_demo(self, builder: Callable[..., Any]) -> None:
        if self.busy:
            return
        engine, folder = self.context.engine, self.demo_folder or Path.home()
        dialog = QProgressDialog(self.tr("Building the demo study…"), "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        parameters = inspect.signature(builder).parameters

        def build(progress: Callable[[int, int], None]) -> Any:
            arguments: dict[str, Any] = {"progress": progress}
            if "data_dir" in parameters:
                arguments["data_dir"] = folder
            if "clock" in parameters:
                arguments["clock"] = self.context.clock
            return builder(engine, **arguments)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)

        def built(_summary: object) -> None:
            dialog.close()
            self.load_studies()

        def failed(error: BaseException) -> None:
            dialog.close()
            self.context.errors(error)

        self.operation = run_in_background(
            build, built, failed, parent=self, on_progress=progressed
        )

    def _study_chosen(self, *_args: object) -> None:
        data = self.study_choice.currentData()
        study_id = int(data) if data is not None else None
        self._show_screens(study_id)

    # -- tabs -----------------------------------------------------------------------------

    def _show_screens(self, study_id: int | None) -> None:
        for screen in self.screens:
            shutdown = getattr(screen, "shutdown", None)
            if callable(shutdown):
                shutdown()
            close = getattr(getattr(screen, "listener", None), "close", None)
            if callable(close):
                close()
        self.tabs.clear()
        for screen in self.screens:
            screen.deleteLater()
        self.screens = []
        context = replace(self.context, study_id=study_id)
        actor = context.actor
        if actor.can(Permission.INTERVIEW) and study_id is not None:
            from cati.ui.console.console import InterviewerConsole

            self._add(InterviewerConsole(context), self.tr("Interviewing"))
        titles = {
            "SupervisorDashboard": self.tr("Supervision"),
            "StudySetup": self.tr("Study setup"),
        }
        for permission, module, name in OPTIONAL_SCREENS:
            if not actor.can(permission):
                continue
            screen_class = optional_screen(module, name)
            if screen_class is None:
                continue
            try:
                screen = screen_class(context)  # type: ignore[arg-type]
            except Exception as error:
                log.exception("the screen %s could not be opened", name)
                self.context.errors(error)
                continue
            self._add(screen, titles[name])
        self.tabs.setVisible(bool(self.screens))
        self.placeholder.setVisible(not self.screens)

    def _add(self, screen: QWidget, title: str) -> None:
        self.screens.append(screen)
        self.tabs.addTab(screen, title)

    def _settings(self) -> None:
        if self.open_settings is not None:
            self.open_settings(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        for screen in self.screens:
            shutdown = getattr(screen, "shutdown", None)
            if callable(shutdown):
                shutdown()
        super().closeEvent(event)


def optional_function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if callable(found) else None
