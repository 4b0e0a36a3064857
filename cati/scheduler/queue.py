"""The call queue: which contact an interviewer gets next, as a lease that expires.

``claim_next_contact`` is one atomic operation (see :mod:`cati.db.queue` for how SQLite and
PostgreSQL make it so). The order of mature CATI systems:

1. the interviewer's own live claim, handed back after a crash of their workstation - if it
   may be called now: outside its calling hours it goes back to the queue (due when they
   open), and when its every number went on the do-not-call list meanwhile its case is
   closed; either way the interviewer gets the next contact instead;
2. due call-backs: hard appointments go to their owner first and to anyone once the grace
   period has passed; soft (window) and open appointments to anyone;
3. due retries, the longest overdue first;
4. fresh contacts from the segment furthest from its quota (completes, interviews in progress
   and contacts held right now all count, so parallel interviewers do not overshoot; a full
   segment gives none).

Never a contact outside its local calling hours, never one whose every number is on the
do-not-call list or out of order, never a final one. A claim is a lease (30 minutes by
default): :func:`renew_lease` keeps it while the interview goes on; a crashed workstation's
contact returns to the pool when the lease ends.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from cati.clock import Clock
from cati.db import Engine
from cati.db import queue as db
from cati.errors import CatiError, NotFoundError
from cati.scheduler.closing import close_blocked_contact
from cati.scheduler.hours import is_callable_at, next_opening, open_zones
from cati.scheduler.settings import FieldworkSettings, fieldwork_settings

__all__ = [
    "Claim",
    "ClaimReason",
    "LeaseLostError",
    "NoContact",
    "NoContactReason",
    "claim_next_contact",
    "release_claim",
    "renew_lease",
]


class LeaseLostError(CatiError):
    """The workstation no longer holds the contact: its lease ended and the contact went
    back to the pool (or to another interviewer). Nothing was written."""


class ClaimReason(StrEnum):
    HELD = "held"  # the interviewer's own claim, handed back after a crash
    APPOINTMENT = "appointment"
    RETRY = "retry"
    FRESH = "fresh"


class NoContactReason(StrEnum):
    STUDY_NOT_OPEN = "study_not_open"  # paused or closed
    OUTSIDE_CALLING_HOURS = "outside_calling_hours"  # contacts are due, but not now there
    NOTHING_DUE = "nothing_due"  # the next call-backs and retries are later
    QUOTAS_FULL = "quotas_full"  # the contacts left are in segments whose quota is met
    NOTHING_LEFT = "nothing_left"  # every contact is final (or held by someone)


_MESSAGES = {
    NoContactReason.STUDY_NOT_OPEN: "The study is paused or closed: no calls are made.",
    NoContactReason.OUTSIDE_CALLING_HOURS: "Contacts are waiting, but it is outside calling "
    "hours (or a day off) where they are.",
    NoContactReason.NOTHING_DUE: "Nobody is due now; the next call-back or retry is later.",
    NoContactReason.QUOTAS_FULL: "Every segment with contacts left has reached its quota.",
    NoContactReason.NOTHING_LEFT: "Every contact of the study has a final outcome.",
}


@dataclass(frozen=True)
class Claim:
    """A contact held by one interviewer until ``expires_at`` (or until the outcome)."""

    study_id: int
    contact_id: int
    interviewer_id: int
    phone_id: int
    phone_e164: str = field(repr=False)  # phones never in logs
    extension: str | None = field(repr=False)
    token: str
    expires_at: datetime
    reason: ClaimReason
    appointment_id: int | None
    timezone: str
    segment_id: int | None


@dataclass(frozen=True)
class NoContact:
    """Why no contact was given, and when to ask again (None: nothing will come)."""

    reason: NoContactReason
    next_at: datetime | None = None

    @property
    def message(self) -> str:
        return _MESSAGES[self.reason]


def claim_next_contact(
    engine: Engine, study_id: int, interviewer_id: int, clock: Clock
) -> Claim | NoContact:
    """Claim the next contact of ``study_id`` for ``interviewer_id`` (see the module doc)."""
    now = clock.now()
    settings = _settings(engine, study_id)
    zones_seen: list[str] = []

    def open_now(zones: list[str]) -> list[str]:
        zones_seen.extend(zones)
        return open_zones(settings, zones, now)

    result = db.claim_contact(
        engine,
        study_id,
        interviewer_id,
        now,
        lease=settings.lease,
        appointment_grace=settings.appointment_grace,
        open_zones=open_now,
        reopens_at=lambda zone: next_opening(settings, zone, now),
        close_blocked=lambda session, contact_id: close_blocked_contact(
            session, settings, contact_id, now
        ),
        token=uuid.uuid4().hex,
    )
    if isinstance(result, db.ClaimedRow):
        return Claim(
            study_id=study_id,
            contact_id=result.contact_id,
            interviewer_id=interviewer_id,
            phone_id=result.phone_id,
            phone_e164=result.phone_e164,
            extension=result.extension,
            token=result.token,
            expires_at=result.expires_at,
            reason=ClaimReason(result.reason),
            appointment_id=result.appointment_id,
            timezone=result.timezone,
            segment_id=result.segment_id,
        )
    return _why_not(result, settings, zones_seen, now)


def _why_not(
    outlook: db.QueueOutlook, settings: FieldworkSettings, zones: list[str], now: datetime
) -> NoContact:
    if not outlook.study_open:
        return NoContact(NoContactReason.STUDY_NOT_OPEN)
    closed = [z for z in zones if not is_callable_at(settings, z, now)]
    openings = [t for t in (next_opening(settings, z, now) for z in closed) if t is not None]
    if outlook.due_anywhere:
        if not outlook.due_in_open_zones:
            return NoContact(
                NoContactReason.OUTSIDE_CALLING_HOURS, min(openings) if openings else None
            )
        # Open zones exist but their due contacts are held or reserved for their owners.
        return NoContact(NoContactReason.NOTHING_DUE, _later(outlook.earliest_lease_end, now))
    if outlook.remaining_with_room:
        candidates = [t for t in (outlook.earliest_due, outlook.earliest_lease_end) if t]
        next_at = min(candidates) if candidates else None
        return NoContact(NoContactReason.NOTHING_DUE, next_at)
    if outlook.remaining_in_full_segments:
        return NoContact(NoContactReason.QUOTAS_FULL, outlook.earliest_lease_end)
    return NoContact(NoContactReason.NOTHING_LEFT, outlook.earliest_lease_end)


def _later(moment: datetime | None, now: datetime) -> datetime | None:
    return None if moment is None else max(moment, now)


def _settings(engine: Engine, study_id: int) -> FieldworkSettings:
    from cati.db.engine import session_scope

    with session_scope(engine) as session:
        found = db.study_settings_and_status(session, study_id)
    if found is None:
        raise NotFoundError(f"There is no study with id {study_id}.")
    return fieldwork_settings(found[0])


def renew_lease(engine: Engine, claim: Claim, clock: Clock) -> Claim:
    """Extend the lease by the study's lease length from now; raises
    :class:`LeaseLostError` when the lease was already lost."""
    settings = _settings(engine, claim.study_id)
    expires = clock.now() + settings.lease
    try:
        db.renew_lease(engine, claim.contact_id, claim.token, expires)
    except db.LeaseLost:
        raise LeaseLostError(_lost(claim)) from None
    return replace(claim, expires_at=expires)


def release_claim(engine: Engine, claim: Claim, clock: Clock) -> str:
    """Give the contact back without recording a call (the interviewer skipped it)."""
    try:
        return db.release_lease(engine, claim.contact_id, claim.token, clock.now())
    except db.LeaseLost:
        raise LeaseLostError(_lost(claim)) from None


def _lost(claim: Claim) -> str:
    return (
        f"Contact {claim.contact_id} is no longer yours: the hold on it ended and the contact "
        "went back to the queue. Nothing was saved for this action; take the next contact."
    )
