"""Stored answers become the report's respondent table, with nothing that identifies anyone."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from cati.exports.records import InterviewRecord
from cati.reporting.responses import responses_frame
from surveys import Answer, load_script

SCRIPT = load_script(Path(str(resources.files("resources.scripts") / "b2b_nps_csi.yaml")))


def record(interview_id: int, status: str, answers: dict[str, Answer]) -> InterviewRecord:
    return InterviewRecord(
        interview_id=interview_id,
        contact_id=100 + interview_id,
        respondent_id="R1",
        status=status,
        language="ru",
        segment="lost",
        answers={qid: a.to_json() for qid, a in answers.items()},
        started_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
    )


def test_complete_interviews_become_rows_in_the_report_shapes() -> None:
    interviews = [
        record(
            1,
            "complete",
            {
                "role": Answer(1),
                "nps": Answer(special="dont_know"),
                "csi": Answer({"quality": 4, "manager": "dont_know"}),
                "competitors": Answer((1, 97), other="ООО «Омега»"),
                "comment": Answer("Всё хорошо"),
            },
        ),
        record(2, "broken_off", {"role": Answer(2)}),
        record(3, "complete", {"nps": Answer(9)}),
    ]
    frame = responses_frame(
        SCRIPT, interviews, {101: {"manager": "Анна Котова", "email": "x@y.ru"}}, ["manager"]
    )
    assert list(frame.index) == [1, 2]
    first = frame.loc[1]
    assert first["segment"] == "lost" and first["manager"] == "Анна Котова"
    assert first["role"] == 1
    assert math.isnan(first["nps"]) and first["nps:special"] == "dont_know"
    assert first["csi.quality"] == 4 and first["csi.manager:special"] == "dont_know"
    assert first["competitors"] == [1, 97] and first["competitors:other"] == "ООО «Омега»"
    assert first["comment"] == "Всё хорошо"
    assert frame.loc[2, "nps"] == 9
    assert "email" not in frame.columns
    assert not any(str(v).startswith("10") for v in frame.index)  # no contact ids
