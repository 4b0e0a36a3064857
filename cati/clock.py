"""Time, injected: every service that needs "now" takes a :class:`Clock`.

Tests, the robot interviewer and rehearsals use :class:`SimulatedClock`; the app uses
:class:`SystemClock`. Never patch ``time.time``.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where services get the time; tests and the robot interviewer inject a simulated one."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def wait(self, event: threading.Event, seconds: float) -> bool:
        """Let ``seconds`` pass unless ``event`` is set first; True if it was set."""
        ...


class SystemClock:
    """Wall-clock time and real waiting."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        return event.wait(max(0.0, seconds))


class SimulatedClock:
    """Simulated time: a wait passes its whole duration at once unless its event is set.

    Time moves only when something waits or :meth:`advance` is called, so a test (or a robot
    interviewer) runs through minutes of ringing in microseconds, and the result is the same
    on every run.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("SimulatedClock needs a timezone-aware start time")
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        if event.is_set():
            return True
        self.advance(max(0.0, seconds))
        return event.is_set()
