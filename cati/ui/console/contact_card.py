"""The contact card: who is called, what time it is there, what happened on earlier calls."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cati.console_service import ContactCard, DueAppointment

__all__ = ["ContactCardView", "format_phone", "local_time"]


def local_time(moment: datetime, timezone: str) -> datetime:
    """``moment`` on the wall clock of ``timezone`` (unchanged for an unknown zone)."""
    try:
        return moment.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def format_phone(e164: str) -> str:
    try:
        parsed = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setStyleSheet("color: #555; font-weight: 600; margin-top: 8px;")
    return label


class ContactCardView(QFrame):
    """Shows one :class:`ContactCard`; :meth:`tick` keeps the contact's clock current."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contact_card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(300)
        self.setStyleSheet("QFrame#contact_card { background: #fbfbfd; }")
        layout = QVBoxLayout(self)
        self.company = QLabel()
        self.company.setObjectName("company")
        self.company.setWordWrap(True)
        self.company.setStyleSheet("font-size: 18px; font-weight: 700;")
        self.person = QLabel()
        self.person.setObjectName("person")
        self.person.setWordWrap(True)
        self.person.setStyleSheet("font-size: 15px;")
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("local_time")
        self.clock.setWordWrap(True)
        self.clock.setStyleSheet("font-size: 15px; color: #1a5fb4; font-weight: 600;")
        self.phone = QLabel()
        self.phone.setObjectName("phone")
        self.phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.appointment = QLabel()
        self.appointment.setObjectName("appointment")
        self.appointment.setWordWrap(True)
        self.appointment.setStyleSheet(
            "background: #e8f1fb; border: 1px solid #9cc1e8; border-radius: 4px; padding: 6px;"
        )
        self.history_title = _section(self.tr("Earlier calls"))
        self.history = QLabel()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        for widget in (
            self.company,
            self.person,
            self.details,
            self.clock,
            self.phone,
            self.appointment,
            self.history_title,
            self.history,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.card: ContactCard | None = None
        self.clear()

    def clear(self) -> None:
        self.card = None
        self.company.setText(self.tr("No contact"))
        self.person.setText(self.tr("Press “Next contact” (F2) to get one."))
        for label in (self.details, self.clock, self.phone, self.appointment, self.history):
            label.clear()
            label.setVisible(False)
        self.history_title.setVisible(False)

    def show_card(self, card: ContactCard, now: datetime) -> None:
        self.card = card
        self.company.setText(card.company or self.tr("(company not given)"))
        person = card.name or self.tr("(name not given)")
        if card.position:
            person += f", {card.position}"
        self.person.setText(person)
        lines = []
        if card.segment:
            lines.append(self.tr("Segment: {segment}").format(segment=card.segment))
        if card.region:
            lines.append(self.tr("Region: {region}").format(region=card.region))
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.phone.setText(self.tr("Phone: {number}").format(number=format_phone(card.phone)))
        self.phone.setVisible(True)
        self.clock.setVisible(True)
        self._show_appointment(card.appointment)
        self._show_history(card)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        if self.card is None:
            return
        local = local_time(now, self.card.timezone)
        self.clock.setText(
            self.tr("Their time: {time} ({zone})").format(
                time=local.strftime("%H:%M, %d.%m"), zone=self.card.timezone
            )
        )

    def _show_appointment(self, due: DueAppointment | None) -> None:
        if due is None or self.card is None:
            self.appointment.setVisible(False)
            return
        zone = self.card.timezone
        start = local_time(due.starts_at, zone)
        when = start.strftime("%d.%m %H:%M")
        if due.ends_at is not None:
            when += "–" + local_time(due.ends_at, zone).strftime("%H:%M")
        text = self.tr("Call-back booked for {when} their time").format(when=when)
        if due.booked_by:
            text += "\n" + self.tr("Booked by {name}").format(name=due.booked_by)
        if due.owner is None:
            text += "\n" + self.tr("Open to every interviewer")
        if due.note:
            text += "\n" + due.note
        self.appointment.setText(text)
        self.appointment.setVisible(True)

    def _show_history(self, card: ContactCard) -> None:
        self.history_title.setVisible(True)
        self.history.setVisible(True)
        if not card.history:
            never = self.tr("Not called before.")
            self.history.setText(f"<i>{html.escape(never)}</i>")
            return
        rows = []
        for line in card.history:
            when = line.started_at.astimezone().strftime("%d.%m %H:%M")
            row = (
                f"<b>{html.escape(when)}</b> · {html.escape(line.outcome)}"
                f" <span style='color:#777'>({html.escape(line.interviewer)})</span>"
            )
            if line.note:
                row += f"<br><span style='color:#444'>{html.escape(line.note)}</span>"
            rows.append(row)
        self.history.setText("<br>".join(rows))
