"""Setting up from several workstations at once: each request gets an answer, never a crash.

Four OS processes start the same request at the same moment (a barrier), on a SQLite file
and on PostgreSQL: adding one login, creating one study name, adding script versions. One
wins; the others get the message a person would get ("taken", "exists"), and script
versions get distinct numbers: no "database is locked", no integrity error.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.accounts import Role, add_account
from cati.clock import SimulatedClock
from cati.db import Interviewer, ScriptVersion, Study, create_engine_for
from cati.errors import CatiError
from cati.studies.service import add_script_version, create_study

from .scheduler.factory import SCRIPTS, T0

PROCESSES = 4
SCRIPT = SCRIPTS / "nps_pulse.yaml"


def _at_once(
    work: Callable[[Engine, int], str], url: str, barrier: Any, index: int, results: Any
) -> None:
    engine = create_engine_for(url)
    try:
        barrier.wait(timeout=30)
        try:
            results.put((index, work(engine, index)))
        except CatiError as error:
            results.put((index, f"refused: {error}"))
        except Exception as error:  # the test asserts there is none
            results.put((index, f"FAILED {type(error).__name__}: {error}"))
    finally:
        engine.dispose()


def run_at_once(work: Callable[[Engine, int], str], url: str) -> list[str]:
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    processes = [
        context.Process(target=_at_once, args=(work, url, barrier, index, results))
        for index in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    answers = dict(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    return [answers[index] for index in range(PROCESSES)]


def add_anna(engine: Engine, index: int) -> str:
    login = "Анна" if index % 2 else "анна"  # the same login, whatever the case
    add_account(engine, login, "Анна", Role.INTERVIEWER, "correct-horse", SimulatedClock(T0))
    return "added"


def create_loyalty_study(engine: Engine, index: int) -> str:
    create_study(engine, "Лояльность 2025", SCRIPT, clock=SimulatedClock(T0))
    return "created"


def add_a_version(engine: Engine, index: int) -> str:
    text = SCRIPT.read_text(encoding="utf-8") + f"\n# правка {index}\n"
    return str(add_script_version(engine, "Лояльность 2025", text).version.version)


def test_one_login_added_on_several_workstations_at_once_is_added_once(
    engine: Engine, db_url: str
) -> None:
    answers = run_at_once(add_anna, db_url)

    assert sorted(a.split(":")[0] for a in answers) == ["added"] + ["refused"] * (PROCESSES - 1)
    with Session(engine) as session:
        assert len(session.exec(select(Interviewer)).all()) == 1


def test_one_study_created_on_several_workstations_at_once_is_created_once(
    engine: Engine, db_url: str
) -> None:
    answers = run_at_once(create_loyalty_study, db_url)

    assert sorted(a.split(":")[0] for a in answers) == ["created"] + ["refused"] * (PROCESSES - 1)
    with Session(engine) as session:
        assert len(session.exec(select(Study)).all()) == 1


def test_script_versions_added_at_once_get_distinct_numbers(engine: Engine, db_url: str) -> None:
    create_study(engine, "Лояльность 2025", SCRIPT, clock=SimulatedClock(T0))

    answers = run_at_once(add_a_version, db_url)

    assert sorted(answers) == [str(n) for n in range(2, PROCESSES + 2)]
    with Session(engine) as session:
        versions = sorted(v.version for v in session.exec(select(ScriptVersion)))
    assert versions == list(range(1, PROCESSES + 2))
