"""A progress bar for the terminal, fed by the reader's ``progress(done, total)`` callback.

It draws on stderr, and only when stderr is a terminal: piped or redirected output (scripts,
``--json``, CI logs) stays clean. Redraws are limited to a few per second so a million-row
import does not spend its time printing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["TerminalProgress"]

_WIDTH = 30
_MIN_INTERVAL = 0.2  # seconds between redraws


class TerminalProgress:
    """``progress(done, total)`` drawing ``label [#####     ]  42%  12.0/28.5 MB``."""

    def __init__(
        self, label: str = "Importing", *, unit: str = "bytes", stream: TextIO | None = None
    ) -> None:
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = total is not None and done >= total
        if not finished and now - self._last < _MIN_INTERVAL:
            return
        self._last = now
        self.stream.write("\r" + self.render(done, total))
        self.stream.flush()
        self._drawn = True

    def render(self, done: int, total: int | None) -> str:
        """One line of text for the state ``done`` of ``total``; pure, for tests."""
        amount = self._amount(done) + (f"/{self._amount(total)}" if total else "")
        if not total:
            return f"{self.label}  {amount}"
        share = min(max(done / total, 0.0), 1.0)
        filled = round(share * _WIDTH)
        bar = "#" * filled + " " * (_WIDTH - filled)
        return f"{self.label} [{bar}] {share * 100:3.0f}%  {amount}"

    def _amount(self, value: int) -> str:
        if self.unit == "bytes":
            return f"{value / 1_000_000:.1f} MB"
        return f"{value:,} {self.unit}".replace(",", " ")

    def finish(self) -> None:
        """End the bar's line so the next output starts on a fresh one."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
