"""Importing a 1,000,000-row call list into a SQLite study: time and peak memory (one round).

The file is the one of ``test_import_bench`` (cp1251, ';', mixed phone formats, 1 %
duplicates, 1 % junk rows); here every contact and phone is also saved, a batch per
transaction, with segments defined so each new contact is assigned one. Printed beside two
floors measured in the same run: the bare CSV read, and the same rows stored with a plain
``sqlite3.executemany`` (see :mod:`tests.bench.import_figures`); nothing asserts a time.

Run: .venv/bin/python -m pytest tests/bench/test_import_db_bench.py -o addopts="" --benchmark-only
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cati.clock import SimulatedClock
from cati.db import create_engine_for, upgrade_database
from cati.sample.importing import import_call_list
from cati.sample.row_pool import default_workers
from cati.segments import define_segments
from cati.studies import create_study
from tests.bench.import_figures import bare_csv_read, print_figures, timed
from tests.bench.test_import_bench import WORKERS, _make_call_list

ROWS = int(os.environ.get("CATI_BENCH_ROWS", "1000000"))
SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "scripts" / "b2b_nps_csi.yaml"
SEGMENTS = """\
- {name: frequent, rule: orders_per_year >= 40, target: 100}
- {name: moscow, rule: 'region == "Москва"', target: 100}
"""


def plain_executemany(path: Path, database: Path, batch: int = 1000) -> float:
    """Seconds to read the file with the csv module and store each row as a contact with one
    phone using only ``sqlite3.executemany`` (the main columns, a commit per ``batch`` rows, WAL,
    no phone parsing, no checks): the floor of the database's part of the import."""

    def store() -> None:
        connection = sqlite3.connect(database, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(FLOOR_CONTACT)
        connection.execute(FLOOR_PHONE)
        now = datetime(2024, 6, 1, tzinfo=UTC).isoformat()
        with path.open(encoding="cp1251", newline="") as stream:
            reader = csv.reader(stream, delimiter=";")
            next(reader)
            contacts: list[tuple[object, ...]] = []
            phones: list[tuple[object, ...]] = []
            for number, row in enumerate(reader, start=1):
                attributes = json.dumps(dict(zip(FLOOR_KEYS, row[6:], strict=False)))
                contacts.append((number, 1, *row[:3], row[5], "Europe/Moscow", attributes, now))
                phones.append((number, 1, 0, row[3], row[4] or None, row[3]))
                if len(contacts) >= batch:
                    _store(connection, contacts, phones)
            _store(connection, contacts, phones)
        connection.close()

    return timed(store)[0]


def _store(
    connection: sqlite3.Connection,
    contacts: list[tuple[object, ...]],
    phones: list[tuple[object, ...]],
) -> None:
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO contact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", contacts)
    connection.executemany("INSERT OR IGNORE INTO contact_phone VALUES (?, ?, ?, ?, ?, ?)", phones)
    connection.execute("COMMIT")
    contacts.clear()
    phones.clear()


FLOOR_CONTACT = """CREATE TABLE contact (id INTEGER PRIMARY KEY, study_id INTEGER, company TEXT,
    name TEXT, position TEXT, region TEXT, timezone TEXT, attributes JSON, created_at TEXT)"""
FLOOR_PHONE = """CREATE TABLE contact_phone (contact_id INTEGER, study_id INTEGER,
    position INTEGER, e164 TEXT, extension TEXT, raw TEXT, UNIQUE (study_id, e164))"""
FLOOR_KEYS = ("last_order", "orders_per_year", "revenue", "product")


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_import_one_million_rows_into_sqlite(
    benchmark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "million.csv"
    _make_call_list(path, ROWS)
    engine = create_engine_for(f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    upgrade_database(engine)
    clock = SimulatedClock(datetime(2024, 6, 1, tzinfo=UTC))
    create_study(engine, "Bench", SCRIPT, clock=clock)
    # Segments are defined before the import (on an empty study the fields are unknown, so
    # they are checked against a one-row import of the same columns first).
    seed = tmp_path / "seed.csv"
    _make_call_list(seed, 1)
    import_call_list(engine, "Bench", seed, clock=clock)
    define_segments(engine, "Bench", SEGMENTS, clock=clock)
    outcome: dict[str, Any] = {}

    def run() -> None:
        outcome["result"] = import_call_list(
            engine, "Bench", path, rejects=tmp_path / "rejects.csv", clock=clock, workers=WORKERS
        )

    measured = timed(lambda: benchmark.pedantic(run, rounds=1, iterations=1))
    result = outcome["result"]
    engine.dispose()
    print_figures(
        benchmark,
        capsys,
        "importing into SQLite (check, prepare, save, rejects)",
        ROWS,
        measured,
        {
            "bare csv read": bare_csv_read(path),
            "csv read + plain executemany": plain_executemany(path, tmp_path / "floor.sqlite3"),
        },
        workers=default_workers() if WORKERS is None else WORKERS,
        file_mb=round(path.stat().st_size / 1e6, 1),
        database_mb=round((tmp_path / "bench.sqlite3").stat().st_size / 1e6, 1),
        imported=result.imported,
        rejected=result.rejected,
        segments=result.segments,
    )
    assert result.read == ROWS
    assert result.read == result.imported + result.rejected + result.summary["empty"]
