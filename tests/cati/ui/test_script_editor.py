"""The script editor checks as you type, underlines problems and previews good versions."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cati.ui.script_editor import ScriptEditor

GOOD = (Path(__file__).resolve().parents[2] / "surveys" / "data" / "all_kinds.yaml").read_text(
    encoding="utf-8"
)


def test_a_good_script_runs_in_the_preview(qtbot: QtBot) -> None:
    editor = ScriptEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:
        editor.set_text(GOOD)
    assert blocker.args == [0]
    assert editor.problem_list.count() == 0
    assert editor.preview.pane.text.text() == "Здравствуйте, Анна Сергеевна!"


def test_typing_a_mistake_underlines_it_and_lists_it_live(qtbot: QtBot) -> None:
    editor = ScriptEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.checked, timeout=5000):
        editor.set_text(GOOD)
    broken = GOOD.replace("show_if: nps <= 6", 'show_if: nps <= "low"')
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:
        editor.editor.setPlainText(broken)  # the edit itself starts the (delayed) check
    assert blocker.args == [1]
    item = editor.problem_list.item(0)
    assert item.text() == "44:18  cannot compare nps (number) with text using '<='"
    selections = editor.editor.extraSelections()
    assert len(selections) == 1
    cursor = selections[0].cursor  # type: ignore[attr-defined]
    assert cursor.blockNumber() == 43
    assert cursor.selectedText() == "<="
    assert selections[0].format.underlineStyle() == (  # type: ignore[attr-defined]
        selections[0].format.UnderlineStyle.WaveUnderline
    )  # type: ignore[attr-defined]
    # the preview keeps the last good version
    assert editor.preview.pane.text.text() == "Здравствуйте, Анна Сергеевна!"
    # clicking the problem puts the cursor on it
    editor._jump_to_problem(item)
    assert editor.editor.textCursor().blockNumber() == 43


def test_files_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "script.yaml"
    path.write_text(GOOD, encoding="utf-8")
    editor = ScriptEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.checked, timeout=5000):
        editor.load_file(path)
    editor.editor.setPlainText(GOOD + "\n# edited\n")
    editor.save_file()
    assert path.read_text(encoding="utf-8").endswith("# edited\n")


def test_hostile_text_is_listed_as_located_problems_not_a_hung_or_failed_check(
    qtbot: QtBot,
) -> None:
    """An alias bomb used to expand for minutes in the checking thread and a deeply nested
    condition to end it with a RecursionError: both are now problems at their place."""
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        for previous, name in zip("abcde", "bcdef", strict=True)
    )
    editor = ScriptEditor()
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:
        editor.set_text(GOOD + bomb)
    assert blocker.args == [21]  # 20 aliases, then how many more
    first = editor.problem_list.item(0).text()
    assert first.endswith(
        "'*a' repeats a value by reference (a YAML alias), which scripts do "
        "not allow; write the value out in full here"
    )
    deep = GOOD.replace("show_if: nps <= 6", "show_if: " + "(" * 300 + "nps <= 6" + ")" * 300)
    with qtbot.waitSignal(editor.checked, timeout=5000) as blocker:
        editor.set_text(deep)
    assert blocker.args == [1]
    assert "nests more than 32 levels deep" in editor.problem_list.item(0).text()
