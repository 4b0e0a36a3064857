"""Signing in: login and password, checked in the background (argon2 takes a moment)."""

from __future__ import annotations

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
from cati.ui.errors import describe_error
from cati.ui.operations import Operation, run_in_background

__all__ = ["SignInDialog"]


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
        self.setWindowTitle(self.tr("cati — sign in"))
        self.setMinimumWidth(380)
        title = QLabel(self.tr("Telephone surveys"))
        title.setStyleSheet("font-size: 18px; font-weight: 700;")
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.password = QLineEdit(password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
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
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(database)
        layout.addWidget(self.buttons)
        (self.password if login else self.login).setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    def submit(self) -> None:
        if self.busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.message.setText(self.tr("Enter your login and password."))
            return
        self.message.setText(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        engine = self.engine
        self.operation = run_in_background(
            lambda: sign_in(engine, login, password), self._signed_in, self._failed, parent=self
        )

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.buttons.setEnabled(True)
        self.message.clear()
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
        self.message.setText(text)
        self.password.selectAll()
        self.password.setFocus()
