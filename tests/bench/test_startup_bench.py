"""Benchmark: how long people wait for cati to start, beside the floor of the same machine.

Each group times, in fresh processes of this interpreter, cati and its floor measured in the
same run: ``python -c pass`` for the command line; for the desktop app, a bare Qt dialog
(import Qt, show one dialog, quit) and the password check on its own. pytest-benchmark
prints every group as one table with each row's ratio to the fastest.

* ``cati --help`` and ``cati script check`` of the three ready scripts;
* the desktop app from launch to the sign-in window (closed as it appears);
* signing in: from pressing "Sign in" (after a person's 3 s at the keyboard, while the
  workspace loads in the background) to the main window, and the same from launch when
  "Sign in" is pressed the moment the window appears (nothing preloaded).

Times are never asserted. Run: ``make bench`` or ``.venv/bin/python -m pytest
tests/bench/test_startup_bench.py -o addopts="" --benchmark-only``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cati.accounts import sign_in
from cati.app import open_database
from tests.cati.ui.test_app_start import (
    LOGIN,
    PASSWORD,
    make_database,
    probe_command,
    probe_environment,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(str(p) for p in (ROOT / "resources" / "scripts").glob("*.yaml"))
CATI = Path(sys.executable).with_name("cati")
ROUNDS = 5
QT_DIALOG = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QDialog\n"
    "app = QApplication([])\n"
    "dialog = QDialog()\n"
    "QTimer.singleShot(0, dialog.reject)\n"
    "dialog.exec()\n"
)


def _cati(*argv: str) -> list[str]:
    """The installed ``cati`` script, as people run it (``python -m cati`` without it)."""
    return [str(CATI), *argv] if CATI.exists() else [sys.executable, "-m", "cati", *argv]


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=300
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("app")
    make_database(folder)
    yield folder


def test_floor_python_start_for_help(benchmark: Any) -> None:
    benchmark.group = "cati --help"
    benchmark.pedantic(_run, args=([sys.executable, "-c", "pass"],), rounds=ROUNDS)


def test_cati_help(benchmark: Any) -> None:
    benchmark.group = "cati --help"
    out = benchmark.pedantic(_run, args=(_cati("--help"),), rounds=ROUNDS)
    assert "script" in out


def test_floor_python_start_for_script_check(benchmark: Any) -> None:
    benchmark.group = "cati script check (3 ready scripts)"
    benchmark.pedantic(_run, args=([sys.executable, "-c", "pass"],), rounds=ROUNDS)


def test_cati_script_check(benchmark: Any) -> None:
    benchmark.group = "cati script check (3 ready scripts)"
    out = benchmark.pedantic(_run, args=(_cati("script", "check", *SCRIPTS),), rounds=ROUNDS)
    assert out.count(": ok") == len(SCRIPTS)


def test_floor_qt_dialog(benchmark: Any, app_folder: Path) -> None:
    benchmark.group = "desktop app: launch to the sign-in window"
    env = probe_environment(app_folder)
    benchmark.pedantic(_run, args=([sys.executable, "-c", QT_DIALOG], env), rounds=ROUNDS)


def test_app_to_the_sign_in_window(benchmark: Any, app_folder: Path) -> None:
    benchmark.group = "desktop app: launch to the sign-in window"
    env = probe_environment(app_folder)
    url = make_database(app_folder)

    def start() -> dict[str, Any]:
        out = _run(probe_command(url, 0, "quit"), env)
        report: dict[str, Any] = json.loads(out.splitlines()[-1])
        return report

    report = benchmark.pedantic(start, rounds=ROUNDS)
    assert report["loaded_at_sign_in"] == []
    benchmark.extra_info["sign_in_shown_s"] = report["sign_in_shown"]


def test_floor_password_check(benchmark: Any, app_folder: Path) -> None:
    benchmark.group = "desktop app: pressing Sign in to the main window"
    with open_database(make_database(app_folder)) as engine:
        actor = benchmark.pedantic(sign_in, args=(engine, LOGIN, PASSWORD), rounds=ROUNDS)
    assert actor.login == LOGIN


def test_app_sign_in_to_the_main_window(benchmark: Any, app_folder: Path) -> None:
    """The person signs in 3 s after the window appeared; the timer runs from "Sign in"."""
    benchmark.group = "desktop app: pressing Sign in to the main window"
    env = probe_environment(app_folder)
    url = make_database(app_folder)
    waiting: list[subprocess.Popen[str]] = []
    done: list[subprocess.Popen[str]] = []

    def launch() -> None:
        app = subprocess.Popen(
            probe_command(url, 3000, "wait"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            env=env,
        )
        assert app.stdout is not None and app.stdout.readline().strip() == "READY"
        waiting.append(app)

    def press_sign_in() -> None:
        app = waiting.pop()
        assert app.stdin is not None and app.stdout is not None
        app.stdin.write("\n")
        app.stdin.flush()
        while (line := app.stdout.readline()) and line.strip() != "MAIN":
            pass
        assert line.strip() == "MAIN"
        done.append(app)

    benchmark.pedantic(press_sign_in, setup=launch, rounds=ROUNDS)
    for app in done:  # the windows close themselves; each prints its report
        out, _ = app.communicate(timeout=300)
        report = json.loads(out.splitlines()[-1])
        assert report["loaded_at_sign_in"] == [] and report["exit_status"] == 0
    benchmark.extra_info["after_sign_in_s_by_the_app_clock"] = round(
        report["main_window_shown"] - report["signed_in_at"], 3
    )


def test_app_launch_and_sign_in_at_once(benchmark: Any, app_folder: Path) -> None:
    """Nothing preloaded: "Sign in" pressed the moment the window appears."""
    benchmark.group = "desktop app: launch, sign in at once, main window"
    env = probe_environment(app_folder)
    url = make_database(app_folder)

    def start() -> dict[str, Any]:
        report: dict[str, Any] = json.loads(_run(probe_command(url, 0), env).splitlines()[-1])
        return report

    report = benchmark.pedantic(start, rounds=3)
    benchmark.extra_info.update(
        {
            "sign_in_shown_s": report["sign_in_shown"],
            "after_sign_in_s": round(report["main_window_shown"] - report["signed_in_at"], 3),
        }
    )


def test_floor_for_launch_and_sign_in(benchmark: Any, app_folder: Path) -> None:
    benchmark.group = "desktop app: launch, sign in at once, main window"
    env = probe_environment(app_folder)
    benchmark.pedantic(_run, args=([sys.executable, "-c", QT_DIALOG], env), rounds=3)
