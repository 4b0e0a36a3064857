"""The whole path on a fresh machine: ``make run``'s ``cati demo --if-empty`` into the default
database -> rates -> report (ru, en) -> exports -> ``make run``'s ``cati``: sign in as the demo
account and reach the interviewer console of the demo study, ready for "Next contact".

The demo's respondents answer from a documented model (cati.demo.respondents) with known
driver weights and a built-in gap between lost and regular clients; the report must find
both: that is what makes its findings meaningful.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from docx import Document
from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cati.app import open_database
from cati.cli import main
from cati.db.engine import default_database_url
from cati.demo.build import DEMO_LOGIN, DEMO_PASSWORD, DEMO_STUDY, build_demo
from cati.demo.respondents import DRIVER_WEIGHTS
from cati.reporting.study_report import study_report_data
from cati.ui.console.console import InterviewerConsole
from cati.ui.shell.main_window import MainWindow
from cati.ui.shell.sign_in import SignInDialog
from reports import build_report
from tests.reports.document.test_layout import (
    check_contents_page_numbers,
    russian_outside_quotes_and_data,
    sparse_pages,
    top_level_titles,
)

pytestmark = [pytest.mark.slow]

CSI_ROWS = {"quality", "manager", "delivery", "documents", "price", "support"}


def test_make_run_path_demo_rates_report_exports_and_the_console(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh machine: nothing in the user data folder, no database configured.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    monkeypatch.delenv("CATI_DATABASE_URL", raising=False)
    db_url = default_database_url()
    assert str(tmp_path / "user-data") in db_url

    assert main(["demo", "--if-empty", "--json"]) == 0  # make run, first line
    summary = json.loads(capsys.readouterr().out)
    assert summary["imported"] == 1500 and summary["rejected"] == 43
    assert 280 <= summary["completes"] <= 350  # about 350, some contacts left to call
    assert Path(summary["rejects_file"]).exists()
    assert main(["demo", "--if-empty", "--json"]) == 0  # the second start builds nothing
    assert capsys.readouterr().out == ""
    with open_database(db_url) as engine, pytest.raises(Exception, match="exists already"):
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
                    "--facts",
                    str(tmp_path / f"facts_{lang}.json"),
                ]
            )
            == 0
        )
        facts = json.loads((tmp_path / f"facts_{lang}.json").read_text(encoding="utf-8"))
        assert facts["schema_version"] == 2 and facts["nps"]["overall"]["weighted"]
        document = Document(str(out))
        text = "\n".join(p.text for p in document.paragraphs)
        assert ("Ушедшие клиенты" if lang == "ru" else "Lost clients") in text
        assert "+7" not in text and "@" not in text  # no phones, no e-mail addresses

    with open_database(db_url) as engine:
        data = study_report_data(engine, DEMO_STUDY, lang="en")
    model = build_report(data, tmp_path / "check.docx", lang="en")
    assert model.findings is not None
    ranking = [name.split(".")[-1] for name in model.findings.driver_ranking]
    assert set(ranking) <= CSI_ROWS
    true_top = sorted(DRIVER_WEIGHTS, key=DRIVER_WEIGHTS.__getitem__, reverse=True)[:2]
    assert set(ranking[:2]) == set(true_top), ranking
    lost_regular = [
        d
        for d in model.findings.comparisons.of_kind("segment_pair")
        if {d.group, d.versus} == {"lost", "regular"}
    ]
    assert len(lost_regular) == 1 and lost_regular[0].significant
    # The English edition as a reader gets it: English, contents with page numbers in
    # LibreOffice's PDF, no page left mostly empty inside a chapter.
    assert not russian_outside_quotes_and_data(tmp_path / "check.docx", data)
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path / 'lo'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(tmp_path / "check.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = tmp_path / "check.pdf"
        check_contents_page_numbers(pdf, model)
        (tmp_path / "pages").mkdir()
        assert not sparse_pages(pdf, top_level_titles(model), tmp_path / "pages")

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
    assert (data_frame["status"] == 1).sum() == summary["completes"]
    assert "nps" in data_frame.columns and meta.column_names_to_labels["nps"]
    sheet = pd.read_excel(exported["xlsx"], sheet_name=None)
    assert {"data", "labels", "paradata"} <= set(sheet)
    assert not any("phone" in c.lower() or "email" in c.lower() for c in sheet["data"].columns)

    # make run, second line: `cati` opens the app on the demo study; the demo account signs
    # in and the interviewer console is ready for "Next contact".
    seen = open_the_app_like_make_run(qtbot, monkeypatch, tmp_path / "make_run.png")
    assert seen["study"] == f"{DEMO_STUDY} · fieldwork"
    assert seen["ready"] == "True" and seen["tab"] == "Interviewing"
    assert seen["company"]  # the claimed contact's card is shown
    assert (tmp_path / "make_run.png").stat().st_size > 10_000


def open_the_app_like_make_run(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, screenshot: Path
) -> dict[str, str]:
    """Run ``cati`` (no arguments, as ``make run`` does) in this process, sign in with the
    demo account, wait for the console, take the next contact, then close the window."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monkeypatch.setenv("CATI_USER", DEMO_LOGIN)
    monkeypatch.setenv("CATI_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("CATI_LANGUAGE", "en")
    seen: dict[str, str] = {}

    def step() -> None:
        for widget in app.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, SignInDialog) and "signed_in" not in seen and not widget.busy:
                seen["signed_in"] = "yes"
                widget.submit()  # login and password are filled in from the environment
            if isinstance(widget, MainWindow):
                console = widget.findChild(InterviewerConsole)
                if console is None or console.fieldwork is None or console.busy:
                    continue
                if "study" not in seen:
                    seen["study"] = widget.study_choice.currentText()
                    seen["tab"] = widget.tabs.tabText(widget.tabs.currentIndex())
                    seen["ready"] = str(console.next_button.isEnabled())
                    qtbot.mouseClick(console.next_button, Qt.MouseButton.LeftButton)
                elif console.claimed is not None and "company" not in seen:
                    seen["company"] = console.card.company.text()
                    widget.grab().save(str(screenshot))
                    widget.close()
                    QTimer.singleShot(0, app.quit)

    def give_up() -> None:
        seen.setdefault("timed_out", "yes")
        for widget in app.topLevelWidgets():
            for console in widget.findChildren(InterviewerConsole):
                seen["console_status"] = console.status.text()
        for widget in app.topLevelWidgets():
            widget.close()
        app.quit()

    poll = QTimer()
    poll.timeout.connect(step)
    poll.start(100)
    QTimer.singleShot(180_000, give_up)
    try:
        assert main([]) == 0
    finally:
        poll.stop()
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
    assert "timed_out" not in seen, repr(seen)
    return seen
