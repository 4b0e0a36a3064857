"""Queries of the call queue: claiming the next contact atomically, leases, the queue's outlook.

One claim is one transaction that no two workstations can win for the same contact:

* SQLite: the transaction starts with ``BEGIN IMMEDIATE`` (``session_scope(engine,
  immediate=True)``), so it holds the database's write lock from its first read; a second
  workstation waits (busy timeout) and then sees the contact already claimed.
* PostgreSQL: each candidate is read with ``SELECT ... FOR UPDATE SKIP LOCKED``: a row another
  workstation is claiming is skipped, not waited for, and the final ``UPDATE`` also checks the
  state it read (belt and braces).

The candidate queries never scan the contact list: every one walks a partial index of one
queue state in priority order and stops at the first eligible row (revision 0007:
``ix_contact_due_retry`` for due retries, ``ix_contact_fresh_pick`` for fresh contacts, one
probe per open time zone and segment, ``ix_appointment_pending_due`` and
``ix_appointment_pending_contact`` for call-backs, ``ix_contact_claimed_lease`` and
``ix_contact_claimed_seat`` for leases). The state is written into the SQL as a literal
(:func:`_is`), which is what lets both planners choose a partial index. The chosen row comes
back with what the claim reports (time zone, segment), so taking it is one ``UPDATE``.
The study's distinct time zones come from a loose index scan of ``ix_contact_study_id_timezone``
(a recursive query that jumps from one zone to the next), so deciding "which zones are inside
calling hours now" costs a few index lookups whatever the size of the list.

The policy (which zones are open, the lease length, the grace period of appointments) is the
caller's: this module receives it as plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    Table,
    and_,
    case,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.orm import Session

from cati.db.engine import session_scope
from cati.db.models import (
    AppointmentKind,
    AppointmentStatus,
    ContactState,
    InterviewStatus,
    PhoneStatus,
    StudyStatus,
    metadata,
)

__all__ = [
    "ClaimedRow",
    "LeaseLost",
    "QueueOutlook",
    "SegmentFill",
    "callable_phone",
    "check_lease",
    "claim_contact",
    "find_study",
    "release_lease",
    "release_values",
    "renew_lease",
    "segment_fill",
    "study_settings_and_status",
    "study_timezones",
    "sweep_expired_leases",
]

CONTACT = metadata.tables["contact"]
PHONE = metadata.tables["contact_phone"]
DNC = metadata.tables["do_not_call"]
APPOINTMENT = metadata.tables["appointment"]
INTERVIEW = metadata.tables["interview"]
SEGMENT = metadata.tables["segment"]
STUDY = metadata.tables["study"]

#: Leases one interviewer may be found holding (normally one; a few after odd crashes).
_HELD_LIMIT = 20
#: Candidates tried in one claim when the chosen one lost its last callable number meanwhile.
_CANDIDATE_ROUNDS = 5

#: Study states in which interviewers get contacts (a draft can be rehearsed by robots).
CLAIMABLE_STUDY_STATES = (StudyStatus.DRAFT, StudyStatus.ACTIVE)


class LeaseLost(Exception):
    """The claim's lease is no longer held (it expired and went back to the pool).

    Raised by the database layer; services turn it into a message for a person.
    """


@dataclass(frozen=True)
class SegmentFill:
    """A segment's quota and how much of it completes and running interviews take."""

    segment_id: int | None
    target: int  # 0: no quota
    complete: int
    in_progress: int
    claimed: int  # contacts held right now (their calls may become interviews)

    @property
    def full(self) -> bool:
        return self.target > 0 and self.complete + self.in_progress >= self.target

    @property
    def share_done(self) -> float:
        """How far the segment is towards its quota, counting held contacts too."""
        if self.target <= 0:
            return float("inf")  # no quota: after every segment that has one
        return (self.complete + self.in_progress + self.claimed) / self.target


