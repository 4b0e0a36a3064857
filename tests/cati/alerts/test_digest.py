"""Digests: progress against targets, rates, NPS and CSI so far, new alerts; sent on
schedule to each recipient once per period, with only the fields it may see."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from cati.alerts.digest import send_due_digests, study_digest
from cati.cli import main
from cati.clock import SimulatedClock
from cati.db import Study
from reports.csi import csi_index
from tests.cati.alerts.servers import SmtpServer, TelegramState
from tests.cati.exports.factory import T0, StudyData, add_alert


def _body(message: Any) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())


def test_the_digest_counts_progress_rates_nps_csi_and_new_alerts(
    engine: Engine, session: Session, study: StudyData, clock: SimulatedClock
) -> None:
    add_alert(session, study, created_at=T0 - timedelta(days=2))  # before the period
    add_alert(session, study, created_at=T0)
    session.commit()
    digest = study_digest(
        engine, study.study.id or 0, clock.now(), clock.now() - timedelta(hours=3)
    )
    progress = {s.name: (s.completes, s.target, s.partials, s.contacts, s.calls)
                for s in digest.segments}  # fmt: skip
    assert progress == {
        "lost": (1, 5, 0, 1, 1),
        "regular": (1, 10, 0, 1, 2),
        "new": (0, 5, 1, 1, 3),
    }
    # 2 completes (I) and one open case whose last call was "no answer" (3.13a -> UH):
    # RR3 = I / (I + e UH) with e = 1 (every resolved case eligible) = 2/3; COOP1 = 1.
    assert digest.rates["RR3"] == pytest.approx(2 / 3)
    assert digest.rates["COOP1"] == 1.0
    # NPS of the completes 3 and 10: one detractor, one promoter -> 0.
    assert (digest.nps, digest.nps_n) == (0.0, 2)
    # CSI: aspect means on 0-100 weighted by mean stated importance on 0-100 (the declared
    # satisfaction and importance grids).
    rows = ["quality", "manager", "delivery", "documents", "price", "support"]
    first = {"quality": 4, "delivery": 1, "documents": 3, "price": 2, "support": 5}
    second = {"quality": 5, "manager": 5, "delivery": 4, "documents": 4, "price": 3, "support": 4}
    scores = {}
    for row in rows:
        values = [v for v in (first.get(row), second[row]) if v is not None]
        scores[row] = sum((v - 1) / 4 * 100 for v in values) / len(values)
    # Stated importance on 0-100 too, as the report weights the CSI.
    importance = {"quality": 100, "manager": 62.5, "delivery": 87.5, "documents": 37.5,
                  "price": 87.5, "support": 37.5}  # fmt: skip
    assert digest.csi == pytest.approx(csi_index(scores, importance).value)
    assert [a.kind for a in digest.alerts] == ["detractor"]


def test_digests_go_to_each_recipient_once_per_period_with_permitted_fields(
    engine: Engine,
    session: Session,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    add_alert(session, study, created_at=clock.now() - timedelta(minutes=1))
    session.commit()
    first = send_due_digests(engine, clock, transports)
    assert sorted(first.sent) == ["email:ceo@alfa.ru", "telegram:-100600"]
    [mail] = smtp.mailbox.messages
    body = _body(mail)
    assert "NPS: +0" in body and "lost: 1 / 5" in body and "Критик, lost" in body
    assert "Ромашка" not in body  # the e-mail digest group may see segments, not companies
    assert "ООО «Ромашка»" in telegram[1].sent[0]["text"]
    clock.advance(3600)
    assert send_due_digests(engine, clock, transports).sent == []  # not due for 3 hours
    clock.advance(2 * 3600)
    again = send_due_digests(engine, clock, transports)
    assert len(again.sent) == 2
    body = _body(smtp.mailbox.messages[1])
    assert "Новые сигналы: нет" in body  # the alert was in the previous digest


def test_a_failed_digest_is_retried_for_that_recipient_only(
    engine: Engine,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    smtp.stop()
    report = send_due_digests(engine, clock, transports)
    assert report.sent == ["telegram:-100600"] and len(report.failed) == 1
    smtp.start()
    clock.advance(60)
    assert send_due_digests(engine, clock, transports).sent == []  # retry waits 5 minutes
    clock.advance(5 * 60)
    assert send_due_digests(engine, clock, transports).sent == ["email:ceo@alfa.ru"]
    assert len(telegram[1].sent) == 1 and len(smtp.mailbox.messages) == 1
    with Session(engine) as session:
        state = session.get(Study, study.study.id)
        assert state is not None
        assert set(state.settings["digest_state"]) == {"email:ceo@alfa.ru", "telegram:-100600"}
        assert "alerts" in state.settings  # other settings untouched


def test_a_workstation_without_a_channel_leaves_its_digests_to_another(
    engine: Engine,
    study: StudyData,
    clock: SimulatedClock,
    smtp: SmtpServer,
    telegram: tuple[str, TelegramState],
    transports: dict[str, Any],
) -> None:
    only_email = {"email": transports["email"]}
    assert send_due_digests(engine, clock, only_email).sent == ["email:ceo@alfa.ru"]
    assert send_due_digests(engine, clock, {}).failed == []  # nothing claimed, nothing failed
    # A workstation with Telegram settings sends the Telegram digest at once: nobody held it.
    assert send_due_digests(engine, clock, transports).sent == ["telegram:-100600"]
    assert len(telegram[1].sent) == 1 and len(smtp.mailbox.messages) == 1


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_digest_command_prints_json_and_sends(
    db_url: str,
    study: StudyData,
    smtp: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", db_url, "digest", "Лояльность 2025", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["study"] == "Лояльность 2025" and printed["nps_n"] == 2
    for name in ("CATI_TELEGRAM_BOT_TOKEN", "CATI_SMTP_USER", "CATI_SMTP_PASSWORD"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("CATI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CATI_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("CATI_SMTP_SECURITY", "none")
    monkeypatch.setenv("CATI_SMTP_FROM", "cati@agency.ru")
    monkeypatch.setattr("keyring.get_password", lambda service, name: None)
    code = main(["--db", db_url, "digest", "Лояльность 2025", "--send", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["sent"] == ["email:ceo@alfa.ru"]
    assert len(result["failed"]) == 1 and "telegram is not set up" in result["failed"][0]
    assert code == 1
    assert len(smtp.mailbox.messages) == 1
