"""The alert inbox: unhappy clients, problems and sales leads as they happen.

The list shows each alert's time, kind, company, whether it was handled and whether it
reached the client (e-mail, Telegram); the Delivery cell's tooltip lists each message. A
message handed to a server that never confirmed it is "maybe sent" (red, like "failed"): it
is not sent again by itself, and "Send again" sends it on purpose. Selecting one loads the
answers behind it; a new alert is closed with a note saying what was done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.supervision.alerts import AlertDetail, InboxAlert, alert_detail, handle_alert, resend
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background, format_local
from cati.ui.supervisor.tables import read_only_table

__all__ = ["AlertInbox"]

_KIND_COLOURS = {"detractor": "#fde7e9", "problem": "#fff4e0", "sales_lead": "#e6f4ea"}


class AlertInbox(QWidget):
    """Lists alerts; ``handled`` is emitted after one was marked handled."""

    handled = Signal(int)
    resent = Signal(int)  # an alert's messages were queued to be sent again

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.alerts: list[InboxAlert] = []
        self.detail: AlertDetail | None = None
        self.table = read_only_table(
            [
                self.tr("Time"),
                self.tr("Kind"),
                self.tr("Company"),
                self.tr("Segment"),
                self.tr("Status"),
                self.tr("Delivery"),
            ],
            "alerts",
            stretch=2,
            single_selection=True,
            striped=False,
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.counter = QLabel()
        self.counter.setObjectName("alert_counter")

        self.title = QLabel(self.tr("Choose an alert to see the answers behind it."))
        self.title.setObjectName("alert_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.answers = QTableWidget(0, 2)
        self.answers.setObjectName("alert_answers")
        self.answers.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Answer")])
        self.answers.verticalHeader().setVisible(False)
        self.answers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.answers.setWordWrap(True)
        answer_header = self.answers.horizontalHeader()
        answer_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        answer_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.handling = QLabel()
        self.handling.setObjectName("handling")
        self.handling.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("handle_note")
        self.note.setPlaceholderText(
            self.tr("What was done: who called the client, what was agreed…")
        )
        self.note.setMaximumHeight(80)
        self.handle_button = QPushButton(self.tr("Mark handled"))
        self.handle_button.setObjectName("mark_handled")
        self.handle_button.clicked.connect(self.mark_handled)
        self.handle_button.setEnabled(False)
        self.resend_button = QPushButton(self.tr("Send again"))
        self.resend_button.setObjectName("resend_alert")
        self.resend_button.setToolTip(
            self.tr(
                "Send the messages that are maybe sent or failed again. A maybe-sent message "
                "may have arrived: check with the recipient first, or they may get it twice."
            )
        )
        self.resend_button.clicked.connect(self.send_again)
        self.resend_button.setEnabled(False)

        right = QGroupBox(self.tr("Alert"))
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.answers, 1)
        right_layout.addWidget(self.handling)
        right_layout.addWidget(QLabel(self.tr("Note")))
        right_layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.handle_button)
        right_layout.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.counter)
        left_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- labels ---------------------------------------------------------------------------

    def kind_label(self, kind: str) -> str:
        return {
            "detractor": self.tr("Detractor"),
            "problem": self.tr("Problem"),
            "sales_lead": self.tr("Sales lead"),
            "manual": self.tr("Flag"),
        }.get(kind, kind)

    def delivery_label(self, state: str) -> str:
        return {
            "none": self.tr("not sent"),
            "pending": self.tr("sending"),
            "sending": self.tr("sending"),
            "sent": self.tr("delivered"),
            "maybe_sent": self.tr("maybe sent"),
            "failed": self.tr("failed"),
        }.get(state, state)

    def delivery_tooltip(self, alert: InboxAlert) -> str:
        lines = []
        for delivery in alert.deliveries:
            line = f"{delivery.channel} {delivery.recipient}: {self.delivery_label(delivery.state)}"
            if delivery.state in ("maybe_sent", "failed") and delivery.last_error:
                line += f" ({delivery.last_error})"
            lines.append(line)
        return "\n".join(lines)

    # -- showing --------------------------------------------------------------------------

    def show_alerts(self, alerts: list[InboxAlert]) -> None:
        chosen = self.selected_alert()
        self.alerts = alerts
        fresh = sum(1 for a in alerts if a.status == "new")
        self.counter.setText(self.tr("%n new alert(s)", "", fresh))
        self.table.blockSignals(True)
        self.table.setRowCount(len(alerts))
        for row, alert in enumerate(alerts):
            status = self.tr("new") if alert.status == "new" else self.tr("handled")
            cells = [
                format_local(alert.created_at),
                self.kind_label(alert.kind),
                alert.company,
                alert.segment,
                status,
                self.delivery_label(alert.delivery_state),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, alert.alert_id)
                if alert.status == "new":
                    item.setBackground(QColor(_KIND_COLOURS.get(alert.kind, "#ffffff")))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 5:
                    item.setToolTip(self.delivery_tooltip(alert))
                    if alert.delivery_state in ("failed", "maybe_sent"):
                        item.setForeground(QColor("#b00020"))
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if chosen is not None:
            for row, alert in enumerate(alerts):
                if alert.alert_id == chosen.alert_id:
                    self.table.selectRow(row)
                    self._show_handling(alert)
                    break

    def selected_alert(self) -> InboxAlert | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self.alerts[index] if 0 <= index < len(self.alerts) else None

    def _selected(self) -> None:
        alert = self.selected_alert()
        if alert is None:
            return
        self._show_handling(alert)
        actor, engine, language = self.context.actor, self.context.engine, self.context.language
        alert_id = alert.alert_id
        self.background.run(
            lambda: alert_detail(engine, actor, alert_id, language), self._show_detail
        )

    def _show_handling(self, alert: InboxAlert) -> None:
        self.resend_button.setEnabled(alert.can_resend)
        if alert.status == "handled":
            self.handling.setText(
                self.tr("Handled by {who} on {when}: {note}")
                .replace("{who}", alert.handled_by or "")
                .replace("{when}", format_local(alert.handled_at))
                .replace("{note}", alert.note)
            )
            self.handle_button.setEnabled(False)
            self.note.setEnabled(False)
        else:
            self.handling.setText("")
            self.handle_button.setEnabled(True)
            self.note.setEnabled(True)

    def _show_detail(self, detail: AlertDetail) -> None:
        self.detail = detail
        who = ", ".join(p for p in (detail.contact_name, detail.position) if p)
        self.title.setText(
            f"{self.kind_label(detail.kind)}: {detail.company}" + (f" — {who}" if who else "")
        )
        self.answers.setRowCount(len(detail.answers))
        for row, line in enumerate(detail.answers):
            self.answers.setItem(row, 0, QTableWidgetItem(line.question))
            self.answers.setItem(row, 1, QTableWidgetItem(line.answer))
        self.answers.resizeRowsToContents()

    # -- handling -------------------------------------------------------------------------

    def mark_handled(self) -> None:
        alert = self.selected_alert()
        if alert is None or self.context.study_id is None:
            return
        note = self.note.toPlainText()
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, alert_id = self.context.study_id, alert.alert_id
        self.handle_button.setEnabled(False)

        def done(updated: InboxAlert) -> None:
            self.note.clear()
            self.alerts = [updated if a.alert_id == updated.alert_id else a for a in self.alerts]
            self.show_alerts(self.alerts)
            self.handled.emit(updated.alert_id)

        def failed(error: BaseException) -> None:
            self.handle_button.setEnabled(True)
            self.context.errors(error)

        self.background.run(
            lambda: handle_alert(engine, actor, study_id, alert_id, note, clock), done, failed
        )

    def send_again(self) -> None:
        alert = self.selected_alert()
        if alert is None or not alert.can_resend:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        alert_id = alert.alert_id
        self.resend_button.setEnabled(False)

        def done(_queued: int) -> None:
            self.resent.emit(alert_id)

        def failed(error: BaseException) -> None:
            self.resend_button.setEnabled(True)
            self.context.errors(error)

        self.background.run(lambda: resend(engine, actor, alert_id, clock), done, failed)