@dataclass(frozen=True)
class ClaimedRow:
    """What a successful claim wrote, as plain values."""

    contact_id: int
    phone_id: int
    phone_e164: str
    extension: str | None
    reason: str  # "held", "appointment", "retry", "fresh"
    appointment_id: int | None
    token: str
    expires_at: datetime
    timezone: str
    segment_id: int | None


@dataclass(frozen=True)
class QueueOutlook:
    """Why nothing could be claimed, as facts the service turns into a reason."""

    study_open: bool
    due_anywhere: bool  # something is due now in a segment with room, ignoring calling hours
    due_in_open_zones: bool  # ... and inside calling hours (then it is held or reserved)
    remaining_with_room: bool  # fresh or scheduled contacts in segments with room
    remaining_in_full_segments: bool
    earliest_due: datetime | None  # the next retry or call-back in a segment with room
    earliest_lease_end: datetime | None  # when a contact held by someone may come back


@dataclass(frozen=True)
class _Candidate:
    """A contact a claim query chose (and, on PostgreSQL, locked), with what the claim
    returns about it, so taking it needs no second read of the row."""

    contact_id: int
    reason: str  # "held", "appointment", "retry", "fresh"
    state: ContactState  # the state it was chosen in: the claim's UPDATE checks it
    timezone: str
    segment_id: int | None
    appointment_id: int | None = None

    @classmethod
    def of(
        cls, row: Any, reason: str, state: ContactState, appointment_id: int | None = None
    ) -> _Candidate:
        return cls(int(row.id), reason, state, str(row.timezone), row.segment_id, appointment_id)


# ---- small pieces of SQL --------------------------------------------------------------------


def _is(column: ColumnElement[Any], value: StrEnum) -> ColumnElement[bool]:
    """``column = 'value'`` with the value written into the SQL, not bound: the partial
    indexes of the queue (revision 0007) are chosen only when the query names their state
    literally (a bound parameter could be any state, and PostgreSQL's generic plans are made
    without its value)."""
    return column == literal_column(f"'{value.value}'")


def _callable_phone_exists() -> ColumnElement[bool]:
    """The contact has a number in working order that is not on the do-not-call list."""
    return exists(
        select(literal(1))
        .select_from(PHONE)
        .where(
            PHONE.c.contact_id == CONTACT.c.id,
            PHONE.c.status == PhoneStatus.OK.value,
            ~exists(select(literal(1)).select_from(DNC).where(DNC.c.e164 == PHONE.c.e164)),
        )
    )


def _segment_has_room(full: Sequence[int]) -> ColumnElement[bool]:
    """The contact's segment is below its quota, or the contact's own interview in progress
    already holds a place in it (an interrupted interview is resumed whatever the quota)."""
    if not full:
        return true()
    return or_(
        CONTACT.c.segment_id.is_(None),
        CONTACT.c.segment_id.not_in(list(full)),
        exists(
            select(literal(1))
            .select_from(INTERVIEW)
            .where(
                INTERVIEW.c.contact_id == CONTACT.c.id,
                INTERVIEW.c.status == InterviewStatus.IN_PROGRESS.value,
            )
        ),
    )


def _pending_appointment_exists() -> ColumnElement[bool]:
    return exists(
        select(literal(1))
        .select_from(APPOINTMENT)
        .where(
            APPOINTMENT.c.contact_id == CONTACT.c.id,
            _is(APPOINTMENT.c.status, AppointmentStatus.PENDING),
        )
    )


def _locked(query: Select[Any], *, of: Table | None = None) -> Select[Any]:
    """``FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite's compiler leaves it out: the whole
    database is already locked by ``BEGIN IMMEDIATE``)."""
    return query.with_for_update(skip_locked=True, of=of if of is not None else CONTACT)


# ---- reading the study ----------------------------------------------------------------------


def study_settings_and_status(session: Session, study_id: int) -> tuple[dict[str, Any], str] | None:
    row = session.execute(
        select(STUDY.c.settings, STUDY.c.status).where(STUDY.c.id == study_id)
    ).first()
    if row is None:
        return None
    return dict(row.settings or {}), str(row.status)


