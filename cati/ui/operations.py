"""Running service calls off the GUI thread and handing their results back to it.

Widgets never touch the database or the dialer directly: they call
:func:`run_in_background` with a service function, and get the result (or the error) in a
callback on the GUI thread. Workers never touch widgets (the pattern of Anki's
``aqt.operations``).

An :class:`Operation` is a plain Python object, not a ``QObject``: results travel to the GUI
thread through one long-lived dispatcher that lives there. So no Qt object is ever created
per call, and none can be destroyed from a worker thread when Python's garbage collector
happens to run there (which crashes Qt).
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

__all__ = ["Cancelled", "Operation", "call_on_gui_thread", "run_in_background"]


class Cancelled(Exception):
    """Raised by a background function that noticed its cancel request."""


class _Dispatcher(QObject):
    """Lives in the GUI thread; runs the callables that workers hand it, in order."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)
        # Delivered callbacks are kept a moment, so that their last reference (and that of
        # whatever they captured) is dropped here rather than by the worker that emitted them.
        self._delivered: list[Callable[[], None]] = []
        self._sweeper = QTimer(self)
        self._sweeper.setSingleShot(True)
        self._sweeper.setInterval(250)
        self._sweeper.timeout.connect(self._delivered.clear)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        self._delivered.append(callback)
        if not self._sweeper.isActive():
            self._sweeper.start()
        try:
            callback()
        except Exception:  # a callback's bug must not stop later deliveries
            log.exception("a background operation's callback failed")


_dispatcher: _Dispatcher | None = None
_dispatcher_lock = threading.Lock()


def _gui_dispatcher() -> _Dispatcher:
    global _dispatcher
    with _dispatcher_lock:
        if _dispatcher is None:
            application = QCoreApplication.instance()
            if application is None:
                raise RuntimeError("run_in_background needs a running QApplication")
            dispatcher = _Dispatcher()
            dispatcher.moveToThread(application.thread())
            _dispatcher = dispatcher
        return _dispatcher


def call_on_gui_thread(callback: Callable[[], None]) -> None:
    """Queue ``callback()`` to run on the GUI thread (from any thread); dropped when the
    application has already shut down (nobody is left to show the result to)."""
    try:
        _gui_dispatcher().deliver.emit(callback)
    except RuntimeError:  # the dispatcher was deleted with the application
        log.debug("a background result arrived after the application ended")


class Operation:
    """One background call: cancel it with :meth:`cancel`; ``running`` until its callback ran.

    :meth:`when_finished` hooks run on the GUI thread after the success or failure callback.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        self.cancel_requested = threading.Event()
        self.running = True
        self._parent = parent
        self._finished_hooks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        self.cancel_requested.set()

    def when_finished(self, hook: Callable[[], None]) -> None:
        self._finished_hooks.append(hook)

    @property
    def parent_alive(self) -> bool:
        return self._parent is None or isValid(self._parent)

    def _finish(self, callback: Callable[[], None]) -> None:
        """Runs on the GUI thread: the result callback (unless the parent widget is gone),
        then the finished hooks."""
        self.running = False
        try:
            if self.parent_alive:
                callback()
        finally:
            hooks, self._finished_hooks = self._finished_hooks, []
            for hook in hooks:
                hook()


class _Runnable(QRunnable):
    def __init__(
        self,
        operation: Operation,
        function: Callable[..., Any],
        kwargs: dict[str, Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.parts: tuple[Any, ...] | None = (operation, function, kwargs, on_success, on_failure)

    def run(self) -> None:
        # Everything this runnable holds leaves with the delivery, so the last references
        # (to widgets captured by closures, say) are dropped on the GUI thread, not here.
        assert self.parts is not None
        parts, self.parts = self.parts, None
        call_on_gui_thread(_execute(*parts))


def _execute(
    operation: Operation,
    function: Callable[..., Any],
    kwargs: dict[str, Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> Callable[[], None]:
    """Run ``function`` (in the worker) and return what the GUI thread is to do with its
    outcome."""
    try:
        result = function(**kwargs)
    except BaseException as error:  # handed to the GUI thread, shown by the presenter
        failure = error  # the name ``error`` is unbound when the except block ends
        return lambda: operation._finish(lambda: on_failure(failure))
    return lambda: operation._finish(lambda: on_success(result))


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
    then runs on the GUI thread (skipped if ``parent`` has been deleted meanwhile).

    If ``function`` accepts ``cancel`` it receives a :class:`threading.Event` that
    :meth:`Operation.cancel` sets; if it accepts ``progress`` it receives a callable
    ``progress(done, total)`` whose calls reach ``on_progress`` on the GUI thread.
    """
    _gui_dispatcher()  # created here, on the GUI thread, before any worker needs it
    operation = Operation(parent)
    parameters = inspect.signature(function).parameters
    kwargs: dict[str, Any] = {}
    if "cancel" in parameters:
        kwargs["cancel"] = operation.cancel_requested
    if "progress" in parameters:

        def progress(done: int, total: int | None) -> None:
            report = (int(done), int(total or 0))

            def show() -> None:
                if on_progress is not None and operation.running and operation.parent_alive:
                    on_progress(*report)

            call_on_gui_thread(show)

        kwargs["progress"] = progress
    (pool or QThreadPool.globalInstance()).start(
        _Runnable(operation, function, kwargs, on_success, on_failure)
    )
    return operation
