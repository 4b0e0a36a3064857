"""The supervisor dashboard: fieldwork progress, alert inbox and call review in tabs.

Data is refreshed when the change feed (``context.changes``) says something happened (an
answer, an outcome, an alert), never by a polling timer; a Refresh button is there for a
person who wants to be sure. Refreshes that arrive while one is running are folded into a
single next one, so a busy call centre does not queue a refresh per answer. Every query runs
in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cati.accounts import Permission
from cati.db.supervision import RecordedCall
from cati.supervision.alerts import InboxAlert, inbox
from cati.supervision.productivity import InterviewerProductivity, interviewer_productivity
from cati.supervision.progress import FieldworkOverview, fieldwork_overview
from cati.supervision.review import ChecklistItem, recorded_calls
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background, ChangeListener
from cati.ui.dialogs.export_dialog import ExportDialog
from cati.ui.dialogs.report_dialog import ReportDialog
from cati.ui.supervisor.alert_inbox import AlertInbox
from cati.ui.supervisor.call_review import CallReview
from cati.ui.supervisor.progress_panel import ProgressPanel

__all__ = ["DashboardData", "SupervisorDashboard"]


@dataclass(frozen=True)
class DashboardData:
    """Everything one refresh loads, in one background call."""

    overview: FieldworkOverview
    productivity: list[InterviewerProductivity]
    alerts: list[InboxAlert]
    calls: list[RecordedCall] | None  # None: the person may not listen to recordings
    checklist: tuple[ChecklistItem, ...]


class SupervisorDashboard(QWidget):
    """The supervisor's screen for the study in ``context.study_id``."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.refreshes = 0  # completed refreshes (tests and the status line)
        self._again = False
        self.study = QLabel()
        self.study.setObjectName("study_title")
        self.study.setStyleSheet("font-size: 16px; font-weight: 700;")
        self.period = QComboBox()
        self.period.setObjectName("period")
        self.period.addItem(self.tr("Today"), 1)
        self.period.addItem(self.tr("Last 7 days"), 7)
        self.period.addItem(self.tr("Whole fieldwork"), 0)
        self.period.setCurrentIndex(2)
        self.period.currentIndexChanged.connect(self.refresh)
        self.updated = QLabel()
        self.updated.setObjectName("updated")
        self.updated.setStyleSheet("color: #666;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(self.tr("Report…"))
        self.report_button.setObjectName("report")
        self.report_button.clicked.connect(self.open_report)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.open_export)
        actor = context.actor
        self.report_button.setVisible(actor.can(Permission.REPORT))
        self.export_button.setVisible(actor.can(Permission.EXPORT))
        top = QHBoxLayout()
        top.addWidget(self.study, 1)
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period)
        top.addWidget(self.updated)
        top.addWidget(self.refresh_button)
        top.addWidget(self.report_button)
        top.addWidget(self.export_button)

        self.progress = ProgressPanel()
        self.alerts = AlertInbox(context)
        self.alerts.handled.connect(lambda _id: self.refresh())
        self.alerts.resent.connect(lambda _id: self.refresh())
        self.review = CallReview(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboard_tabs")
        self.tabs.addTab(self.progress, self.tr("Progress"))
        self.tabs.addTab(self.alerts, self.tr("Alerts"))
        self.review_index = self.tabs.addTab(self.review, self.tr("Call review"))
        self.tabs.setTabVisible(self.review_index, actor.can(Permission.LISTEN_TO_RECORDINGS))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.listener = ChangeListener(context, self)
        self.listener.changed.connect(self.refresh)
        self.dialogs: list[QWidget] = []
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    def period_start(self) -> datetime | None:
        days = int(self.period.currentData() or 0)
        if not days:
            return None
        now = self.context.clock.now().astimezone()
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight - timedelta(days=days - 1)

    def refresh(self, *_args: Any) -> None:
        """Load everything again (folded into the running refresh if one is running)."""
        if self.context.study_id is None:
            self.study.setText(self.tr("No study chosen"))
            return
        if self.background.busy:
            self._again = True
            return
        self._again = False
        engine, actor, study_id = self.context.engine, self.context.actor, self.context.study_id
        language, since = self.context.language, self.period_start()
        listen = actor.can(Permission.LISTEN_TO_RECORDINGS)

        def load() -> DashboardData:
            overview = fieldwork_overview(engine, actor, study_id, language=language, since=since)
            calls, items = recorded_calls(engine, actor, study_id) if listen else (None, ())
            return DashboardData(
                overview=overview,
                productivity=interviewer_productivity(engine, actor, study_id, since, None),
                alerts=inbox(engine, actor, study_id),
                calls=calls,
                checklist=items,
            )

        self.refresh_button.setEnabled(False)
        self.background.run(load, self._show, self._failed)

    def _show(self, data: DashboardData) -> None:
        self.study.setText(data.overview.study)
        self.progress.show_overview(data.overview)
        self.progress.show_productivity(data.productivity)
        self.alerts.show_alerts(data.alerts)
        fresh = sum(1 for a in data.alerts if a.status == "new")
        self.tabs.setTabText(
            1, self.tr("Alerts ({n})").replace("{n}", str(fresh)) if fresh else self.tr("Alerts")
        )
        if data.calls is not None:
            self.review.show_calls(data.calls, data.checklist)
        self.refreshes += 1
        self.updated.setText(
            self.tr("updated {time}").replace(
                "{time}", self.context.clock.now().astimezone().strftime("%H:%M:%S")
            )
        )
        self._done()

    def _failed(self, error: BaseException) -> None:
        self._done()
        self.context.errors(error)

    def _done(self) -> None:
        self.refresh_button.setEnabled(True)
        if self._again:
            # The background helper still counts this call until its finished signal.
            self.background.idle.connect(self._refresh_once)

    def _refresh_once(self) -> None:
        self.background.idle.disconnect(self._refresh_once)
        self.refresh()

    # -- dialogs --------------------------------------------------------------------------

    def _folder(self) -> Path:
        return Path(self.context.extras.get("output_folder") or Path.home())

    def open_report(self) -> ReportDialog | None:
        if self.context.study_id is None:
            return None
        dialog = ReportDialog(self.context, self.context.study_id, self._folder(), self)
        self.dialogs.append(dialog)
        dialog.open()
        return dialog

    def open_export(self) -> ExportDialog | None:
        if self.context.study_id is None:
            return None
        dialog = ExportDialog(self.context, self.context.study_id, self._folder(), self)
        self.dialogs.append(dialog)
        dialog.open()
        return dialog

    def closeEvent(self, event: Any) -> None:
        self.listener.close()
        self.review.player.stop()
        super().closeEvent(event)
