"""Many workstations at once: no contact held twice, no quota overshoot, no lease lost.

SQLite: 4 processes on one database file (``BEGIN IMMEDIATE``). PostgreSQL: 32 threads with
their own connections (``FOR UPDATE SKIP LOCKED``). Each worker claims, starts the interview
(the quota check) and records the outcome, until the queue is empty; the clock stands still,
so no lease may expire and every claim must end in a recorded outcome.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import Contact, ContactState, Interview, InterviewStatus, create_engine_for
from cati.interviewing import InterviewSession, QuotaFull
from cati.scheduler.outcomes import record_outcome
from cati.scheduler.queue import Claim, claim_next_contact

from .factory import T0, make_interviewer, make_study

TARGETS = {"new": 7, "regular": 9, "lost": 5}
CONTACTS_PER_SEGMENT = 12


def work(url: str, study_id: int, interviewer_id: int) -> list[tuple[int, str]]:
    """Claim and finish contacts until none is left; (contact id, outcome) per claim."""
    engine = create_engine_for(url)
    clock = SimulatedClock(T0)
    done: list[tuple[int, str]] = []
    try:
        while True:
            claim = claim_next_contact(engine, study_id, interviewer_id, clock)
            if not isinstance(claim, Claim):
                return done
            try:
                session = InterviewSession.open(engine, claim, clock, seed=1)
            except QuotaFull:
                record_outcome(engine, claim, "quota_filled", "", clock)
                done.append((claim.contact_id, "quota_filled"))
                continue
            record_outcome(
                engine,
                claim,
                "complete",
                "",
                clock,
                interview=(session.interview_id, InterviewStatus.COMPLETE),
            )
            done.append((claim.contact_id, "complete"))
    finally:
        engine.dispose()


def prepare(engine: Engine, workers: int) -> tuple[int, list[int]]:
    study = make_study(engine)
    for name, target in TARGETS.items():
        study.segment(name, target=target)
        study.contacts(CONTACTS_PER_SEGMENT, segment=name)
    study.script()
    return study.study_id, [make_interviewer(engine, f"seat{n}") for n in range(workers)]


def check(engine: Engine, results: list[list[tuple[int, str]]]) -> None:
    claims = [contact for worker in results for contact, _ in worker]
    # No contact was claimed twice (each claim ended in a final outcome), so never held by
    # two workstations; every claim's outcome was recorded: no lease was lost.
    assert len(claims) == len(set(claims)) >= sum(TARGETS.values())
    with Session(engine) as session:
        state = {c.id: c.state for c in session.exec(select(Contact))}
    assert all(state[c] is ContactState.FINAL for c in claims)
    assert ContactState.CLAIMED not in state.values()
    with Session(engine) as session:
        completes = Counter(
            contact.segment_id
            for interview, contact in session.exec(
                select(Interview, Contact).where(Interview.contact_id == Contact.id)
            )
            if interview.status is InterviewStatus.COMPLETE
        )
    # Quotas met exactly, never overshot.
    assert sorted(completes.values()) == sorted(TARGETS.values())


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_four_processes_on_sqlite_never_share_a_contact_or_overshoot(
    engine: Engine, db_url: str
) -> None:
    study_id, seats = prepare(engine, 4)
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(work, [(db_url, study_id, seat) for seat in seats])
    check(engine, results)


@pytest.mark.parametrize("db_backend", ["postgres"], indirect=True)
def test_thirty_two_workers_on_postgresql_never_share_a_contact_or_overshoot(
    engine: Engine, db_url: str
) -> None:
    study_id, seats = prepare(engine, 32)
    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(lambda seat: work(db_url, study_id, seat), seats))
    check(engine, results)
