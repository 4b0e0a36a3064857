"""Fieldwork settings of a study: calling hours per weekday, days off, attempts and retries,
the dialer and the caller ID respondents see."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cati.db import StudyStatus
from cati.scheduler.settings import FieldworkSettings, Weekday
from cati.supervision.setup import change_status, load_fieldwork, save_fieldwork
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background

__all__ = ["SettingsPanel", "parse_days_off"]


def parse_days_off(text: str) -> list[str]:
    """Dates one per line (or separated by commas) as 2025-05-01 or 01.05.2025, ISO out."""
    found = []
    for part in text.replace(",", "\n").split():
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                found.append(datetime.strptime(part, pattern).date().isoformat())
                break
            except ValueError:
                continue
        else:
            raise ValueError(part)
    return found


class SettingsPanel(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.study_id: int | None = None
        self.settings: FieldworkSettings | None = None
        names = [
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        ]
        hours = QGroupBox(self.tr("Calling hours (the contact's local time)"))
        grid = QGridLayout(hours)
        self.days: dict[Weekday, tuple[QCheckBox, QTimeEdit, QTimeEdit]] = {}
        for row, (day, name) in enumerate(zip(Weekday, names, strict=True)):
            on = QCheckBox(name)
            on.setObjectName(f"day_{day.value}")
            start, end = QTimeEdit(), QTimeEdit()
            for edit in (start, end):
                edit.setDisplayFormat("HH:mm")
            start.setObjectName(f"start_{day.value}")
            end.setObjectName(f"end_{day.value}")
            grid.addWidget(on, row, 0)
            grid.addWidget(start, row, 1)
            grid.addWidget(QLabel("—"), row, 2)
            grid.addWidget(end, row, 3)
            self.days[day] = (on, start, end)
        self.days_off = QPlainTextEdit()
        self.days_off.setObjectName("days_off")
        self.days_off.setPlaceholderText(self.tr("One date per line, e.g. 01.05.2025"))
        self.days_off.setMaximumHeight(90)
        self.max_attempts = QSpinBox()
        self.max_attempts.setObjectName("max_attempts")
        self.max_attempts.setRange(1, 50)
        self.lease = QSpinBox()
        self.lease.setRange(5, 480)
        self.lease.setSuffix(self.tr(" min"))
        self.refusal_conversion = QCheckBox(self.tr("Call soft refusals again"))
        self.detractor = QSpinBox()
        self.detractor.setRange(0, 10)
        self.study_status = QComboBox()
        self.study_status.setObjectName("study_status")
        for status, label in (
            (StudyStatus.DRAFT, self.tr("Draft: being set up, test calls")),
            (StudyStatus.ACTIVE, self.tr("Active: interviewers call")),
            (StudyStatus.PAUSED, self.tr("Paused: no new contacts")),
            (StudyStatus.CLOSED, self.tr("Closed: fieldwork over")),
        ):
            self.study_status.addItem(label, status.value)
        self.dialer = QComboBox()
        self.dialer.setObjectName("dialer")
        self.dialer.addItem(self.tr("Simulated (training, demo)"), "simulated")
        self.dialer.addItem(self.tr("Manual (desk phone)"), "manual")
        self.dialer.addItem(self.tr("Twilio"), "twilio")
        self.caller_id = QLineEdit()
        self.caller_id.setObjectName("caller_id")
        self.caller_id.setPlaceholderText("+74951234567")
        self.recordings_folder = QLineEdit()
        self.recordings_folder.setObjectName("recordings_folder")
        self.recordings_folder.setPlaceholderText(self.tr("beside the database"))
        self.recordings_folder.setToolTip(
            self.tr(
                "Where workstations keep call recordings. Empty: the database's data folder "
                "(beside a SQLite file; for a server database, on each computer). With several "
                "workstations, a shared folder that supervisors can open too."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Fieldwork"), self.study_status)
        form.addRow(self.tr("Days off"), self.days_off)
        form.addRow(self.tr("Attempts per contact, at most"), self.max_attempts)
        form.addRow(self.tr("A contact is held for"), self.lease)
        form.addRow("", self.refusal_conversion)
        form.addRow(self.tr("Detractor alert at NPS up to"), self.detractor)
        form.addRow(self.tr("Dialer"), self.dialer)
        form.addRow(self.tr("Caller ID"), self.caller_id)
        form.addRow(self.tr("Recordings folder"), self.recordings_folder)
        self.status = QLabel()
        self.status.setObjectName("settings_status")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        columns = QHBoxLayout()
        columns.addWidget(hours)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def load(self, study_id: int | None) -> None:
        self.study_id = study_id
        if study_id is None:
            return
        engine, actor = self.context.engine, self.context.actor
        self.background.run(
            lambda: load_fieldwork(engine, actor, study_id),
            lambda loaded: self.show_settings(*loaded),
        )

    def show_settings(self, settings: FieldworkSettings, status: StudyStatus) -> None:
        self.settings = settings
        self.study_status.setCurrentIndex(self.study_status.findData(status.value))
        for day, (on, start, end) in self.days.items():
            windows = settings.calling_hours.get(day, ())
            on.setChecked(bool(windows))
            first = windows[0] if windows else None
            start.setTime(_qtime(first.start if first else time(9)))
            end.setTime(_qtime(first.end if first else time(20)))
        self.days_off.setPlainText("\n".join(d.strftime("%d.%m.%Y") for d in settings.days_off))
        self.max_attempts.setValue(settings.max_attempts)
        self.lease.setValue(settings.lease_minutes)
        self.refusal_conversion.setChecked(settings.allow_refusal_conversion)
        self.detractor.setValue(settings.detractor_threshold)
        self.dialer.setCurrentIndex(self.dialer.findData(settings.dialer.kind))
        self.caller_id.setText(str(settings.dialer.options.get("caller_id", "")))
        self.recordings_folder.setText(settings.recordings_folder)

    def changes(self) -> dict[str, Any]:
        hours = {
            day.value: [[start.time().toString("HH:mm"), end.time().toString("HH:mm")]]
            for day, (on, start, end) in self.days.items()
            if on.isChecked()
        }
        options = dict(self.settings.dialer.options) if self.settings else {}
        caller = self.caller_id.text().strip()
        if caller:
            options["caller_id"] = caller
        else:
            options.pop("caller_id", None)
        return {
            "calling_hours": hours,
            "days_off": parse_days_off(self.days_off.toPlainText()),
            "max_attempts": self.max_attempts.value(),
            "lease_minutes": self.lease.value(),
            "allow_refusal_conversion": self.refusal_conversion.isChecked(),
            "detractor_threshold": self.detractor.value(),
            "dialer": {"kind": self.dialer.currentData(), "options": options},
            "recordings_folder": self.recordings_folder.text().strip(),
        }

    def save(self) -> None:
        if self.study_id is None:
            return
        try:
            changes = self.changes()
        except ValueError as error:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(
                self.tr("{text} is not a date; write dates like 01.05.2025").replace(
                    "{text}", str(error)
                )
            )
            return
        engine, actor, study_id = self.context.engine, self.context.actor, self.study_id

        wanted = str(self.study_status.currentData())

        def store() -> tuple[FieldworkSettings, StudyStatus]:
            settings = save_fieldwork(engine, actor, study_id, changes)
            return settings, change_status(engine, actor, study_id, wanted)

        def done(stored: tuple[FieldworkSettings, StudyStatus]) -> None:
            self.show_settings(*stored)
            self.status.setStyleSheet("color: #2e7d32;")
            self.status.setText(self.tr("Settings saved"))

        def failed(error: BaseException) -> None:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(error))

        self.background.run(store, done, failed)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)
