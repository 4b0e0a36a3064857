"""``cati work --robot`` and ``cati rates``: the commands' plumbing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

import cati.cli
from cati.db.people import find_person

from ..scheduler.factory import make_study

pytestmark = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def test_a_robot_works_contacts_and_prints_one_json_line_per_event(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    study = make_study(engine, "pulse")
    study.segment("all", target=3)
    study.contacts(12, segment="all")
    study.script()
    code = cati.cli.main(
        [
            "work",
            "pulse",
            "--robot",
            "--interviewer",
            "robo",
            "--count",
            "40",
            "--seed",
            "1",
            "--at",
            "2025-03-10T09:00+03:00",
            "--db",
            db_url,
        ]
    )
    assert code == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = {e["event"] for e in events}
    assert {"claim", "interview", "answer", "complete"} <= kinds
    assert all("contact_id" in e for e in events if e["event"] != "idle")
    assert all("interview_id" in e for e in events if e["event"] in ("answer", "complete"))
    assert sum(e["event"] == "complete" for e in events) == 3  # the quota, not more
    assert events[-1] == {**events[-1], "event": "idle", "reason": "quotas_full"}
    assert find_person(engine, "robo") is not None  # created when missing

    assert cati.cli.main(["rates", "pulse", "--json", "--db", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["study"] == "pulse"
    assert report["overall"]["codes"]["1.1"] == 3
    assert [s["segment"] for s in report["segments"]] == ["all"]
    assert cati.cli.main(["rates", "pulse", "--db", db_url, "--language", "en"]) == 0
    assert "RR1" in capsys.readouterr().out


def test_unknown_studies_and_people_without_robot_get_a_message(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cati.cli.main(["rates", "nope", "--db", db_url]) == cati.cli.EXIT_ERROR
    assert "no study" in capsys.readouterr().err
    make_study(engine, "pulse")
    assert cati.cli.main(["work", "pulse", "--interviewer", "x", "--db", db_url]) == 2
    assert "--robot" in capsys.readouterr().err
