"""Signing in, the main window's tabs by role, the settings saved where they belong."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.accounts import Role, add_account, set_active
from cati.clock import SimulatedClock
from cati.telephony.credentials import KEYRING_SERVICE
from cati.ui.console.console import InterviewerConsole
from cati.ui.shell.main_window import MainWindow
from cati.ui.shell.preferences import Preferences, dialer_factory
from cati.ui.shell.settings_dialog import SettingsDialog
from cati.ui.shell.sign_in import SignInDialog

from ..console.helpers import PASSWORD, fieldwork

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


class MemoryKeyring:
    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service_name: str, username: str) -> str | None:
        return self.saved.get((service_name, username))

    def set_password(self, service_name: str, username: str, password: str) -> None:
        self.saved[(service_name, username)] = password

    def delete_password(self, service_name: str, username: str) -> None:
        self.saved.pop((service_name, username), None)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service_name: str, username: str) -> str | None:
        from keyring.errors import NoKeyringError

        raise NoKeyringError("No recommended backend was available")

    def set_password(self, service_name: str, username: str, password: str) -> None:
        self.get_password(service_name, username)


@SQLITE_ONLY
def test_a_wrong_password_is_said_plainly_and_the_right_one_signs_in(
    qtbot: QtBot, engine: Engine
) -> None:
    add_account(engine, "olga", "Ольга", Role.INTERVIEWER, PASSWORD, SimulatedClock())
    dialog = SignInDialog(engine, "sqlite:///test", login="olga", password="wrong-password")
    qtbot.addWidget(dialog)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "Wrong login or password" in dialog.message.text()
    assert dialog.actor is None and dialog.result() == 0

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert dialog.actor is not None and dialog.actor.login == "olga"


@SQLITE_ONLY
def test_a_switched_off_account_cannot_sign_in(qtbot: QtBot, engine: Engine) -> None:
    add_account(engine, "olga", "Ольга", Role.INTERVIEWER, PASSWORD, SimulatedClock())
    set_active(engine, "olga", False)
    dialog = SignInDialog(engine, login="olga", password=PASSWORD)
    qtbot.addWidget(dialog)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "switched off" in dialog.message.text()


@SQLITE_ONLY
def test_an_interviewer_gets_the_console_of_the_chosen_study(qtbot: QtBot, engine: Engine) -> None:
    work = fieldwork(engine)
    window = MainWindow(work.context(study_id=None), database_label="test")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.tabs.count() > 0)
    assert window.study_choice.count() == 1
    assert isinstance(window.screens[0], InterviewerConsole)
    assert window.screens[0].context.study_id == work.study.study_id
    assert window.tabs.count() == 1  # no supervision or setup for an interviewer
    console = window.screens[0]
    assert isinstance(console, InterviewerConsole)
    qtbot.waitUntil(lambda: not console.busy)
    window.close()


def test_settings_go_to_qsettings_and_the_keyring(qtbot: QtBot, tmp_path: Path) -> None:
    preferences = Preferences(QSettings(str(tmp_path / "cati.ini"), QSettings.Format.IniFormat))
    ring = MemoryKeyring()
    dialog = SettingsDialog(preferences, keyring=ring)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.database.setText("postgresql://cati@server/fieldwork")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.dialer.setCurrentIndex(dialog.dialer.findData("twilio"))
    dialog.fields["account_sid"].setText("AC" + "0" * 32)
    dialog.fields["auth_token"].setText("secret-token")
    dialog.fields["caller_id"].setText("+74950000000")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()

    again = Preferences(QSettings(str(tmp_path / "cati.ini"), QSettings.Format.IniFormat))
    assert again.database_url == "postgresql://cati@server/fieldwork"
    assert (again.language, again.dialer) == ("en", "twilio")
    assert ring.saved[(KEYRING_SERVICE, "TWILIO_AUTH_TOKEN")] == "secret-token"
    assert "secret-token" not in (tmp_path / "cati.ini").read_text()


def test_a_keyring_that_cannot_be_used_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    preferences = Preferences(QSettings(str(tmp_path / "cati.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(preferences, keyring=LockedKeyring())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "keyring cannot be used" in dialog.message.text()
    dialog.fields["auth_token"].setText("secret-token")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "keyring" in dialog.message.text() and dialog.result() == 0


def test_the_workstation_dialer_wins_over_the_studys(tmp_path: Path) -> None:
    preferences = Preferences(QSettings(str(tmp_path / "cati.ini"), QSettings.Format.IniFormat))
    build = dialer_factory(preferences, SimulatedClock())
    assert build("simulated", {"mix": {"answered": 1}}).name == "simulated"
    preferences.dialer = "manual"
    assert build("simulated", {}).name == "manual"
