"""Call review: the study's recorded calls, a player, a checklist to score, a note, and
corrections of the interview's answers (logged with the supervisor's name)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.db.supervision import RecordedCall
from cati.dispositions import Disposition
from cati.supervision.review import (
    DEFAULT_CHECKLIST,
    MAX_SCORE,
    ChecklistItem,
    open_recording,
    score_call,
)
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background, format_local
from cati.ui.dialogs.correction_dialog import AnswerCorrectionDialog
from cati.ui.supervisor.player import RecordingPlayer
from cati.ui.supervisor.tables import read_only_table

__all__ = ["CallReview"]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class CallReview(QWidget):
    """Recorded calls on the left; player, checklist and note for the chosen call."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.calls: list[RecordedCall] = []
        self.items: tuple[ChecklistItem, ...] = DEFAULT_CHECKLIST
        self.groups: dict[str, QButtonGroup] = {}
        self.table = read_only_table(
            [
                self.tr("Time"),
                self.tr("Interviewer"),
                self.tr("Company"),
                self.tr("Segment"),
                self.tr("Outcome"),
                self.tr("Length"),
                self.tr("Score"),
            ],
            "recorded_calls",
            stretch=2,
            single_selection=True,
            striped=False,
        )
        self.table.itemSelectionChanged.connect(self._selected)

        self.player = RecordingPlayer()
        self.checklist_box = QGroupBox(self.tr("Checklist (0 no, 1 partly, 2 yes)"))
        self.checklist = QFormLayout(self.checklist_box)
        self.note = QPlainTextEdit()
        self.note.setObjectName("review_note")
        self.note.setPlaceholderText(self.tr("What was good, what to improve"))
        self.note.setMaximumHeight(90)
        self.save_button = QPushButton(self.tr("Save review"))
        self.save_button.setObjectName("save_review")
        self.save_button.clicked.connect(self.save_review)
        self.correct_button = QPushButton(self.tr("Correct an answer…"))
        self.correct_button.setObjectName("correct_answer")
        self.correct_button.clicked.connect(self.correct_answer)
        self.status = QLabel()
        self.status.setObjectName("review_status")
        self._build_checklist()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.player)
        right_layout.addWidget(self.player.label)
        right_layout.addWidget(self.checklist_box)
        right_layout.addWidget(QLabel(self.tr("Note")))
        right_layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._enable(False)

    def _build_checklist(self) -> None:
        while self.checklist.rowCount():
            self.checklist.removeRow(0)
        self.groups = {}
        for item in self.items:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(row)
            for score in range(MAX_SCORE + 1):
                button = QRadioButton(str(score))
                button.setObjectName(f"score_{item.id}_{score}")
                group.addButton(button, score)
                row_layout.addWidget(button)
            row_layout.addStretch(1)
            self.groups[item.id] = group
            self.checklist.addRow(item.label(self.context.language), row)

    def _enable(self, enabled: bool) -> None:
        for widget in (self.checklist_box, self.note, self.save_button, self.correct_button):
            widget.setEnabled(enabled)

    def show_calls(self, calls: list[RecordedCall], items: tuple[ChecklistItem, ...]) -> None:
        chosen = self.selected_call()
        if items != self.items:
            self.items = items
            self._build_checklist()
        self.calls = calls
        self.table.blockSignals(True)
        self.table.setRowCount(len(calls))
        for row, call in enumerate(calls):
            score = ""
            if call.last_scores:
                score = f"{call.last_scores.get('_total', '')}/{call.last_scores.get('_max', '')}"
            cells = [
                format_local(call.started_at),
                call.interviewer,
                call.company,
                call.segment,
                self._outcome(call),
                _duration(call.duration_seconds),
                score,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        if chosen is not None:
            for row, call in enumerate(calls):
                if call.attempt_id == chosen.attempt_id:
                    self.table.selectRow(row)

    def _outcome(self, call: RecordedCall) -> str:
        try:
            return Disposition.from_code(call.disposition).label(self.context.language)
        except Exception:  # no code, or one this version does not know: show what is stored
            return call.disposition or call.outcome or ""

    def selected_call(self) -> RecordedCall | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        if not rows:
            return None
        index = rows[0].row()
        return self.calls[index] if 0 <= index < len(self.calls) else None

    def _selected(self) -> None:
        call = self.selected_call()
        if call is None:
            return
        self._enable(True)
        self.correct_button.setEnabled(call.interview_id is not None)
        self.status.setText("")
        for group in self.groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        engine, actor, attempt_id = self.context.engine, self.context.actor, call.attempt_id

        def failed(error: BaseException) -> None:
            self.player.clear()
            self.player.label.setText(str(error))

        self.background.run(
            lambda: open_recording(engine, actor, attempt_id), self.player.load, failed
        )

    def scores(self) -> dict[str, int]:
        return {
            key: group.checkedId() for key, group in self.groups.items() if group.checkedId() >= 0
        }

    def save_review(self) -> None:
        call = self.selected_call()
        if call is None:
            return
        scores, note, items = self.scores(), self.note.toPlainText(), self.items
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock

        def saved(_review_id: int) -> None:
            self.note.clear()
            self.status.setText(self.tr("Review saved"))
            total = sum(scores.values())
            row = self.table.currentRow()
            if row >= 0:
                self.table.setItem(row, 6, QTableWidgetItem(f"{total}/{MAX_SCORE * len(scores)}"))

        self.background.run(
            lambda: score_call(engine, actor, call, scores, note, clock, items), saved
        )

    def correct_answer(self) -> None:
        call = self.selected_call()
        if call is None or call.interview_id is None:
            return
        dialog = AnswerCorrectionDialog(self.context, call.interview_id, self)
        dialog.open()
