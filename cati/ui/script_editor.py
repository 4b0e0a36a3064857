"""The script editor: YAML with highlighting, problems underlined as you type, a live preview.

Every edit is checked (after a short pause, in the background) with the same loader as
``cati script check``; each problem is underlined at its line and column and listed below
the text; a script without problems runs in the preview exactly as the interviewer console
will show it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cati.ui.operations import run_in_background
from cati.ui.preview import ScriptPreview
from cati.ui.problem_marks import move_to, underline_problems
from surveys import Script, ScriptError, ScriptProblem, load_script_text

CHECK_DELAY_MS = 400


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class YamlHighlighter(QSyntaxHighlighter):
    """Keys, texts, numbers, comments and piped placeholders in distinct colours."""

    RULES: tuple[tuple[str, QTextCharFormat], ...] = (
        (r"^\s*(?:- )?[A-Za-z_][\w.]*(?=\s*:)", _format("#1f4e9c", bold=True)),
        (r"(?<=[{,]\s)[A-Za-z_]\w*(?=:)", _format("#1f4e9c")),
        (r"\b-?\d+(?:\.\d+)?\b", _format("#8a4b00")),
        (r"\b(?:true|false|null)\b", _format("#8a4b00", bold=True)),
        (r'"[^"\n]*"|\'[^\'\n]*\'', _format("#2e7d32")),
        (r"\{[a-z_][\w.]*\}", _format("#7b1fa2", bold=True)),
        (r"(?:^|\s)#.*$", _format("#808080", italic=True)),
    )

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.rules = [(QRegularExpression(pattern), fmt) for pattern, fmt in self.RULES]

    def highlightBlock(self, text: str) -> None:
        for expression, fmt in self.rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)


def check_text(text: str, file: str) -> Script | list[ScriptProblem]:
    """The loaded script, or every problem in it.

    Any text at all is either a script or a list of located problems: the loader bounds
    its input (``surveys.limits``) and turns every problem into a :class:`ScriptError`, as
    the fuzz corpus (tests/surveys/test_fuzz_corpus.py) checks. So this never raises for
    bad input; an exception here would be a bug, shown by the check's error handler.
    """
    try:
        return load_script_text(text, file)
    except ScriptError as error:
        return error.problems


class ScriptEditor(QWidget):
    """Edit a script; ``checked`` says how many problems the current text has."""

    checked = Signal(int)

    def __init__(self, parent: QWidget | None = None, file_name: str = "script.yaml") -> None:
        super().__init__(parent)
        self.file_name = file_name
        self.path: Path | None = None
        self.problems: list[ScriptProblem] = []
        self.script: Script | None = None
        self._generation = 0
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("script_text")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        self.editor.setFont(font)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = YamlHighlighter(self.editor.document())
        left_layout.addWidget(self.editor, 5)
        self.status = QLabel()
        self.status.setObjectName("check_status")
        left_layout.addWidget(self.status)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.problem_list.itemClicked.connect(self._jump_to_problem)
        left_layout.addWidget(self.problem_list, 1)
        splitter.addWidget(left)
        self.preview = ScriptPreview()
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check_now)
        self.editor.textChanged.connect(self.timer.start)

    # -- files ------------------------------------------------------------------------------

    def load_file(self, path: Path) -> None:
        self.path = path
        self.file_name = path.name
        self.editor.setPlainText(path.read_text(encoding="utf-8-sig"))
        self.check_now()

    def save_file(self, path: Path | None = None) -> Path:
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        target.write_text(self.editor.toPlainText(), encoding="utf-8")
        self.path = target
        return target

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.check_now()

    # -- checking ---------------------------------------------------------------------------

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
            lambda: check_text(text, self.file_name),
            done,
            lambda error: self.status.setText(str(error)),
            parent=self,
        )

    def _show_result(self, result: object) -> None:
        if isinstance(result, Script):
            self.problems, self.script = [], result
            self.status.setText(self.tr("No problems: the preview runs this version."))
            self.status.setStyleSheet("color: #2e7d32;")
            self.preview.set_script(result)
        else:
            self.problems = list(result) if isinstance(result, list) else []
            count = len(self.problems)
            self.status.setText(
                self.tr("%n problem(s); the preview shows the last good version.", "", count)
            )
            self.status.setStyleSheet("color: #b00020; font-weight: bold;")
        self._underline()
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(f"{problem.line}:{problem.column}  {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, (problem.line, problem.column))
            self.problem_list.addItem(item)
        self.checked.emit(len(self.problems))

    def _underline(self) -> None:
        underline_problems(self.editor, self.problems)

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        line, column = item.data(Qt.ItemDataRole.UserRole)
        move_to(self.editor, line, column)