def study_timezones(session: Session, study_id: int) -> list[str]:
    """The distinct time zones of a study's contacts (a loose index scan, not a table scan)."""
    rows = session.execute(
        text(
            "WITH RECURSIVE zones(tz) AS ("
            " SELECT MIN(timezone) FROM contact WHERE study_id = :study"
            " UNION ALL"
            " SELECT (SELECT MIN(timezone) FROM contact"
            "         WHERE study_id = :study AND timezone > zones.tz)"
            " FROM zones WHERE zones.tz IS NOT NULL"
            ") SELECT tz FROM zones WHERE tz IS NOT NULL"
        ),
        {"study": study_id},
    )
    return [str(tz) for (tz,) in rows]


def segment_fill(session: Session, study_id: int) -> list[SegmentFill]:
    """Every segment of the study (and ``None`` for unsegmented contacts) with its counts."""
    targets: dict[int | None, int] = {None: 0}
    for segment_id, target in session.execute(
        select(SEGMENT.c.id, SEGMENT.c.target_completes).where(SEGMENT.c.study_id == study_id)
    ):
        targets[segment_id] = int(target or 0)
    interviews: dict[tuple[int | None, str], int] = {}
    for segment_id, status, count in session.execute(
        select(CONTACT.c.segment_id, INTERVIEW.c.status, func.count())
        .select_from(INTERVIEW.join(CONTACT, CONTACT.c.id == INTERVIEW.c.contact_id))
        .where(
            INTERVIEW.c.study_id == study_id,
            INTERVIEW.c.status.in_(
                [InterviewStatus.COMPLETE.value, InterviewStatus.IN_PROGRESS.value]
            ),
        )
        .group_by(CONTACT.c.segment_id, INTERVIEW.c.status)
    ):
        interviews[(segment_id, str(status))] = int(count)
    claimed: dict[int | None, int] = {
        segment_id: int(count)
        for segment_id, count in session.execute(
            select(CONTACT.c.segment_id, func.count())
            .where(
                CONTACT.c.study_id == study_id,
                _is(CONTACT.c.state, ContactState.CLAIMED),
            )
            .group_by(CONTACT.c.segment_id)
        )
    }
    return [
        SegmentFill(
            segment_id=segment_id,
            target=target,
            complete=interviews.get((segment_id, InterviewStatus.COMPLETE.value), 0),
            in_progress=interviews.get((segment_id, InterviewStatus.IN_PROGRESS.value), 0),
            claimed=claimed.get(segment_id, 0),
        )
        for segment_id, target in targets.items()
    ]


def callable_phone(session: Session, contact_id: int) -> tuple[int, str, str | None] | None:
    """The contact's first number in working order not on the do-not-call list."""
    row = session.execute(
        select(PHONE.c.id, PHONE.c.e164, PHONE.c.extension)
        .where(
            PHONE.c.contact_id == contact_id,
            PHONE.c.status == PhoneStatus.OK.value,
            ~exists(select(literal(1)).select_from(DNC).where(DNC.c.e164 == PHONE.c.e164)),
        )
        .order_by(PHONE.c.position, PHONE.c.id)
        .limit(1)
    ).first()
    return None if row is None else (int(row.id), str(row.e164), row.extension)


# ---- leases ---------------------------------------------------------------------------------


def sweep_expired_leases(session: Session, study_id: int, now: datetime) -> int:
    """Return the contacts of crashed workstations (lease ended) to the pool.

    A contact that was called before, or whose interview was started, comes back as a due
    retry (its interview will be resumed); one never called comes back fresh.
    """
    expired = [
        contact_id
        for (contact_id,) in session.execute(
            _locked(
                select(CONTACT.c.id).where(
                    CONTACT.c.study_id == study_id,
                    _is(CONTACT.c.state, ContactState.CLAIMED),
                    CONTACT.c.claim_expires_at <= now,
                )
            )
        )
    ]
    if not expired:
        return 0
    interviewed = exists(
        select(literal(1)).select_from(INTERVIEW).where(INTERVIEW.c.contact_id == CONTACT.c.id)
    )
    session.execute(
        update(CONTACT)
        .where(CONTACT.c.id.in_(expired), _is(CONTACT.c.state, ContactState.CLAIMED))
        .values(
            state=case(
                (or_(CONTACT.c.attempt_count > 0, interviewed), ContactState.SCHEDULED.value),
                else_=ContactState.FRESH.value,
            ),
            next_call_at=func.coalesce(CONTACT.c.next_call_at, CONTACT.c.claim_expires_at),
            claimed_by=None,
            claim_token=None,
            claim_expires_at=None,
            version=CONTACT.c.version + 1,
            updated_at=now,
        )
    )
    return len(expired)


