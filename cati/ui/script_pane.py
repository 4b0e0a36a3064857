"""The script pane: one screen of the interview at a time, driven from the keyboard.

The pane only shows what the engine decided (a :class:`surveys.Screen` or
:class:`surveys.Closing`) and reports what the interviewer entered; a controller passes
answers to the interview session (in the background when it touches the database).

Keys: digits pick an option or a scale point (type two digits quickly for 10 and above),
Enter confirms, Backspace goes back (outside text fields), F8 answers "don't know", F9
"refused"; in a grid, digits rate the highlighted row and move on, Up/Down change rows; in
an open answer Shift+Enter starts a new line.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from surveys import Answer, Closing, Screen
from surveys.engine import ShownOption

DIGIT_PAUSE = 0.8  # seconds within which a second digit extends the number ("1", "0" -> 10)
SPECIAL_KEYS = {Qt.Key.Key_F8: "dont_know", Qt.Key.Key_F9: "refused"}
QUESTION_POINT_SIZE = 17


class _Input(QWidget):
    """The part of the pane that takes the answer; one subclass per kind of question."""

    extendable = True  # a second digit typed quickly extends the number ("1", "0" -> 10)

    def answer(self) -> Answer:
        raise NotImplementedError

    def set_answer(self, answer: Answer | None) -> None:
        """Show an answer given earlier (when the interviewer goes back)."""

    def pick(self, number: int) -> bool:
        """The interviewer typed ``number``; True if it meant something here."""
        return False

    def special(self, key: str) -> bool:
        """F8/F9: answer "don't know"/"refused" if the question offers it."""
        return False

    def first_focus(self) -> QWidget | None:
        return None

    def move_row(self, step: int) -> bool:
        return False

    def reuse_for(self, screen: Screen) -> bool:
        """Show ``screen`` (without its answer) in these widgets, if it is of the same kind;
        False when a new input must be built. Reusing saves creating, styling and laying out
        widgets on every screen of a run of questions of one kind."""
        return False


class _ChoiceInput(_Input):
    def __init__(self, screen: Screen, multiple: bool) -> None:
        super().__init__()
        self.multiple = multiple
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        self.buttons: list[QAbstractButton] = []
        self.other_edit = QLineEdit()
        self.other_edit.setPlaceholderText(self.tr("Specify the answer"))
        self.other_edit.setObjectName("other")
        self.box.addWidget(self.other_edit)
        self._set_options(screen)
        self.group.idToggled.connect(self._update_other)
        self._update_other()

    def _set_options(self, screen: Screen) -> None:
        """One button per option: the buttons there are get the new captions, unchecked."""
        self.options: list[ShownOption] = [*screen.options, *screen.specials]
        while len(self.buttons) > len(self.options):
            surplus = self.buttons.pop()
            self.group.removeButton(surplus)
            surplus.hide()
            surplus.setParent(None)
            surplus.deleteLater()
        blocker = QSignalBlocker(self.group)  # the toggles below are no interviewer's
        self.group.setExclusive(False)  # an exclusive group keeps one button checked
        for index, option in enumerate(self.options):
            if option.special:
                key = "F8" if option.special == "dont_know" else "F9"
                caption = f"{key}   {option.label}"
            else:
                caption = f"{index + 1}.  {option.label}"
            if index < len(self.buttons):
                button = self.buttons[index]
                button.setText(caption)
                button.setChecked(False)
                continue
            button = QCheckBox(caption) if self.multiple else QRadioButton(caption)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(button, index)
            self.buttons.append(button)
            self.box.insertWidget(index, button)
            if self.isVisible():
                button.show()  # added to an input on screen (reused): not shown by itself
        self.group.setExclusive(not self.multiple)
        blocker.unblock()
        self.other_edit.clear()

    def reuse_for(self, screen: Screen) -> bool:
        if screen.kind != ("multi" if self.multiple else "single"):
            return False
        self._set_options(screen)
        self._update_other()
        return True

    def _chosen(self) -> list[ShownOption]:
        return [o for o, b in zip(self.options, self.buttons, strict=True) if b.isChecked()]

    def _update_other(self, *args: object) -> None:
        wants_text = any(o.other for o in self._chosen())
        self.other_edit.setVisible(wants_text)
        if wants_text:
            self.other_edit.setFocus()

    def answer(self) -> Answer:
        chosen = self._chosen()
        special = next((o.special for o in chosen if o.special), None)
        if special:
            return Answer(special=special)
        other = self.other_edit.text() if any(o.other for o in chosen) else None
        if self.multiple:
            return Answer(tuple(o.code for o in chosen), other=other)
        return Answer(chosen[0].code if chosen else None, other=other)

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None:
            return
        codes: Sequence[object]
        if answer.special:
            codes = []
        elif isinstance(answer.value, tuple | list):
            codes = list(answer.value)
        else:
            codes = [answer.value]
        for option, button in zip(self.options, self.buttons, strict=True):
            button.setChecked(
                option.special == answer.special if option.special else option.code in codes
            )
        if answer.other:
            self.other_edit.setText(answer.other)

    def pick(self, number: int) -> bool:
        plain = [i for i, o in enumerate(self.options) if not o.special]
        if not 1 <= number <= len(plain):
            return False
        button = self.buttons[plain[number - 1]]
        if self.multiple:
            for i, option in enumerate(self.options):
                if option.special and self.buttons[i].isChecked():
                    self.buttons[i].setChecked(False)
            button.setChecked(not button.isChecked())
        else:
            button.setChecked(True)
        return True

    def special(self, key: str) -> bool:
        for option, button in zip(self.options, self.buttons, strict=True):
            if option.special == key:
                if self.multiple:
                    for other in self.buttons:
                        other.setChecked(False)
                button.setChecked(True)
                return True
        return False


class _ScaleInput(_Input):
    """NPS and rating scales: a row of buttons, the end labels below."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.shown = screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.values = [p.value for p in screen.scale]
        self.buttons: dict[int, QPushButton] = {}
        for point in screen.scale:
            button = QPushButton(str(point.value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(44, 40)
            if point.label:
                button.setToolTip(point.label)
            self.group.addButton(button, point.value)
            self.buttons[point.value] = button
            row.addWidget(button)
        layout.addLayout(row)
        ends = QHBoxLayout()
        low = next((p.label for p in screen.scale if p.label and p.value == self.values[0]), "")
        high = next((p.label for p in screen.scale if p.label and p.value == self.values[-1]), "")
        low_label, high_label = QLabel(low), QLabel(high)
        high_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends.addWidget(low_label)
        ends.addWidget(high_label)
        layout.addLayout(ends)
        self.specials = _SpecialButtons(screen.specials)
        layout.addWidget(self.specials)
        self.group.idClicked.connect(lambda _id: self.specials.clear())

    def answer(self) -> Answer:
        if self.specials.chosen:
            return Answer(special=self.specials.chosen)
        value = self.group.checkedId()
        return Answer(value if value in self.buttons else None)

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None:
            return
        if answer.special:
            self.specials.choose(answer.special)
        elif isinstance(answer.value, int) and answer.value in self.buttons:
            self.buttons[answer.value].setChecked(True)

    def pick(self, number: int) -> bool:
        if number not in self.buttons:
            return False
        self.buttons[number].setChecked(True)
        self.specials.clear()
        return True

    def special(self, key: str) -> bool:
        if not self.specials.choose(key):
            return False
        checked = self.group.checkedButton()
        if checked is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)
        return True


class _SpecialButtons(QWidget):
    """ "Don't know" / "refused" offered beside a scale, on F8 / F9."""

    def __init__(self, specials: Sequence[ShownOption]) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.shown = [(o.special, o.label) for o in specials]
        for option in specials:
            key = "F8" if option.special == "dont_know" else "F9"
            button = QPushButton(f"{key}  {option.label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=option.special: self.choose(k or ""))
            self.buttons[option.special or ""] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.chosen: str | None = None
        if not specials:
            # Only hide: showing a widget that has no parent yet opens it as a window of its
            # own, which takes the keyboard focus away from the console.
            self.hide()

    def choose(self, key: str) -> bool:
        if key not in self.buttons:
            return False
        self.chosen = key
        for name, button in self.buttons.items():
            button.setChecked(name == key)
        return True

    def clear(self) -> None:
        self.chosen = None
        for button in self.buttons.values():
            button.setChecked(False)


class _GridInput(_Input):
    """Aspects rated on one scale: digits rate the highlighted row, which then moves on.

    One key per row: on a 1-10 scale "0" stands for 10.
    """

    extendable = False

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.shown = screen
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.points = [p.value for p in screen.scale]
        self.row_labels: list[QLabel] = []
        self.groups: list[QButtonGroup] = []
        self.specials = list(screen.specials)
        for column, point in enumerate(screen.scale):
            header = QLabel(f"{point.value}" + (f"\n{point.label}" if point.label else ""))
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column + 1)
            grid.setColumnStretch(column + 1, 1)
        for offset, special in enumerate(self.specials):
            header = QLabel(("F8 " if special.special == "dont_know" else "F9 ") + special.label)
            header.setWordWrap(True)
            grid.addWidget(header, 0, len(self.points) + offset + 1)
        grid.setColumnStretch(0, 3)  # the aspects read best on one line
        for row_index, row in enumerate(screen.rows):
            label = QLabel(row.label)
            label.setWordWrap(True)
            label.setMinimumWidth(220)
            self.row_labels.append(label)
            grid.addWidget(label, row_index + 1, 0)
            group = QButtonGroup(self)
            for column, value in enumerate(self.points):
                button = QRadioButton()
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                group.addButton(button, value)
                grid.addWidget(button, row_index + 1, column + 1, Qt.AlignmentFlag.AlignCenter)
            for offset, _special in enumerate(self.specials):
                button = QRadioButton()
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                group.addButton(button, -(offset + 1))
                grid.addWidget(
                    button,
                    row_index + 1,
                    len(self.points) + offset + 1,
                    Qt.AlignmentFlag.AlignCenter,
                )
            self.groups.append(group)
        self.current = 0
        self._highlight()

    def _highlight(self) -> None:
        for index, label in enumerate(self.row_labels):
            font = label.font()
            font.setBold(index == self.current)
            label.setFont(font)
            label.setText(("▶ " if index == self.current else "") + self.shown.rows[index].label)

    def move_row(self, step: int) -> bool:
        self.current = max(0, min(len(self.row_labels) - 1, self.current + step))
        self._highlight()
        return True

    def _set(self, row: int, button_id: int) -> None:
        button = self.groups[row].button(button_id)
        if button is not None:
            button.setChecked(True)

    def pick(self, number: int) -> bool:
        if number == 0 and 0 not in self.points and 10 in self.points:
            number = 10
        if number not in self.points:
            return False
        self._set(self.current, number)
        self.move_row(1)
        return True

    def special(self, key: str) -> bool:
        for offset, special in enumerate(self.specials):
            if special.special == key:
                self._set(self.current, -(offset + 1))
                self.move_row(1)
                return True
        return False

    def answer(self) -> Answer:
        values: dict[str, int | str] = {}
        for row, group in zip(self.shown.rows, self.groups, strict=True):
            checked = group.checkedId()
            if checked in self.points:
                values[row.id] = checked
            elif checked < 0:
                values[row.id] = self.specials[-checked - 1].special or ""
        return Answer(values)

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None or not isinstance(answer.value, dict):
            return
        for index, row in enumerate(self.shown.rows):
            value = answer.value.get(row.id)
            if isinstance(value, int):
                self._set(index, value)
            elif isinstance(value, str):
                for offset, special in enumerate(self.specials):
                    if special.special == value:
                        self._set(index, -(offset + 1))


class _TextInput(_Input):
    """Numeric (one line) and open answers (several lines)."""

    def __init__(self, screen: Screen, multiline: bool) -> None:
        super().__init__()
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.edit: QLineEdit | QPlainTextEdit
        if multiline:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(90)
        else:
            self.edit = QLineEdit()
            if screen.minimum is not None or screen.maximum is not None:
                low = "" if screen.minimum is None else f"{screen.minimum:g}"
                high = "" if screen.maximum is None else f"{screen.maximum:g}"
                self.edit.setPlaceholderText(f"{low} – {high}")
        self.edit.setObjectName("answer_text")
        row.addWidget(self.edit, 1)
        self.unit = screen.unit
        if screen.unit:
            row.addWidget(QLabel(screen.unit))
        self.box.addLayout(row)
        self.specials = _SpecialButtons(screen.specials)
        self.box.addWidget(self.specials)

    def reuse_for(self, screen: Screen) -> bool:
        # Open answers only: a numeric field's placeholder and unit belong to its question.
        if screen.kind != "open" or not isinstance(self.edit, QPlainTextEdit):
            return False
        self.edit.clear()
        if [(o.special, o.label) for o in screen.specials] == self.specials.shown:
            self.specials.clear()
            return True
        replacement = _SpecialButtons(screen.specials)
        self.box.replaceWidget(self.specials, replacement)
        self.specials.hide()
        self.specials.setParent(None)
        self.specials.deleteLater()
        self.specials = replacement
        if screen.specials:
            replacement.show()  # it has a parent now: shown inside the input
        return True

    def text(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def answer(self) -> Answer:
        if self.specials.chosen:
            return Answer(special=self.specials.chosen)
        return Answer(self.text() or None)

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None:
            return
        if answer.special:
            self.specials.choose(answer.special)
            return
        text = "" if answer.value is None else str(answer.value)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def special(self, key: str) -> bool:
        return self.specials.choose(key)

    def first_focus(self) -> QWidget | None:
        return self.edit


class _InfoInput(_Input):
    def answer(self) -> Answer:
        return Answer()


def _input_for(screen: Screen) -> _Input:
    kind = screen.kind
    if kind in ("single", "multi"):
        return _ChoiceInput(screen, multiple=kind == "multi")
    if kind in ("nps", "rating"):
        return _ScaleInput(screen)
    if kind == "grid":
        return _GridInput(screen)
    if kind in ("numeric", "open"):
        return _TextInput(screen, multiline=kind == "open")
    return _InfoInput()


class ScriptPane(QWidget):
    """Shows one screen; emits ``submitted(question_id, Answer)`` and ``back_requested(id)``."""

    submitted = Signal(str, object)
    back_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("%p% of the interview"))
        layout.addWidget(self.progress)
        self.text = QLabel()
        self.text.setObjectName("read_aloud")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.text.font())
        font.setPointSize(QUESTION_POINT_SIZE)
        self.text.setFont(font)
        layout.addWidget(self.text)
        self.note = QLabel()
        self.note.setObjectName("interviewer_note")
        self.note.setWordWrap(True)
        self.note.setFrameShape(QFrame.Shape.StyledPanel)
        self.note.setStyleSheet(
            "QLabel#interviewer_note { background: #fff4ce; color: #5c4400;"
            " border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"
            " font-style: italic; }"
        )
        layout.addWidget(self.note)
        self.input_holder = QVBoxLayout()
        layout.addLayout(self.input_holder)
        self.message = QLabel()
        self.message.setObjectName("validation_message")
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Back (Backspace)"))
        self.next_button = QPushButton(self.tr("Next (Enter) →"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.confirm)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.shown: Screen | None = None
        self.input: _Input | None = None
        self.closing: Closing | None = None
        self.busy = False
        self._digits = ""
        self._digit_time = 0.0

    # -- what the controller calls --------------------------------------------------------

    def show_screen(self, screen: Screen) -> None:
        with self._rebuilding():
            self._build_screen(screen)
        if self.isVisible():  # a pane on a hidden tab must not take the keyboard
            self.take_focus()

    def _build_screen(self, screen: Screen) -> None:
        self.shown, self.closing, self.busy = screen, None, False
        self.text.setText(screen.text)
        self.note.setText(self.tr("Interviewer: ") + screen.note if screen.note else "")
        self.note.setVisible(bool(screen.note))
        self.progress.setValue(round(screen.progress * 100))
        self.message.clear()
        self._show_interview_parts(True)
        if self.input is None or not self.input.reuse_for(screen):
            self._drop_input()
            self.input = _input_for(screen)
            self.input_holder.addWidget(self.input)
            self.input.show()  # a child added to a pane already on screen is not shown by itself
            edits = self.input.findChildren(QLineEdit) + self.input.findChildren(QPlainTextEdit)
            for edit in edits:
                edit.installEventFilter(self)
        self.input.set_answer(screen.answer)
        self.back_button.setEnabled(screen.number > 1)
        self.next_button.setEnabled(True)
        self.next_button.setText(self.tr("Next (Enter) →"))

    def take_focus(self) -> None:
        """Give the keyboard to the shown question's input (or to the pane's keys)."""
        focus = self.input.first_focus() if self.input is not None else None
        (focus or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_closing(self, closing: Closing) -> None:
        with self._rebuilding():
            self._build_closing(closing)

    def _build_closing(self, closing: Closing) -> None:
        self.shown, self.closing, self.busy = None, closing, False
        self.text.setText(closing.text)
        labels = {
            "complete": self.tr("Interview complete."),
            "screened_out": self.tr("Not eligible: the interview ends here."),
            "refused": self.tr("The respondent refused the interview."),
        }
        note = labels[closing.status]
        if closing.reason:
            note += " " + closing.reason
        self.note.setText(note)
        self.note.setVisible(True)
        self.progress.setValue(100)
        self.message.clear()
        self._drop_input()
        self._show_interview_parts(True)
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(closing.status != "complete")

    def show_message(self, text: str) -> None:
        """No interview to show: just a line of explanation."""
        with self._rebuilding():
            self._build_message(text)

    def _build_message(self, text: str) -> None:
        self.shown, self.closing, self.busy = None, None, False
        self._drop_input()
        self.text.setText(text)
        self.note.setVisible(False)
        self.message.clear()
        self.progress.setValue(0)
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self._show_interview_parts(False)  # no progress or Back/Next without an interview

    @contextmanager
    def _rebuilding(self) -> Iterator[None]:
        """Paint the pane once, when the new screen is complete: nothing half-built is drawn
        (a progress bar, for one, repaints itself at once when its value changes), and the
        event loop paints everything that changed in one pass."""
        enabled = self.updatesEnabled()
        self.setUpdatesEnabled(False)
        try:
            yield
        finally:
            self.setUpdatesEnabled(enabled)

    def _show_interview_parts(self, shown: bool) -> None:
        for part in (self.progress, self.back_button, self.next_button):
            part.setVisible(shown)

    def _drop_input(self) -> None:
        if self.input is not None:
            self.input.hide()
            self.input.setParent(None)  # out of the widget tree now, deleted later
            self.input.deleteLater()
            self.input = None

    def show_rejection(self, message: str) -> None:
        self.busy = False
        self.message.setText(message)

    # -- the interviewer's actions ----------------------------------------------------------

    def confirm(self) -> None:
        if self.busy or self.shown is None or self.input is None:
            return
        self.busy = True  # until the controller shows the next screen or a rejection
        self.message.clear()
        self.submitted.emit(self.shown.question_id, self.input.answer())

    def go_back(self) -> None:
        if self.busy:
            return
        question_id = self.shown.question_id if self.shown else ""
        self.back_requested.emit(question_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            multiline = isinstance(watched, QPlainTextEdit)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if multiline and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    return False
                self.confirm()
                return True
            if key in SPECIAL_KEYS and self.input is not None:
                return self.input.special(SPECIAL_KEYS[key])
        return False

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return True
        if key == Qt.Key.Key_Backspace:
            self.go_back()
            return True
        if self.input is None:
            return False
        if key in SPECIAL_KEYS:
            return self.input.special(SPECIAL_KEYS[key])
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return self.input.move_row(-1 if key == Qt.Key.Key_Up else 1)
        text = event.text()
        if text.isdigit() and len(text) == 1:
            now = time.monotonic()
            extended = self._digits + text
            quick = now - self._digit_time < DIGIT_PAUSE and self.input.extendable
            if quick and self.input.pick(int(extended)):
                self._digits = extended
            elif self.input.pick(int(text)):
                self._digits = text
            else:
                self._digits = ""
            self._digit_time = now
            return True
        return False
