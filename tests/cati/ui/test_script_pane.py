"""The script pane, driven from the keyboard only, through a whole interview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from cati.ui.preview import EngineDriver, ScriptPreview
from cati.ui.script_pane import ScriptPane, _ChoiceInput, _TextInput
from surveys import Answer, Closing, Script, load_script
from surveys.engine import InterviewState, ShownOption, screen_for
from surveys.model import CONSENT

DATA = Path(__file__).resolve().parents[2] / "surveys" / "data"


@pytest.fixture(scope="module")
def script() -> Script:
    return load_script(DATA / "all_kinds.yaml")


@pytest.fixture
def preview(qtbot: QtBot, script: Script) -> ScriptPreview:
    widget = ScriptPreview()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    widget.set_script(script)
    widget.driver = EngineDriver(script, seed=3, lang="ru")
    widget._show(widget.driver.current())
    return widget


def key(qtbot: QtBot, pane: ScriptPane, *keys: Qt.Key | str) -> None:
    for k in keys:
        target = pane.focusWidget() or pane
        if isinstance(k, str):
            qtbot.keyClicks(target, k)
        else:
            qtbot.keyClick(target, k)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key presses (QTest cannot map Cyrillic letters to keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def current_id(preview: ScriptPreview) -> str:
    shown = preview.pane.shown
    assert shown is not None
    return shown.question_id


def test_a_whole_interview_from_the_keyboard(qtbot: QtBot, preview: ScriptPreview) -> None:
    pane = preview.pane
    assert pane.text.text() == "Здравствуйте, Анна Сергеевна!"
    assert pane.note.text() == "Interviewer: Говорите медленно."
    key(qtbot, pane, Qt.Key.Key_Return)  # intro
    key(qtbot, pane, "1", Qt.Key.Key_Return)  # consent: yes
    key(qtbot, pane, "1", Qt.Key.Key_Return)  # recording: yes
    assert current_id(preview) == "role"
    key(qtbot, pane, "4", Qt.Key.Key_Return)  # "other" without its text
    assert pane.message.text() == "Уточните ответ «Другое»."
    other = pane.findChild(QLineEdit, "other")
    assert other is not None and other.isVisible()
    type_text(other, "Закупщик")
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert current_id(preview) == "years"
    key(qtbot, pane, "77", Qt.Key.Key_Return)
    assert pane.message.text() == "Максимальное значение — 50."
    edit = pane.findChild(QLineEdit, "answer_text")
    assert edit is not None
    edit.clear()
    key(qtbot, pane, "5", Qt.Key.Key_Return)
    assert current_id(preview) == "nps"
    key(qtbot, pane, "1", "0", Qt.Key.Key_Return)  # two quick digits: 10
    assert current_id(preview) == "why_high"
    text = pane.findChild(QPlainTextEdit, "answer_text")
    assert text is not None
    type_text(text, "Надёжность")
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # new line
    type_text(text, "и сроки")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    assert preview.driver is not None
    assert preview.driver.state.answers["why_high"].value == "Надёжность\nи сроки"
    assert current_id(preview) == "reasons"
    key(qtbot, pane, "1", "2", Qt.Key.Key_Return)  # not "12": no 12th option, so 1 then 2
    assert pane.message.text() == ""
    # which codes were picked depends on the shuffled order; two of them were
    picked = preview.driver.state.answers["reasons"].value
    assert len(picked) == 2
    while current_id(preview) != "csi":
        shown = pane.shown
        assert shown is not None
        if shown.question_id == "price_ok":
            key(qtbot, pane, "3", Qt.Key.Key_Return)
    key(qtbot, pane, "5", Qt.Key.Key_F8, "2", Qt.Key.Key_Return)  # grid: row by row
    answer = preview.driver.state.answers["csi"].value
    rows = [r.id for r in pane.shown.rows] if pane.shown and pane.shown.kind == "grid" else None
    assert rows is None  # moved on
    assert sorted(answer.values(), key=str) == [2, 5, "dont_know"]
    key(qtbot, pane, Qt.Key.Key_Return)  # info screen
    key(qtbot, pane, Qt.Key.Key_Return)  # optional comment left empty
    assert pane.shown is None
    assert pane.closing is not None and pane.closing.status == "complete"
    assert pane.text.text() == "Спасибо, Анна Сергеевна!"


def test_backspace_goes_back_and_shows_the_answer_given(
    qtbot: QtBot, preview: ScriptPreview
) -> None:
    pane = preview.pane
    key(qtbot, pane, Qt.Key.Key_Return, "1", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)
    key(qtbot, pane, "2", Qt.Key.Key_Return)
    assert current_id(preview) == "years"
    pane.setFocus()
    key(qtbot, pane, Qt.Key.Key_Backspace)
    assert current_id(preview) == "role"
    assert pane.input is not None and pane.input.answer().value == 2


def test_special_answers_on_f8_and_refusal_ends_politely(
    qtbot: QtBot, preview: ScriptPreview
) -> None:
    pane = preview.pane
    key(qtbot, pane, Qt.Key.Key_Return, "2", Qt.Key.Key_Return)  # consent refused
    assert isinstance(pane.closing, Closing)
    assert pane.closing.status == "refused"
    assert pane.note.text() == "The respondent refused the interview."


def test_language_switch_shows_the_same_screen_in_english(
    qtbot: QtBot, preview: ScriptPreview
) -> None:
    preview.language.setCurrentText("en")
    assert preview.pane.text.text() == "Hello, Анна Сергеевна!"


def test_screenshot_of_the_pane(qtbot: QtBot, preview: ScriptPreview, tmp_path: Path) -> None:
    pane = preview.pane
    key(
        qtbot,
        pane,
        Qt.Key.Key_Return,
        "1",
        Qt.Key.Key_Return,
        "1",
        Qt.Key.Key_Return,
        "1",
        Qt.Key.Key_Return,
        "5",
        Qt.Key.Key_Return,
    )
    image = preview.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "nps.png"))


def test_a_message_without_an_interview_shows_no_progress_or_back_and_next(
    qtbot: QtBot, preview: ScriptPreview
) -> None:
    pane = preview.pane
    parts = (pane.progress, pane.back_button, pane.next_button)
    assert all(part.isVisible() for part in parts)
    pane.show_message("Нажмите «Следующий контакт» (F2), чтобы начать.")
    assert not any(part.isVisible() for part in parts)
    assert preview.driver is not None
    preview._show(preview.driver.current())
    assert all(part.isVisible() for part in parts)


class _Paints(QObject):
    """Counts the Paint events the pane's widgets receive."""

    def __init__(self, pane: ScriptPane) -> None:
        super().__init__()
        self.pane, self.count = pane, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.pane or self.pane.isAncestorOf(watched))
        ):
            self.count += 1
        return False


