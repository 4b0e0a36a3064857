"""Importing a 1,000,000-row call list into a SQLite study: time and peak memory (one round).

The file is the one of ``test_import_bench`` (cp1251, ';', mixed phone formats, 1 %
duplicates, 1 % junk rows); here every contact and phone is also saved, a batch per
transaction, with segments defined so each new contact is assigned one. Memory is the
process's peak resident set (``getrusage``).

Run: .venv/bin/python -m pytest tests/bench/test_import_db_bench.py -o addopts="" --benchmark-only
"""

from __future__ import annotations

import os
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cati.clock import SimulatedClock
from cati.db import create_engine_for, upgrade_database
from cati.sample.importing import import_call_list
from cati.segments import define_segments
from cati.studies import create_study
from tests.bench.test_import_bench import _make_call_list

ROWS = int(os.environ.get("CATI_BENCH_ROWS", "1000000"))
SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "scripts" / "b2b_nps_csi.yaml"
SEGMENTS = """\
- {name: frequent, rule: orders_per_year >= 40, target: 100}
- {name: moscow, rule: 'region == "Москва"', target: 100}
"""


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_import_one_million_rows_into_sqlite(benchmark: Any, tmp_path: Path) -> None:
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
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def run() -> None:
        outcome["result"] = import_call_list(
            engine, "Bench", path, rejects=tmp_path / "rejects.csv", clock=clock
        )

    benchmark.pedantic(run, rounds=1, iterations=1)
    result = outcome["result"]
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    unit = 1024 if sys.platform != "darwin" else 1024**2  # ru_maxrss: KiB on Linux, B on macOS
    engine.dispose()
    benchmark.extra_info.update(
        {
            "rows": ROWS,
            "file_mb": round(path.stat().st_size / 1e6, 1),
            "database_mb": round((tmp_path / "bench.sqlite3").stat().st_size / 1e6, 1),
            "imported": result.imported,
            "rejected": result.rejected,
            "segments": result.segments,
            "max_rss_mb": round(max_rss / unit, 1),
            "max_rss_growth_mb": round((max_rss - rss_before) / unit, 1),
        }
    )
    assert result.read == ROWS
    assert result.read == result.imported + result.rejected + result.summary["empty"]
