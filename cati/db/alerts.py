"""Queries of alert delivery and digests: planning, atomic claims, results, the inbox.

A delivery row is created once per alert, channel and recipient (the unique key
``uq_alert_delivery_alert_id_channel_recipient``; inserts that meet it are skipped), so an
alert is never queued twice. :func:`claim_due_deliveries` takes due rows in one atomic step:
SQLite takes the write lock first (``BEGIN IMMEDIATE``), PostgreSQL locks the rows it picks
with ``FOR UPDATE SKIP LOCKED`` so two workstations pick disjoint rows. The claim moves
``next_try_at`` forward by a lease: nobody else sees the row while it is being sent, and a
worker that dies before sending frees it when the lease ends. Just before a message is
handed to the server the row becomes ``sending`` (:func:`mark_delivery_sending`); a row
still ``sending`` when its lease ends belonged to a worker that stopped while talking to the
server, so nobody knows whether the message arrived: :func:`settle_abandoned_deliveries`
makes it ``maybe_sent`` instead of sending it again. Results are recorded only by the
claim's holder (``attempts`` still equal to the claim's). A person sends a ``maybe_sent`` or
``failed`` delivery again on purpose with :func:`resend_deliveries`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from cati.db.engine import session_scope
from cati.db.models import (
    Alert,
    AlertDelivery,
    Answer,
    Attempt,
    Contact,
    ContactPhone,
    DeliveryChannel,
    DeliveryState,
    Interview,
    ScriptVersion,
    Segment,
    Study,
)

__all__ = [
    "AlertRow",
    "AlertSummary",
    "ClaimedDelivery",
    "DeliveryStatus",
    "UndeliveredMessage",
    "add_deliveries",
    "alert_inbox",
    "alerts_since",
    "alerts_without_deliveries",
    "claim_due_deliveries",
    "digest_cases",
    "load_alert_row",
    "mark_delivery_sending",
    "record_delivery_failure",
    "record_delivery_maybe_sent",
    "record_delivery_sent",
    "resend_deliveries",
    "settle_abandoned_deliveries",
    "undelivered_messages",
    "update_study_settings",
]


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    alert_id: int
    channel: str
    recipient: str
    attempts: int  # including this one
    message_key: str  # the same on every try (see AlertDelivery.message_key)


@dataclass(frozen=True)
class AlertRow:
    """One alert with what a message may show (the service decides what it does show)."""

    alert_id: int
    study_id: int
    kind: str
    created_at: datetime
    note: str
    study_name: str
    settings: dict[str, Any]
    interview_id: int | None
    segment: str
    company: str
    contact_name: str
    position: str
    email: str
    timezone: str
    phones: tuple[str, ...]
    script_text: str
    answers: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class DeliveryStatus:
    channel: str
    recipient: str
    state: str
    attempts: int
    next_try_at: datetime | None
    sent_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class AlertSummary:
    """An alert as the inbox lists it, with the state of each of its deliveries."""

    alert_id: int
    kind: str
    status: str
    created_at: datetime
    company: str
    segment: str
    deliveries: tuple[DeliveryStatus, ...]


def alerts_without_deliveries(
    engine: Engine, since: datetime
) -> list[tuple[int, str, dict[str, Any]]]:
    """``(alert id, kind, study settings)`` of recent alerts that have no delivery yet."""
    with Session(engine) as session:
        has_delivery = select(AlertDelivery.id).where(AlertDelivery.alert_id == Alert.id).exists()
        rows = session.exec(
            select(Alert.id, Alert.kind, Study.settings)
            .join(Study, col(Study.id) == Alert.study_id)
            .where(Alert.created_at >= since, ~has_delivery)
            .order_by(col(Alert.created_at))
        ).all()
        return [(int(a or 0), str(k), dict(s or {})) for a, k, s in rows]


def add_deliveries(engine: Engine, rows: Iterable[tuple[int, str, str]], now: datetime) -> int:
    """Queue ``(alert id, channel, recipient)`` deliveries due now; existing ones are kept."""
    values = [
        {
            "alert_id": alert_id,
            "channel": channel,
            "recipient": recipient,
            "state": DeliveryState.PENDING,
            "attempts": 0,
            "next_try_at": now,
        }
        for alert_id, channel, recipient in rows
    ]
    if not values:
        return 0
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(AlertDelivery)
        .values(values)
        .on_conflict_do_nothing(index_elements=["alert_id", "channel", "recipient"])
        .returning(col(AlertDelivery.id))
    )
    with session_scope(engine) as session:
        return len(session.execute(statement).all())


def claim_due_deliveries(
    engine: Engine,
    now: datetime,
    lease_until: datetime,
    limit: int,
    channels: Collection[str] | None = None,
) -> list[ClaimedDelivery]:
    """Atomically take up to ``limit`` due pending deliveries (see the module docstring), of
    the given ``channels`` only (None: all)."""
    if channels is not None and not channels:
        return []
    with session_scope(engine, immediate=True) as session:
        query = (
            select(AlertDelivery)
            .where(
                AlertDelivery.state == DeliveryState.PENDING,
                or_(
                    col(AlertDelivery.next_try_at).is_(None), col(AlertDelivery.next_try_at) <= now
                ),
            )
            .order_by(col(AlertDelivery.next_try_at), col(AlertDelivery.id))
            .limit(limit)
        )
        if channels is not None:
            known = [channel for channel in DeliveryChannel if channel.value in channels]
            query = query.where(col(AlertDelivery.channel).in_(known))
        if engine.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed = []
        for row in session.exec(query).all():
            row.attempts += 1
            row.next_try_at = lease_until
            row.message_key = row.message_key or uuid.uuid4().hex  # stored before any send
            session.add(row)
            claimed.append(
                ClaimedDelivery(
                    int(row.id or 0),
                    row.alert_id,
                    str(row.channel.value),
                    row.recipient,
                    row.attempts,
                    row.message_key,
                )
            )
        return claimed


def mark_delivery_sending(engine: Engine, claim: ClaimedDelivery) -> bool:
    """Record that the message is about to be handed to the server (False: the claim was
    lost, e.g. its lease ended, and the message must not be sent)."""
    return _record(engine, claim, _CLAIMED, state=DeliveryState.SENDING)


def record_delivery_sent(engine: Engine, claim: ClaimedDelivery, now: datetime) -> bool:
    return _record(
        engine, claim, _HANDED_OVER, state=DeliveryState.SENT, sent_at=now, last_error=None
    )


def record_delivery_failure(
    engine: Engine, claim: ClaimedDelivery, error: str, next_try_at: datetime | None
) -> bool:
    """The server did not take the message (or it could not be made): a retry at
    ``next_try_at``, or (None) failed for good."""
    if next_try_at is None:
        return _record(
            engine, claim, _CLAIMED + _HANDED_OVER, state=DeliveryState.FAILED, last_error=error
        )
    return _record(
        engine,
        claim,
        _CLAIMED + _HANDED_OVER,
        state=DeliveryState.PENDING,
        next_try_at=next_try_at,
        last_error=error,
    )


def record_delivery_maybe_sent(engine: Engine, claim: ClaimedDelivery, error: str) -> bool:
    """The message was handed over but the server's answer never came: not resent."""
    return _record(
        engine,
        claim,
        _HANDED_OVER,
        state=DeliveryState.MAYBE_SENT,
        next_try_at=None,
        last_error=error,
    )


