"""Benchmark: the full Word report for 10,000 interviews, 25 questions and 12 segments.

Run with ``.venv/bin/python -m pytest tests/bench/test_report_bench.py -o addopts=""
--benchmark-only``. Timings are recorded by pytest-benchmark, never asserted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from reports import build_report
from tests.reports.document.synthetic import make_study


def test_full_report_for_10000_interviews_benchmark(benchmark: Any, tmp_path: Path) -> None:
    data = make_study(segments=12, n_total=10_000, extra_questions=4, seed=11)
    assert len(data.script.questions) == 25 and len(data.responses) == 10_000
    out = tmp_path / "bench.docx"
    model = benchmark.pedantic(
        build_report,
        args=(data, out),
        kwargs={"lang": "ru", "weights": "population"},
        rounds=1,
        iterations=1,
    )
    doc = Document(str(out))
    assert len(doc.inline_shapes) >= 12 + 6  # one profile per segment + overall charts
    assert model.findings is not None and len(model.findings.driver_ranking) == 6
