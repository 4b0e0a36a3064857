"""``cati dialer test``: one call, each status change printed, the outcome last."""

from __future__ import annotations

import argparse
import base64
import json
from urllib.parse import quote

import pytest

from cati.commands import dialer as dialer_command
from tests.cati.telephony.conftest import AGENT_NUMBER, CALLER_ID
from tests.cati.telephony.fake_twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FakeTwilio,
    Fault,
    Scenario,
)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cati")
    dialer_command.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_simulated_test_call_prints_one_json_object_per_status_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _run(
        [
            "dialer",
            "test",
            "--to",
            "+442079460000",
            "--fast",
            "--seed",
            "4",
            "--json",
            "--hold",
            "0",
        ]
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert lines[0]["status"] == "queued"
    assert [line["final"] for line in lines].count(True) == 1 and lines[-1]["final"]
    assert lines[-1]["result"] in {
        "answered",
        "no_answer",
        "busy",
        "answering_machine",
        "invalid_number",
    }


def test_twilio_test_call_uses_the_environment_and_the_test_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeTwilio() as fake:
        fake.scenarios["+442079460000"] = Scenario(outcome="busy")
        for name, value in {
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "CATI_CALLER_ID": CALLER_ID,
            "CATI_AGENT_NUMBER": AGENT_NUMBER,
            "CATI_TWILIO_API_URL": fake.url,
        }.items():
            monkeypatch.setenv(name, value)
        code = _run(["dialer", "test", "--to", "+442079460000", "--dialer", "twilio"])
        assert fake.violations == []
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip().splitlines()[-1].endswith("outcome: busy (busy)")
    assert AUTH_TOKEN not in out


def test_a_failed_twilio_setup_exits_1_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeTwilio() as fake:
        for name, value in {
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": "x" * 32,
            "CATI_CALLER_ID": CALLER_ID,
            "CATI_AGENT_NUMBER": AGENT_NUMBER,
            "CATI_TWILIO_API_URL": fake.url,
        }.items():
            monkeypatch.setenv(name, value)
        assert _run(["dialer", "test", "--to", "+442079460000", "--dialer", "twilio"]) == 1
    assert "20003" in capsys.readouterr().out


def test_a_server_echoing_the_authorization_header_leaks_nothing_in_the_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    echo = (
        f"bad request; you sent Authorization: Basic {pair} "
        f"(as a query: auth={quote(pair, safe='')})"
    )
    with FakeTwilio() as fake:
        fake.faults.append(Fault("POST", "/Calls.json", status=400, code=21205, message=echo))
        for name, value in {
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "CATI_CALLER_ID": CALLER_ID,
            "CATI_AGENT_NUMBER": AGENT_NUMBER,
            "CATI_TWILIO_API_URL": fake.url,
        }.items():
            monkeypatch.setenv(name, value)
        code = _run(["dialer", "test", "--to", "+442079460000", "--dialer", "twilio", "--json"])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert code == 1 and "bad request" in printed  # the server's words are shown...
    for secret in (AUTH_TOKEN, pair, quote(pair, safe=""), pair[:-4]):
        assert secret not in printed  # ...without the credentials