def test_the_next_screen_is_painted_once_it_is_built_not_half_way(
    qtbot: QtBot, preview: ScriptPreview
) -> None:
    pane = preview.pane
    qtbot.waitExposed(preview)
    key(qtbot, pane, Qt.Key.Key_Return, "1", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)
    assert current_id(preview) == "role"
    qtbot.wait(20)  # the screen is on screen
    paints = _Paints(pane)
    application = QApplication.instance()
    assert application is not None
    application.installEventFilter(paints)
    try:
        key(qtbot, pane, "2", Qt.Key.Key_Return)  # builds the next screen, progress moves on
        assert current_id(preview) == "years"
        assert paints.count == 0  # nothing painted while it was being built
        qtbot.waitUntil(lambda: paints.count > 0)  # painted by the event loop, in one pass
    finally:
        application.removeEventFilter(paints)
    assert pane.progress.value() > 0 and pane.progress.isVisible()


def test_questions_of_one_kind_in_a_row_reuse_the_input_with_their_own_options(
    qtbot: QtBot, script: Script
) -> None:
    pane = ScriptPane()
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    state = InterviewState(contact={"name": "Анна Сергеевна", "company": "Альфа"}, seed=3)
    consent, role = (screen_for(script, state, qid, "ru") for qid in (CONSENT, "role"))
    pane.show_screen(consent)
    reused = pane.input
    assert isinstance(reused, _ChoiceInput)
    assert reused.pick(1)
    pane.show_screen(role)  # four options, the last one "other, specify"
    assert pane.input is reused
    assert [b.text() for b in reused.buttons] == [
        f"{n}.  {option.label}" for n, option in enumerate(role.options, 1)
    ]
    assert not any(b.isChecked() for b in reused.buttons)  # nothing carried over
    assert all(b.isVisible() for b in reused.buttons) and not reused.other_edit.isVisible()
    other = next(n for n, o in enumerate(role.options, 1) if o.other)
    assert reused.pick(other) and reused.other_edit.isVisible()
    type_text(reused.other_edit, "Закупщик")
    assert reused.answer() == Answer(role.options[other - 1].code, other="Закупщик")
    pane.show_screen(consent)  # back to two options
    assert pane.input is reused and len(reused.buttons) == len(consent.options)
    assert reused.answer().value is None and not reused.other_edit.text()
    pane.show_screen(replace(role, answer=Answer(role.options[1].code)))  # going back to it
    assert reused.answer().value == role.options[1].code


def test_open_questions_in_a_row_reuse_the_text_field_empty(qtbot: QtBot, script: Script) -> None:
    pane = ScriptPane()
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    state = InterviewState(contact={"name": "Анна Сергеевна"}, seed=3)
    why, comment = (screen_for(script, state, qid, "ru") for qid in ("why_high", "comment"))
    pane.show_screen(why)
    reused = pane.input
    assert isinstance(reused, _TextInput)
    type_text(reused.edit, "Надёжность")
    pane.show_screen(comment)
    assert pane.input is reused and reused.text() == ""
    assert reused.specials.shown == [(o.special, o.label) for o in comment.specials]
    assert reused.answer() == Answer(None)
    dont_know = ShownOption(98, "Затрудняюсь ответить", special="dont_know")
    pane.show_screen(replace(why, specials=(dont_know,), answer=Answer(special="dont_know")))
    assert pane.input is reused and reused.specials.isVisible()
    assert reused.answer() == Answer(special="dont_know")
    pane.show_screen(comment)  # no "don't know" here
    assert pane.input is reused and not reused.specials.isVisible()
    assert not reused.special("dont_know") and reused.answer() == Answer(None)
