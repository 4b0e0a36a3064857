"""The supervisor dashboard: updates from the change feed, alerts handled with a note, call
review with the player, export and report dialogs, and no database work on the GUI thread."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.db import (
    Alert,
    AlertDelivery,
    AlertStatus,
    DeliveryChannel,
    DeliveryState,
    create_engine_for,
)
from cati.ui.dialogs.export_dialog import ExportDialog
from cati.ui.supervisor.dashboard import SupervisorDashboard

from ...supervision.study_data import StudyData, complete_interview, make_study, refusal
from .helpers import FakeFeed, GuiThreadGuard, context_for


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> StudyData:
    return make_study(engine, tmp_path)


def idle(qtbot: QtBot, dashboard: SupervisorDashboard) -> None:
    qtbot.waitUntil(lambda: not dashboard.background.busy, timeout=20_000)


def completes_shown(dashboard: SupervisorDashboard) -> int:
    table = dashboard.progress.segments
    return sum(int(table.item(row, 1).text()) for row in range(table.rowCount()))


def test_the_dashboard_updates_when_an_interview_elsewhere_completes(
    qtbot: QtBot, data: StudyData, db_url: str
) -> None:
    feed = FakeFeed()
    dashboard = SupervisorDashboard(context_for(data, changes=feed))
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.refreshes == 1, timeout=20_000)
    assert completes_shown(dashboard) == 0
    elsewhere = create_engine_for(db_url)  # another workstation
    try:
        interview_id, _ = complete_interview(data, nps=2, engine=elsewhere)
    finally:
        elsewhere.dispose()
    assert completes_shown(dashboard) == 0  # no polling: nothing until the feed says so
    feed.publish("interview", {"interview_id": interview_id, "status": "complete"})
    qtbot.waitUntil(lambda: completes_shown(dashboard) == 1, timeout=20_000)
    assert dashboard.alerts.table.rowCount() == 1  # the detractor alert arrived too
    assert "1" in dashboard.tabs.tabText(1)
    assert dashboard.context.errors.shown == []


def test_notifications_during_a_refresh_fold_into_one_more(qtbot: QtBot, data: StudyData) -> None:
    feed = FakeFeed()
    dashboard = SupervisorDashboard(context_for(data, changes=feed))
    qtbot.addWidget(dashboard)
    for _ in range(5):
        feed.publish("attempt", {})
    qtbot.waitUntil(lambda: dashboard.refreshes >= 2, timeout=20_000)
    idle(qtbot, dashboard)
    qtbot.wait(50)
    # the first refresh, then at most two more however the five notifications fall
    assert 2 <= dashboard.refreshes <= 3


def test_an_alert_is_marked_handled_with_a_note_from_the_inbox(
    qtbot: QtBot, data: StudyData
) -> None:
    complete_interview(data, nps=1, why="Менеджер не перезванивает")
    dashboard = SupervisorDashboard(context_for(data))
    qtbot.addWidget(dashboard)
    idle(qtbot, dashboard)
    inbox = dashboard.alerts
    inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: inbox.answers.rowCount() == 2, timeout=20_000)
    assert inbox.answers.item(1, 1).text() == "Менеджер не перезванивает"
    inbox.note.setPlainText("Перезвонила клиенту, договорились о встрече")
    qtbot.mouseClick(inbox.handle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ольга Супервайзер" in inbox.handling.text(), timeout=20_000)
    with Session(data.engine) as db:
        alert = db.get(Alert, inbox.alerts[0].alert_id)
        assert alert is not None and alert.status is AlertStatus.HANDLED
        assert alert.note == "Перезвонила клиенту, договорились о встрече"
        assert alert.handled_by == data.supervisor.id and alert.handled_at is not None
    assert not inbox.handle_button.isEnabled()


def test_a_recorded_call_is_loaded_into_the_player_and_scored(
    qtbot: QtBot, data: StudyData, tmp_path: Path
) -> None:
    audio = tmp_path / "звонок.wav"
    with wave.open(str(audio), "wb") as writer:  # two seconds of silence
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\0\0" * 16000)
    complete_interview(data, recording=str(audio))
    dashboard = SupervisorDashboard(context_for(data))
    qtbot.addWidget(dashboard)
    idle(qtbot, dashboard)
    review = dashboard.review
    assert review.table.rowCount() == 1
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.player.source == audio, timeout=20_000)
    assert review.player.external.isEnabled()
    if os.environ.get("CI") == "true":  # .ci/run installs the audio libraries
        assert review.player.available, "QtMultimedia did not load (libpulse0 missing?)"
    if review.player.available:  # QtMultimedia loaded: the Qt player reads the file
        assert review.player.player.source().toLocalFile() == str(audio)
        assert review.player.play_button.isEnabled()
        qtbot.waitUntil(lambda: review.player.slider.maximum() == 2000, timeout=20_000)
        assert review.player.time.text().endswith("/ 0:02")
        qtbot.mouseClick(review.player.play_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: review.player.slider.value() > 0, timeout=20_000)
        review.player.stop()
    first = review.items[0].id
    review.groups[first].button(2).setChecked(True)
    review.note.setPlainText("Чётко по сценарию")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.status.text() != "", timeout=20_000)
    assert review.table.item(0, 6).text() == "2/2"


def test_the_export_dialog_runs_in_the_background_with_progress(
    qtbot: QtBot, data: StudyData, tmp_path: Path
) -> None:
    complete_interview(data)
    dialog = ExportDialog(context_for(data), data.study_id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.path.text().endswith(".csv")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert all(Path(p).exists() for p in dialog.result.files)


def test_an_interviewer_sees_no_report_or_export_and_the_service_refuses_the_data(
    qtbot: QtBot, data: StudyData
) -> None:
    dashboard = SupervisorDashboard(context_for(data, data.interviewer))
    qtbot.addWidget(dashboard)
    idle(qtbot, dashboard)
    assert not dashboard.report_button.isVisibleTo(dashboard)
    assert not dashboard.export_button.isVisibleTo(dashboard)
    assert not dashboard.tabs.isTabVisible(dashboard.review_index)
    assert any("may not" in text for text in dashboard.context.errors.shown)


def test_no_database_call_runs_on_the_gui_thread(
    qtbot: QtBot, data: StudyData, tmp_path: Path
) -> None:
    complete_interview(data, nps=0, recording=str(tmp_path / "a.wav"))
    refusal(data)
    with GuiThreadGuard(data.engine) as guard:
        dashboard = SupervisorDashboard(context_for(data))
        qtbot.addWidget(dashboard)
        idle(qtbot, dashboard)
        dashboard.alerts.table.selectRow(0)
        idle(qtbot, dashboard.alerts)  # type: ignore[arg-type]
        dashboard.review.table.selectRow(0)
        qtbot.waitUntil(lambda: not dashboard.review.background.busy, timeout=20_000)
        dashboard.period.setCurrentIndex(0)
        idle(qtbot, dashboard)
    assert guard.on_gui_thread == []


def test_a_maybe_sent_message_shows_in_red_and_is_sent_again_on_purpose(
    qtbot: QtBot, data: StudyData
) -> None:
    complete_interview(data, nps=1, why="Менеджер не перезванивает")
    with Session(data.engine) as db:
        alert = db.exec(select(Alert)).one()
        db.add(
            AlertDelivery(
                alert_id=alert.id or 0,
                channel=DeliveryChannel.EMAIL,
                recipient="quality@alfa.ru",
                state=DeliveryState.MAYBE_SENT,
                attempts=1,
                message_key="k1",
                last_error="the mail server received the message but did not confirm it",
            )
        )
        db.commit()
    dashboard = SupervisorDashboard(context_for(data))
    qtbot.addWidget(dashboard)
    idle(qtbot, dashboard)
    inbox = dashboard.alerts
    cell = inbox.table.item(0, 5)
    assert cell.text() == inbox.delivery_label("maybe_sent")
    assert cell.foreground().color().name() == "#b00020"
    assert "did not confirm" in cell.toolTip() and "quality@alfa.ru" in cell.toolTip()
    inbox.table.selectRow(0)
    qtbot.waitUntil(inbox.resend_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(inbox.resend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: inbox.table.item(0, 5).text() == inbox.delivery_label("pending"), timeout=20_000
    )
    with Session(data.engine) as db:
        delivery = db.exec(select(AlertDelivery)).one()
        assert delivery.state is DeliveryState.PENDING and delivery.message_key == "k1"
    inbox.table.selectRow(0)
    assert not inbox.resend_button.isEnabled()


def test_the_report_dialog_offers_the_three_weightings_population_first(
    qtbot: QtBot, data: StudyData, tmp_path: Path
) -> None:
    from cati.ui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(context_for(data), data.study_id, tmp_path)
    qtbot.addWidget(dialog)
    choices = [dialog.weights.itemData(i) for i in range(dialog.weights.count())]
    assert choices == ["population", "raking", "none"]
    assert dialog.weights.currentData() == "population"
