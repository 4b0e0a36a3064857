"""Import on demand: ``cati --help`` and ``cati script check`` load only what they use.

Each case runs the command in a fresh interpreter under ``python -X importtime``, which
prints every module the process imported, and fails if a statistics, plotting, document or
Qt library is among them, naming the chain of imports that brought it in. The time is
reported in the failure message, never asserted (``make bench`` measures it).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest

from cati.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "resources" / "scripts" / "b2b_nps_csi.yaml"
#: Libraries a command that does no statistics, charts or documents must not load.
HEAVY = ("pandas", "scipy", "matplotlib", "docx")
_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)")


@dataclass(frozen=True)
class Imported:
    level: int
    name: str
    cumulative_us: int


@dataclass(frozen=True)
class ImportTrace:
    """What a process imported: every module (``sys.modules`` at exit) and the import
    statements in the order ``-X importtime`` reports them (children first; modules loaded
    with ``importlib.import_module`` are missing there, their own imports are not)."""

    modules: list[Imported]
    loaded: set[str]
    stdout: str
    returncode: int

    def top_level(self) -> set[str]:
        return {name.partition(".")[0] for name in self.loaded}

    def chain(self, package: str) -> str:
        """``a > b > package...``: who imported the first module of ``package``."""
        for i, module in enumerate(self.modules):
            if module.name.partition(".")[0] == package:
                chain, level = [module.name], module.level
                for parent in self.modules[i + 1 :]:
                    if parent.level < level:
                        chain.append(parent.name)
                        level = parent.level
                return " > ".join(reversed(chain))
        return ""

    def total_ms(self) -> float:
        return sum(m.cumulative_us for m in self.modules if m.level == 0) / 1000


_RUN_CATI = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('LOADED', *sorted(sys.modules), file=sys.stderr))\n"
    "from cati.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def trace_imports(*argv: str, code: str = _RUN_CATI) -> ImportTrace:
    """Run ``cati ARGV`` (or ``code``) in a fresh interpreter and record what it imported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    modules = [
        Imported(len(m[2]) // 2, m[3], int(m[1]))
        for m in (_LINE.match(line) for line in result.stderr.splitlines())
        if m
    ]
    loaded = next(
        (set(line.split()[1:]) for line in result.stderr.splitlines() if line.startswith("LOADED")),
        set(),
    )
    assert loaded, result.stderr[-2000:]
    return ImportTrace(modules, loaded, result.stdout, result.returncode)


def assert_not_imported(trace: ImportTrace, packages: tuple[str, ...]) -> None:
    loaded = sorted(set(packages) & trace.top_level())
    chains = "\n".join(trace.chain(package) for package in loaded)
    assert not loaded, f"imported {loaded} ({trace.total_ms():.0f} ms of imports):\n{chains}"


def test_cati_help_lists_every_command_without_loading_any_command() -> None:
    trace = trace_imports("--help")
    assert trace.returncode == 0
    for name, command in COMMANDS.items():
        assert re.search(rf"^\s+{name}\s+{re.escape(command.summary[:20])}", trace.stdout, re.M)
    assert_not_imported(trace, (*HEAVY, "PySide6", "sqlalchemy", "pydantic"))
    assert not {name for name in trace.loaded if name.startswith("cati.commands")}


def test_script_check_loads_the_script_language_only() -> None:
    trace = trace_imports("script", "check", str(SCRIPT))
    assert trace.returncode == 0 and trace.stdout == f"{SCRIPT}: ok\n"
    assert_not_imported(trace, (*HEAVY, "PySide6", "sqlalchemy"))
    commands = {name for name in trace.loaded if name.startswith("cati.commands.")}
    assert commands == {"cati.commands.script"}


def test_the_desktop_app_reaches_the_sign_in_without_statistics_or_reports() -> None:
    """What ``cati`` imports up to the sign-in window (tests/cati/ui/test_app_start.py
    starts the real app); the workspace behind it is loaded by name after that."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('LOADED', *sorted(sys.modules), file=sys.stderr))\n"
        "import cati.cli, cati.commands.desktop, cati.ui.main\n"
    )
    trace = trace_imports(code=code)
    assert trace.returncode == 0
    assert_not_imported(trace, HEAVY)
    later = ("reports.", "cati.ui.workspace", "cati.ui.shell.main_window", "cati.alerts")
    assert not {name for name in trace.loaded if name.startswith(later)}


def test_the_main_window_loads_no_statistics_documents_or_phone_geography() -> None:
    """The workspace loaded after the sign-in: what it needs at once, not what a report,
    a digest or a call list import needs later."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('LOADED', *sorted(sys.modules), file=sys.stderr))\n"
        "import cati.ui.workspace\n"
        "cati.ui.workspace.load_screens()\n"
    )
    trace = trace_imports(code=code)
    assert trace.returncode == 0
    assert_not_imported(trace, HEAVY)
    assert "phonenumbers.geodata" not in trace.loaded


def test_the_trace_names_who_imported_a_library() -> None:
    """The failure message is useful: it shows the chain that pulled the library in."""
    trace = ImportTrace(
        [
            Imported(3, "scipy.stats", 900),
            Imported(2, "reports.csi", 1000),
            Imported(1, "cati.alerts.digest", 1100),
            Imported(0, "cati.ui.main", 1200),
        ],
        {"cati", "cati.ui.main", "cati.alerts.digest", "reports.csi", "scipy", "scipy.stats"},
        "",
        0,
    )
    assert trace.chain("scipy") == "cati.ui.main > cati.alerts.digest > reports.csi > scipy.stats"
    with pytest.raises(AssertionError, match=r"\['scipy'\].*\n.*reports.csi > scipy.stats"):
        assert_not_imported(trace, HEAVY)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_module_defines_the_command_listed_for_it(name: str) -> None:
    parser = argparse.ArgumentParser(prog="cati")
    subparsers = parser.add_subparsers()
    import_module(COMMANDS[name].module).register(subparsers)
    assert list(subparsers.choices) == [name]


def test_a_command_s_help_comes_from_its_module(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["study", "create", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: cati study create") and "--script FILE" in out


def test_an_unknown_command_is_refused_with_the_list_of_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", "sqlite://", "studdy", "list"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'studdy'" in err and "'study'" in err


def test_the_parser_loads_only_the_command_asked_for() -> None:
    parser = build_parser("script")
    args = parser.parse_args(["script", "check", "a.yaml"])
    assert args.files == ["a.yaml"] and args.handler.__module__ == "cati.commands.script"
    placeholder = build_parser().parse_known_args(["study", "list", "--json"])
    assert placeholder[0].chosen_command == "study" and placeholder[1] == ["list", "--json"]