def _holder_condition(contact_id: int, token: str) -> ColumnElement[bool]:
    return and_(
        CONTACT.c.id == contact_id,
        _is(CONTACT.c.state, ContactState.CLAIMED),
        CONTACT.c.claim_token == token,
    )


def check_lease(session: Session, contact_id: int, token: str) -> None:
    """Raise :class:`LeaseLost` unless ``token`` still holds the contact (row locked on
    PostgreSQL until the transaction ends, so the holder's writes are not raced)."""
    held = session.execute(
        select(CONTACT.c.id).where(_holder_condition(contact_id, token)).with_for_update()
    ).first()
    if held is None:
        raise LeaseLost(f"contact {contact_id}")


def renew_lease(engine: Engine, contact_id: int, token: str, expires_at: datetime) -> None:
    with session_scope(engine, immediate=True) as session:
        result = session.execute(
            update(CONTACT)
            .where(_holder_condition(contact_id, token))
            .values(claim_expires_at=expires_at, version=CONTACT.c.version + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise LeaseLost(f"contact {contact_id}")


def release_values(now: datetime) -> dict[str, Any]:
    """The columns that end a lease (with the state set by the caller)."""
    return {
        "claimed_by": None,
        "claim_token": None,
        "claim_expires_at": None,
        "version": CONTACT.c.version + 1,
        "updated_at": now,
    }


def release_lease(engine: Engine, contact_id: int, token: str, now: datetime) -> str:
    """Give a claimed contact back untouched (no call was made); returns its new state.

    One immediate transaction: the lease is checked and ended with no other workstation's
    write in between (on SQLite a deferred read-then-write fails with "database is locked"
    as soon as another workstation committed meanwhile)."""
    with session_scope(engine, immediate=True) as session:
        check_lease(session, contact_id, token)
        return _return_to_pool(session, contact_id, now)


def _return_to_pool(
    session: Session, contact_id: int, now: datetime, not_before: datetime | None = None
) -> str:
    """End the lease of a claimed contact: due again (a retry if it was ever called, else
    fresh) at its planned time, but not before ``not_before``. Returns the new state."""
    interviewed = exists(
        select(literal(1)).select_from(INTERVIEW).where(INTERVIEW.c.contact_id == contact_id)
    )
    row = session.execute(
        select(
            or_(CONTACT.c.attempt_count > 0, interviewed).label("was_called"),
            CONTACT.c.next_call_at,
        ).where(CONTACT.c.id == contact_id)
    ).one()
    state = ContactState.SCHEDULED if row.was_called else ContactState.FRESH
    due = row.next_call_at or now
    if not_before is not None and due < not_before:
        due = not_before
    session.execute(
        update(CONTACT)
        .where(CONTACT.c.id == contact_id)
        .values(state=state.value, next_call_at=due, **release_values(now))
    )
    return state.value


# ---- the claim ------------------------------------------------------------------------------


def claim_contact(
    engine: Engine,
    study_id: int,
    interviewer_id: int,
    now: datetime,
    *,
    lease: timedelta,
    appointment_grace: timedelta,
    open_zones: Callable[[list[str]], list[str]],
    reopens_at: Callable[[str], datetime | None],
    close_blocked: Callable[[Session, int], object],
    token: str,
) -> ClaimedRow | QueueOutlook:
    """Claim the best contact for ``interviewer_id`` or say why there is none.

    ``open_zones`` receives the study's time zones and returns those inside calling hours
    now; ``reopens_at`` gives when calling hours next open in a zone. Order: the
    interviewer's own live lease (after a crash of the seat), due call-backs, due retries,
    fresh contacts from the segments furthest from their quota.

    The interviewer's own lease obeys the rules every other contact does: outside its
    calling hours the contact goes back to the queue, due when they open again; when its
    every number went on the do-not-call list meanwhile, ``close_blocked(session,
    contact_id)`` closes its case in this transaction (a number out of order: it goes back
    to the queue, which will not offer it). Then the next contact is claimed as usual.
    """
    with session_scope(engine, immediate=True) as session:
        study = study_settings_and_status(session, study_id)
        if study is None or study[1] not in CLAIMABLE_STUDY_STATES:
            return QueueOutlook(False, False, False, False, False, None, None)
        sweep_expired_leases(session, study_id, now)
        expires = now + lease

        # A contact whose last number went on the do-not-call list between the query that
        # chose it and the claim (PostgreSQL reads each statement afresh) is not taken; the
        # next round no longer chooses it.
        for _ in range(_HELD_LIMIT):
            held = _resumable_lease(
                session, study_id, interviewer_id, now, open_zones, reopens_at, close_blocked
            )
            if held is None:
                break
            taken = _take(session, held, interviewer_id, token, expires, now)
            if taken is not None:
                return taken

        fill = segment_fill(session, study_id)
        full = [f.segment_id for f in fill if f.full and f.segment_id is not None]
        zones = open_zones(study_timezones(session, study_id))
        for _ in range(_CANDIDATE_ROUNDS if zones else 0):
            candidate = _best_candidate(
                session, study_id, interviewer_id, now, appointment_grace, zones, fill, full
            )
            if candidate is None:
                break
            taken = _take(session, candidate, interviewer_id, token, expires, now)
            if taken is not None:
                return taken
        return _outlook(session, study_id, now, full, zones)


def _best_candidate(
    session: Session,
    study_id: int,
    interviewer_id: int,
    now: datetime,
    appointment_grace: timedelta,
    zones: list[str],
    fill: list[SegmentFill],
    full: list[int],
) -> _Candidate | None:
    """The contact to claim now, in queue order."""
    return (
        _due_appointment(session, study_id, interviewer_id, now, appointment_grace, zones, full)
        or _due_retry(session, study_id, now, zones, full)
        or _fresh(session, study_id, zones, fill)
    )


def _resumable_lease(
    session: Session,
    study_id: int,
    interviewer_id: int,
    now: datetime,
    open_zones: Callable[[list[str]], list[str]],
    reopens_at: Callable[[str], datetime | None],
    close_blocked: Callable[[Session, int], object],
) -> _Candidate | None:
    """The contact the interviewer still holds (their seat crashed) if it may be called now;
    a held contact that may not is given back or closed (see :func:`claim_contact`)."""
    for held in _held_by(session, study_id, interviewer_id, now):
        contact_id, timezone = held.contact_id, held.timezone
        if callable_phone(session, contact_id) is None:
            if _has_blocked_number(session, contact_id):
                close_blocked(session, contact_id)
            else:
                _return_to_pool(session, contact_id, now)
        elif not open_zones([timezone]):
            _return_to_pool(session, contact_id, now, not_before=reopens_at(timezone))
        else:
            return held
    return None


def _held_by(
    session: Session, study_id: int, interviewer_id: int, now: datetime
) -> list[_Candidate]:
    rows = session.execute(
        select(CONTACT.c.id, CONTACT.c.timezone, CONTACT.c.segment_id)
        .where(
            CONTACT.c.study_id == study_id,
            _is(CONTACT.c.state, ContactState.CLAIMED),
            CONTACT.c.claimed_by == interviewer_id,
            CONTACT.c.claim_expires_at > now,
        )
        .limit(_HELD_LIMIT)  # no ORDER BY: it would make the planner walk the table in id order
        .with_for_update()
    )
    return [_Candidate.of(row, "held", ContactState.CLAIMED) for row in rows]


def _has_blocked_number(session: Session, contact_id: int) -> bool:
    return (
        session.execute(
            select(literal(1))
            .select_from(PHONE.join(DNC, DNC.c.e164 == PHONE.c.e164))
            .where(PHONE.c.contact_id == contact_id)
            .limit(1)
        ).first()
        is not None
    )


def _due_appointment(
    session: Session,
    study_id: int,
    interviewer_id: int,
    now: datetime,
    grace: timedelta,
    zones: list[str],
    full: list[int],
) -> _Candidate | None:
    mine = APPOINTMENT.c.owner_id == interviewer_id
    query = (
        select(
            CONTACT.c.id,
            CONTACT.c.timezone,
            CONTACT.c.segment_id,
            APPOINTMENT.c.id.label("appointment_id"),
        )
        .select_from(APPOINTMENT.join(CONTACT, CONTACT.c.id == APPOINTMENT.c.contact_id))
        .where(
            CONTACT.c.study_id == study_id,
            _is(CONTACT.c.state, ContactState.SCHEDULED),
            _is(APPOINTMENT.c.status, AppointmentStatus.PENDING),
            APPOINTMENT.c.starts_at <= now,
            or_(
                mine,
                APPOINTMENT.c.owner_id.is_(None),
                APPOINTMENT.c.kind == AppointmentKind.SOFT.value,
                APPOINTMENT.c.starts_at <= now - grace,
            ),
            CONTACT.c.timezone.in_(zones),
            _segment_has_room(full),
            _callable_phone_exists(),
        )
        .order_by(
            case((mine, 0), else_=1),
            case((APPOINTMENT.c.kind == AppointmentKind.HARD.value, 0), else_=1),
            APPOINTMENT.c.starts_at,
            APPOINTMENT.c.id,
        )
        .limit(1)
    )
    row = session.execute(_locked(query, of=CONTACT)).first()
    if row is None:
        return None
    return _Candidate.of(row, "appointment", ContactState.SCHEDULED, int(row.appointment_id))


def _due_retry(
    session: Session, study_id: int, now: datetime, zones: list[str], full: list[int]
) -> _Candidate | None:
    query = (
        select(CONTACT.c.id, CONTACT.c.timezone, CONTACT.c.segment_id)
        .where(
            CONTACT.c.study_id == study_id,
            _is(CONTACT.c.state, ContactState.SCHEDULED),
            CONTACT.c.next_call_at <= now,
            CONTACT.c.timezone.in_(zones),
            _segment_has_room(full),
            ~_pending_appointment_exists(),
            _callable_phone_exists(),
        )
        # next_call_at alone: the order of ix_contact_due_retry, so the scan stops at the first
        # match (adding id would make PostgreSQL sort every due contact).
        .order_by(CONTACT.c.next_call_at)
        .limit(1)
    )
    row = session.execute(_locked(query)).first()
    return None if row is None else _Candidate.of(row, "retry", ContactState.SCHEDULED)


def _fresh(
    session: Session, study_id: int, zones: list[str], fill: list[SegmentFill]
) -> _Candidate | None:
    """The best fresh contact of the segment furthest from its quota that has one.

    One probe per open zone (an index seek each); on PostgreSQL each probe locks the row it
    found, so the probes of other workstations skip it; the locks of the rows not taken end
    with the transaction a moment later.
    """
    order = sorted((f for f in fill if not f.full), key=lambda f: (f.share_done, f.segment_id or 0))
    for segment in order:
        in_segment = (
            CONTACT.c.segment_id.is_(None)
            if segment.segment_id is None
            else CONTACT.c.segment_id == segment.segment_id
        )
        best: tuple[tuple[int, int], _Candidate] | None = None
        for zone in zones:
            query = (
                select(CONTACT.c.id, CONTACT.c.priority, CONTACT.c.timezone, CONTACT.c.segment_id)
                .where(
                    CONTACT.c.study_id == study_id,
                    _is(CONTACT.c.state, ContactState.FRESH),
                    in_segment,
                    CONTACT.c.timezone == zone,
                    _callable_phone_exists(),
                )
                .order_by(CONTACT.c.priority.desc(), CONTACT.c.id.desc())
                .limit(1)
            )
            row = session.execute(_locked(query)).first()
            if row is None:
                continue
            rank = (int(row.priority), -int(row.id))
            if best is None or rank > best[0]:
                best = (rank, _Candidate.of(row, "fresh", ContactState.FRESH))
        if best is not None:
            return best[1]
    return None


def _take(
    session: Session,
    candidate: _Candidate,
    interviewer_id: int,
    token: str,
    expires: datetime,
    now: datetime,
) -> ClaimedRow | None:
    """Claim the chosen contact; None when it has no callable number any more."""
    contact_id = candidate.contact_id
    phone = callable_phone(session, contact_id)
    if phone is None:  # its last number went on the do-not-call list just now
        return None
    result = session.execute(
        update(CONTACT)
        .where(CONTACT.c.id == contact_id, CONTACT.c.state == candidate.state.value)
        .values(
            state=ContactState.CLAIMED.value,
            claimed_by=interviewer_id,
            claim_token=token,
            claim_expires_at=expires,
            version=CONTACT.c.version + 1,
            updated_at=now,
        )
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise RuntimeError(f"contact {contact_id} changed while it was being claimed")
    return ClaimedRow(
        contact_id=contact_id,
        phone_id=phone[0],
        phone_e164=phone[1],
        extension=phone[2],
        reason=candidate.reason,
        appointment_id=candidate.appointment_id,
        token=token,
        expires_at=expires,
        timezone=candidate.timezone,
        segment_id=candidate.segment_id,
    )


def _outlook(
    session: Session, study_id: int, now: datetime, full: list[int], zones: list[str]
) -> QueueOutlook:
    room = _segment_has_room(full)
    in_study = CONTACT.c.study_id == study_id

    def any_row(*conditions: ColumnElement[bool]) -> bool:
        return (
            session.execute(select(CONTACT.c.id).where(in_study, *conditions).limit(1)).first()
            is not None
        )

    phone_ok = _callable_phone_exists()
    fresh = _is(CONTACT.c.state, ContactState.FRESH)
    scheduled = _is(CONTACT.c.state, ContactState.SCHEDULED)
    due_now = or_(fresh, and_(scheduled, CONTACT.c.next_call_at <= now))
    due = any_row(room, phone_ok, due_now)
    due_open = (
        bool(zones) and due and any_row(room, phone_ok, due_now, CONTACT.c.timezone.in_(zones))
    )
    remaining = any_row(room, phone_ok, or_(fresh, scheduled))
    in_full = bool(full) and any_row(
        CONTACT.c.segment_id.in_(full), or_(fresh, scheduled), phone_ok
    )
    earliest_due = session.execute(
        select(func.min(CONTACT.c.next_call_at)).where(in_study, scheduled, room, phone_ok)
    ).scalar_one_or_none()
    lease_end = session.execute(
        select(func.min(CONTACT.c.claim_expires_at)).where(
            in_study, _is(CONTACT.c.state, ContactState.CLAIMED)
        )
    ).scalar_one_or_none()
    return QueueOutlook(True, due, due_open, remaining, in_full, earliest_due, lease_end)


def find_study(engine: Engine, key: str) -> tuple[int, str] | None:
    """A study by its name, or by its id written as a number: (id, name)."""
    with session_scope(engine) as session:
        row = session.execute(select(STUDY.c.id, STUDY.c.name).where(STUDY.c.name == key)).first()
        if row is None and key.isdigit():
            row = session.execute(
                select(STUDY.c.id, STUDY.c.name).where(STUDY.c.id == int(key))
            ).first()
        return None if row is None else (int(row.id), str(row.name))
