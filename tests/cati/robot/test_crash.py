"""Robot interviewers killed with SIGKILL at random moments lose nothing they reported.

Each robot prints a JSON line only after the database committed the event. The test kills
robots mid-run a few times (restarting the same interviewer, who gets their held contact
back), then checks that every answer a robot printed is stored with the printed value, and
that every interview left in progress resumes: same interview, same seed, at the first
unanswered question.
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import Answer as AnswerRow
from cati.db import Interview, InterviewStatus
from cati.interviewing import InterviewSession
from cati.scheduler.queue import Claim, claim_next_contact
from surveys.engine import Screen, walk

from ..scheduler.factory import make_interviewer, make_study

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)

ROOT = Path(__file__).resolve().parents[3]
RUNNER = "import sys, cati.cli as c; sys.exit(c.main(sys.argv[1:]))"
START = datetime.fromisoformat("2025-03-10T06:00:00+00:00")


def robot(db_url: str, at: datetime, seed: int, count: int = 200) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUNNER,
            "--db",
            db_url,
            "work",
            "crash-test",
            "--robot",
            "--interviewer",
            "robo",
            "--count",
            str(count),
            "--seed",
            str(seed),
            "--at",
            at.isoformat(),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def run_and_kill(db_url: str, at: datetime, seed: int, after_lines: int) -> list[dict]:
    process = robot(db_url, at, seed)
    assert process.stdout is not None
    events: list[dict] = []
    for line in process.stdout:
        events.append(json.loads(line))
        if len(events) >= after_lines:
            process.send_signal(signal.SIGKILL)
            break
    # Lines already written to the pipe were committed too: read them all.
    remaining = process.stdout.read() if process.stdout else ""
    for line in remaining.splitlines():
        if line.strip():
            with contextlib.suppress(json.JSONDecodeError):  # a line cut by the kill
                events.append(json.loads(line))
    process.wait(timeout=30)
    return events


def test_killed_robots_lose_no_reported_answer_and_every_interview_resumes(
    engine: Engine, db_url: str
) -> None:
    study = make_study(engine, "crash-test")
    study.contacts(25)
    study.script("b2b_nps_csi.yaml")
    rng = random.Random(4)
    events: list[dict] = []
    at = START
    for kill in range(3):
        got = run_and_kill(db_url, at, seed=kill, after_lines=rng.randint(15, 60))
        events.extend(got)
        if got:
            at = datetime.fromisoformat(got[-1]["at"]) + timedelta(seconds=1)

    answers = [e for e in events if e["event"] == "answer"]
    assert answers, "the robots answered nothing before being killed"
    with Session(engine) as session:
        stored = {
            (row.interview_id, row.question_id): row.value
            for row in session.exec(select(AnswerRow))
        }
        open_interviews = list(
            session.exec(select(Interview).where(Interview.status == InterviewStatus.IN_PROGRESS))
        )
    for event in answers:
        assert stored[(event["interview_id"], event["question_id"])] == event["value"]

    assert open_interviews, "no interview was cut off; kill later"
    # Every interview left in progress resumes where it stopped, with the same order.
    clock = SimulatedClock(at + timedelta(days=1, hours=1))
    pending = {int(interview.id or 0): interview for interview in open_interviews}
    for seat in range(40):
        if not pending:
            break
        claim = claim_next_contact(
            engine, study.study_id, make_interviewer(engine, f"c{seat}"), clock
        )
        if not isinstance(claim, Claim):
            clock.advance(3600)
            continue
        interview = next((i for i in pending.values() if i.contact_id == claim.contact_id), None)
        if interview is None:
            continue
        resumed = InterviewSession.open(engine, claim, clock)
        assert resumed.resumed and resumed.interview_id == interview.id
        assert resumed.state.seed == interview.seed
        screen = resumed.screen()
        route = walk(resumed.script, resumed.state)
        assert isinstance(screen, Screen) and screen.question_id == route.current
        assert set(route.path) <= set(resumed.state.answers)
        del pending[int(interview.id or 0)]
    assert not pending, f"interviews not resumed: {sorted(pending)}"
