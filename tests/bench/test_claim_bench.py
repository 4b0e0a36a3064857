"""Benchmark: claim latency of the call queue (median and 99th percentile).

* SQLite, 1,000,000 contacts in 11 time zones (Kaliningrad to Kamchatka) and 4 segments with
  quotas, a tenth of them due retries, some numbers on the do-not-call list: 300 claims.
* PostgreSQL, 200,000 contacts, 32 concurrent claimers (threads, own connections), 20 claims
  each.

Run with ``.venv/bin/python -m pytest tests/bench/test_claim_bench.py -o addopts=""
--benchmark-only``. Timings go to ``benchmark.extra_info``; they are never asserted.
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from cati.clock import SimulatedClock
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


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "claims": len(ordered),
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def _claim_timed(engine: Engine, study_id: int, person: int, clock: SimulatedClock) -> float:
    started = time.perf_counter()
    result = claim_next_contact(engine, study_id, person, clock)
    elapsed = time.perf_counter() - started
    assert isinstance(result, Claim), result
    return elapsed


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_claim_latency_with_a_million_contacts_on_sqlite(benchmark: Any, engine: Engine) -> None:
    study_id = _fill(engine, 1_000_000)
    people = [make_interviewer(engine, f"seat{n}") for n in range(300)]
    clock = SimulatedClock(NOW)

    def run() -> list[float]:
        return [_claim_timed(engine, study_id, person, clock) for person in people]

    latencies = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(_percentiles(latencies))


@pytest.mark.parametrize("db_backend", ["postgres"], indirect=True)
def test_claim_latency_with_32_concurrent_claimers_on_postgresql(
    benchmark: Any, engine: Engine, db_url: str
) -> None:
    study_id = _fill(engine, 200_000)
    people = [make_interviewer(engine, f"seat{n}") for n in range(32 * 20)]
    from cati.db import create_engine_for

    shared = create_engine_for(db_url, pool_size=32, max_overflow=0)
    clock = SimulatedClock(NOW)

    def worker(seat: int) -> list[float]:
        return [_claim_timed(shared, study_id, person, clock) for person in people[seat::32]]

    def run() -> list[float]:
        with ThreadPoolExecutor(32) as pool:
            return [t for chunk in pool.map(worker, range(32)) for t in chunk]

    try:
        latencies = benchmark.pedantic(run, rounds=1, iterations=1)
    finally:
        shared.dispose()
    benchmark.extra_info.update(_percentiles(latencies))
