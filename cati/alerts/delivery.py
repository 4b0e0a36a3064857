"""Reliable delivery of hot alerts: stored first, queued once, sent after commit, retried.

The interviewing layer commits the ``alert`` row. :func:`deliver_due` (called by a timer in
the app or by cron, any number of workstations at once) then:

1. queues one ``alert_delivery`` row per recipient the study's settings name for the
   alert's kind (unique per alert, channel and recipient: never queued twice), for alerts of
   the last :attr:`DeliveryPolicy.max_alert_age` that have none yet;
2. claims due rows atomically (see :mod:`cati.db.alerts`), so two workers never send the
   same row;
3. sends each with its channel's transport, outside any transaction, and records the
   result: ``sent``; or, when the server is down, a retry after an exponential backoff
   (1 min, 2, 4, ... at most 1 h) until :attr:`DeliveryPolicy.max_attempts`, then
   ``failed``; a permanent refusal is ``failed`` at once. ``last_error`` says why.

The one window left is a crash after the server accepted a message and before ``sent`` was
written: the lease then expires and the message is sent again. That is the price of not
losing alerts (at-least-once); it needs a crash at that exact moment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from cati.alerts.errors import AlertSettingsError, DeliveryError
from cati.alerts.messages import AlertFacts, alert_message
from cati.alerts.settings import parse_alert_settings
from cati.alerts.transports import OutgoingMessage, Transport
from cati.clock import Clock
from surveys.errors import ScriptError
from surveys.loader import load_script_text
from surveys.model import Script

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.alerts import AlertRow, ClaimedDelivery

__all__ = ["DeliveryPolicy", "DeliveryReport", "deliver_due", "queue_deliveries"]


@dataclass(frozen=True)
class DeliveryPolicy:
    first_retry: timedelta = timedelta(minutes=1)
    factor: float = 2.0
    max_delay: timedelta = timedelta(hours=1)
    max_attempts: int = 10
    lease: timedelta = timedelta(minutes=5)  # longer than any transport's timeout
    batch: int = 50
    max_alert_age: timedelta = timedelta(days=3)  # older alerts are not sent when first configured

    def retry_delay(self, attempts: int) -> timedelta:
        """Delay before the next try after ``attempts`` failed tries (exponential, capped)."""
        seconds = self.first_retry.total_seconds() * self.factor ** max(0, attempts - 1)
        return min(self.max_delay, timedelta(seconds=seconds))


@dataclass
class DeliveryReport:
    queued: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def queue_deliveries(engine: Engine, clock: Clock, policy: DeliveryPolicy | None = None) -> int:
    """Queue the deliveries of recent alerts that have none; the number of rows added."""
    from cati.db.alerts import add_deliveries, alerts_without_deliveries

    policy = policy or DeliveryPolicy()
    now = clock.now()
    rows: list[tuple[int, str, str]] = []
    for alert_id, kind, settings in alerts_without_deliveries(engine, now - policy.max_alert_age):
        try:
            targets = parse_alert_settings(settings).targets(kind)
        except AlertSettingsError:
            continue  # the settings dialog reports it; other studies' alerts still go out
        rows += [(alert_id, channel, recipient) for channel, recipient in targets]
    return add_deliveries(engine, rows, now)


def deliver_due(
    engine: Engine,
    clock: Clock,
    transports: Mapping[str, Transport],
    policy: DeliveryPolicy | None = None,
) -> DeliveryReport:
    """Queue new alerts' deliveries, then send what is due; safe to run from many places.

    Only deliveries of the channels in ``transports`` are taken: a workstation without, say,
    Telegram settings leaves those to one that has them (they stay pending, attempts
    untouched)."""
    from cati.db.alerts import claim_due_deliveries, load_alert_row

    policy = policy or DeliveryPolicy()
    report = DeliveryReport(queued=queue_deliveries(engine, clock, policy))
    now = clock.now()
    claims = claim_due_deliveries(
        engine, now, now + policy.lease, policy.batch, channels=tuple(transports)
    )
    rows: dict[int, AlertRow | None] = {}
    scripts: dict[str, Script | None] = {}
    for claim in claims:
        if claim.alert_id not in rows:
            rows[claim.alert_id] = load_alert_row(engine, claim.alert_id)
        row = rows[claim.alert_id]
        try:
            if row is None:
                raise DeliveryError("the alert was deleted")
            message = _message_for(row, claim, scripts)
            transport = transports[claim.channel]  # only these channels were claimed
            transport.send(claim.recipient, message)
        except DeliveryError as error:
            _failed(engine, clock, claim, error, policy, report)
        else:
            from cati.db.alerts import record_delivery_sent

            if record_delivery_sent(engine, claim, clock.now()):
                report.sent += 1
    return report


def _message_for(
    row: AlertRow, claim: ClaimedDelivery, scripts: dict[str, Script | None]
) -> OutgoingMessage:
    settings = parse_alert_settings(row.settings)
    fields = settings.visible_fields(claim.channel, claim.recipient, row.kind)
    if row.script_text not in scripts:
        try:
            scripts[row.script_text] = (
                load_script_text(row.script_text) if row.script_text else None
            )
        except ScriptError:
            scripts[row.script_text] = None
    facts = AlertFacts(
        alert_id=row.alert_id,
        kind=row.kind,
        created_at=row.created_at,
        study_name=row.study_name,
        interview_id=row.interview_id,
        segment=row.segment,
        company=row.company,
        contact_name=row.contact_name,
        position=row.position,
        phones=row.phones,
        email=row.email,
        timezone=row.timezone,
        note=row.note,
        script=scripts[row.script_text],
        answers=row.answers,
    )
    return alert_message(facts, fields, settings.language)


def _failed(
    engine: Engine,
    clock: Clock,
    claim: ClaimedDelivery,
    error: DeliveryError,
    policy: DeliveryPolicy,
    report: DeliveryReport,
) -> None:
    from cati.db.alerts import record_delivery_failure

    text = str(error)[:1000]
    give_up = not error.temporary or claim.attempts >= policy.max_attempts
    next_try = None if give_up else clock.now() + policy.retry_delay(claim.attempts)
    if record_delivery_failure(engine, claim, text, next_try):
        if give_up:
            report.failed += 1
        else:
            report.retrying += 1
        report.errors.append(f"{claim.channel} {claim.recipient}: {text}")
