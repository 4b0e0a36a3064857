"""Background operations: results on the GUI thread, cancel, progress, closed widgets, and no
Qt object destroyed from a worker thread when the garbage collector runs there."""

from __future__ import annotations

import gc
import sys
import threading
import time

import pytest
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cati.ui.operations import Cancelled, Operation, call_on_gui_thread, run_in_background

CALLS = 120


class Recorder:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def success(self, value: object) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(value)

    def failure(self, error: BaseException) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(error)


def wait_done(qtbot: QtBot, *operations: Operation) -> None:
    qtbot.waitUntil(lambda: not any(op.running for op in operations), timeout=10_000)


def test_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    recorder = Recorder()
    worker_threads: list[threading.Thread] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    operation = run_in_background(work, recorder.success, recorder.failure)
    wait_done(qtbot, operation)
    assert recorder.results == [42] and not recorder.errors
    assert recorder.threads == [threading.main_thread()]
    assert worker_threads and worker_threads[0] is not threading.main_thread()


def test_an_error_arrives_as_the_exception_itself(qtbot: QtBot) -> None:
    recorder = Recorder()

    def work() -> None:
        raise ValueError("row 7: bad phone")

    operation = run_in_background(work, recorder.success, recorder.failure)
    wait_done(qtbot, operation)
    assert not recorder.results
    assert [str(error) for error in recorder.errors] == ["row 7: bad phone"]
    assert recorder.threads == [threading.main_thread()]


def test_progress_reaches_the_gui_thread_in_order_and_cancel_stops_the_work(
    qtbot: QtBot,
) -> None:
    recorder = Recorder()
    reports: list[tuple[int, int]] = []
    started = threading.Event()

    def work(cancel: threading.Event, progress) -> None:  # type: ignore[no-untyped-def]
        for done in range(1000):
            progress(done, 1000)
            started.set()
            if cancel.is_set():
                raise Cancelled
            time.sleep(0.002)

    operation = run_in_background(
        work, recorder.success, recorder.failure, on_progress=lambda d, t: reports.append((d, t))
    )
    qtbot.waitUntil(lambda: len(reports) >= 3, timeout=10_000)
    operation.cancel()
    wait_done(qtbot, operation)
    assert recorder.errors and isinstance(recorder.errors[0], Cancelled)
    assert reports == [(done, 1000) for done in range(len(reports))]
    assert len(reports) < 1000


def test_a_closed_widget_gets_no_callback_but_finished_hooks_run(qtbot: QtBot) -> None:
    recorder = Recorder()
    widget = QWidget()
    release = threading.Event()
    finished: list[bool] = []

    operation = run_in_background(
        lambda: release.wait(10), recorder.success, recorder.failure, parent=widget
    )
    operation.when_finished(lambda: finished.append(True))
    widget.deleteLater()
    qtbot.waitUntil(lambda: not operation.parent_alive, timeout=5_000)
    release.set()
    wait_done(qtbot, operation)
    assert finished == [True]
    assert not recorder.results and not recorder.errors


def test_a_failing_callback_does_not_stop_later_deliveries(qtbot: QtBot) -> None:
    seen: list[int] = []

    def broken(_value: object) -> None:
        raise RuntimeError("bug in a callback")

    first = run_in_background(lambda: 1, broken, lambda _e: None)
    wait_done(qtbot, first)
    second = run_in_background(lambda: 2, seen.append, lambda _e: None)
    wait_done(qtbot, second)
    assert seen == [2]
    delivered: list[str] = []
    call_on_gui_thread(lambda: delivered.append("later"))
    qtbot.waitUntil(lambda: delivered == ["later"], timeout=5_000)


@pytest.mark.timeout(120)
def test_garbage_collected_in_workers_never_destroys_qt_objects_there(qtbot: QtBot) -> None:
    """The crash the old design had: per-call QObjects in reference cycles, collected by a
    worker thread's gc run. Many calls whose workers force a collection while other
    calls' results are being delivered and dropped on the GUI thread."""
    pool = QThreadPool()
    pool.setMaxThreadCount(8)
    holder = QObject()
    results: list[int] = []
    operations = []
    for number in range(CALLS):

        def work(number: int = number) -> int:
            gc.collect()
            return number

        operations.append(
            run_in_background(work, results.append, lambda e: None, parent=holder, pool=pool)
        )
        if number % 20 == 0:
            qtbot.wait(1)
    wait_done(qtbot, *operations)
    pool.waitForDone()
    assert sorted(results) == list(range(CALLS))


def test_the_installed_pyside_keeps_reference_counts_when_signals_are_emitted(
    qtbot: QtBot,
) -> None:
    """PySide6 6.12.0 dropped a reference to ``True`` on every ``Signal.emit``; after a few
    hundred emits Python 3.11 aborts ("deallocating True or False"). pyproject excludes it."""

    class Emitter(QObject):
        plain = Signal()
        carrying = Signal(object)

    emitter = Emitter()
    emitter.carrying.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.plain.emit()
        emitter.carrying.emit(1)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
