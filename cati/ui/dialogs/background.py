"""Running service calls from widgets: one helper that tracks what is running.

Every database call of the dashboard and setup screens goes through :class:`Background`,
which wraps :func:`cati.ui.operations.run_in_background`: the call runs in a worker thread,
its result comes back on the GUI thread, failures go to the context's error presenter.
Tests wait on :attr:`Background.busy` instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid

from cati.ui.context import UiContext
from cati.ui.operations import Operation, run_in_background

__all__ = ["Background", "ChangeListener", "format_local", "percent", "settle"]


class Background(QObject):
    """Starts background calls for one widget and counts the ones still running."""

    idle = Signal()

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.running: list[Operation] = []

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def run(
        self,
        function: Callable[..., Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Operation:

        def finished() -> None:
            if not isValid(self):
                return
            if operation in self.running:
                self.running.remove(operation)
            if not self.running:
                self.idle.emit()

        operation = run_in_background(
            function,
            on_success,  # not called if this widget is closed while the call runs
            on_failure or self.context.errors,
            parent=self,
            on_progress=on_progress,
        )
        self.running.append(operation)
        operation.when_finished(finished)
        return operation


class ChangeListener(QObject):
    """Turns change-feed notifications (from any thread) into one Qt signal on the GUI thread.

    Subscribes to every topic of ``context.changes`` (``subscribe(topic_or_None, callback)``)
    when there is a feed; notifications arriving while a refresh runs are folded into one
    more refresh after it.
    """

    changed = Signal()

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.subscription: Any = None
        if context.changes is not None:
            self.subscription = context.changes.subscribe(None, self._notified)

    def _notified(self, *args: Any, **kwargs: Any) -> None:
        self.changed.emit()  # queued to the GUI thread when called from a worker

    def close(self) -> None:
        unsubscribe = getattr(self.subscription, "unsubscribe", None) or (
            self.subscription if callable(self.subscription) else None
        )
        if unsubscribe is not None:
            unsubscribe()
        self.subscription = None


def format_local(moment: datetime | None) -> str:
    """A stored UTC time in the workstation's local time, as people read it."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{100 * value:.1f} %"


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def settle(widget: QObject, timeout_s: float = 30.0) -> bool:
    """Process events until every :class:`Background` under ``widget`` is idle (for
    screenshots and scripts that render a screen offscreen); False on timeout."""
    import time

    from PySide6.QtCore import QThreadPool

    deadline = time.monotonic() + timeout_s
    quiet_rounds = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()
        busy = any(helper.busy for helper in widget.findChildren(Background))
        quiet_rounds = 0 if busy else quiet_rounds + 1
        if quiet_rounds >= 5:  # nothing running for a few rounds: follow-up calls done too
            return True
    return False
