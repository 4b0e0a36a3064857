"""Writing the client report (.docx) in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cati.supervision.outputs import write_report
from cati.ui.context import UiContext
from cati.ui.dialogs.task_dialog import TaskDialog

__all__ = ["ReportDialog"]


class ReportDialog(TaskDialog):
    def __init__(
        self, context: UiContext, study_id: int, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, self.tr("Client report"), parent)
        self.study_id = study_id
        self.path = QLineEdit(str(folder / "report.docx"))
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Russian"), "ru")
        self.language.addItem(self.tr("English"), "en")
        self.weights = QComboBox()
        self.weights.setObjectName("weights")
        self.weights.addItem(self.tr("Weighted to segment populations"), "population")
        self.weights.addItem(self.tr("Raked to the study's margins"), "raking")
        self.weights.addItem(self.tr("Unweighted"), "none")
        self.weights.setToolTip(
            self.tr(
                "Weighting to segment populations needs every segment's number of clients; "
                "raking needs margins stored with the study."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Weights"), self.weights)
        self.form.addLayout(form)
        self.open_button = QPushButton(self.tr("Open the report"))
        self.open_button.setObjectName("open_report")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open)
        self.form.addWidget(self.open_button)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), self.path.text(), "Word (*.docx)"
        )
        if chosen:
            self.path.setText(chosen)

    def begin(self) -> None:
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, out = self.study_id, Path(self.path.text())
        language, weights = str(self.language.currentData()), str(self.weights.currentData())
        self.open_button.setEnabled(False)

        def job(progress: Any, cancel: Any) -> Path:
            return write_report(
                engine,
                actor,
                study_id,
                out,
                clock,
                language=language,
                weights=weights,
                progress=progress,
                cancel=cancel,
            )

        self.start(job, self.tr("Writing the report: statistics, charts, document…"))

    def describe(self, result: Any) -> str:
        self.open_button.setEnabled(True)
        return self.tr("The report is ready: {path}").replace("{path}", str(result))

    def _open(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result)))
