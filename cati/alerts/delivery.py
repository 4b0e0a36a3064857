"""Reliable delivery of hot alerts: stored first, queued once, sent after commit, retried,
never sent twice by itself.

The interviewing layer commits the ``alert`` row. :func:`deliver_due` (called by a timer in
the app or by cron, any number of workstations at once) then:

1. marks ``maybe_sent`` the deliveries whose worker stopped while handing them over
   (still ``sending`` when their lease ended: see below);
2. queues one ``alert_delivery`` row per recipient the study's settings name for the
   alert's kind (unique per alert, channel and recipient: never queued twice), for alerts of
   the last :attr:`DeliveryPolicy.max_alert_age` that have none yet;
3. claims due rows atomically (see :mod:`cati.db.alerts`), so two workers never send the
   same row; the first claim stores the delivery's message key (the e-mail's Message-ID),
   before anything is sent;
4. for each: records ``sending``, hands the message to its channel's transport outside any
   transaction, and records the result: ``sent``; or, when the server did not take it
   (down, busy, refused for now), a retry after an exponential backoff (1 min, 2, 4, ... at
   most 1 h) until :attr:`DeliveryPolicy.max_attempts`, then ``failed``; a permanent
   refusal is ``failed`` at once; or, when the message was handed over and the server's
   answer never came (a slow server answering after the timeout, a dropped connection),
   ``maybe_sent``. ``last_error`` says why.

What is promised, per channel (README "Alerts"): a message is retried until it is sent as
long as the server has certainly not taken it (at-least-once over outages); once it may have
been taken it is never sent again automatically (at-most-once over the uncertain window:
a slow server, a worker stopped while sending). A ``maybe_sent`` delivery shows in the
alert inbox; a person sends it again on purpose (:func:`resend_alert`, ``cati alerts
resend``), under the same Message-ID. Telegram's Bot API has no idempotency key, so the
same rule is kept by the stored state alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from cati.alerts.errors import AlertSettingsError, DeliveryError, UncertainDeliveryError
from cati.alerts.messages import AlertFacts, alert_message
from cati.alerts.settings import parse_alert_settings
from cati.alerts.transports import OutgoingMessage, Transport
from cati.clock import Clock
from surveys.errors import ScriptError
from surveys.loader import load_script_text
from surveys.model import Script

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.db.alerts import AlertRow, ClaimedDelivery, UndeliveredMessage

__all__ = [
    "DeliveryPolicy",
    "DeliveryReport",
    "deliver_due",
    "queue_deliveries",
    "resend_alert",
    "undelivered",
]


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
    maybe_sent: int = 0  # handed over without an answer: not resent (see the module docstring)
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
    from cati.db.alerts import (
        claim_due_deliveries,
        load_alert_row,
        mark_delivery_sending,
        settle_abandoned_deliveries,
    )

    policy = policy or DeliveryPolicy()
    report = DeliveryReport(maybe_sent=settle_abandoned_deliveries(engine, clock.now()))
    if report.maybe_sent:
        report.errors.append(
            f"{report.maybe_sent} message(s) whose sender stopped while handing them over "
            "are maybe sent"
        )
    report.queued = queue_deliveries(engine, clock, policy)
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
            if not mark_delivery_sending(engine, claim):
                continue  # the claim was lost (its lease ended): another worker has it
            transport.send(claim.recipient, message)
        except UncertainDeliveryError as error:
            from cati.db.alerts import record_delivery_maybe_sent

            text = str(error)[:1000]
            if record_delivery_maybe_sent(engine, claim, text):
                report.maybe_sent += 1
                report.errors.append(f"{claim.channel} {claim.recipient}: {text}")
        except DeliveryError as error:
            _failed(engine, clock, claim, error, policy, report)
        else:
            from cati.db.alerts import record_delivery_sent

            if record_delivery_sent(engine, claim, clock.now()):
                report.sent += 1
    return report


def undelivered(engine: Engine, study: str | int | None = None) -> list[UndeliveredMessage]:
    """The messages a person should look at, newest first: ``maybe_sent`` (handed over, no
    answer) and ``failed`` ones, of ``study`` (a name or number) or of every study."""
    from cati.db.alerts import undelivered_messages
    from cati.db.results import study_settings

    study_id = None if study is None else study_settings(engine, study)[0]
    return undelivered_messages(engine, study_id)


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
    message = alert_message(facts, fields, settings.language)
    return replace(message, key=claim.message_key)


def resend_alert(
    engine: Engine,
    clock: Clock,
    alert_id: int,
    channel: str | None = None,
    recipient: str | None = None,
) -> int:
    """Send the alert's ``maybe_sent`` and ``failed`` messages (of ``channel`` and
    ``recipient`` if given) again at the next :func:`deliver_due`, under the same
    Message-ID; the number queued. A person's deliberate choice: the recipient may get the
    message twice."""
    from cati.db.alerts import resend_deliveries

    return resend_deliveries(engine, alert_id, clock.now(), channel, recipient)


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
