"""Reading a 1,000,000-row call list: rows/s and peak memory beside the bare CSV read.

One round; not a test of speed (see :mod:`tests.bench.import_figures`). Memory is the peak
resident set (``getrusage``) of the process and of its largest worker: tracemalloc would
triple the time. ``CATI_BENCH_ROWS`` sets a smaller size for a quick look,
``CATI_BENCH_WORKERS`` the number of worker processes (0: one process).

Run: .venv/bin/python -m pytest tests/bench/test_import_bench.py -o addopts="" --benchmark-only
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cati.sample import read_call_list
from cati.sample.row_pool import default_workers
from tests.bench.import_figures import bare_csv_read, print_figures, timed

ROWS = int(os.environ.get("CATI_BENCH_ROWS", "1000000"))
#: ``CATI_BENCH_WORKERS=0`` measures the same import in one process, for comparison.
WORKERS = int(os.environ["CATI_BENCH_WORKERS"]) if "CATI_BENCH_WORKERS" in os.environ else None
HEADER = (
    "Компания;ФИО;Должность;Телефон;Доб.;Регион;Дата последнего заказа;Заказов в год;"
    "Выручка, руб.;Продукт\r\n"
)
CODES = ("495", "812", "383", "343", "916", "903", "926", "4012", "423", "3812")
REGIONS = ("Москва", "Санкт-Петербург", "Новосибирская обл.", "Приморский край", "")


def _make_call_list(path: Path, rows: int) -> None:
    """A cp1251 ';' export with mixed phone formats, 1 % duplicates and 1 % junk rows."""
    with path.open("w", encoding="cp1251", newline="") as out:
        out.write(HEADER)
        for i in range(rows):
            n = i - 1 if i % 100 == 99 else i  # every hundredth row repeats the one before
            code = CODES[n % len(CODES)]
            digits = str(10_000_000 + n)[-(10 - len(code)) :]
            phone = f"8 ({code}) {digits}" if n % 2 else f"+7{code}{digits}"
            if i % 100 == 50:
                phone = "нет телефона"
            out.write(
                f'"ООО ""Компания {i}""";Иванов Иван {i};Директор;{phone};;'
                f"{REGIONS[i % len(REGIONS)]};{1 + i % 28:02d}.{1 + i % 12:02d}.2023;"
                f"{i % 50};{i * 7 % 100000} 123,45;Продукт {i % 7}\r\n"
            )


@pytest.mark.slow
@pytest.mark.timeout(3600)  # the suite's 300 s limit is for tests, not this measurement
def test_import_one_million_rows(
    benchmark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "million.csv"
    _make_call_list(path, ROWS)
    outcome: dict[str, Any] = {}

    def run() -> None:
        with read_call_list(path, batch_size=10_000, workers=WORKERS) as calls:
            for _batch in calls.batches():
                pass  # a database would save the batch here
        outcome["summary"] = calls.summary.to_dict()

    measured = timed(lambda: benchmark.pedantic(run, rounds=1, iterations=1))
    summary = outcome["summary"]
    print_figures(
        benchmark,
        capsys,
        "reading and preparing",
        ROWS,
        measured,
        {"bare csv read": bare_csv_read(path)},
        workers=default_workers() if WORKERS is None else WORKERS,
        file_mb=round(path.stat().st_size / 1e6, 1),
        imported=summary["imported"],
        rejected=summary["rejected"],
    )
    assert summary["read"] == ROWS
    assert summary["read"] == summary["imported"] + summary["rejected"] + summary["empty"]
