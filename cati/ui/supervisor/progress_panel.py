"""Fieldwork at a glance: quotas per segment with bars, AAPOR rates, call outcomes and
interviewer productivity."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.supervision.productivity import InterviewerProductivity
from cati.supervision.progress import FieldworkOverview
from cati.ui.dialogs.background import percent
from cati.ui.supervisor.tables import read_only_table

__all__ = ["ProgressPanel"]

#: The rates shown on the dashboard (all of them are in the report and ``cati rates``).
SHOWN_RATES = ("RR1", "RR3", "COOP1", "REF1", "CON1")


_BAR_STYLE = (
    "QProgressBar {{ border: 1px solid #b0b0b0; border-radius: 3px; text-align: center; "
    "background: #fafafa; }} QProgressBar::chunk {{ background: {colour}; }}"
)


def _cell(text: str, *, number: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class ProgressPanel(QWidget):
    """Shows one :class:`FieldworkOverview` and the productivity rows of a period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.segments = read_only_table(
            [
                self.tr("Segment"),
                self.tr("Completes"),
                self.tr("Target"),
                self.tr("Progress"),
                self.tr("In progress"),
                self.tr("Reachable left"),
                self.tr("Contacts"),
            ],
            "segments",
            stretch=3,
        )
        self.rates = read_only_table([self.tr("Rate"), self.tr("All")], "rates")
        self.outcomes = read_only_table(
            [self.tr("Outcome"), self.tr("AAPOR"), self.tr("Calls")], "outcomes"
        )
        self.productivity = read_only_table(
            [
                self.tr("Interviewer"),
                self.tr("Calls"),
                self.tr("Hours"),
                self.tr("Calls / hour"),
                self.tr("Completes"),
                self.tr("Completes / hour"),
                self.tr("Mean length, min"),
                self.tr("Refusal rate"),
            ],
            "productivity",
        )
        self.productivity.setToolTip(
            self.tr(
                "Hours run from the first call to the end of the last one each day, breaks "
                "over 30 minutes left out. Refusal rate: refusals among the calls in which "
                "somebody was spoken to."
            )
        )
        grid = QGridLayout()
        grid.addWidget(self._box(self.tr("Quotas by segment"), self.segments), 0, 0, 1, 2)
        grid.addWidget(self._box(self.tr("AAPOR rates"), self.rates), 1, 0)
        grid.addWidget(self._box(self.tr("Call outcomes in the period"), self.outcomes), 1, 1)
        grid.addWidget(
            self._box(self.tr("Interviewer productivity in the period"), self.productivity),
            2,
            0,
            1,
            2,
        )
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)

    @staticmethod
    def _box(title: str, table: QTableWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(table)
        return box

    def show_overview(self, overview: FieldworkOverview) -> None:
        share = overview.completes / overview.target if overview.target else None
        self.summary.setText(
            self.tr("{study}: {done} of {target} interviews ({share}), {calls} calls in the period")
            .replace("{study}", overview.study)
            .replace("{done}", str(overview.completes))
            .replace("{target}", str(overview.target))
            .replace("{share}", percent(share))
            .replace("{calls}", str(overview.calls))
        )
        self.segments.setRowCount(len(overview.segments))
        for row, line in enumerate(overview.segments):
            name = line.name or self.tr("(no segment)")
            self.segments.setItem(row, 0, _cell(name, number=False))
            self.segments.setItem(row, 1, _cell(str(line.completes)))
            self.segments.setItem(row, 2, _cell(str(line.target) if line.target else "—"))
            bar = QProgressBar()
            bar.setObjectName(f"bar_{name}")
            bar.setRange(0, max(line.target, 1))
            bar.setValue(min(line.completes, max(line.target, 1)) if line.target else 0)
            bar.setFormat(percent(line.share) if line.target else "—")
            bar.setTextVisible(True)
            bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
            colour = "#64b5f6"
            if line.target and line.completes >= line.target:
                colour = "#81c784"
            elif line.target and line.reachable + line.in_progress < line.missing:
                colour = "#e57373"
                bar.setToolTip(self.tr("Not enough reachable contacts left to reach the target"))
            bar.setStyleSheet(_BAR_STYLE.format(colour=colour))
            self.segments.setCellWidget(row, 3, bar)
            self.segments.setItem(row, 4, _cell(str(line.in_progress)))
            self.segments.setItem(row, 5, _cell(str(line.reachable)))
            self.segments.setItem(row, 6, _cell(str(line.contacts)))
        self._show_rates(overview)
        self.outcomes.setRowCount(len(overview.outcomes))
        for row, outcome in enumerate(overview.outcomes):
            self.outcomes.setItem(row, 0, _cell(outcome.label, number=False))
            self.outcomes.setItem(row, 1, _cell(outcome.disposition))
            self.outcomes.setItem(row, 2, _cell(str(outcome.calls)))

    def _show_rates(self, overview: FieldworkOverview) -> None:
        parts = (overview.rates.overall, *overview.rates.segments)
        headers = [self.tr("Rate"), self.tr("All"), *(p.segment or "" for p in parts[1:])]
        self.rates.setColumnCount(len(headers))
        self.rates.setHorizontalHeaderLabels(headers)
        names = {
            "RR1": self.tr("Response RR1"),
            "RR3": self.tr("Response RR3"),
            "COOP1": self.tr("Cooperation COOP1"),
            "REF1": self.tr("Refusal REF1"),
            "CON1": self.tr("Contact CON1"),
        }
        self.rates.setRowCount(len(SHOWN_RATES) + 1)
        for row, rate in enumerate(SHOWN_RATES):
            self.rates.setItem(row, 0, _cell(names[rate], number=False))
            for column, part in enumerate(parts, start=1):
                self.rates.setItem(row, column, _cell(percent(part.rates[rate].value)))
        last = len(SHOWN_RATES)
        self.rates.setItem(last, 0, _cell(self.tr("Cases"), number=False))
        for column, part in enumerate(parts, start=1):
            self.rates.setItem(last, column, _cell(_number(part.counts.total, 0)))

    def show_productivity(self, rows: list[InterviewerProductivity]) -> None:
        self.productivity.setRowCount(len(rows))
        for row, person in enumerate(rows):
            cells = [
                person.name,
                str(person.calls),
                _number(person.hours),
                _number(person.calls_per_hour),
                str(person.completes),
                _number(person.completes_per_hour, 2),
                _number(person.mean_interview_minutes),
                percent(person.refusal_rate),
            ]
            for column, text in enumerate(cells):
                self.productivity.setItem(row, column, _cell(text, number=column > 0))
