"""The claim's queries are index seeks in priority order (SQLite ``EXPLAIN QUERY PLAN``):
no statement of a claim scans the contact list, and the searches walk the partial indexes of
revision 0007 (pending call-backs, due retries, fresh contacts, claimed contacts)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from cati.clock import SimulatedClock
from cati.db import Appointment, AppointmentKind, ContactState, session_scope
from cati.scheduler.queue import Claim, claim_next_contact

from .factory import T0, make_interviewer, make_study

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def _claim_plans(engine: Engine, study_id: int, seats: int) -> tuple[list[str], list[str]]:
    """Claim once per seat; return the claims' reasons and the plan lines of their queries."""
    statements: list[tuple[str, Any]] = []

    def remember(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE")):
            statements.append((statement, params))

    people = [make_interviewer(engine, f"место{n}") for n in range(seats)]
    clock = SimulatedClock(T0)
    reasons = []
    event.listen(engine, "before_cursor_execute", remember)
    try:
        for person in people:
            result = claim_next_contact(engine, study_id, person, clock)
            assert isinstance(result, Claim), result
            reasons.append(result.reason.value)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    lines = []
    with engine.connect() as connection:
        for statement, params in statements:
            for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params):
                lines.append(str(row[3]))
    return reasons, lines


def test_claims_seek_the_partial_indexes_and_never_scan_the_contacts(engine: Engine) -> None:
    study = make_study(engine)
    study.segment("новые", target=50)
    study.segment("ушедшие", target=50)
    study.contacts(30, segment="новые")
    study.contacts(30, segment="ушедшие", timezone="Asia/Vladivostok")
    due = T0 - timedelta(hours=1)
    study.contacts(3, segment="новые", state=ContactState.SCHEDULED, next_call_at=due)
    booked = study.contacts(1, state=ContactState.SCHEDULED, next_call_at=T0)
    with session_scope(engine) as session:
        session.add(
            Appointment(
                contact_id=booked[0],
                kind=AppointmentKind.SOFT,
                starts_at=T0 - timedelta(minutes=5),
                created_at=T0,
            )
        )
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))

    reasons, plans = _claim_plans(engine, study.study_id, seats=6)

    assert reasons == ["appointment", "retry", "retry", "retry", "fresh", "fresh"]
    scans = [line for line in plans if line.startswith("SCAN contact")]
    assert scans == []
    used = " ".join(plans)
    for index in ("ix_contact_fresh_pick", "ix_contact_claimed_lease"):
        assert index in used, index
