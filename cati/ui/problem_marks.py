"""Problems of a text being edited, marked where they are (the script and theme editors).

Each located problem gets a red wavy underline under the word it points at, with its message
as the tooltip; picking a problem from a list moves the cursor there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from surveys.errors import ScriptProblem

__all__ = ["move_to", "underline_problems"]

UNDERLINE = QColor("#d32f2f")


def underline_problems(editor: QPlainTextEdit, problems: Iterable[ScriptProblem]) -> None:
    """Underline the word at each problem's line and column (a problem of the whole file,
    line 0, is marked on the first line)."""
    selections = []
    document = editor.document()
    for problem in problems:
        block = document.findBlockByNumber(max(0, problem.line - 1))
        if not block.isValid():
            continue
        text = block.text()
        start = min(max(0, problem.column - 1), max(0, len(text) - 1))
        word = re.match(r"\S+", text[start:])
        length = len(word.group(0)) if word else max(1, len(text) - start)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(UNDERLINE)
        fmt.setToolTip(problem.message)
        selection.format = fmt
        selections.append(selection)
    editor.setExtraSelections(selections)


def move_to(editor: QPlainTextEdit, line: int, column: int) -> None:
    """Put the cursor at ``line``:``column`` (1-based, clamped to the text) and focus."""
    block = editor.document().findBlockByNumber(max(0, line - 1))
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + max(0, min(column - 1, block.length() - 1)))
    editor.setTextCursor(cursor)
    editor.setFocus()
