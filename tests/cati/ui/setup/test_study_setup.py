"""Study setup: an import with rejects through the screen (preview, mapping, rejects shown),
rules checked as typed with live counts, settings and script versions saved, a new study."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.scheduler.settings import fieldwork_settings
from cati.segments import segment_report
from cati.studies import get_study, list_studies, script_versions
from cati.ui.setup.segments_panel import CONTACTS, NAME, PROBLEM, RULE
from cati.ui.setup.study_setup import StudySetup

from ...supervision.study_data import StudyData, make_study
from ..supervisor.helpers import GuiThreadGuard, context_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> StudyData:
    return make_study(engine, tmp_path, imported=False)


def settled(qtbot: QtBot, setup: StudySetup) -> None:
    def quiet() -> bool:
        parts = (setup, setup.imports, setup.segments, setup.settings, setup.script)
        return not any(p.background.busy for p in parts) and not setup.segments.counting.busy

    qtbot.waitUntil(quiet, timeout=20_000)


def field_choice(setup: StudySetup, header: str) -> QComboBox:
    mapping = setup.imports.mapping
    for row in range(mapping.rowCount()):
        if mapping.item(row, 0).text() == header:
            widget = mapping.cellWidget(row, 1)
            assert isinstance(widget, QComboBox)
            return widget
    raise AssertionError(header)


def test_an_import_with_rejects_shows_preview_mapping_and_rejected_rows(
    qtbot: QtBot, data: StudyData
) -> None:
    with GuiThreadGuard(data.engine) as guard:
        setup = StudySetup(context_for(data, data.lead))
        qtbot.addWidget(setup)
        settled(qtbot, setup)
        panel = setup.imports
        panel.path.setText(str(data.call_list))
        qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.preview is not None, timeout=20_000)
        # the automatic mapping is usable as it is: the import can start at once
        qtbot.waitUntil(panel.import_button.isEnabled, timeout=5_000)
        # the preview: first rows under the file's own header, cp1251 and ';' detected
        assert panel.rows.rowCount() == 8
        assert panel.rows.horizontalHeaderItem(0).text() == "Компания"
        assert panel.rows.item(0, 0).text() == "ООО «Кристалл Логистик»"
        assert "cp1251" in panel.info.text()
        # the automatic mapping, then the person's choice for one column
        assert field_choice(setup, "Телефон").currentData() == "phone"
        assert field_choice(setup, "Дата последнего заказа").currentText() == "last_order"
        field_choice(setup, "Регион").setCurrentIndex(
            field_choice(setup, "Регион").findData("ignore")
        )
        written = yaml.safe_load(panel.yaml.toPlainText())
        assert written["columns"]["Регион"] == "ignore" and written["auto"] is False
        assert written["columns"]["Телефон"] == "phone"
        qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.report is not None, timeout=20_000)
        settled(qtbot, setup)
    assert guard.on_gui_thread == []
    report = panel.report
    assert report is not None and (report.imported, report.rejected) == (6, 2)
    assert panel.rejects_box.isVisibleTo(setup) and panel.rejects.rowCount() == 2
    shown = {
        panel.rejects.item(r, 0).text(): panel.rejects.item(r, 1).text()
        for r in range(panel.rejects.rowCount())
    }
    assert set(shown) == {"5", "7"}  # row numbers as Excel shows them (header is row 1)
    assert all(text != "" for text in shown.values())
    assert "6" in panel.result.text() and "2" in panel.result.text()
    assert yaml.safe_load(report.mapping_path.read_text(encoding="utf-8")) == written
    contacts = sum(row.contacts for row in segment_report(data.engine, data.study_id))
    assert contacts == 6


def test_rules_are_checked_as_typed_and_contacts_counted_live(
    qtbot: QtBot, data: StudyData
) -> None:
    from cati.sample.importing import import_call_list

    import_call_list(data.engine, data.study_id, data.call_list, clock=data.clock)
    setup = StudySetup(context_for(data, data.lead))
    qtbot.addWidget(setup)
    settled(qtbot, setup)
    panel = setup.segments
    assert "last_order" in panel.fields.text()
    panel.add_row("lost", "", 3, None)
    row = panel.table.rowCount() - 1
    panel.table.item(row, RULE).setText("days_since(last_ordr) > 365")
    assert "last_order" in panel.table.item(row, PROBLEM).text()  # "did you mean"
    assert not panel.save_button.isEnabled()
    panel.table.item(row, RULE).setText("days_since(last_order) > 365")
    assert panel.table.item(row, PROBLEM).text() == ""
    assert panel.save_button.isEnabled()
    # move "lost" above "other" so it takes its contacts first
    panel.table.setCurrentCell(row, NAME)
    panel._move(-1)
    qtbot.waitUntil(lambda: panel.table.item(0, CONTACTS).text() == "2", timeout=20_000)
    assert panel.table.item(1, CONTACTS).text() == "4"  # other
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "lost" in panel.status.text(), timeout=20_000)
    saved = {r.name: r.contacts for r in segment_report(data.engine, data.study_id)}
    assert saved == {"lost": 2, "other": 4}
    settled(qtbot, setup)
    assert "lost" in panel.status.text()  # reloading after the save keeps the message


def test_settings_are_saved_and_bad_dates_refused_in_place(qtbot: QtBot, data: StudyData) -> None:
    setup = StudySetup(context_for(data, data.lead))
    qtbot.addWidget(setup)
    settled(qtbot, setup)
    panel = setup.settings
    panel.days["sat"][0].setChecked(False)
    panel.days["sun"][0].setChecked(False)
    panel.max_attempts.setValue(8)
    panel.dialer.setCurrentIndex(panel.dialer.findData("manual"))
    panel.caller_id.setText("+74951234567")
    panel.recordings_folder.setText(r"\\сервер\записи")
    assert panel.study_status.currentData() == "draft"
    panel.study_status.setCurrentIndex(panel.study_status.findData("active"))
    panel.days_off.setPlainText("32.05.2025")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "32.05.2025" in panel.status.text()
    panel.days_off.setPlainText("01.05.2025\n2025-05-09")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status.text() != "" and "32" not in panel.status.text())
    settled(qtbot, setup)
    stored = fieldwork_settings(get_study(data.engine, data.study_id).settings)
    assert stored.max_attempts == 8 and stored.dialer.kind == "manual"
    assert stored.dialer.options["caller_id"] == "+74951234567"
    assert stored.recordings_folder == r"\\сервер\записи"
    assert get_study(data.engine, data.study_id).status.value == "active"
    assert [d.isoformat() for d in stored.days_off] == ["2025-05-01", "2025-05-09"]
    assert "sat" not in stored.calling_hours


def test_the_script_is_edited_and_saved_as_a_new_version(qtbot: QtBot, data: StudyData) -> None:
    setup = StudySetup(context_for(data, data.lead))
    qtbot.addWidget(setup)
    settled(qtbot, setup)
    panel = setup.script
    qtbot.waitUntil(lambda: "Альфа" in panel.editor.editor.toPlainText(), timeout=20_000)
    text = panel.editor.editor.toPlainText().replace("«Альфа»", "«Бета»")
    panel.editor.set_text(text)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=20_000)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2" in panel.label.text(), timeout=20_000)
    versions = script_versions(data.engine, data.study_id)
    assert [v.version for v in versions][-1] == 2 and "«Бета»" in versions[-1].text


def test_a_new_study_is_created_from_a_script_file(qtbot: QtBot, data: StudyData) -> None:
    setup = StudySetup(context_for(data, data.lead))
    qtbot.addWidget(setup)
    settled(qtbot, setup)
    dialog = setup.new_study()
    dialog.name.setText("CSI дистрибьюторов 2025")
    dialog.client.setText("АО «Бета»")
    dialog.script.setText(str(resources.files("resources.scripts") / "b2b_nps_csi.yaml"))
    dialog.create_study()
    qtbot.waitUntil(lambda: setup.choice.count() == 2, timeout=20_000)
    settled(qtbot, setup)
    assert setup.choice.currentText() == "CSI дистрибьюторов 2025"
    assert "АО «Бета»" in setup.facts.text()
    assert {s.name for s in list_studies(data.engine)} >= {"CSI дистрибьюторов 2025"}


def test_an_interviewer_cannot_set_up_studies(qtbot: QtBot, data: StudyData) -> None:
    context = context_for(data, data.interviewer)
    setup = StudySetup(context)
    qtbot.addWidget(setup)
    settled(qtbot, setup)
    assert any("may not" in text for text in context.errors.shown)
