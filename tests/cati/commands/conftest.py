"""Run the ``cati`` command with the study, sample, segments and dnc commands registered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cati import cli

MODULES = (
    "cati.commands.study",
    "cati.commands.sample",
    "cati.commands.segments",
    "cati.commands.dnc",
)


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def cati(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, *MODULES))

    def run(*argv: str) -> Run:
        capsys.readouterr()
        status = cli.main(["--db", db_url, *argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(status, captured.out, captured.err)

    return run
