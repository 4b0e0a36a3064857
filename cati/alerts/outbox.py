"""Sending what is due from a running desktop app: hot alerts, then digests.

The app calls :func:`send_what_is_due` from a worker on a timer (and when an alert is
raised); ``cati alerts send`` and ``cati digest --send`` do the same for cron. Many senders at
once are safe: deliveries and digests are claimed before they are sent. A workstation sends
only the channels it has settings for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cati.alerts.credentials import load_notifier_settings
from cati.alerts.delivery import DeliveryReport, deliver_due
from cati.alerts.digest import DigestReport, send_due_digests
from cati.alerts.transports import Transport, transports_from_settings
from cati.clock import Clock
from cati.db import Engine

__all__ = ["OutboxReport", "configured_transports", "send_what_is_due"]


@dataclass
class OutboxReport:
    channels: tuple[str, ...] = ()  # what this workstation can send
    alerts: DeliveryReport = field(default_factory=DeliveryReport)
    digests: DigestReport = field(default_factory=DigestReport)


def configured_transports() -> dict[str, Transport]:
    """The transports set up on this workstation (environment, then keyring)."""
    return transports_from_settings(load_notifier_settings())


def send_what_is_due(
    engine: Engine, clock: Clock, transports: Mapping[str, Transport] | None = None
) -> OutboxReport:
    """Send the due alert messages and digests through ``transports`` (default: the
    configured ones). Nothing is claimed when no channel is set up here."""
    found = configured_transports() if transports is None else transports
    report = OutboxReport(channels=tuple(sorted(found)))
    if not found:
        return report
    report.alerts = deliver_due(engine, clock, found)
    report.digests = send_due_digests(engine, clock, found)
    return report
