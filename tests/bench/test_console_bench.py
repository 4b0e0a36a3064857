"""Benchmark: from Enter on an answered question to the next question on screen.

The interviewer console runs offscreen on a real SQLite file with the ready script
``resources/scripts/b2b_nps_csi.yaml``: whole interviews (new, regular and lost clients,
detractors, passives and promoters, so every branch and its alerts are taken), answered
from the keyboard. Each step is timed from the Enter key press to the moment the next
question's widgets (or the closing text) have been painted, and the paint pass has been
flushed. Beside it, measured in the same run on the same file and the same screen size:

* the floor for saving: one answer-sized row committed in a ``BEGIN IMMEDIATE``
  transaction on the same connection settings (journal mode, synchronous);
* the floor for showing: the same screens built and painted by a bare script pane, with no
  database and no worker thread;
* the parts of each step: Enter to the worker, the interview session's save (validate,
  route, commit) in the worker, back to the GUI thread, building the screen, painting it;
  and the CPU time the step took in the two threads (less sensitive to a busy machine).

Times are printed and kept in ``benchmark.extra_info``; they are never asserted. Run:
``make bench`` or ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest
tests/bench/test_console_bench.py -o addopts="" --benchmark-only -s``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine
from sqlmodel import Session, select

from cati.accounts import Role, add_account
from cati.clock import SimulatedClock
from cati.db import Interview, InterviewStatus
from cati.interviewing.session import InterviewSession
from cati.ui.console.console import InterviewerConsole
from cati.ui.script_pane import ScriptPane
from surveys import Closing, Screen
from tests.cati.scheduler.factory import T0, make_study
from tests.cati.ui.console.helpers import PASSWORD, Fieldwork

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)

SCRIPT = "b2b_nps_csi.yaml"
#: One interview per plan: the contact's segment, the NPS given, the first grid rating.
PLANS = [("new", 3, 2), ("regular", 8, 4), ("lost", 10, 5), ("regular", 6, 1)]
STEP_TIMEOUT_MS = 10_000
FLOOR_ROWS = 200


@dataclass
class Timings:
    """Each step, and the parts it is made of (moments from ``time.perf_counter``)."""

    steps: list[float] = field(default_factory=list)  # Enter -> next question painted
    cpu: list[float] = field(default_factory=list)  # CPU time of the GUI thread and worker
    to_worker: list[float] = field(default_factory=list)  # Enter -> the worker starts saving
    saves: list[float] = field(default_factory=list)  # InterviewSession.answer in the worker
    to_gui: list[float] = field(default_factory=list)  # saved -> the GUI thread builds
    builds: list[float] = field(default_factory=list)  # the script pane builds the screen
    paints: list[float] = field(default_factory=list)  # built -> painted
    screens: list[Screen | Closing] = field(default_factory=list)  # what was shown, in order
    moments: dict[str, float] = field(default_factory=dict)
    watch: _PaintWatch | None = None  # the step being timed

    def parts(self, started: float, painted: float, gui_cpu: float) -> None:
        at = self.moments
        self.cpu.append(gui_cpu + at["save_cpu"])
        self.to_worker.append(at["save"] - started)
        self.saves.append(at["saved"] - at["save"])
        self.to_gui.append(at["build"] - at["saved"])
        self.builds.append(at["built"] - at["build"])
        self.paints.append(painted - at["built"])
        at.clear()


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


class _PaintWatch(QObject):
    """Ends ``loop`` after the paint pass that paints the next screen.

    Attached to the new screen's widgets once the pane has built them (an application-wide
    filter would add its own cost to every event of the step)."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.targets: list[QWidget] = []
        self.done_at: float | None = None
        self.cpu_at = 0.0  # the GUI thread's CPU time then

    def attach(self, pane: ScriptPane) -> None:
        """Watch what the next screen paints: its input (the text of an information screen,
        the closing's note)."""
        shown = pane.input
        if pane.closing is not None or shown is None:
            self.targets = [pane.note]
        elif not shown.findChildren(QWidget):
            self.targets = [pane.text]
        else:
            self.targets = [shown, *shown.findChildren(QWidget)]
        for target in self.targets:
            target.installEventFilter(self)

    def detach(self) -> None:
        for target in self.targets:
            if isValid(target):
                target.removeEventFilter(self)
        self.targets = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.done_at is None and event.type() == QEvent.Type.Paint:
            self.done_at = 0.0
            # The rest of this paint pass (and the flush) runs before a zero timer fires.
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        self.done_at = time.perf_counter()
        self.cpu_at = time.thread_time()
        self.loop.quit()


