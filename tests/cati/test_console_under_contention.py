"""Requests people make at the console survive busy workstations: none is lost, none fails.

Six OS processes work one database at once (a real SQLite file, then the PostgreSQL server),
as six busy workstations do. Each test counts what every process asked for and checks that
the database holds all of it and that no request failed:

* a wrap-up with "never call this person again" puts every number of the contact on the
  do-not-call list, with the refusal, whatever the others are writing;
* giving a contact back (skipped before dialling) succeeds while others claim and give back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.accounts import Actor, Role
from cati.clock import SimulatedClock
from cati.console_service import ClaimedContact, WrapUp, give_back, next_contact, record_wrap_up
from cati.db import Attempt, Contact, ContactPhone, ContactState, DoNotCall, create_engine_for

from .scheduler.factory import T0, make_interviewer, make_study

WORKERS = 6
WRAP_UPS_PER_WORKER = 15
GIVE_BACKS_PER_WORKER = 20


def _actor(interviewer_id: int) -> Actor:
    return Actor(interviewer_id, f"seat{interviewer_id}", "Оператор", Role.INTERVIEWER)


def refuse_and_block(url: str, study_id: int, interviewer_id: int) -> dict[str, Any]:
    """Wrap up contacts as hard refusals asking never to be called again, until none is left."""
    engine = create_engine_for(url)
    clock = SimulatedClock(T0)
    actor = _actor(interviewer_id)
    wrapped: list[int] = []
    failures: list[str] = []
    try:
        while True:
            got = next_contact(engine, actor, study_id, clock, "ru")
            if not isinstance(got, ClaimedContact):
                return {"wrapped": wrapped, "failures": failures}
            wrap_up = WrapUp("refusal_hard", "просил больше не звонить", do_not_call=True)
            try:
                record_wrap_up(engine, actor, got.claim, clock, wrap_up)
            except Exception as error:  # counted: the test asserts there is none
                failures.append(f"{type(error).__name__}: {error}")
                if len(failures) > 20:
                    return {"wrapped": wrapped, "failures": failures}
                continue
            wrapped.append(got.claim.contact_id)
    finally:
        engine.dispose()


def claim_and_give_back(url: str, study_id: int, interviewer_id: int) -> dict[str, Any]:
    """Claim a contact and give it back, again and again."""
    engine = create_engine_for(url)
    clock = SimulatedClock(T0)
    actor = _actor(interviewer_id)
    given_back = 0
    failures: list[str] = []
    try:
        for _ in range(GIVE_BACKS_PER_WORKER):
            got = next_contact(engine, actor, study_id, clock, "ru")
            assert isinstance(got, ClaimedContact), got
            try:
                give_back(engine, actor, got.claim, clock)
            except Exception as error:  # counted: the test asserts there is none
                failures.append(f"{type(error).__name__}: {error}")
                continue
            given_back += 1
        return {"given_back": given_back, "failures": failures}
    finally:
        engine.dispose()


def run_processes(
    work: Callable[[str, int, int], dict[str, Any]], url: str, study_id: int, seats: list[int]
) -> list[dict[str, Any]]:
    context = multiprocessing.get_context("fork")
    with context.Pool(len(seats)) as pool:
        return pool.starmap(work, [(url, study_id, seat) for seat in seats], chunksize=1)


def test_every_do_not_call_request_of_busy_workstations_is_on_the_list(
    engine: Engine, db_url: str
) -> None:
    study = make_study(engine)
    contacts = study.contacts(WORKERS * WRAP_UPS_PER_WORKER, phones=2)
    seats = [make_interviewer(engine, f"seat{n}") for n in range(WORKERS)]

    results = run_processes(refuse_and_block, db_url, study.study_id, seats)

    failures = [f for result in results for f in result["failures"]]
    assert failures == [], f"{len(failures)} wrap-ups failed, e.g. {failures[:3]}"
    wrapped = [contact for result in results for contact in result["wrapped"]]
    assert sorted(wrapped) == sorted(contacts)
    with Session(engine) as session:
        all_numbers = list(session.exec(select(ContactPhone.e164)))
        listed = set(session.exec(select(DoNotCall.e164)))
        refused = set(session.exec(select(Attempt.contact_id)))
        states = set(session.exec(select(Contact.state)))
    assert len(all_numbers) == 2 * len(contacts)
    assert refused == set(contacts)
    missing = [n for n in all_numbers if n not in listed]
    assert missing == [], f"{len(missing)} of {len(all_numbers)} numbers are not on the list"
    assert states == {ContactState.FINAL}


def test_every_give_back_of_busy_workstations_succeeds(engine: Engine, db_url: str) -> None:
    study = make_study(engine)
    study.contacts(WORKERS * 3)
    seats = [make_interviewer(engine, f"seat{n}") for n in range(WORKERS)]

    results = run_processes(claim_and_give_back, db_url, study.study_id, seats)

    failures = [f for result in results for f in result["failures"]]
    assert failures == [], f"{len(failures)} give-backs failed, e.g. {failures[:3]}"
    assert sum(result["given_back"] for result in results) == WORKERS * GIVE_BACKS_PER_WORKER
    with Session(engine) as session:
        states = set(session.exec(select(Contact.state)))
    assert states == {ContactState.FRESH}
