"""Running service calls off the GUI thread and handing their results back to it.

Widgets never touch the database or the dialer directly: they call
:func:`run_in_background` with a service function, and get the result (or the error) in a
callback on the GUI thread. Workers never touch widgets (the pattern of Anki's
``aqt.operations``).
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised by a background function that noticed its cancel request."""


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Operation(QObject):
    """One background call: cancel it with :meth:`cancel`; ``progress`` reports (done, total)."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = threading.Event()
        self.signals = _Signals()
        self.running = True

    def cancel(self) -> None:
        self.cancel_requested.set()


class _Runnable(QRunnable):
    def __init__(
        self, operation: Operation, function: Callable[..., Any], kwargs: dict[str, Any]
    ) -> None:
        super().__init__()
        self.operation = operation
        self.function = function
        self.kwargs = kwargs

    def run(self) -> None:
        signals = self.operation.signals
        try:
            result = self.function(**self.kwargs)
        except BaseException as error:  # handed to the GUI thread, shown by the presenter
            signals.failed.emit(error)
        else:
            signals.succeeded.emit(result)


def run_in_background(
    function: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    *,
    parent: QObject | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Operation:
    """Call ``function`` in a worker thread; ``on_success(result)`` or ``on_failure(error)``
    then runs on the GUI thread.

    If ``function`` accepts ``cancel`` it receives a :class:`threading.Event` that
    :meth:`Operation.cancel` sets; if it accepts ``progress`` it receives a callable
    ``progress(done, total)`` whose calls reach ``on_progress`` on the GUI thread.
    """
    operation = Operation(parent)
    parameters = inspect.signature(function).parameters
    kwargs: dict[str, Any] = {}
    if "cancel" in parameters:
        kwargs["cancel"] = operation.cancel_requested
    if "progress" in parameters:
        kwargs["progress"] = lambda done, total: operation.signals.progress.emit(
            int(done), int(total or 0)
        )
    if on_progress is not None:
        operation.signals.progress.connect(on_progress)

    def succeeded(result: object) -> None:
        operation.running = False
        try:
            on_success(result)
        finally:
            operation.finished.emit()

    def failed(error: object) -> None:
        operation.running = False
        try:
            if isinstance(error, BaseException):
                on_failure(error)
        finally:
            operation.finished.emit()

    operation.signals.succeeded.connect(succeeded)
    operation.signals.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(_Runnable(operation, function, kwargs))
    return operation
