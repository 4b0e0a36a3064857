"""Segments and quotas in an editable table: name, rule, target, population, with the number
of contacts each segment would get (counted live) and each rule checked as it is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.segments import OTHER, UNSEGMENTED, ContactFieldTypes, SegmentRow, SegmentsDefined
from cati.supervision.setup import (
    SegmentDraft,
    check_rule,
    count_segments,
    field_types,
    save_segments,
    segments_of,
)
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background

__all__ = ["SegmentsPanel"]

NAME, RULE, TARGET, POPULATION, CONTACTS, PROBLEM = range(6)
#: Pause after the last keystroke before counting contacts again.
COUNT_DELAY_MS = 400


class SegmentsPanel(QWidget):
    saved = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.counting = Background(context, self)
        self.study_id: int | None = None
        self.types = ContactFieldTypes()
        self.problems: dict[int, str] = {}
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("segments_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Segment"),
                self.tr("Rule"),
                self.tr("Target"),
                self.tr("Population"),
                self.tr("Contacts"),
                self.tr("Problem"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RULE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._changed)
        self.fields = QLabel()
        self.fields.setObjectName("known_fields")
        self.fields.setWordWrap(True)
        self.fields.setStyleSheet("color: #555;")
        self.status = QLabel()
        self.status.setObjectName("segments_status")
        self.status.setWordWrap(True)
        add = QPushButton(self.tr("Add segment"))
        add.setObjectName("add_segment")
        add.clicked.connect(lambda: self.add_row("", "", 0, None))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        up = QPushButton(self.tr("Up"))
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton(self.tr("Down"))
        down.clicked.connect(lambda: self._move(1))
        self.save_button = QPushButton(self.tr("Save segments"))
        self.save_button.setObjectName("save_segments")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for button in (add, remove, up, down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        hint = QLabel(
            self.tr(
                "Rules are checked top to bottom; a contact goes to the first segment whose "
                "rule holds, 'other' takes the rest. Example: days_since(last_order) > 365"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.fields)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COUNT_DELAY_MS)
        self.timer.timeout.connect(self.count_now)

    # -- loading --------------------------------------------------------------------------

    def load(self, study_id: int | None) -> None:
        if study_id != self.study_id:
            self.status.setText("")
        self.study_id = study_id
        if study_id is None:
            return
        engine, actor = self.context.engine, self.context.actor

        def read() -> tuple[list[SegmentRow], ContactFieldTypes]:
            return segments_of(engine, actor, study_id), field_types(engine, actor, study_id)

        self.background.run(read, self._loaded)

    def _loaded(self, loaded: tuple[list[SegmentRow], ContactFieldTypes]) -> None:
        rows, self.types = loaded
        self.fields.setText(
            self.tr("Fields for rules: {fields}").replace("{fields}", ", ".join(self.types.known))
        )
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        defined = [row for row in rows if row.name != UNSEGMENTED]
        for row in defined:
            population = row.population if row.population_entered else None
            self.add_row(row.name, row.rule or "", row.target, population, row.contacts)
        if not defined:
            self.add_row(OTHER, "", 0, None)
        self.count_now()

    def add_row(
        self, name: str, rule: str, target: int, population: int | None, contacts: int = 0
    ) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = [name, rule, str(target), "" if population is None else str(population)]
        for column, text in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(text))
        for column in (CONTACTS, PROBLEM):
            item = QTableWidgetItem(str(contacts) if column == CONTACTS else "")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if column == CONTACTS:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._check_row(row)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._rechecked()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self.table.blockSignals(True)
        for column in range(self.table.columnCount()):
            a, b = self.table.takeItem(row, column), self.table.takeItem(target, column)
            self.table.setItem(row, column, b)
            self.table.setItem(target, column, a)
        self.table.blockSignals(False)
        self.table.setCurrentCell(target, NAME)
        self._rechecked()

    # -- checking and counting ------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (NAME, RULE, TARGET, POPULATION):
            self._check_row(item.row())
            self.timer.start()

    def _rechecked(self) -> None:
        for row in range(self.table.rowCount()):
            self._check_row(row)
        self.timer.start()

    def _check_row(self, row: int) -> None:
        name, rule = self._text(row, NAME), self._text(row, RULE)
        problem = None
        if not name:
            problem = self.tr("Give the segment a name")
        elif name != OTHER and not rule:
            problem = self.tr('Write a rule, e.g. region == "Москва"')
        else:
            problem = check_rule(rule, self.types, name)
        for column, label in ((TARGET, self.tr("target")), (POPULATION, self.tr("population"))):
            text = self._text(row, column)
            if text and not text.isdigit():
                problem = self.tr("The {what} is a whole number").replace("{what}", label)
        self.table.blockSignals(True)
        shown = self.table.item(row, PROBLEM)
        if shown is not None:
            shown.setText(problem or "")
            shown.setForeground(QColor("#b00020"))
            shown.setToolTip(problem or "")
        rule_item = self.table.item(row, RULE)
        if rule_item is not None:
            rule_item.setBackground(QColor("#fde7e9") if problem else QColor("#ffffff"))
            rule_item.setToolTip(problem or "")
        self.table.blockSignals(False)
        if problem:
            self.problems[row] = problem
        else:
            self.problems.pop(row, None)
        self.problems = {r: p for r, p in self.problems.items() if r < self.table.rowCount()}
        self.save_button.setEnabled(not self.problems)

    def drafts(self) -> list[SegmentDraft]:
        found = []
        for row in range(self.table.rowCount()):
            target, population = self._text(row, TARGET), self._text(row, POPULATION)
            found.append(
                SegmentDraft(
                    name=self._text(row, NAME),
                    rule=self._text(row, RULE),
                    target=int(target) if target.isdigit() else 0,
                    population=int(population) if population.isdigit() else None,
                )
            )
        return found

    def count_now(self) -> None:
        if self.study_id is None:
            return
        if self.counting.busy:
            self.timer.start()  # count again once the running count is done
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, drafts, types = self.study_id, self.drafts(), self.types
        today = clock.now().date()

        def count(cancel: Any) -> dict[str, int]:
            return count_segments(engine, actor, study_id, drafts, types, today, cancel)

        self.counting.run(count, self._counted)

    def _counted(self, counts: dict[str, int]) -> None:
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, CONTACTS)
            if item is not None:
                item.setText(str(counts.get(self._text(row, NAME), 0)))
        self.table.blockSignals(False)

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if self.study_id is None or self.problems:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, drafts = self.study_id, self.drafts()

        def done(result: SegmentsDefined) -> None:
            self.status.setStyleSheet("color: #2e7d32;")
            self.status.setText(
                self.tr("Saved; contacts assigned: {list}").replace(
                    "{list}", ", ".join(f"{k} {v}" for k, v in result.assigned.items())
                )
            )
            self.saved.emit()
            self.load(study_id)

        def failed(error: BaseException) -> None:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(error))

        self.background.run(
            lambda: save_segments(engine, actor, study_id, drafts, clock), done, failed
        )
