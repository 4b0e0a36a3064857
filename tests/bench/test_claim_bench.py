"""Benchmark: claim latency of the call queue (median and 99th percentile).

* SQLite, 1,000,000 contacts in 11 time zones (Kaliningrad to Kamchatka) and 4 segments with
  quotas, a tenth of them due retries, some numbers on the do-not-call list: 300 claims.
* PostgreSQL, 200,000 contacts, 32 concurrent claimers (threads, own connections), 20 claims
  each.

Each prints the median, the 99th percentile and the claims per second of cati's claim beside
the floor: a bare ``SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1`` + ``UPDATE`` of the
longest-overdue retry (SQLite: the same under ``BEGIN IMMEDIATE``), same engine, same run.

Run with ``.venv/bin/python -m pytest tests/bench/test_claim_bench.py -o addopts=""
--benchmark-only`` (or ``make bench``). Timings go to ``benchmark.extra_info`` and the
terminal; they are never asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from cati.clock import SimulatedClock
from cati.db import session_scope
from cati.scheduler.queue import Claim, claim_next_contact
from tests.cati.scheduler.factory import T0, make_interviewer, make_study

ZONES = [
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Kamchatka",
]
NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)  # Wednesday: 12:00 Moscow, 19:00 Vladivostok


def _fill(engine: Engine, contacts: int, batch: int = 50_000) -> int:
    study = make_study(engine, "bench")
    segments = [study.segment(name, target=contacts // 50) for name in ("a", "b", "c", "d")]
    stamp = T0.replace(tzinfo=None).isoformat(sep=" ") if engine.dialect.name == "sqlite" else T0
    due = (NOW - timedelta(hours=1)).replace(tzinfo=None).isoformat(sep=" ")
    due_at: Any = due if engine.dialect.name == "sqlite" else NOW - timedelta(hours=1)
    with engine.begin() as connection:
        for start in range(0, contacts, batch):
            rows = []
            phones = []
            for n in range(start, min(contacts, start + batch)):
                retry = n % 10 == 0
                rows.append(
                    {
                        "id": n + 1,
                        "study_id": study.study_id,
                        "segment_id": segments[n % 4],
                        "timezone": ZONES[n % len(ZONES)],
                        "state": "scheduled" if retry else "fresh",
                        "next_call_at": due_at if retry else None,
                        "attempt_count": 1 if retry else 0,
                        "stamp": stamp,
                    }
                )
                phones.append(
                    {"contact_id": n + 1, "study": study.study_id, "e164": f"+7495{n:07d}"}
                )
            connection.execute(
                text(
                    "INSERT INTO contact (id, study_id, segment_id, company, name, position, "
                    "email, region, timezone, timezone_source, attributes, state, "
                    "attempt_count, next_call_at, priority, version, created_at, updated_at) "
                    "VALUES (:id, :study_id, :segment_id, '', '', '', '', '', :timezone, "
                    "'phone', '{}', :state, :attempt_count, :next_call_at, 0, 0, :stamp, :stamp)"
                ),
                rows,
            )
            connection.execute(
                text(
                    "INSERT INTO contact_phone (contact_id, study_id, position, e164, raw, "
                    "status) VALUES (:contact_id, :study, 0, :e164, '', 'ok')"
                ),
                phones,
            )
        connection.execute(
            text(
                "INSERT INTO do_not_call (e164, reason, source, added_at) "
                "SELECT e164, 'bench', 'bench', :stamp FROM contact_phone WHERE id % 97 = 0"
            ),
            {"stamp": stamp},
        )
        if engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT setval('contact_id_seq', (SELECT MAX(id) FROM contact))")
            )
            connection.execute(text("ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))
    return study.study_id


def _percentiles(latencies: list[float], wall: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "claims": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "max_ms": ordered[-1] * 1000,
        "claims_per_s": len(ordered) / wall,
    }


def _claim_timed(engine: Engine, study_id: int, person: int, clock: SimulatedClock) -> float:
    started = time.perf_counter()
    result = claim_next_contact(engine, study_id, person, clock)
    elapsed = time.perf_counter() - started
    assert isinstance(result, Claim), result
    return elapsed


# The floor: the least a claim can do - take the longest-overdue retry of an indexed table
# with one SELECT (FOR UPDATE SKIP LOCKED on PostgreSQL, under BEGIN IMMEDIATE on SQLite) and
# one UPDATE, through the same SQLAlchemy engine. cati's claim does more (the seat's own
# lease, quotas, calling hours, call-backs, do-not-call), so the distance to it is the price.
_FLOOR_PICK = text(
    "SELECT id FROM contact WHERE study_id = :study AND state = 'scheduled' "
    "AND next_call_at <= :now ORDER BY next_call_at LIMIT 1"
)
_FLOOR_PICK_LOCKED = text(str(_FLOOR_PICK) + " FOR UPDATE SKIP LOCKED")
_FLOOR_TAKE = text(
    "UPDATE contact SET state = 'claimed', claimed_by = :seat, claim_expires_at = :until "
    "WHERE id = :id"
)


def _floor_claim_timed(engine: Engine, study_id: int, seat: int) -> float:
    postgres = engine.dialect.name == "postgresql"
    now: Any = NOW if postgres else NOW.replace(tzinfo=None).isoformat(sep=" ")
    until: Any = NOW + timedelta(minutes=30)
    if not postgres:
        until = until.replace(tzinfo=None).isoformat(sep=" ")
    started = time.perf_counter()
    with session_scope(engine, immediate=True) as session:
        found = session.execute(
            _FLOOR_PICK_LOCKED if postgres else _FLOOR_PICK, {"study": study_id, "now": now}
        ).scalar_one()
        session.execute(_FLOOR_TAKE, {"seat": seat, "until": until, "id": found})
    return time.perf_counter() - started


def _report(
    capsys: pytest.CaptureFixture[str], title: str, rows: dict[str, dict[str, float]]
) -> None:
    """Print the figures beside the floor (``make bench`` captures nothing of this)."""
    with capsys.disabled():
        print(f"\n{title}")
        for name, figures in rows.items():
            print(
                f"  {name:<24} median {figures['median_ms']:7.2f} ms   p99 "
                f"{figures['p99_ms']:7.2f} ms   {figures['claims_per_s']:7.0f} claims/s"
                f"   ({figures['claims']:.0f} claims)"
            )


def _timed_run(run: Callable[[], list[float]]) -> tuple[list[float], float]:
    started = time.perf_counter()
    latencies = run()
    return latencies, time.perf_counter() - started


def _without_fsync_per_commit(url: str) -> Engine:
    """An engine whose connections use ``PRAGMA synchronous=NORMAL``: in WAL mode a commit no
    longer waits for the disk (the WAL is synced at checkpoints; a power cut may lose the
    last commits, an application crash loses nothing). cati keeps SQLite's default (FULL);
    this measures what that durability costs a claim."""
    from cati.db import create_engine_for

    relaxed = create_engine_for(url)

    def no_fsync(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA synchronous=NORMAL")

    event.listen(relaxed, "connect", no_fsync)
    return relaxed


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_claim_latency_with_a_million_contacts_on_sqlite(
    benchmark: Any, engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    study_id = _fill(engine, 1_000_000)
    people = [make_interviewer(engine, f"seat{n}") for n in range(600)]
    first, second = people[:300], people[300:]
    clock = SimulatedClock(NOW)

    def run() -> tuple[list[float], float]:
        return _timed_run(lambda: [_claim_timed(engine, study_id, p, clock) for p in first])

    latencies, wall = benchmark.pedantic(run, rounds=1, iterations=1)
    cati = _percentiles(latencies, wall)
    floor = _percentiles(
        *_timed_run(lambda: [_floor_claim_timed(engine, study_id, p) for p in first])
    )
    relaxed = _without_fsync_per_commit(db_url)
    try:
        cati_relaxed = _percentiles(
            *_timed_run(lambda: [_claim_timed(relaxed, study_id, p, clock) for p in second])
        )
        floor_relaxed = _percentiles(
            *_timed_run(lambda: [_floor_claim_timed(relaxed, study_id, p) for p in second])
        )
    finally:
        relaxed.dispose()
    benchmark.extra_info.update(cati)
    benchmark.extra_info.update({f"floor_{key}": value for key, value in floor.items()})
    _report(
        capsys,
        "claim, SQLite, 1,000,000 contacts, one seat after another",
        {
            "cati claim_next_contact": cati,
            "floor (SELECT + UPDATE)": floor,
            "cati, synchronous=NORMAL": cati_relaxed,
            "floor, synchronous=NORMAL": floor_relaxed,
        },
    )


@pytest.mark.parametrize("db_backend", ["postgres"], indirect=True)
def test_claim_latency_with_32_concurrent_claimers_on_postgresql(
    benchmark: Any, engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    study_id = _fill(engine, 200_000)
    people = [make_interviewer(engine, f"seat{n}") for n in range(32 * 20)]
    from cati.db import create_engine_for

    shared = create_engine_for(db_url, pool_size=32, max_overflow=0)
    clock = SimulatedClock(NOW)

    def in_parallel(claim: Callable[[int], float]) -> tuple[list[float], float]:
        def worker(seat: int) -> list[float]:
            return [claim(person) for person in people[seat::32]]

        def run() -> list[float]:
            with ThreadPoolExecutor(32) as pool:
                return [t for chunk in pool.map(worker, range(32)) for t in chunk]

        return _timed_run(run)

    try:
        latencies, wall = benchmark.pedantic(
            lambda: in_parallel(lambda p: _claim_timed(shared, study_id, p, clock)),
            rounds=1,
            iterations=1,
        )
        floor = _percentiles(*in_parallel(lambda p: _floor_claim_timed(shared, study_id, p)))
    finally:
        shared.dispose()
    cati = _percentiles(latencies, wall)
    benchmark.extra_info.update(cati)
    benchmark.extra_info.update({f"floor_{key}": value for key, value in floor.items()})
    _report(
        capsys,
        "claim, PostgreSQL, 200,000 contacts, 32 seats claiming back to back",
        {
            "cati claim_next_contact": cati,
            "floor (SKIP LOCKED+UPDATE)": floor,
        },
    )
