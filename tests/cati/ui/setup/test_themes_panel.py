"""The setup's Themes tab: the shipped dictionary shown, problems located as typed, an
answer tried with the text being edited, the study's own dictionary saved and reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.studies.themes import study_theme_text
from cati.ui.setup.themes_panel import ThemesPanel

from ...supervision.study_data import StudyData, make_study
from ..supervisor.helpers import GuiThreadGuard, context_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

OWN = "schema_version: 2\nthemes:\n  цены:\n    ru:\n      words: [цена]\n"


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> StudyData:
    return make_study(engine, tmp_path, imported=False)


def checked(qtbot: QtBot, panel: ThemesPanel) -> None:
    qtbot.waitUntil(lambda: not panel.background.busy and panel.status.text() != "", timeout=20_000)
    qtbot.waitUntil(lambda: panel.status.text() != panel.tr("Checking…"), timeout=20_000)


def test_edit_check_try_save_and_reset(qtbot: QtBot, data: StudyData) -> None:
    with GuiThreadGuard(data.engine) as guard:
        panel = ThemesPanel(context_for(data, data.lead))
        qtbot.addWidget(panel)
        panel.load(data.study_id)
        checked(qtbot, panel)
        assert "schema_version: 2" in panel.editor.toPlainText()
        assert not panel.reset_button.isEnabled()  # already the shipped one
        assert panel.save_button.isEnabled()

        panel.sample.setText("Доставка не всегда вовремя")
        qtbot.waitUntil(lambda: panel.mentions.count() == 2, timeout=20_000)
        assert panel.mentions.item(0).text().startswith("delivery: complaint")

        panel.editor.setPlainText(OWN.replace("words: [цена]", "words: [цена"))
        panel.check_now()
        qtbot.waitUntil(lambda: panel.problem_list.count() > 0, timeout=20_000)
        assert panel.problem_list.item(0).text().startswith("5:")
        assert not panel.save_button.isEnabled()
        qtbot.mouseClick(
            panel.problem_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.problem_list.visualItemRect(panel.problem_list.item(0)).center(),
        )
        assert panel.editor.textCursor().blockNumber() == 4

        panel.editor.setPlainText(OWN)
        panel.check_now()
        qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=20_000)
        panel.save()
        qtbot.waitUntil(lambda: panel.reset_button.isEnabled(), timeout=20_000)
    assert guard.on_gui_thread == []  # the screen never touches the database itself
    assert study_theme_text(data.engine, data.study_id).text == OWN
    with GuiThreadGuard(data.engine) as guard:
        panel.reset()
        qtbot.waitUntil(lambda: not panel.reset_button.isEnabled(), timeout=20_000)
        qtbot.waitUntil(lambda: "range:" in panel.editor.toPlainText(), timeout=20_000)
    assert guard.on_gui_thread == []
    assert not study_theme_text(data.engine, data.study_id).custom
