"""The wrap-up after every call: the outcome in plain words, a note, a call-back, do-not-call.

The panel only collects the interviewer's choice and checks what it can by itself (a note
where the outcome asks for one, a call-back time that exists); the console records it in
the background and shows the service's refusals here, in place.

Keys: Up/Down choose the outcome, Enter records it (Ctrl+Enter from the note or the
call-back fields), Esc goes back to the interview while the call is still on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cati.dispositions.outcomes import Outcome
from cati.errors import CatiError
from cati.scheduler.outcomes import AppointmentRequest
from cati.ui.console.contact_card import local_time

__all__ = ["OutcomeChoice", "OutcomePanel"]

KEY_ROLE = Qt.ItemDataRole.UserRole
SCRIPT_DECIDES = frozenset({"complete"})


@dataclass(frozen=True)
class OutcomeChoice:
    """What the interviewer chose in the panel."""

    outcome_key: str
    note: str
    appointment: AppointmentRequest | None
    do_not_call: bool


class OutcomePanel(QWidget):
    """Collects the wrap-up; emits ``confirmed(OutcomeChoice)`` and ``dismissed()``."""

    confirmed = Signal(object)
    dismissed = Signal()

    def __init__(self, language: str = "ru", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_panel")
        self.language = language
        self.outcomes: dict[str, Outcome] = {}
        self.timezone = "UTC"
        self.now = datetime.now().astimezone()
        self.fixed: Outcome | None = None
        self.can_dismiss = False
        self.busy = False

        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("Wrap-up: how did the call end?"))
        self.title.setStyleSheet("font-size: 17px; font-weight: 700;")
        self.reason = QLabel()
        self.reason.setObjectName("call_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #555;")
        layout.addWidget(self.title)
        layout.addWidget(self.reason)

        self.list = QListWidget()
        self.list.setObjectName("outcomes")
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumHeight(220)
        self.list.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.list.currentItemChanged.connect(self._outcome_changed)
        self.list.itemActivated.connect(lambda _item: self.confirm())
        layout.addWidget(self.list, 1)
        hint = QLabel(
            self.tr(
                "↑/↓ choose · Enter records · Ctrl+Enter records from any field · Esc back"
                " · ✎ needs a note"
            )
        )
        hint.setStyleSheet("color: #777;")
        layout.addWidget(hint)

        self.note_label = QLabel(self.tr("Note"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.note.setPlaceholderText(self.tr("What did the person say? (Tab: next field)"))
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)

        self.callback = QGroupBox()
        self.callback.setObjectName("callback")
        form = QFormLayout(self.callback)
        self.day = QDateEdit()
        self.day.setObjectName("callback_date")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.start = QTimeEdit()
        self.start.setObjectName("callback_time")
        self.start.setDisplayFormat("HH:mm")
        self.as_window = QCheckBox(self.tr("A window, until"))
        self.as_window.setObjectName("callback_window")
        self.end = QTimeEdit()
        self.end.setObjectName("callback_end")
        self.end.setDisplayFormat("HH:mm")
        self.as_window.toggled.connect(self.end.setEnabled)
        window_row = QHBoxLayout()
        window_row.addWidget(self.as_window)
        window_row.addWidget(self.end)
        window_row.addStretch(1)
        self.open_to_all = QCheckBox(self.tr("Any interviewer may make the call"))
        self.open_to_all.setObjectName("callback_open")
        for edit in (self.day, self.start, self.end):
            edit.setMaximumWidth(160)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Time"), self.start)
        form.addRow("", window_row)
        form.addRow("", self.open_to_all)
        layout.addWidget(self.callback)

        self.do_not_call = QCheckBox(self.tr("Never call this person again (they asked)"))
        self.do_not_call.setObjectName("do_not_call")
        layout.addWidget(self.do_not_call)

        self.message = QLabel()
        self.message.setObjectName("wrap_up_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back to the interview (Esc)"))
        self.back_button.clicked.connect(self.dismiss)
        self.record_button = QPushButton(self.tr("Record outcome (Enter)"))
        self.record_button.setObjectName("record_outcome")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.confirm)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout.addLayout(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.confirm)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.dismiss)

    # -- what the console calls -----------------------------------------------------------

    def set_outcomes(self, outcomes: Sequence[Outcome]) -> None:
        # A completed interview is the script's decision, recorded when it ends, not a choice.
        self.outcomes = {o.key: o for o in outcomes if o.key not in SCRIPT_DECIDES}

    def begin(
        self,
        *,
        timezone: str,
        now: datetime,
        suggested: str | None = None,
        fixed: Outcome | None = None,
        reason: str = "",
        can_dismiss: bool = False,
    ) -> None:
        """Start a wrap-up: ``fixed`` is an outcome decided already (the script's ending)."""
        self.timezone, self.now, self.fixed = timezone, now, fixed
        self.can_dismiss, self.busy = can_dismiss, False
        self.back_button.setVisible(can_dismiss)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.note.clear()
        self.message.clear()
        self.do_not_call.setChecked(False)
        self.open_to_all.setChecked(False)
        self.list.blockSignals(True)
        self.list.clear()
        shown = [fixed] if fixed is not None else list(self.outcomes.values())
        for outcome in shown:
            text = outcome.label(self.language)
            if outcome.note_required:
                text += "  ✎"
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, outcome.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [o.key for o in shown]
        row = keys.index(suggested) if suggested in keys else 0
        self.list.setCurrentRow(row)
        self._outcome_changed()
        local = local_time(now, timezone)
        proposal = (local + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        self.day.setDate(QDate(proposal.year, proposal.month, proposal.day))
        self.start.setTime(QTime(proposal.hour, proposal.minute))
        self.end.setTime(QTime(min(proposal.hour + 2, 23), 0))
        self.callback.setTitle(
            self.tr("Call back — the respondent's local time ({zone}, now {time})").format(
                zone=timezone, time=local.strftime("%H:%M")
            )
        )
        self.list.setFocus()

    def show_message(self, text: str) -> None:
        self.busy = False
        self.message.setText(text)

    def selected(self) -> Outcome | None:
        item = self.list.currentItem()
        if item is None:
            return None
        key = str(item.data(KEY_ROLE))
        if self.fixed is not None and self.fixed.key == key:
            return self.fixed
        return self.outcomes.get(key)

    # -- the interviewer's actions --------------------------------------------------------

    def _outcome_changed(self, *args: object) -> None:
        outcome = self.selected()
        needs_note = bool(outcome and outcome.note_required)
        self.note_label.setText(
            self.tr("Note (required for this outcome)") if needs_note else self.tr("Note")
        )
        self.note_label.setStyleSheet("font-weight: 700; color: #b00020;" if needs_note else "")
        books = bool(outcome and outcome.appointment)
        self.callback.setVisible(books)
        if books and outcome is not None:
            self.as_window.setChecked(outcome.key == "appointment_soft")
            self.end.setEnabled(self.as_window.isChecked())
        self.message.clear()

    def appointment(self, note: str) -> AppointmentRequest | None:
        """The call-back asked for, converted from the respondent's wall clock."""
        outcome = self.selected()
        if outcome is None or not outcome.appointment:
            return None
        day = self.day.date()
        starts = datetime.combine(
            date(day.year(), day.month(), day.day()),
            time(self.start.time().hour(), self.start.time().minute()),
        )
        ends = None
        if self.as_window.isChecked():
            ends = datetime.combine(
                starts.date(), time(self.end.time().hour(), self.end.time().minute())
            )
        return AppointmentRequest.local(
            starts, self.timezone, ends, open_to_all=self.open_to_all.isChecked(), note=note
        )

    def confirm(self) -> None:
        if self.busy or not self.isVisible():
            return
        outcome = self.selected()
        if outcome is None:
            self.message.setText(self.tr("Choose how the call ended."))
            return
        note = self.note.toPlainText().strip()
        if outcome.note_required and not note and self.fixed is None:
            self.message.setText(
                self.tr(
                    "“{outcome}” needs a note: write in a few words what the person said."
                ).format(outcome=outcome.label(self.language))
            )
            self.note.setFocus()
            return
        try:
            appointment = self.appointment(note)
        except CatiError as error:
            self.message.setText(str(error))
            return
        self.busy = True
        self.message.clear()
        self.confirmed.emit(
            OutcomeChoice(outcome.key, note, appointment, self.do_not_call.isChecked())
        )

    def dismiss(self) -> None:
        if self.can_dismiss and not self.busy:
            self.dismissed.emit()
