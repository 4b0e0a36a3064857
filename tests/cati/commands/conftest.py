"""Run the ``cati`` command (with its registered commands) against the test database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cati import cli


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def cati(db_url: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*argv: str) -> Run:
        capsys.readouterr()
        status = cli.main(["--db", db_url, *argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(status, captured.out, captured.err)

    return run
