"""Signing in: login and password, checked in the background (argon2 takes a moment)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cati.accounts import Actor, SignInFailed, sign_in
from cati.db import Engine
from cati.demo.account import DemoAccount, demo_account
from cati.ui.errors import describe_error
from cati.ui.operations import Operation, run_in_background

__all__ = ["SignInDialog"]

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Asks for login and password; :attr:`actor` is the person once accepted."""

    def __init__(
        self,
        engine: Engine,
        database_label: str = "",
        *,
        login: str = "",
        password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor: Actor | None = None
        self.operation: Operation | None = None
        self.demo: DemoAccount | None = None
        self.setWindowTitle(self.tr("cati — sign in"))
        self.setMinimumWidth(380)
        title = QLabel(self.tr("Telephone surveys"))
        title.setStyleSheet("font-size: 18px; font-weight: 700;")
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.password = QLineEdit(password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # Shown only when the database holds the demo study and its account still opens it.
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demo_hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextFormat(Qt.TextFormat.RichText)
        self.demo_hint.setStyleSheet(
            "QLabel#demo_hint { background: #e8f1fb; color: #1c3d5a;"
            " border: 1px solid #9cc0e6; border-radius: 4px; padding: 6px; }"
        )
        self.demo_hint.linkActivated.connect(lambda _link: self.fill_in_demo())
        self.demo_hint.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message.setVisible(False)
        database = QLabel(self.tr("Database: {label}").format(label=database_label))
        database.setWordWrap(True)
        database.setStyleSheet("color: #777;")
        database.setVisible(bool(database_label))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.demo_hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(database)
        layout.addWidget(self.buttons)
        (self.password if login else self.login).setFocus(Qt.FocusReason.OtherFocusReason)
        self.hint_operation = run_in_background(
            lambda: demo_account(engine), self._show_demo_hint, self._no_demo_hint, parent=self
        )

    def _show_demo_hint(self, demo: DemoAccount | None) -> None:
        self.demo = demo
        if demo is None:
            return
        self.demo_hint.setText(
            self.tr(
                "This database holds the demo study. Sign in as <b>{login}</b> with the "
                "password <b>{password}</b> (research lead). <a href='#fill'>Fill in</a>"
            ).format(login=demo.login, password=demo.password)
        )
        self.demo_hint.setVisible(True)
        self.adjustSize()

    def _no_demo_hint(self, error: BaseException) -> None:
        """Without the hint the window works as before; signing in reports real problems."""
        log.warning("could not check for the demo account: %s", error)
        self.demo = None

    def fill_in_demo(self) -> None:
        """Put the demo account in the fields; Enter then signs in."""
        if self.demo is None:
            return
        self.login.setText(self.demo.login)
        self.password.setText(self.demo.password)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        """The message under the fields; no empty gap when there is nothing to say."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    @property
    def checking_demo(self) -> bool:
        return self.hint_operation.running

    def submit(self) -> None:
        if self.busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self._say(self.tr("Enter your login and password."))
            return
        self._say(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        engine = self.engine
        self.operation = run_in_background(
            lambda: sign_in(engine, login, password), self._signed_in, self._failed, parent=self
        )

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.buttons.setEnabled(True)
        self._say("")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, SignInFailed):
            if "deactivated" in str(error):
                text = self.tr("This account is switched off; ask the research lead.")
            else:
                text = self.tr("Wrong login or password. Check the keyboard layout and Caps Lock.")
        else:
            text = self.tr("Could not sign in: {reason}").format(reason=describe_error(error))
        self._say(text)
        self.password.selectAll()
        self.password.setFocus()
