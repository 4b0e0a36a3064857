"""The cati command: script commands, errors shown as messages, never as tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cati.cli import EXIT_INTERNAL, main

DATA = Path(__file__).resolve().parents[1] / "surveys" / "data"


def test_script_check_prints_ok_for_a_good_script(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "all_kinds.yaml")
    assert main(["script", "check", path]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


def test_script_check_prints_every_problem_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DATA / "all_kinds.yaml")
        .read_text(encoding="utf-8")
        .replace("show_if: nps <= 6", 'show_if: nps <= "low"')
        .replace("max_choices: 3", "max_choices: 30"),
        encoding="utf-8",
    )
    assert main(["script", "check", str(bad), str(DATA / "all_kinds.yaml")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{bad}:44:18: cannot compare nps (number) with text using '<='"
    assert lines[1] == f"{bad}:55:5: max_choices is 30 but only 5 options can be chosen together"
    assert lines[2].endswith("all_kinds.yaml: ok")


def test_script_check_of_a_missing_file_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["script", "check", "/no/such/script.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("/no/such/script.yaml:1:1: cannot read the file:")
    assert "Traceback" not in out


def test_script_simulate_reports_reach_endings_and_lengths_as_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(
            [
                "script",
                "simulate",
                str(DATA / "all_kinds.yaml"),
                "-n",
                "300",
                "--seed",
                "5",
                "--json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["interviews"] == 300
    assert report["never_reached"] == []
    assert set(report["endings"]) == {"complete", "screened_out", "refused"}
    assert sum(report["endings"].values()) == 300
    assert (
        report["path_length"]["min"]
        <= report["path_length"]["median"]
        <= report["path_length"]["max"]
    )
    # the same seed gives the same report
    main(["script", "simulate", str(DATA / "all_kinds.yaml"), "-n", "300", "--seed", "5", "--json"])
    assert json.loads(capsys.readouterr().out) == report


def test_script_simulate_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["script", "simulate", str(DATA / "all_kinds.yaml"), "-n", "50"]) == 0
    out = capsys.readouterr().out
    assert "question" in out and "nps" in out and "endings:" in out


def test_an_unexpected_error_is_logged_not_shown_as_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    import cati.commands.script as script_commands

    def broken(args: object) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(script_commands, "run_check", broken)
    assert main(["script", "check", "x.yaml"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError)" in err
    assert "Traceback" not in err
    logs = list(tmp_path.rglob("errors.log"))
    assert logs and "ZeroDivisionError: boom" in logs[0].read_text(encoding="utf-8")
