"""Preparing the rows of a big call list in worker processes, results in file order.

Parsing phone numbers (``phonenumbers``, tens of microseconds a number) is most of the cost
of reading a call list, and one Python process uses one core. So once a file has shown
itself big (:data:`PARALLEL_FROM` rows), the rest of its rows are read here in chunks and
prepared (:func:`cati.sample.rows.prepare_row`) by a pool of worker processes, while this
process decides duplicates and saves contacts. Small files never pay for starting a pool.

* **Order.** Chunks are handed out in file order and their results taken back in the same
  order, so contacts, rejects and row numbers are exactly what one process would give.
* **Bounded memory.** At most four chunks per worker are in flight; reading waits for the
  oldest result, so memory does not grow with the file.
* **Errors where one process would raise them.** A row that cannot be read (a file changed
  after its check) stops the reading, but the rows before it are still prepared and given
  out first, then the error is raised.
* **Stopping.** Closing the iterator (a cancel, an error while saving, Ctrl+C) cancels the
  chunks not started and waits for the workers to exit: no process is left behind. Workers
  ignore Ctrl+C (the terminal sends it to them too); this process decides what it means.
* Workers are started with ``spawn``, which is safe in a process with threads (the app
  imports in a background thread).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from cati.sample.errors import CallListError
from cati.sample.rows import PreparedRow, RowContext, decode_rows, encode_rows, prepare_row

__all__ = ["CHUNK_ROWS", "PARALLEL_FROM", "default_workers", "prepared_rows"]

#: Rows prepared in this process before a pool is started: starting two workers costs about
#: a second, the time one process takes for some ten thousand rows.
PARALLEL_FROM = 20_000
#: Rows handed to a worker at a time.
CHUNK_ROWS = 1_000
_MAX_WORKERS = 4  # the process saving the contacts also needs a core
#: Chunks handed out per worker ahead of the one being used: enough that a worker or this
#: process being descheduled for a moment (a busy machine) does not stall the other side.
IN_FLIGHT_PER_WORKER = 4

Record = tuple[int, list[object]]
_Chunk = list[Record]

_context: RowContext | None = None  # in a worker: set once by _start_worker


def default_workers() -> int:
    """How many workers to use on this machine: one per core up to four; none on one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = min(cores or 1, _MAX_WORKERS)
    return count if count >= 2 else 0


def prepared_rows(
    records: Iterator[Record],
    context: RowContext,
    *,
    path: Path,
    workers: int,
    parallel_from: int = PARALLEL_FROM,
    chunk_rows: int = CHUNK_ROWS,
) -> Generator[PreparedRow, None, None]:
    """Every record prepared, in order: the first ``parallel_from`` here, the rest by
    ``workers`` processes (none when ``workers`` < 2). Close the iterator when stopping
    early (``contextlib.closing``) so the workers exit at once."""
    done = 0
    if workers < 2 or parallel_from > 0:
        for row, cells in records:
            yield prepare_row(row, cells, context)
            done += 1
            if workers >= 2 and done >= parallel_from:
                break
        else:
            return
    yield from _pooled(records, context, path, workers, chunk_rows)


def _pooled(
    records: Iterator[Record], context: RowContext, path: Path, workers: int, chunk_rows: int
) -> Iterator[PreparedRow]:
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(context,),
    )
    pending: deque[Future[list[tuple[object, ...]]]] = deque()
    failure: CallListError | None = None
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < IN_FLIGHT_PER_WORKER * workers:
                chunk, failure = _read_chunk(records, chunk_rows)
                exhausted = failure is not None or len(chunk) < chunk_rows
                if chunk:
                    pending.append(executor.submit(_prepare_chunk, chunk))
            if not pending:
                break
            try:
                encoded = pending.popleft().result()
            except BrokenProcessPool:
                raise CallListError(
                    path,
                    "a worker process preparing the rows stopped unexpectedly (the computer "
                    "may be out of memory); close other programs and import the file again",
                ) from None
            yield from decode_rows(encoded)
        if failure is not None:
            raise failure
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _read_chunk(records: Iterator[Record], size: int) -> tuple[_Chunk, CallListError | None]:
    """Up to ``size`` records, and the error that stopped the reading, if one did."""
    chunk: _Chunk = []
    try:
        for record in records:
            chunk.append(record)
            if len(chunk) >= size:
                break
    except CallListError as error:
        return chunk, error
    return chunk, None


def _start_worker(context: RowContext) -> None:
    global _context
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _context = context


def _prepare_chunk(chunk: _Chunk) -> list[tuple[object, ...]]:
    if _context is None:
        raise RuntimeError("a call-list worker was started without its context")
    return encode_rows([prepare_row(row, cells, _context) for row, cells in chunk])
