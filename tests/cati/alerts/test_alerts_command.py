"""``cati alerts send`` runs the delivery worker once and reports what it did."""

from __future__ import annotations

import json

import pytest

from cati.cli import main

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_alerts_send_reports_counts_as_json(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "alerts", "send", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "queued": 0,
        "sent": 0,
        "retrying": 0,
        "failed": 0,
        "maybe_sent": 0,
        "errors": [],
    }
