"""The study's dictionary of open-answer themes: view, edit, check, try, save or reset.

The YAML is checked as the research lead types (after a short pause, in the background)
with the same checker as ``cati themes STUDY set``; each problem is underlined at its line
and column and listed below the text (a click moves the cursor there). "Try an answer"
codes a sample answer with the text being edited and shows each theme with its polarity
and the words that decided it, so the effect of an edit is seen before it is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cati.studies import themes as service
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background
from cati.ui.operations import run_in_background
from cati.ui.problem_marks import move_to, underline_problems
from cati.ui.script_editor import YamlHighlighter

if TYPE_CHECKING:
    from reports.themes import Mention, ThemeDictionary
    from surveys import ScriptProblem

__all__ = ["ThemesPanel", "check_themes"]

CHECK_DELAY_MS = 400
WHERE = "themes.yaml"


def check_themes(text: str) -> ThemeDictionary | list[ScriptProblem]:
    """The compiled dictionary, or every problem in the text (never raises for bad input)."""
    from reports.errors import ThemeDictionaryError
    from surveys import ScriptProblem

    try:
        return service.check_theme_text(text, WHERE)
    except ThemeDictionaryError as error:
        return error.problems or [ScriptProblem(WHERE, 1, 1, str(error))]


class ThemesPanel(QWidget):
    """Edit the study's theme dictionary; the report codes open answers with it."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.study_id: int | None = None
        self.problems: list[ScriptProblem] = []
        self.dictionary: ThemeDictionary | None = None
        self._generation = 0
        self.source = QLabel()
        self.source.setObjectName("themes_source")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("themes_text")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        self.editor.setFont(font)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = YamlHighlighter(self.editor.document())
        self.status = QLabel()
        self.status.setObjectName("themes_status")
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("themes_problems")
        self.problem_list.itemClicked.connect(self._jump_to_problem)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.source)
        left_layout.addWidget(self.editor, 5)
        left_layout.addWidget(self.status)
        left_layout.addWidget(self.problem_list, 1)
        self.sample = QLineEdit()
        self.sample.setObjectName("themes_sample")
        self.sample.setPlaceholderText(
            self.tr("An answer, e.g. «Цены высокие, но менеджер отличный»")
        )
        self.sample.textChanged.connect(self._try)
        self.mentions = QListWidget()
        self.mentions.setObjectName("themes_mentions")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Try an answer:")))
        right_layout.addWidget(self.sample)
        right_layout.addWidget(self.mentions, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 420])
        self.save_button = QPushButton(self.tr("Save for this study"))
        self.save_button.setObjectName("save_themes")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Back to the shipped dictionary"))
        self.reset_button.setObjectName("reset_themes")
        self.reset_button.clicked.connect(self.reset)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check_now)
        self.editor.textChanged.connect(self.timer.start)

    # -- loading and saving -----------------------------------------------------------------

    def load(self, study_id: int | None) -> None:
        self.study_id = study_id
        if study_id is None:
            return
        engine, actor = self.context.engine, self.context.actor
        self.background.run(
            lambda: service.study_theme_text(engine, study_id, actor=actor), self._loaded
        )

    def _loaded(self, stored: service.StudyThemeText) -> None:
        self._show_source(stored)
        self.editor.setPlainText(stored.text)
        self.check_now()

    def _show_source(self, stored: service.StudyThemeText) -> None:
        if stored.custom and stored.updated_at is not None:
            local = stored.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = self.tr("This study's own dictionary, saved {when}.").replace("{when}", local)
        else:
            text = self.tr("The shipped dictionary; saving makes it this study's own.")
        self.source.setText(text)
        self.reset_button.setEnabled(stored.custom)

    def save(self) -> None:
        if self.study_id is None:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, text = self.study_id, self.editor.toPlainText()

        def store() -> service.StudyThemeText:
            service.set_study_themes(engine, study_id, text, where=WHERE, actor=actor, clock=clock)
            return service.study_theme_text(engine, study_id, actor=actor)

        self.background.run(store, self._show_source)

    def reset(self) -> None:
        if self.study_id is None:
            return
        engine, actor, study_id = self.context.engine, self.context.actor, self.study_id

        def forget() -> service.StudyThemeText:
            service.reset_study_themes(engine, study_id, actor=actor)
            return service.study_theme_text(engine, study_id, actor=actor)

        self.background.run(forget, self._loaded)

    # -- checking and trying ----------------------------------------------------------------

    def check_now(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.editor.toPlainText()
        self.status.setText(self.tr("Checking…"))

        def done(result: object) -> None:
            if generation == self._generation:  # a later edit supersedes this check
                self._show_result(result)

        run_in_background(
            lambda: check_themes(text),
            done,
            lambda error: self.status.setText(str(error)),
            parent=self,
        )

    def _show_result(self, result: object) -> None:
        if isinstance(result, list):
            self.problems = list(result)
            self.status.setText(self.tr("%n problem(s); fix them to save.", "", len(self.problems)))
            self.status.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.problems, self.dictionary = [], result  # type: ignore[assignment]
            names = ", ".join(self.dictionary.names) if self.dictionary else ""
            self.status.setText(self.tr("No problems. Themes: {names}.").replace("{names}", names))
            self.status.setStyleSheet("color: #2e7d32;")
        self.save_button.setEnabled(not self.problems and self.study_id is not None)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(f"{problem.line}:{problem.column}  {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, (problem.line, problem.column))
            self.problem_list.addItem(item)
        self._underline()
        self._try()

    def _try(self) -> None:
        answer, dictionary = self.sample.text().strip(), self.dictionary
        if not answer or dictionary is None:
            self.mentions.clear()
            return

        def shown(mentions: list[Mention]) -> None:
            if answer != self.sample.text().strip():
                return  # typed on meanwhile
            self.mentions.clear()
            if not mentions:
                self.mentions.addItem(self.tr("No theme"))
            for m in mentions:
                self.mentions.addItem(self._describe(m))

        run_in_background(
            lambda: service.try_study_themes(dictionary, answer),
            shown,
            lambda error: self.status.setText(str(error)),
            parent=self,
        )

    def _describe(self, m: Mention) -> str:
        polarity = {
            "praise": self.tr("praise"),
            "complaint": self.tr("complaint"),
            "neutral": self.tr("neutral"),
        }[m.polarity]
        why = "; ".join(m.evidence) or self.tr("no judgement in the text")
        if m.decided_by == "rating":
            why = self.tr("decided by the rating")
        return f"{m.theme}: {polarity}  ({', '.join(m.theme_words)} — {why})"

    def _underline(self) -> None:
        underline_problems(self.editor, self.problems)

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        line, column = item.data(Qt.ItemDataRole.UserRole)
        move_to(self.editor, line, column)
