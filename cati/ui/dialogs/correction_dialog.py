"""Correcting an answer of an interview: the new value is checked by the script engine, the
reason is required, and the interview's log of changes is shown below."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.db.supervision import AnswerChange, EditableInterview
from cati.supervision.alerts import describe_answer
from cati.supervision.corrections import (
    Correction,
    answer_history,
    correct_answer,
    interview_for_correction,
)
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background, format_local
from surveys.answers import Answer
from surveys.model import (
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NumericQuestion,
    OpenQuestion,
    Script,
    SingleChoice,
)

__all__ = ["AnswerCorrectionDialog", "parse_value"]


def parse_value(question: Any, text: str, special: str | None) -> Answer:
    """The answer typed for ``question``: numbers, option codes (``1, 3`` for several), text."""
    if special:
        return Answer(special=special)
    raw = text.strip()
    if isinstance(question, OpenQuestion):
        return Answer(raw)
    if isinstance(question, MultipleChoice):
        return Answer(tuple(int(part) for part in raw.replace(";", ",").split(",") if part.strip()))
    if isinstance(question, NumericQuestion):
        number = float(raw.replace(",", "."))
        return Answer(int(number) if number.is_integer() else number)
    return Answer(int(raw))


class AnswerCorrectionDialog(QDialog):
    def __init__(
        self, context: UiContext, interview_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.interview_id = interview_id
        self.background = Background(context, self)
        self.script: Script | None = None
        self.interview: EditableInterview | None = None
        self.setWindowTitle(
            self.tr("Correct an answer — interview {id}").replace("{id}", str(interview_id))
        )
        self.setMinimumSize(640, 480)
        self.question = QComboBox()
        self.question.setObjectName("question")
        self.question.currentIndexChanged.connect(self._show_current)
        self.current = QLabel()
        self.current.setObjectName("current_answer")
        self.current.setWordWrap(True)
        self.value = QLineEdit()
        self.value.setObjectName("new_value")
        self.special = QComboBox()
        self.special.setObjectName("special")
        self.special.addItem(self.tr("—"), None)
        self.special.addItem(self.tr("Don't know"), "dont_know")
        self.special.addItem(self.tr("Refused"), "refused")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why: e.g. the respondent corrected the score"))
        self.message = QLabel()
        self.message.setObjectName("correction_message")
        self.message.setWordWrap(True)
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Question"),
                self.tr("Change"),
                self.tr("Reason"),
            ]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.save_button = QPushButton(self.tr("Save the correction"))
        self.save_button.setObjectName("save_correction")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("Now"), self.current)
        form.addRow(self.tr("New value"), self.value)
        form.addRow(self.tr("Or"), self.special)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Changes of this interview's answers")))
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        engine, actor, interview_id = self.context.engine, self.context.actor, self.interview_id

        def load() -> tuple[EditableInterview, Script, list[AnswerChange]]:
            found, script = interview_for_correction(engine, actor, interview_id)
            return found, script, answer_history(engine, actor, interview_id)

        self.background.run(load, self._loaded)

    def _loaded(self, loaded: tuple[EditableInterview, Script, list[AnswerChange]]) -> None:
        self.interview, self.script, changes = loaded
        chosen = self.question.currentData()
        self.question.blockSignals(True)
        self.question.clear()
        language = self.interview.language
        for question in self.script.questions:
            if question.id in self.interview.answers and not isinstance(question, InfoScreen):
                if question.id.startswith("_"):
                    continue
                text = question.text.get(language) or next(iter(question.text.values()))
                short = text if len(text) < 70 else text[:67] + "…"
                self.question.addItem(f"{question.id}: {short}", question.id)
        self.question.blockSignals(False)
        if chosen is not None:
            index = self.question.findData(chosen)
            if index >= 0:
                self.question.setCurrentIndex(index)
        self._show_current()
        self.history.setRowCount(len(changes))
        for row, change in enumerate(changes):
            cells = [
                format_local(change.edited_at),
                change.edited_by,
                change.question_id,
                f"{_short(change.old_value)} → {_short(change.new_value)}",
                change.reason,
            ]
            for column, text in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.save_button.setEnabled(self.question.count() > 0)

    def _show_current(self) -> None:
        if self.script is None or self.interview is None:
            return
        question_id = self.question.currentData()
        if question_id is None:
            self.current.setText("")
            return
        question = self.script.question(question_id)
        stored = self.interview.answers.get(question_id, {})
        self.current.setText(describe_answer(question, stored, self.interview.language))
        hint = ""
        if isinstance(question, SingleChoice | MultipleChoice):
            hint = ", ".join(
                f"{o.code} = {o.label.get(self.interview.language) or next(iter(o.label.values()))}"
                for o in question.options
            )
        self.value.setPlaceholderText(hint)
        self.value.setEnabled(not isinstance(question, GridQuestion))

    def save(self) -> None:
        if self.script is None:
            return
        question_id = str(self.question.currentData())
        question = self.script.question(question_id)
        try:
            given = parse_value(question, self.value.text(), self.special.currentData())
        except ValueError:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(
                self.tr("Type a number (or the option codes, separated by commas).")
            )
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        interview_id, reason = self.interview_id, self.reason.text()

        def done(correction: Correction) -> None:
            self.message.setStyleSheet("color: #2e7d32;")
            text = self.tr("Saved.")
            if correction.dropped:
                text += " " + self.tr("Removed as no longer asked: {ids}").replace(
                    "{ids}", ", ".join(correction.dropped)
                )
            self.message.setText(text)
            self.value.clear()
            self.reason.clear()
            self.reload()

        def failed(error: BaseException) -> None:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(str(error))

        self.background.run(
            lambda: correct_answer(engine, actor, interview_id, question_id, given, reason, clock),
            done,
            failed,
        )


def _short(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, dict):
        inner = value.get("special") or value.get("value")
        return "∅" if inner is None else str(inner)
    return str(value)
