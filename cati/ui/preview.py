"""Running a script exactly as the interviewer console shows it, without a database.

Used by the script editor's preview and for training: the same :class:`ScriptPane`, driven
by the pure engine instead of an interview session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cati.ui.script_pane import ScriptPane
from surveys import Answer, AnswerRejected, Closing, InterviewState, Screen, Script
from surveys import answer as engine_answer
from surveys.engine import current_screen, previous, screen_for

SAMPLE_CONTACT: dict[str, Any] = {
    "company": "ООО «Вектор»",
    "name": "Анна Сергеевна",
    "position": "Директор по закупкам",
    "segment": "",
    "region": "Москва",
}


class EngineDriver:
    """An interview held in memory: what the console's session does, minus the database."""

    def __init__(
        self,
        script: Script,
        contact: Mapping[str, Any] | None = None,
        seed: int = 1,
        lang: str | None = None,
        today: date | None = None,
    ) -> None:
        self.script = script
        self.lang = lang or script.languages[0]
        self.state = InterviewState(
            contact=dict(contact or SAMPLE_CONTACT), seed=seed, today=today or date.today()
        )

    def current(self) -> Screen | Closing:
        return current_screen(self.script, self.state, self.lang)

    def submit(self, question_id: str, given: Answer) -> Screen | Closing:
        accepted = engine_answer(self.script, self.state, question_id, given, self.lang)
        self.state = accepted.state
        return accepted.next

    def back(self, question_id: str) -> Screen | None:
        target = previous(self.script, self.state, question_id or None)
        if target is None:
            return None
        return screen_for(self.script, self.state, target, self.lang)

    def restart(self, seed: int | None = None) -> None:
        self.state = replace(self.state, answers={}, seed=self.state.seed if seed is None else seed)


class ScriptPreview(QWidget):
    """A script pane on an in-memory interview, with a language switch and a restart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver: EngineDriver | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.language = QComboBox()
        self.language.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.restart_button = QPushButton(self.tr("Start again"))
        self.restart_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.addWidget(QLabel(self.tr("Preview language:")))
        bar.addWidget(self.language)
        bar.addStretch(1)
        bar.addWidget(self.restart_button)
        layout.addLayout(bar)
        self.pane = ScriptPane()
        layout.addWidget(self.pane, 1)
        self.pane.submitted.connect(self._submit)
        self.pane.back_requested.connect(self._back)
        self.restart_button.clicked.connect(self.restart)
        self.language.currentTextChanged.connect(self._language_changed)
        self.pane.show_message(self.tr("The preview appears here once the script has no problems."))

    def set_script(self, script: Script) -> None:
        """Show ``script`` from its start (called again after every successful edit)."""
        lang = self.language.currentText() or script.languages[0]
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItems(script.languages)
        self.language.setCurrentText(lang if lang in script.languages else script.languages[0])
        self.language.blockSignals(False)
        self.driver = EngineDriver(script, lang=self.language.currentText())
        self._show(self.driver.current())

    def restart(self) -> None:
        if self.driver is not None:
            self.driver.restart()
            self._show(self.driver.current())

    def _language_changed(self, lang: str) -> None:
        if self.driver is not None and lang:
            self.driver.lang = lang
            self._show(self.driver.current())

    def _show(self, shown: Screen | Closing) -> None:
        if isinstance(shown, Closing):
            self.pane.show_closing(shown)
        else:
            self.pane.show_screen(shown)

    def _submit(self, question_id: str, given: object) -> None:
        if self.driver is None or not isinstance(given, Answer):
            return
        try:
            self._show(self.driver.submit(question_id, given))
        except AnswerRejected as rejected:
            self.pane.show_rejection(rejected.message)

    def _back(self, question_id: str) -> None:
        if self.driver is None:
            return
        shown = self.driver.back(question_id)
        if shown is not None:
            self._show(shown)
