"""The whole path on a fresh database: demo -> rates -> report (ru, en) -> exports.

The demo's respondents answer from a documented model (cati.demo.respondents) with known
driver weights and a built-in gap between lost and regular clients; the report must find
both: that is what makes its findings meaningful.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from docx import Document

from cati.app import open_database
from cati.cli import main
from cati.demo.build import DEMO_STUDY, build_demo
from cati.demo.respondents import DRIVER_WEIGHTS
from cati.reporting.study_report import study_report_data
from reports import build_report

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)]

CSI_ROWS = {"quality", "manager", "delivery", "documents", "price", "support"}


def test_demo_rates_report_and_exports_on_a_fresh_database(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db_url) as engine:
        summary = build_demo(engine, data_dir=tmp_path)
        assert summary.imported == 1500 and summary.rejected == 43
        assert 280 <= summary.completes <= 350  # about 350, some contacts left to call
        assert Path(summary.rejects_file).exists()
        with pytest.raises(Exception, match="exists already"):
            build_demo(engine, data_dir=tmp_path)

    assert main(["--db", db_url, "rates", DEMO_STUDY, "--json"]) == 0
    rates = json.loads(capsys.readouterr().out)
    assert rates["overall"]["rates"]["RR1"]["value"] > 0.1
    assert {s["segment"] for s in rates["segments"]} >= {"lost", "new", "regular"}

    for lang in ("ru", "en"):
        out = tmp_path / f"report_{lang}.docx"
        assert (
            main(
                [
                    "--db",
                    db_url,
                    "report",
                    DEMO_STUDY,
                    "--out",
                    str(out),
                    "--lang",
                    lang,
                    "--weights",
                    "population",
                ]
            )
            == 0
        )
        document = Document(str(out))
        text = "\n".join(p.text for p in document.paragraphs)
        assert ("Ушедшие клиенты" if lang == "ru" else "Lost clients") in text
        assert "+7" not in text and "@" not in text  # no phones, no e-mail addresses

    with open_database(db_url) as engine:
        data = study_report_data(engine, DEMO_STUDY, lang="en")
    model = build_report(data, tmp_path / "check.docx", lang="en")
    ranking = [name.split(".")[-1] for name in model.facts["driver_ranking"]]
    assert set(ranking) <= CSI_ROWS
    true_top = sorted(DRIVER_WEIGHTS, key=DRIVER_WEIGHTS.__getitem__, reverse=True)[:2]
    assert set(ranking[:2]) == set(true_top), ranking
    pairs = model.facts["nps_pairs"]
    lost_regular = pairs[
        ((pairs["a"] == "lost") & (pairs["b"] == "regular"))
        | ((pairs["a"] == "regular") & (pairs["b"] == "lost"))
    ]
    assert len(lost_regular) == 1 and bool(lost_regular["significant"].iloc[0])

    exported = {}
    for fmt, name in (
        ("csv", "demo.csv"),
        ("xlsx", "demo.xlsx"),
        ("sav", "demo.sav"),
        ("sss", "demo.sss"),
    ):
        path = tmp_path / name
        assert (
            main(
                [
                    "--db",
                    db_url,
                    "export",
                    DEMO_STUDY,
                    "--format",
                    fmt,
                    "--out",
                    str(path),
                    "--weights",
                ]
            )
            == 0
        ), capsys.readouterr().err
        exported[fmt] = path
    data_frame, meta = pyreadstat.read_sav(str(exported["sav"]))
    assert (data_frame["status"] == 1).sum() == summary.completes
    assert "nps" in data_frame.columns and meta.column_names_to_labels["nps"]
    sheet = pd.read_excel(exported["xlsx"], sheet_name=None)
    assert {"data", "labels", "paradata"} <= set(sheet)
    assert not any("phone" in c.lower() or "email" in c.lower() for c in sheet["data"].columns)
