"""The desktop app shows the sign-in window before it loads statistics and reporting.

The real ``cati`` runs in a fresh interpreter (tests/cati/ui/app_start_probe.py) on a
database with one research lead; the probe signs in like a person and reports when each
window appeared and what was loaded when the sign-in window came up. Times are reported,
never asserted (``make bench`` measures them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cati.accounts import Role, add_account
from cati.app import open_database
from cati.clock import SystemClock
from cati.ui.main import WORKSPACE_MODULE, WorkspaceLoader

PROBE = Path(__file__).with_name("app_start_probe.py")
ROOT = Path(__file__).resolve().parents[3]
LOGIN, PASSWORD = "anna", "пароль-анны"


def make_database(folder: Path) -> str:
    """A SQLite database in ``folder`` with one research lead who can sign in; its URL."""
    path = folder / "cati.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        with open_database(url) as engine:
            add_account(engine, LOGIN, "Анна Петрова", Role.RESEARCH_LEAD, PASSWORD, SystemClock())
    return url


def probe_environment(folder: Path) -> dict[str, str]:
    """Offscreen Qt, settings and data folders of its own, the account filled in."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_STATE_HOME": str(folder / "state"),
        "CATI_USER": LOGIN,
        "CATI_PASSWORD": PASSWORD,
        "CATI_LANGUAGE": "ru",
    }
    env.pop("CATI_DATABASE_URL", None)
    return env


def probe_command(url: str, pause_ms: int, mode: str = "sign-in") -> list[str]:
    return [sys.executable, str(PROBE), url, repr(time.time()), str(pause_ms), mode]


def start_app(tmp_path: Path, pause_ms: int) -> dict[str, Any]:
    """Run the app on a new database, sign in after ``pause_ms``; the probe's report."""
    result = subprocess.run(
        probe_command(make_database(tmp_path), pause_ms),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=probe_environment(tmp_path),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return report


@pytest.mark.slow
def test_sign_in_comes_before_statistics_then_the_main_window_opens(tmp_path: Path) -> None:
    report = start_app(tmp_path, pause_ms=1000)
    assert report["loaded_at_sign_in"] == [], report
    assert report["sign_in_shown"] < report["signed_in_at"] < report["main_window_shown"]
    assert report["exit_status"] == 0
    print(
        f"sign-in window after {report['sign_in_shown']:.2f} s; main window "
        f"{report['main_window_shown'] - report['signed_in_at']:.2f} s after signing in"
    )


@pytest.mark.slow
def test_signing_in_at_once_waits_for_the_workspace_and_opens_it(tmp_path: Path) -> None:
    """Pressing "Sign in" before the background loading has even started still works."""
    report = start_app(tmp_path, pause_ms=0)
    assert report["sign_in_shown"] <= report["signed_in_at"] < report["main_window_shown"]
    assert report["exit_status"] == 0


def test_the_workspace_loader_starts_once_and_never_after_the_workspace_was_needed() -> None:
    loader = WorkspaceLoader()
    loader.start()
    loader.start()  # pressing "Sign in" after the timer started it
    assert loader.module().__name__ == WORKSPACE_MODULE
    late = WorkspaceLoader()
    assert late.module().__name__ == WORKSPACE_MODULE  # signed in before it started
    late.start()  # the timer firing afterwards
    assert not late.started
