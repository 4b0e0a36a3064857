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
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.clock import SimulatedClock
from cati.db import Contact, ContactState, Interview, InterviewStatus, create_engine_for
from cati.db import queue as db_queue
from cati.interviewing import InterviewSession, QuotaFull
from cati.scheduler.outcomes import record_outcome
from cati.scheduler.queue import Claim, claim_next_contact

from .factory import T0, block_number, make_interviewer, make_study

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


@pytest.mark.parametrize("db_backend", ["postgres"], indirect=True)
def test_a_number_blocked_by_another_workstation_during_a_claim_is_not_handed_out(
    engine: Engine, db_url: str
) -> None:
    """PostgreSQL reads each statement afresh: a do-not-call entry committed by another
    workstation between choosing the held contact and claiming it must not make the claim
    fail; the contact is closed and the next one given."""
    study = make_study(engine)
    (held,) = study.contacts(1, priority=10)
    (other,) = study.contacts(1)
    anna = make_interviewer(engine)
    clock = SimulatedClock(T0)
    assert isinstance(claim_next_contact(engine, study.study_id, anna, clock), Claim)
    closed: list[int] = []
    blocked: list[int] = []

    def open_zones_while_another_seat_blocks(zones: list[str]) -> list[str]:
        if not blocked:  # first call: the held contact's calling hours are being checked
            block_number(engine, held)  # committed by another connection, meanwhile
            blocked.append(held)
        return zones

    got = db_queue.claim_contact(
        engine,
        study.study_id,
        anna,
        clock.now(),
        lease=timedelta(minutes=30),
        appointment_grace=timedelta(minutes=15),
        open_zones=open_zones_while_another_seat_blocks,
        reopens_at=lambda zone: None,
        close_blocked=lambda session, contact_id: closed.append(contact_id),
        token="t",
    )

    assert isinstance(got, db_queue.ClaimedRow) and got.contact_id == other
    assert closed == [held]