def settle_abandoned_deliveries(engine: Engine, now: datetime) -> int:
    """Deliveries left ``sending`` past their lease (the worker stopped while talking to
    the server) become ``maybe_sent``; the number of them."""
    with session_scope(engine) as session:
        result = session.execute(
            update(AlertDelivery)
            .where(
                col(AlertDelivery.state) == DeliveryState.SENDING,
                col(AlertDelivery.next_try_at) <= now,
            )
            .values(
                state=DeliveryState.MAYBE_SENT,
                next_try_at=None,
                last_error="the workstation sending it stopped before the server answered: "
                "it may have arrived",
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class UndeliveredMessage:
    """A delivery a person should look at: ``maybe_sent`` or ``failed``."""

    alert_id: int
    study_name: str
    kind: str
    created_at: datetime
    status: DeliveryStatus


def undelivered_messages(engine: Engine, study_id: int | None = None) -> list[UndeliveredMessage]:
    """The ``maybe_sent`` and ``failed`` deliveries (of one study, or all), newest first."""
    with Session(engine) as session:
        query = (
            select(AlertDelivery, Alert, Study.name)
            .join(Alert, col(Alert.id) == AlertDelivery.alert_id)
            .join(Study, col(Study.id) == Alert.study_id)
            .where(col(AlertDelivery.state).in_([DeliveryState.MAYBE_SENT, DeliveryState.FAILED]))
            .order_by(col(Alert.created_at).desc(), col(AlertDelivery.id))
        )
        if study_id is not None:
            query = query.where(Alert.study_id == study_id)
        return [
            UndeliveredMessage(
                int(alert.id or 0),
                name,
                str(alert.kind.value),
                alert.created_at,
                _status(delivery),
            )
            for delivery, alert, name in session.exec(query)
        ]


def _status(d: AlertDelivery) -> DeliveryStatus:
    return DeliveryStatus(
        str(d.channel.value),
        d.recipient,
        str(d.state.value),
        d.attempts,
        d.next_try_at,
        d.sent_at,
        d.last_error,
    )


def resend_deliveries(
    engine: Engine,
    alert_id: int,
    now: datetime,
    channel: str | None = None,
    recipient: str | None = None,
) -> int:
    """Queue the alert's ``maybe_sent`` and ``failed`` deliveries (of ``channel`` and
    ``recipient`` if given) to be sent again now, with the same message key; the number
    queued. Sent and pending ones are left alone. The attempts keep counting (so a claim from
    before is never mistaken for a new one): a delivery that had used up its retries is
    tried once more."""
    with session_scope(engine, immediate=True) as session:
        query = update(AlertDelivery).where(
            col(AlertDelivery.alert_id) == alert_id,
            col(AlertDelivery.state).in_([DeliveryState.MAYBE_SENT, DeliveryState.FAILED]),
        )
        if channel is not None:
            query = query.where(col(AlertDelivery.channel) == DeliveryChannel(channel))
        if recipient is not None:
            query = query.where(col(AlertDelivery.recipient) == recipient)
        result = session.execute(
            query.values(state=DeliveryState.PENDING, next_try_at=now, last_error=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)


#: States in which the claim's holder records what happened. An outcome that arrives after
#: the lease made the row ``maybe_sent`` still counts: the worker that talked to the server
#: knows better.
_CLAIMED = (DeliveryState.PENDING,)
_HANDED_OVER = (DeliveryState.SENDING, DeliveryState.MAYBE_SENT)


def _record(
    engine: Engine,
    claim: ClaimedDelivery,
    expected: tuple[DeliveryState, ...],
    **values: Any,
) -> bool:
    """Update the claimed row if it is still the claim's (same attempt) and in one of the
    ``expected`` states."""
    with session_scope(engine) as session:
        result = session.execute(
            update(AlertDelivery)
            .where(
                col(AlertDelivery.id) == claim.id,
                col(AlertDelivery.attempts) == claim.attempts,
                col(AlertDelivery.state).in_(expected),
            )
            .values(**values)
        )
        return bool(getattr(result, "rowcount", 0))


def load_alert_row(engine: Engine, alert_id: int) -> AlertRow | None:
    with Session(engine) as session:
        found = session.exec(
            select(Alert, Study)
            .join(Study, col(Study.id) == Alert.study_id)
            .where(Alert.id == alert_id)
        ).first()
        if found is None:
            return None
        alert, study = found
        contact = session.get(Contact, alert.contact_id) if alert.contact_id else None
        segment = (
            session.get(Segment, contact.segment_id) if contact and contact.segment_id else None
        )
        phones: tuple[str, ...] = ()
        if contact is not None:
            phones = tuple(
                session.exec(
                    select(ContactPhone.e164)
                    .where(ContactPhone.contact_id == contact.id)
                    .order_by(col(ContactPhone.position))
                ).all()
            )
        script_text, answers = "", {}
        if alert.interview_id is not None:
            interview = session.get(Interview, alert.interview_id)
            version = session.get(ScriptVersion, interview.script_version_id) if interview else None
            script_text = version.text if version else ""
            for question_id, value, other in session.exec(
                select(Answer.question_id, Answer.value, Answer.other_text).where(
                    Answer.interview_id == alert.interview_id
                )
            ):
                stored = dict(value) if isinstance(value, dict) else {"value": value}
                if other and not stored.get("other"):
                    stored["other"] = other
                answers[question_id] = stored
        return AlertRow(
            alert_id=int(alert.id or 0),
            study_id=alert.study_id,
            kind=str(alert.kind.value),
            created_at=alert.created_at,
            note=alert.note,
            study_name=study.name,
            settings=dict(study.settings),
            interview_id=alert.interview_id,
            segment=segment.name if segment else "",
            company=contact.company if contact else "",
            contact_name=contact.name if contact else "",
            position=contact.position if contact else "",
            email=contact.email if contact else "",
            timezone=contact.timezone if contact else "Europe/Moscow",
            phones=phones,
            script_text=script_text,
            answers=answers,
        )


def alert_inbox(engine: Engine, study_id: int, limit: int = 200) -> list[AlertSummary]:
    """The newest alerts of a study with each delivery's state (pending, sent, failed)."""
    with Session(engine) as session:
        alerts = session.exec(
            select(Alert, Contact.company, Segment.name)
            .outerjoin(Contact, col(Contact.id) == Alert.contact_id)
            .outerjoin(Segment, col(Segment.id) == Contact.segment_id)
            .where(Alert.study_id == study_id)
            .order_by(col(Alert.created_at).desc(), col(Alert.id).desc())
            .limit(limit)
        ).all()
        ids = [a.id for a, _, _ in alerts]
        deliveries: dict[int, list[DeliveryStatus]] = {}
        if ids:
            for d in session.exec(
                select(AlertDelivery)
                .where(col(AlertDelivery.alert_id).in_(ids))
                .order_by(col(AlertDelivery.id))
            ):
                deliveries.setdefault(d.alert_id, []).append(_status(d))
        return [
            AlertSummary(
                int(a.id or 0),
                str(a.kind.value),
                str(a.status.value),
                a.created_at,
                company or "",
                segment or "",
                tuple(deliveries.get(int(a.id or 0), [])),
            )
            for a, company, segment in alerts
        ]


def alerts_since(engine: Engine, study_id: int, since: datetime) -> list[AlertSummary]:
    """Alerts of the study created at or after ``since``, oldest first (for digests)."""
    with Session(engine) as session:
        rows = session.exec(
            select(Alert, Contact.company, Segment.name)
            .outerjoin(Contact, col(Contact.id) == Alert.contact_id)
            .outerjoin(Segment, col(Segment.id) == Contact.segment_id)
            .where(Alert.study_id == study_id, Alert.created_at >= since)
            .order_by(col(Alert.created_at), col(Alert.id))
        ).all()
        return [
            AlertSummary(
                int(a.id or 0),
                str(a.kind.value),
                str(a.status.value),
                a.created_at,
                company or "",
                segment or "",
                (),
            )
            for a, company, segment in rows
        ]


def digest_cases(
    engine: Engine, study_id: int
) -> tuple[list[tuple[str | None, str]], dict[str, int]]:
    """Each contact's ``(segment, disposition)`` and the number of calls per segment.

    The disposition is the final code when the case is closed, else the code of its last
    call, else 3.11 (not yet attempted), so rates can be computed mid-fieldwork.
    """
    with Session(engine) as session:
        segments = {
            s_id: name
            for s_id, name in session.exec(
                select(Segment.id, Segment.name).where(Segment.study_id == study_id)
            )
        }
        last_call = (
            select(Attempt.contact_id, func.max(Attempt.started_at).label("last"))
            .where(Attempt.study_id == study_id, col(Attempt.disposition).is_not(None))
            .group_by(col(Attempt.contact_id))
            .subquery()
        )
        latest = dict(
            session.exec(
                select(Attempt.contact_id, Attempt.disposition).join(
                    last_call,
                    (last_call.c.contact_id == Attempt.contact_id)
                    & (last_call.c.last == Attempt.started_at),
                )
            ).all()
        )
        cases = []
        for contact_id, segment_id, final in session.exec(
            select(Contact.id, Contact.segment_id, Contact.final_disposition).where(
                Contact.study_id == study_id
            )
        ):
            code = final or latest.get(int(contact_id or 0)) or "3.11"
            cases.append((segments.get(segment_id) if segment_id is not None else None, code))
        calls: dict[str, int] = {}
        for segment_id, count in session.exec(
            select(Contact.segment_id, func.count(col(Attempt.id)))
            .join(Attempt, col(Attempt.contact_id) == Contact.id)
            .where(Contact.study_id == study_id)
            .group_by(col(Contact.segment_id))
        ):
            calls[segments.get(segment_id, "") if segment_id else ""] = int(count)
        return cases, calls


def update_study_settings(engine: Engine, study_id: int, key: str, change: Any) -> Any:
    """Replace ``settings[key]`` by ``change(old value)`` under a row lock; return the new one.

    ``change`` runs inside the locked transaction, so two workstations serialise on it.
    """
    with session_scope(engine, immediate=True) as session:
        query = select(Study).where(Study.id == study_id)
        if engine.dialect.name == "postgresql":
            query = query.with_for_update()
        study = session.exec(query).one()
        new = change(study.settings.get(key))
        study.settings = {**study.settings, key: new}
        session.add(study)
        return new