def _timed(act: Callable[[], None], pane: ScriptPane, timings: Timings | None = None) -> float:
    """Seconds from ``act()`` to the end of the paint pass of the pane's next screen.

    With ``timings`` (the console), the console's call of the pane attaches the watch and
    the step's parts are kept; without, ``act()`` builds the screen itself."""
    loop = QEventLoop()
    watch = _PaintWatch(loop)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    if timings is not None:
        timings.watch = watch
    try:
        started, cpu_started = time.perf_counter(), time.thread_time()
        act()
        if timings is None:
            watch.attach(pane)
        if watch.done_at is None or watch.done_at == 0.0:
            guard.start(STEP_TIMEOUT_MS)
            loop.exec()
    finally:
        watch.detach()
        guard.stop()
        if timings is not None:
            timings.watch = None
    if not watch.done_at:
        raise AssertionError("the next screen was not painted within 10 s")
    if timings is not None:
        timings.parts(started, watch.done_at, watch.cpu_at - cpu_started)
    return watch.done_at - started


def _key(key: Qt.Key, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _type(text: str) -> None:
    for char in text:
        _key(Qt.Key.Key_unknown, char)


def _digit(value: int) -> None:
    for char in str(value):
        _key(Qt.Key(Qt.Key.Key_0 + int(char)), char)


def _answer(screen: Screen, nps: int, first_rating: int) -> None:
    """Answer the shown screen from the keyboard as an interviewer would."""
    if screen.kind in ("single", "multi"):
        _digit(1)
    elif screen.kind == "nps":
        _digit(nps)
    elif screen.kind == "rating":
        _digit(4)
    elif screen.kind == "grid":
        for row in range(len(screen.rows)):
            _digit(first_rating if row == 0 else 3 + row % 3)
    elif screen.kind == "numeric":
        _type(f"{screen.minimum or 1:g}")
    elif screen.kind == "open":
        _type("Сроки поставки сорваны дважды, менеджер не перезвонил")


def _wait(qtbot: QtBot, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=STEP_TIMEOUT_MS)


def _interview(
    qtbot: QtBot, console: InterviewerConsole, nps: int, rating: int, timings: Timings
) -> None:
    """One contact: take it, dial, answer every screen timing each Enter, wrap up."""
    _key(Qt.Key.Key_F2)
    _wait(qtbot, lambda: console.claimed is not None and not console.busy)
    _key(Qt.Key.Key_F5)
    _wait(qtbot, lambda: console.pane.shown is not None and not console.busy)
    session = console.session
    assert isinstance(session, InterviewSession)
    save, pane = session.answer, console.pane
    show_screen, show_closing = pane.show_screen, pane.show_closing

    def timed(function: Callable[..., Any], start: str, end: str) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            timings.moments[start] = time.perf_counter()
            cpu = time.thread_time()
            try:
                return function(*args)
            finally:
                timings.moments[end] = time.perf_counter()
                timings.moments[f"{start}_cpu"] = time.thread_time() - cpu

        return call

    session.answer = timed(save, "save", "saved")  # type: ignore[method-assign]

    def watched(function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            result = function(*args)
            if timings.watch is not None:
                timings.watch.attach(pane)
            return result

        return call

    pane.show_screen = watched(timed(show_screen, "build", "built"))  # type: ignore[method-assign]
    pane.show_closing = watched(timed(show_closing, "build", "built"))  # type: ignore[method-assign]
    timings.screens.append(pane.shown)  # type: ignore[arg-type]
    while pane.closing is None:
        shown = pane.shown
        assert shown is not None
        _answer(shown, nps, rating)
        timings.steps.append(_timed(lambda: _key(Qt.Key.Key_Return), pane, timings))
        _wait(qtbot, lambda: not console.busy)
        assert not pane.message.text(), f"{shown.question_id}: {pane.message.text()}"
        timings.screens.append(pane.closing or pane.shown)  # type: ignore[arg-type]
    _key(Qt.Key.Key_Return)  # the closing leads to the wrap-up
    _wait(qtbot, lambda: console.stack.currentWidget() is console.outcome_panel)
    _key(Qt.Key.Key_Return)
    _wait(qtbot, lambda: console.claimed is None and not console.busy)
    del pane.show_screen, pane.show_closing


def _commit_floor(engine: Engine) -> list[float]:
    """One answer-sized row per ``BEGIN IMMEDIATE`` transaction, on the app's own settings."""
    value = '{"value": "Сроки поставки сорваны дважды, менеджер не перезвонил"}'
    connection = engine.raw_connection()
    times = []
    try:
        cursor = connection.cursor()
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)")
        for _ in range(FLOOR_ROWS):
            started = time.perf_counter()
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("INSERT INTO bench_floor (v) VALUES (?)", (value,))
            cursor.execute("COMMIT")
            times.append(time.perf_counter() - started)
        cursor.execute("DROP TABLE bench_floor")
    finally:
        connection.close()
    return times


def _screen_floor(qtbot: QtBot, size: Any, screens: list[Screen | Closing]) -> list[float]:
    """The same screens in a bare script pane: no database, no worker, no console."""
    pane = ScriptPane()
    qtbot.addWidget(pane)
    pane.resize(size)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    times = []
    for shown in screens:  # (the first one paints a window never painted before)
        if isinstance(shown, Closing):
            act: Callable[[], None] = lambda shown=shown: pane.show_closing(shown)  # noqa: E731
        else:
            act = lambda shown=shown: pane.show_screen(shown)  # noqa: E731
        times.append(_timed(act, pane))
        qtbot.wait(1)
    return times[1:]


@pytest.fixture
def b2b(engine: Engine) -> Iterator[Fieldwork]:
    study = make_study(engine)
    ids: list[int] = []
    for name in dict.fromkeys(segment for segment, _nps, _rating in PLANS):
        study.segment(name)
    for segment, _nps, _rating in PLANS:
        ids += study.contacts(1, segment=segment, position="Директор")
    study.script(SCRIPT)
    clock = SimulatedClock(T0)
    actor = add_account(engine, "olga", "Ольга", Role.INTERVIEWER, PASSWORD, clock)
    made = Fieldwork(engine, study, actor, clock, ids)
    yield made
    made.close()


def test_next_question_after_enter_on_the_console(
    benchmark: Any, qtbot: QtBot, engine: Engine, b2b: Fieldwork, capsys: Any
) -> None:
    benchmark.group = "console: Enter to the next question painted"
    console = InterviewerConsole(b2b.context(language="ru"))
    qtbot.addWidget(console)
    console.resize(1200, 800)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    _wait(qtbot, lambda: console.fieldwork is not None and not console.busy)
    timings = Timings()

    def run() -> None:
        for _segment, nps, rating in PLANS:
            _interview(qtbot, console, nps, rating, timings)

    benchmark.pedantic(run, rounds=1, iterations=1)
    with Session(engine) as session:
        statuses = [i.status for i in session.exec(select(Interview))]
    assert statuses == [InterviewStatus.COMPLETE] * len(PLANS)

    rows = {
        "console: Enter -> next question painted": _ms(timings.steps),
        "  CPU time it took (GUI thread + worker)": _ms(timings.cpu),
        "  Enter -> the worker starts": _ms(timings.to_worker),
        "  InterviewSession.answer (validate, route, commit)": _ms(timings.saves),
        "  saved -> the GUI thread builds the screen": _ms(timings.to_gui),
        "  the script pane builds the screen": _ms(timings.builds),
        "  built -> painted": _ms(timings.paints),
        "floor: commit one answer row (BEGIN IMMEDIATE)": _ms(_commit_floor(engine)),
        "floor: bare script pane, build + paint": _ms(
            _screen_floor(qtbot, console.pane.size(), timings.screens)
        ),
    }
    benchmark.extra_info.update({name.strip(): row for name, row in rows.items()})
    with capsys.disabled():
        print(f"\n{SCRIPT}, {len(PLANS)} interviews, SQLite file, offscreen")
        print(f"{'':50} {'n':>4} {'median':>8} {'p95':>8} {'max':>8}  (ms)")
        for name, row in rows.items():
            print(
                f"{name:50} {row['n']:>4} {row['median_ms']:>8.2f} {row['p95_ms']:>8.2f}"
                f" {row['max_ms']:>8.2f}"
            )
