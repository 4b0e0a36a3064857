"""Supervision services on both backends: progress, rates, productivity, alerts, review,
corrections, exports, and the role checks behind them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from cati.db import Alert, AlertStatus, AnswerEdit, Review
from cati.errors import CatiError, PermissionDenied
from cati.supervision import AlertAlreadyHandled, OperationCancelled, RecordingMissing
from cati.supervision.alerts import alert_detail, handle_alert, inbox
from cati.supervision.corrections import answer_history, correct_answer
from cati.supervision.outputs import export_results, write_report
from cati.supervision.productivity import interviewer_productivity
from cati.supervision.progress import fieldwork_overview
from cati.supervision.review import open_recording, recorded_calls, score_call
from surveys.answers import Answer

from .study_data import StudyData, complete_interview, make_study, no_answer, refusal


@pytest.fixture
def data(engine: Engine, tmp_path: Path) -> StudyData:
    return make_study(engine, tmp_path)


def test_progress_counts_completes_in_progress_and_reachable_per_segment(data: StudyData) -> None:
    complete_interview(data, nps=3)
    no_answer(data)
    refusal(data)
    overview = fieldwork_overview(data.engine, data.supervisor, data.study_id, language="en")
    by_name = {s.name: s for s in overview.segments}
    assert [s.name for s in overview.segments] == ["lost", "regular", "other"]
    assert sum(s.completes for s in overview.segments) == 1
    assert sum(s.contacts for s in overview.segments) == 6  # 8 rows, 2 rejected
    assert by_name["lost"].target == 3 and by_name["regular"].target == 2
    assert sum(s.reachable for s in overview.segments) == 6 - 2  # complete and refusal closed
    assert overview.calls == 3
    assert overview.rates.overall.counts.I == 1
    outcomes = {o.outcome: o.calls for o in overview.outcomes}
    assert outcomes == {"complete": 1, "no_answer": 1, "refusal_respondent": 1}
    labels = {o.outcome: o.label for o in overview.outcomes}
    assert labels["no_answer"] and labels["no_answer"] != "no_answer"


def test_productivity_per_interviewer_over_the_period(data: StudyData) -> None:
    start = data.clock.now()
    complete_interview(data)
    refusal(data)
    rows = interviewer_productivity(data.engine, data.supervisor, data.study_id, start, None)
    assert len(rows) == 1
    row = rows[0]
    assert row.name == "Иван Интервьюеров" and row.calls == 2 and row.completes == 1
    # the interview ran 150 s (answers at +60 s and +90 s after the start)
    assert row.mean_interview_minutes == pytest.approx(2.5)
    assert row.refusals == 1 and row.conversations == 2 and row.refusal_rate == 0.5
    assert row.hours > 0 and row.calls_per_hour == pytest.approx(2 / row.hours)


def test_a_detractor_is_in_the_inbox_with_the_answers_behind_it(data: StudyData) -> None:
    complete_interview(data, nps=2, why="Сорвали сроки поставки")
    alerts = inbox(data.engine, data.supervisor, data.study_id)
    assert [(a.kind, a.status) for a in alerts] == [("detractor", "new")]
    assert alerts[0].delivery_state == "none" and alerts[0].company
    detail = alert_detail(data.engine, data.supervisor, alerts[0].alert_id, "ru")
    answers = {line.question_id: line.answer for line in detail.answers}
    assert answers["nps"] == "2" and answers["nps_why"] == "Сорвали сроки поставки"
    assert any("порекомендуете" in line.question for line in detail.answers)


def test_marking_an_alert_handled_writes_who_when_and_the_note(data: StudyData) -> None:
    complete_interview(data, nps=1)
    alert = inbox(data.engine, data.supervisor, data.study_id)[0]
    with pytest.raises(CatiError, match="note"):
        handle_alert(data.engine, data.supervisor, data.study_id, alert.alert_id, " ", data.clock)
    done = handle_alert(
        data.engine, data.supervisor, data.study_id, alert.alert_id, "Позвонил клиенту", data.clock
    )
    assert done.status == "handled" and done.handled_by == "Ольга Супервайзер"
    with Session(data.engine) as db:
        row = db.get(Alert, alert.alert_id)
        assert row is not None
        assert row.status is AlertStatus.HANDLED and row.handled_by == data.supervisor.id
        assert row.handled_at == data.clock.now() and row.note == "Позвонил клиенту"
    with pytest.raises(AlertAlreadyHandled, match="Ольга Супервайзер"):
        handle_alert(data.engine, data.lead, data.study_id, alert.alert_id, "ещё", data.clock)


def test_recorded_calls_are_listed_opened_and_scored(data: StudyData, tmp_path: Path) -> None:
    audio = tmp_path / "call.wav"
    audio.write_bytes(b"RIFF....WAVE")
    _, attempt_id = complete_interview(data, recording=str(audio))
    calls, items = recorded_calls(data.engine, data.supervisor, data.study_id)
    assert [c.attempt_id for c in calls] == [attempt_id] and calls[0].interview_id
    assert open_recording(data.engine, data.supervisor, attempt_id) == audio
    score_call(
        data.engine,
        data.supervisor,
        calls[0],
        {items[0].id: 2, items[1].id: 1},
        "Хорошо, но торопился",
        data.clock,
        items,
    )
    with Session(data.engine) as db:
        review = db.exec(select(Review)).one()
    assert review.scores[items[0].id] == 2 and review.scores["_total"] == 3
    assert review.reviewer_id == data.supervisor.id and review.note == "Хорошо, но торопился"
    assert recorded_calls(data.engine, data.supervisor, data.study_id)[0][0].reviews == 1
    audio.unlink()
    with pytest.raises(RecordingMissing):
        open_recording(data.engine, data.supervisor, attempt_id)


def test_a_correction_is_logged_with_the_supervisor_and_drops_unreachable_answers(
    data: StudyData,
) -> None:
    interview_id, _ = complete_interview(data, nps=8, why="Всё хорошо")
    done = correct_answer(
        data.engine,
        data.supervisor,
        interview_id,
        "nps",
        Answer(special="dont_know"),
        "респондент передумал",
        data.clock,
    )
    assert done.dropped == ("nps_why",)
    with Session(data.engine) as db:
        edits = list(db.exec(select(AnswerEdit).order_by(col(AnswerEdit.id))))
    assert [(e.question_id, e.new_value, e.edited_by) for e in edits] == [
        ("nps", {"value": None, "special": "dont_know"}, data.supervisor.id),
        ("nps_why", None, data.supervisor.id),
    ]
    assert edits[0].reason == "респондент передумал"
    assert [h.edited_by for h in answer_history(data.engine, data.lead, interview_id)] == [
        "Ольга Супервайзер"
    ] * 2


def test_a_correction_that_would_open_unasked_questions_is_refused(data: StudyData) -> None:
    interview_id, _ = complete_interview(data, nps=8)
    correct_answer(
        data.engine,
        data.supervisor,
        interview_id,
        "nps",
        Answer(special="dont_know"),
        "x",
        data.clock,
    )
    with pytest.raises(CatiError, match="no longer be complete"):
        correct_answer(
            data.engine, data.supervisor, interview_id, "nps", Answer(5), "назад", data.clock
        )
    with pytest.raises(CatiError):  # the engine validates the value as in the interview
        correct_answer(
            data.engine, data.supervisor, interview_id, "nps", Answer(11), "ошибка", data.clock
        )


def test_an_export_writes_files_and_a_cancelled_one_leaves_none(
    data: StudyData, tmp_path: Path
) -> None:
    complete_interview(data)
    steps: list[tuple[int, int]] = []
    done = export_results(
        data.engine,
        data.supervisor,
        data.study_id,
        "csv",
        tmp_path / "out.csv",
        data.clock,
        progress=lambda d, t: steps.append((d, t)),
    )
    assert done.files and all(p.exists() for p in done.files) and steps[-1] == (3, 3)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OperationCancelled):
        export_results(
            data.engine, data.lead, data.study_id, "xlsx", tmp_path / "x.xlsx", data.clock,
            cancel=cancel,
        )  # fmt: skip
    assert not (tmp_path / "x.xlsx").exists()


def test_an_interviewer_may_not_export_report_listen_or_supervise(
    data: StudyData, tmp_path: Path
) -> None:
    who, sid, engine = data.interviewer, data.study_id, data.engine
    refused = [
        lambda: export_results(engine, who, sid, "csv", tmp_path / "o.csv", data.clock),
        lambda: write_report(engine, who, sid, tmp_path / "r.docx", data.clock),
        lambda: recorded_calls(engine, who, sid),
        lambda: open_recording(engine, who, 1),
        lambda: inbox(engine, who, sid),
        lambda: handle_alert(engine, who, sid, 1, "note", data.clock),
        lambda: fieldwork_overview(engine, who, sid),
        lambda: interviewer_productivity(engine, who, sid, None, None),
        lambda: correct_answer(engine, who, 1, "nps", Answer(1), "x", data.clock),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert not list(tmp_path.glob("o*")) and not list(tmp_path.glob("r*"))
