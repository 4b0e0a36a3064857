"""Creating a study from a script file: name, client, phone region, script."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cati.supervision.setup import create_study_from_script
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background
from cati.ui.errors import describe_error

__all__ = ["NewStudyDialog"]


class NewStudyDialog(QDialog):
    """After acceptance :attr:`study_id` is the new study's id."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.study_id: int | None = None
        self.setWindowTitle(self.tr("New study"))
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setObjectName("study_name")
        self.client = QLineEdit()
        self.client.setObjectName("client")
        self.region = QLineEdit("RU")
        self.region.setObjectName("region")
        self.region.setMaxLength(2)
        self.script = QLineEdit()
        self.script.setObjectName("script_path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.script, 1)
        row.addWidget(browse)
        self.message = QLabel()
        self.message.setObjectName("new_study_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Study name"), self.name)
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.tr("Phone region"), self.region)
        form.addRow(self.tr("Script (YAML)"), row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.create_study)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a script"), self.script.text(), "YAML (*.yaml *.yml)"
        )
        if chosen:
            self.script.setText(chosen)

    def create_study(self) -> None:
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        name, client = self.name.text(), self.client.text()
        region, script = self.region.text() or "RU", Path(self.script.text().strip())
        if not self.script.text().strip():
            self.message.setText(self.tr("Choose the script file"))
            return

        def done(study_id: int) -> None:
            self.study_id = study_id
            self.accept()

        def failed(error: BaseException) -> None:
            self.message.setText(describe_error(error) or "")

        self.background.run(
            lambda: create_study_from_script(
                engine, actor, name, script, clock, client=client, region=region
            ),
            done,
            failed,
        )
