"""A robot interviewer records the calls whose respondent agreed, as the console does."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import Answer, Attempt
from cati.robot.worker import run_robot
from cati.scheduler.settings import fieldwork_settings
from cati.telephony.simulated import OutcomeMix, SimulatedDialer
from surveys.model import CONSENT_YES, RECORDING_CONSENT

from ..scheduler.factory import T0, make_interviewer, make_study

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_calls_are_recorded_only_with_the_respondents_consent(
    engine: Engine, tmp_path: Path
) -> None:
    study = make_study(engine, "pulse")
    study.segment("all")
    study.contacts(12, segment="all")
    study.script()
    robot = make_interviewer(engine, "robo")
    clock = SimulatedClock(T0)
    dialer = SimulatedDialer(
        OutcomeMix(answered=1, no_answer=0, busy=0, answering_machine=0, invalid_number=0),
        seed=5,
        clock=clock,
    )
    folder = tmp_path / "recordings" / f"study-{study.study_id}"
    try:
        run_robot(
            engine,
            study.study_id,
            robot,
            count=12,
            clock=clock,
            dialer=dialer,
            settings=fieldwork_settings({}),
            emit=lambda _event: None,
            seed=7,
            recordings=folder,
        )
    finally:
        dialer.close()
    with Session(engine) as session:
        agreed = {
            a.interview_id
            for a in session.exec(select(Answer).where(Answer.question_id == RECORDING_CONSENT))
            if a.value == {"value": CONSENT_YES}
        }
        attempts = list(session.exec(select(Attempt)))
    recorded = [a for a in attempts if a.recording_path]
    assert agreed and len(recorded) == len(agreed) < len(attempts)  # the others said no
    for attempt in recorded:
        path = Path(str(attempt.recording_path))
        assert path.parent == folder and path.name == f"attempt-{attempt.id}.wav"
        with wave.open(str(path)) as audio:
            assert audio.getnframes() > 0
