"""Exporting a study's respondent data: format, file, personal data, weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cati.supervision.outputs import ExportDone, export_results
from cati.ui.context import UiContext
from cati.ui.dialogs.task_dialog import TaskDialog

__all__ = ["ExportDialog"]

_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "sav": ".sav", "sss": ".sss"}


class ExportDialog(TaskDialog):
    def __init__(
        self, context: UiContext, study_id: int, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, self.tr("Export the results"), parent)
        self.study_id = study_id
        self.format = QComboBox()
        self.format.setObjectName("format")
        for key, label in (
            ("xlsx", self.tr("Excel workbook (.xlsx)")),
            ("csv", self.tr("CSV for Russian Excel (.csv)")),
            ("sav", self.tr("SPSS (.sav)")),
            ("sss", self.tr("Triple-S (.sss + .csv)")),
        ):
            self.format.addItem(label, key)
        self.path = QLineEdit(str(folder / "results.xlsx"))
        self.path.setObjectName("path")
        self.format.currentIndexChanged.connect(self._suffix)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.contacts = QCheckBox(self.tr("Include names, phones and companies (personal data)"))
        self.contacts.setObjectName("include_contacts")
        self.weights = QCheckBox(self.tr("Add weights to the segments' populations"))
        self.weights.setObjectName("weights")
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("File"), row)
        form.addRow("", self.contacts)
        form.addRow("", self.weights)
        self.form.addLayout(form)

    def _suffix(self) -> None:
        key = str(self.format.currentData())
        current = Path(self.path.text())
        self.path.setText(str(current.with_suffix(_SUFFIX[key])))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def begin(self) -> None:
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, fmt, out = self.study_id, str(self.format.currentData()), Path(self.path.text())
        contacts, weights = self.contacts.isChecked(), self.weights.isChecked()
        language = self.context.language

        def job(progress: Any, cancel: Any) -> ExportDone:
            return export_results(
                engine,
                actor,
                study_id,
                fmt,
                out,
                clock,
                include_contacts=contacts,
                weights=weights,
                language=language,
                progress=progress,
                cancel=cancel,
            )

        self.start(job, self.tr("Exporting…"))

    def describe(self, result: Any) -> str:
        files = "\n".join(str(p) for p in result.files)
        return self.tr("%n interview(s) exported to:", "", result.interviews) + "\n" + files
