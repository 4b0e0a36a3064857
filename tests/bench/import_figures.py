"""Figures of the import benchmarks: rows a second and peak memory beside a floor.

A floor is the bare cost of part of the same work measured in the same run (reading the file
with the csv module; inserting the same rows with a plain ``executemany``), so a figure can
be read on a busy or a slow machine: "3.1x the bare CSV read" means the same wherever it is
measured. Nothing here asserts a time.

Peak memory is the peak resident set of this process (``getrusage``) and of the largest
of its worker processes (their ``VmHWM`` in ``/proc``, watched while the import runs:
``getrusage``'s figure for children would count the parent's memory at the fork before
``exec``); the import's total peak is at most this process's plus one per worker.
"""

from __future__ import annotations

import contextlib
import csv
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

__all__ = ["WorkerMemory", "bare_csv_read", "print_figures", "process_peak_mb", "timed"]

_UNIT = 1024 if sys.platform != "darwin" else 1024**2  # ru_maxrss: KiB on Linux, B on macOS


class WorkerMemory:
    """The largest peak resident set (MB) of this process's children while it watches them
    (Linux ``/proc``; 0 elsewhere)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak_mb = 0.0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self._interval):
            for pid in _children():
                self.peak_mb = max(self.peak_mb, _peak_rss_mb(pid))


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").glob("*"):
        with contextlib.suppress(OSError):
            pids.extend(int(pid) for pid in (task / "children").read_text().split())
    return pids


def _peak_rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def process_peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / _UNIT, 1)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Seconds ``work`` took, and the largest peak memory (MB) of a worker meanwhile."""
    with WorkerMemory() as workers:
        started = time.perf_counter()
        work()
        seconds = time.perf_counter() - started
    return seconds, round(workers.peak_mb, 1)


def bare_csv_read(path: Path, encoding: str = "cp1251") -> float:
    """Seconds to read every row of ``path`` with the csv module and nothing else."""

    def read() -> None:
        with path.open(encoding=encoding, newline="") as stream:
            for _row in csv.reader(stream, delimiter=";"):
                pass

    return timed(read)[0]


def print_figures(
    benchmark: Any,
    capsys: pytest.CaptureFixture[str],
    title: str,
    rows: int,
    measured: tuple[float, float],
    floors: dict[str, float],
    **extra: Any,
) -> None:
    """Record the figures of ``measured`` (:func:`timed`) in ``benchmark.extra_info`` and
    print them on the terminal."""
    seconds, worker_peak = measured
    peak = process_peak_mb()
    figures: dict[str, Any] = {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mb": peak,
        "largest_worker_peak_rss_mb": worker_peak,
        **{f"floor_{name}_s": round(value, 1) for name, value in floors.items()},
        **extra,
    }
    benchmark.extra_info.update(figures)
    lines = [
        f"{title}: {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s; "
        f"peak RSS {peak:.0f} MB, largest worker {worker_peak:.0f} MB"
    ]
    for name, value in floors.items():
        lines.append(
            f"  floor {name}: {value:.1f} s = {rows / value:,.0f} rows/s "
            f"(the import takes {seconds / value:.1f}x)"
        )
    lines.extend(f"  {key}: {value}" for key, value in extra.items())
    with capsys.disabled():
        print("\n" + "\n".join(lines))
