"""Signing in with argon2-hashed passwords, and roles checked by the services."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from cati.accounts import (
    Actor,
    Permission,
    Role,
    SignInFailed,
    add_account,
    change_password,
    people,
    require,
    set_active,
    sign_in,
)
from cati.cli import main
from cati.clock import SimulatedClock
from cati.errors import CatiError, PermissionDenied

CLOCK = SimulatedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def test_a_person_signs_in_with_the_right_password_only(engine: Engine) -> None:
    added = add_account(engine, "ivanova", "Мария Иванова", Role.INTERVIEWER, "секрет-123", CLOCK)
    assert sign_in(engine, "IVANOVA", "секрет-123") == added  # logins ignore case
    with pytest.raises(SignInFailed, match=r"^wrong login or password$"):
        sign_in(engine, "ivanova", "секрет-124")
    with pytest.raises(SignInFailed, match=r"^wrong login or password$"):
        sign_in(engine, "nobody", "секрет-123")


def test_cyrillic_logins_ignore_case_on_every_database(engine: Engine) -> None:
    added = add_account(engine, "Анна", "Анна Петрова", Role.INTERVIEWER, "секрет-123", CLOCK)
    assert sign_in(engine, "анна", "секрет-123") == added
    with pytest.raises(CatiError, match="taken"):
        add_account(engine, "АННА", "Другая Анна", Role.INTERVIEWER, "секрет-123", CLOCK)


def test_passwords_are_stored_as_argon2_hashes(engine: Engine) -> None:
    add_account(engine, "petrov", "Пётр Петров", Role.SUPERVISOR, "correct horse", CLOCK)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM interviewer")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_logins_are_unique_and_passwords_long_enough(engine: Engine) -> None:
    add_account(engine, "lead", "Lead", Role.RESEARCH_LEAD, "long enough", CLOCK)
    with pytest.raises(CatiError, match="the login Lead is taken"):
        add_account(engine, "Lead", "Other", Role.INTERVIEWER, "long enough", CLOCK)
    with pytest.raises(CatiError, match="at least 8 characters"):
        add_account(engine, "short", "Short", Role.INTERVIEWER, "1234", CLOCK)
    with pytest.raises(CatiError, match="one word"):
        add_account(engine, "two words", "X", Role.INTERVIEWER, "long enough", CLOCK)


def test_deactivated_accounts_cannot_sign_in(engine: Engine) -> None:
    add_account(engine, "temp", "Temp", Role.INTERVIEWER, "long enough", CLOCK)
    set_active(engine, "temp", False)
    with pytest.raises(SignInFailed, match="deactivated"):
        sign_in(engine, "temp", "long enough")
    assert [(a.login, active) for a, active in people(engine)] == [("temp", False)]


def test_roles_decide_what_a_person_may_do() -> None:
    interviewer = Actor(1, "i", "I", Role.INTERVIEWER)
    supervisor = Actor(2, "s", "S", Role.SUPERVISOR)
    lead = Actor(3, "l", "L", Role.RESEARCH_LEAD)
    for permission in (
        Permission.EXPORT,
        Permission.REPORT,
        Permission.LISTEN_TO_RECORDINGS,
        Permission.SEE_ALL_CONTACTS,
        Permission.SET_UP_STUDIES,
    ):
        with pytest.raises(PermissionDenied):
            require(interviewer, permission)
    require(interviewer, Permission.INTERVIEW)
    require(supervisor, Permission.EXPORT)
    with pytest.raises(
        PermissionDenied, match="s is signed in as supervisor, who may not set up studies"
    ):
        require(supervisor, Permission.SET_UP_STUDIES)
    for permission in Permission:
        require(lead, permission)


def test_only_the_research_lead_resets_other_peoples_passwords(engine: Engine) -> None:
    worker = add_account(engine, "worker", "W", Role.INTERVIEWER, "old password", CLOCK)
    lead = add_account(engine, "boss", "B", Role.RESEARCH_LEAD, "boss password", CLOCK)
    change_password(engine, worker, "worker", "new password")
    assert sign_in(engine, "worker", "new password") == worker
    with pytest.raises(PermissionDenied):
        change_password(engine, worker, "boss", "hijacked!!")
    change_password(engine, lead, "worker", "reset by boss")
    assert sign_in(engine, "worker", "reset by boss") == worker


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_user_command_adds_and_lists_people(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль-оператора\n"))
    assert (
        main(
            [
                "--db",
                db_url,
                "user",
                "add",
                "smirnova",
                "--name",
                "Ольга Смирнова",
                "--role",
                "supervisor",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "added smirnova (supervisor)\n"
    assert main(["--db", db_url, "user", "list"]) == 0
    assert "smirnova" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert main(["--db", db_url, "user", "passwd", "smirnova", "--password-stdin"]) == 2
    assert "at least 8 characters" in capsys.readouterr().err
