"""Settings of this workstation: database, interface language, dialer and its credentials.

The database and the language apply when the app starts again; Twilio's credentials, caller
ID and agent number go to the operating system's keyring (read and written in the
background: a keyring may ask the desktop to unlock it), never to a file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cati.telephony.credentials import (
    KEYRING_SERVICE,
    SETTING_NAMES,
    KeyringLike,
    TwilioCredentials,
    load_credentials,
    save_credentials,
)
from cati.ui.errors import describe_error
from cati.ui.operations import Operation, run_in_background
from cati.ui.shell.preferences import DIALER_CHOICES, Preferences

__all__ = ["SettingsDialog"]


def _system_keyring() -> KeyringLike:
    import keyring

    return keyring


def read_keyring(ring: KeyringLike | None) -> tuple[TwilioCredentials, str | None]:
    """The saved Twilio settings and, when the keyring cannot be used, why not."""
    used = ring or _system_keyring()
    try:
        used.get_password(KEYRING_SERVICE, SETTING_NAMES["account_sid"])
    except Exception as error:  # no backend, locked, D-Bus missing: keyring.errors.*
        return TwilioCredentials(account_sid=""), type(error).__name__
    return load_credentials({}, used), None


class SettingsDialog(QDialog):
    """Edits :class:`Preferences` and the keyring's Twilio entries."""

    def __init__(
        self,
        preferences: Preferences,
        *,
        keyring: KeyringLike | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.keyring = keyring
        self.operation: Operation | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)

        general = QGroupBox(self.tr("This workstation"))
        form = QFormLayout(general)
        self.database = QLineEdit(preferences.database_url)
        self.database.setObjectName("database_url")
        self.database.setPlaceholderText(self.tr("empty: the file in your user data folder"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, label in (("", self.tr("As the system")), ("ru", "Русский"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        form.addRow(self.tr("Database URL"), self.database)
        form.addRow(self.tr("Interface language"), self.language)
        restart = QLabel(self.tr("The database and the language change when cati starts again."))
        restart.setStyleSheet("color: #777;")
        restart.setWordWrap(True)
        form.addRow("", restart)

        telephony = QGroupBox(self.tr("Telephony"))
        phone_form = QFormLayout(telephony)
        self.dialer = QComboBox()
        self.dialer.setObjectName("dialer")
        labels = {
            "study": self.tr("As the study is set up"),
            "simulated": self.tr("Simulated (training, demo)"),
            "manual": self.tr("Desk phone (I dial myself)"),
            "twilio": self.tr("Twilio"),
        }
        for kind in DIALER_CHOICES:
            self.dialer.addItem(labels[kind], kind)
        self.dialer.setCurrentIndex(max(0, self.dialer.findData(preferences.dialer)))
        phone_form.addRow(self.tr("Dialer"), self.dialer)
        self.fields: dict[str, QLineEdit] = {}
        captions = {
            "account_sid": self.tr("Account SID"),
            "auth_token": self.tr("Auth token"),
            "api_key": self.tr("API key (instead of the token)"),
            "api_secret": self.tr("API key secret"),
            "caller_id": self.tr("Caller ID (your Twilio number)"),
            "agent_number": self.tr("Your own phone (rung first)"),
        }
        for name in SETTING_NAMES:
            edit = QLineEdit()
            edit.setObjectName(name)
            if name in ("auth_token", "api_secret"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.fields[name] = edit
            phone_form.addRow(captions[name], edit)
        note = QLabel(self.tr("Twilio settings are kept in the system keyring, not in files."))
        note.setStyleSheet("color: #777;")
        note.setWordWrap(True)
        phone_form.addRow("", note)

        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(telephony)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.keyring_problem: str | None = None
        self._load_keyring()

    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    def _load_keyring(self) -> None:
        ring = self.keyring

        def loaded(result: tuple[TwilioCredentials, str | None]) -> None:
            credentials, problem = result
            self.keyring_problem = problem
            if problem is not None:
                self.message.setText(self._keyring_text(problem))
            for name, edit in self.fields.items():
                if not edit.text():
                    edit.setText(str(getattr(credentials, name)))

        self.operation = run_in_background(lambda: read_keyring(ring), loaded, self._failed)

    def _keyring_text(self, problem: str) -> str:
        return self.tr(
            "The system keyring cannot be used ({problem}): Twilio settings cannot be saved "
            "here. Set the TWILIO_* and CATI_* environment variables instead."
        ).format(problem=problem)

    def credentials(self) -> TwilioCredentials:
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in self.fields.items()}
        return TwilioCredentials(**values)

    def save(self) -> None:
        if self.busy:
            return
        self.preferences.database_url = self.database.text()
        self.preferences.language = str(self.language.currentData() or "")
        self.preferences.dialer = str(self.dialer.currentData() or "study")
        self.preferences.sync()
        credentials, ring = self.credentials(), self.keyring
        nothing = not any(getattr(credentials, name) for name in SETTING_NAMES)
        if nothing and self.keyring_problem is not None:
            self.accept()  # nothing to keep in a keyring that cannot be used
            return
        self.message.setText(self.tr("Saving…"))
        self.buttons.setEnabled(False)
        self.operation = run_in_background(
            lambda: save_credentials(credentials, ring), self._saved, self._failed
        )

    def _saved(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.message.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe_error(error) or "")
