"""The sign-in window tells a newcomer the demo account, in their language, when the database
holds the demo study and that account still opens it, and only then."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.accounts import Role, add_account, reset_password, set_active
from cati.clock import SimulatedClock
from cati.demo import DEMO_LOGIN, DEMO_PASSWORD, DEMO_STUDY
from cati.demo.account import DemoAccount, demo_account
from cati.ui.i18n import install_translations, remove_translations
from cati.ui.shell.sign_in import SignInDialog

from ...scheduler.factory import make_study

SQLITE_ONLY = pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)


def with_demo(engine: Engine, study: str = DEMO_STUDY) -> None:
    make_study(engine, name=study)
    add_account(engine, DEMO_LOGIN, "Демо", Role.RESEARCH_LEAD, DEMO_PASSWORD, SimulatedClock())


def opened(qtbot: QtBot, engine: Engine) -> SignInDialog:
    dialog = SignInDialog(engine, "sqlite:///demo.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.checking_demo)
    return dialog


@pytest.fixture
def russian() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "ru")
    yield
    remove_translations(app, translators)


@SQLITE_ONLY
def test_the_demo_database_offers_its_account_and_fills_it_in(qtbot: QtBot, engine: Engine) -> None:
    with_demo(engine)
    assert demo_account(engine) == DemoAccount(DEMO_LOGIN, DEMO_PASSWORD)
    dialog = opened(qtbot, engine)
    assert dialog.demo_hint.isVisible()
    text = dialog.demo_hint.text()
    assert "<b>demo</b>" in text and "<b>demo-cati</b>" in text and "demo study" in text
    dialog.demo_hint.linkActivated.emit("#fill")
    assert (dialog.login.text(), dialog.password.text()) == (DEMO_LOGIN, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.login == DEMO_LOGIN


@SQLITE_ONLY
def test_the_hint_is_in_russian_for_a_russian_interface(
    qtbot: QtBot, engine: Engine, russian: None
) -> None:
    with_demo(engine)
    dialog = opened(qtbot, engine)
    text = dialog.demo_hint.text()
    assert "демонстрационное исследование" in text and "<b>demo-cati</b>" in text
    assert "Подставить" in text


@SQLITE_ONLY
def test_a_database_without_the_demo_study_gives_no_hint(qtbot: QtBot, engine: Engine) -> None:
    with_demo(engine, study="Лояльность клиентов 2026")  # a real study, even with that login
    assert demo_account(engine) is None
    dialog = opened(qtbot, engine)
    assert not dialog.demo_hint.isVisible() and dialog.demo_hint.text() == ""


@SQLITE_ONLY
def test_a_changed_demo_password_or_a_switched_off_account_gives_no_hint(
    qtbot: QtBot, engine: Engine
) -> None:
    with_demo(engine)
    reset_password(engine, DEMO_LOGIN, "секретный-пароль")
    assert demo_account(engine) is None
    assert not opened(qtbot, engine).demo_hint.isVisible()
    reset_password(engine, DEMO_LOGIN, DEMO_PASSWORD)
    set_active(engine, DEMO_LOGIN, False)
    assert demo_account(engine) is None
    assert not opened(qtbot, engine).demo_hint.isVisible()


@SQLITE_ONLY
def test_an_empty_database_gives_no_hint(qtbot: QtBot, engine: Engine) -> None:
    assert demo_account(engine) is None
    assert not opened(qtbot, engine).demo_hint.isVisible()


@SQLITE_ONLY
def test_the_message_line_takes_no_room_until_there_is_something_to_say(
    qtbot: QtBot, engine: Engine
) -> None:
    dialog = opened(qtbot, engine)
    assert not dialog.message.isVisible()
    dialog.submit()  # nothing typed
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Enter your login and password."
