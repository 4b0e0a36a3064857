"""While the app runs, hot alerts and digests go out by e-mail and Telegram.

A timer (and every "alert" change notification, so a detractor is reported while the
interviewer is still on the line) starts :func:`cati.alerts.outbox.send_what_is_due` in a
worker; one run at a time. Problems are logged, never shown to the interviewer: the alert
inbox shows each delivery's state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from cati.alerts.outbox import OutboxReport, send_what_is_due
from cati.alerts.transports import Transport
from cati.changes import ALERT
from cati.clock import Clock
from cati.db import Engine
from cati.ui.operations import Operation, run_in_background

__all__ = ["Notifier"]

log = logging.getLogger(__name__)

#: How often due messages are looked for (retries and digests are due on their own clocks).
INTERVAL_MS = 60_000
#: The first look, shortly after the window opens (not in the way of signing in).
FIRST_MS = 5_000


class Notifier(QObject):
    """Sends due alert messages and digests from a worker, on a timer and on new alerts."""

    finished = Signal(object)  # OutboxReport of each run (tests and the status bar)

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        *,
        changes: Any = None,
        transports: Callable[[], Mapping[str, Transport]] | None = None,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.clock = engine, clock
        self.transports = transports
        self.operation: Operation | None = None
        self.again = False  # a reason to look came while a run was going on
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.send_now)
        self.subscription = (
            changes.subscribe(ALERT, lambda _change: self.send_now()) if changes else None
        )

    def start(self, first_ms: int = FIRST_MS) -> Notifier:
        self.timer.start()
        QTimer.singleShot(first_ms, self, self.send_now)
        return self

    def stop(self) -> None:
        self.timer.stop()
        if self.subscription is not None:
            self.subscription.unsubscribe()
            self.subscription = None

    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    def send_now(self) -> None:
        if self.busy:
            self.again = True
            return
        self.again = False
        engine, clock, transports = self.engine, self.clock, self.transports
        self.operation = run_in_background(
            lambda: send_what_is_due(engine, clock, transports() if transports else None),
            self._sent,
            self._failed,
            parent=self,
        )
        self.operation.when_finished(self._maybe_again)

    def _maybe_again(self) -> None:
        if self.again and self.timer.isActive():
            self.send_now()

    def _sent(self, report: OutboxReport) -> None:
        alerts, digests = report.alerts, report.digests
        counts = (alerts.sent, alerts.retrying, alerts.failed, alerts.maybe_sent)
        if any(counts) or digests.sent or digests.failed:
            log.info(
                "alerts: %d sent, %d to retry, %d failed, %d maybe sent; digests: %d sent, "
                "%d failed",
                alerts.sent,
                alerts.retrying,
                alerts.failed,
                alerts.maybe_sent,
                len(digests.sent),
                len(digests.failed),
            )
        for error in [*alerts.errors, *digests.failed, *digests.maybe_sent]:
            log.warning("an alert message was not sent: %s", error)
        self.finished.emit(report)

    def _failed(self, error: BaseException) -> None:
        log.warning("sending alerts and digests failed: %s", error)
        self.finished.emit(OutboxReport())
