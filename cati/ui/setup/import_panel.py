"""Importing a call list: preview of the first rows, the column mapping (automatic, then
chosen per column), the import with progress and cancel, and the rejects with reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cati.supervision import OperationCancelled
from cati.supervision.setup import (
    ROLE_CHOICES,
    CallListPreview,
    ImportReport,
    import_with_mapping,
    mapping_yaml,
    preview_call_list,
)
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background
from cati.ui.errors import describe_error
from cati.ui.operations import Operation

__all__ = ["ImportPanel"]


class ImportPanel(QWidget):
    """``imported`` is emitted after an import saved contacts."""

    imported = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.background.idle.connect(lambda: self._update_import_button())
        self.mapping_ok = False
        self.study_id: int | None = None
        self.preview: CallListPreview | None = None
        self.report: ImportReport | None = None
        self.operation: Operation | None = None
        self.path = QLineEdit()
        self.path.setObjectName("call_list_path")
        self.path.setPlaceholderText(self.tr("A CSV or XLSX file with the client's contacts"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.load_preview)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Call list:")))
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(self.preview_button)
        self.info = QLabel()
        self.info.setObjectName("preview_info")
        self.info.setWordWrap(True)

        self.rows = QTableWidget(0, 0)
        self.rows.setObjectName("preview_rows")
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setAlternatingRowColors(True)
        self.mapping = QTableWidget(0, 2)
        self.mapping.setObjectName("mapping")
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.yaml = QPlainTextEdit()
        self.yaml.setObjectName("mapping_yaml")
        self.yaml.setReadOnly(True)
        self.yaml.setMaximumHeight(120)
        mapping_box = QGroupBox(self.tr("Column mapping (choose the field for each column)"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping, 1)
        mapping_layout.addWidget(QLabel(self.tr("Saved as the mapping file:")))
        mapping_layout.addWidget(self.yaml)
        rows_box = QGroupBox(self.tr("First rows"))
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addWidget(self.rows)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(rows_box)
        splitter.addWidget(mapping_box)
        splitter.setSizes([680, 420])

        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel_import")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.progress.setValue(0)
        actions = QHBoxLayout()
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.import_button)
        self.result = QLabel()
        self.result.setObjectName("import_result")
        self.result.setWordWrap(True)
        self.rejects = QTableWidget(0, 4)
        self.rejects.setObjectName("rejects")
        self.rejects.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Reason"), self.tr("Explanation"), self.tr("Row as written")]
        )
        self.rejects.verticalHeader().setVisible(False)
        self.rejects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.rejects.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rejects_box = QGroupBox(self.tr("Rows not imported"))
        rejects_layout = QVBoxLayout(self.rejects_box)
        rejects_layout.addWidget(self.rejects)
        self.rejects_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 3)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.rejects_box, 2)

    # -- labels ---------------------------------------------------------------------------

    def target_label(self, target: str) -> str:
        return {
            "company": self.tr("Company"),
            "name": self.tr("Contact person"),
            "position": self.tr("Position"),
            "phone": self.tr("Phone"),
            "extension": self.tr("Extension"),
            "email": self.tr("E-mail"),
            "region": self.tr("Region"),
            "city": self.tr("City"),
            "manager": self.tr("Account manager"),
            "ignore": self.tr("Do not import"),
        }.get(target, target)

    def reason_label(self, reason: str) -> str:
        return {
            "no_phone": self.tr("no phone"),
            "invalid_phone": self.tr("invalid phone"),
            "duplicate_in_file": self.tr("duplicate in the file"),
            "already_in_study": self.tr("already in the study"),
            "do_not_call": self.tr("do not call"),
        }.get(reason, reason)

    # -- preview --------------------------------------------------------------------------

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a call list"), self.path.text(), "CSV, Excel (*.csv *.xlsx)"
        )
        if chosen:
            self.path.setText(chosen)
            self.load_preview()

    def load_preview(self) -> None:
        text = self.path.text().strip()
        if not text:
            return
        actor, path = self.context.actor, Path(text)
        self.preview_button.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.preview_button.setEnabled(True)
            self.info.setStyleSheet("color: #b00020;")
            self.info.setText(describe_error(error) or "")

        self.background.run(lambda: preview_call_list(actor, path), self.show_preview, failed)

    def show_preview(self, preview: CallListPreview) -> None:
        self.preview = preview
        self.preview_button.setEnabled(True)
        self.info.setStyleSheet("")
        details = [preview.format.upper()]
        if preview.encoding:
            details.append(self.tr("encoding {e}").replace("{e}", preview.encoding))
        if preview.delimiter:
            details.append(self.tr("delimiter «{d}»").replace("{d}", preview.delimiter))
        details.append(self.tr("header in row {n}").replace("{n}", str(preview.header_row)))
        self.info.setText(", ".join(details))
        headers = [c.header for c in preview.columns]
        self.rows.setColumnCount(len(headers))
        self.rows.setHorizontalHeaderLabels(headers)
        self.rows.setRowCount(len(preview.rows))
        self.rows.setVerticalHeaderLabels([str(number) for number, _ in preview.rows])
        for row, (_number, cells) in enumerate(preview.rows):
            for column, text in enumerate(cells[: len(headers)]):
                self.rows.setItem(row, column, QTableWidgetItem(text))
        self.rows.resizeColumnsToContents()
        self.mapping.setRowCount(len(preview.columns))
        for row, planned in enumerate(preview.columns):
            label = QTableWidgetItem(planned.header)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping.setItem(row, 0, label)
            choice = QComboBox()
            choice.setObjectName(f"field_{planned.index}")
            choice.setEditable(True)
            for role in ROLE_CHOICES:
                choice.addItem(self.target_label(role), role)
            if planned.target not in ROLE_CHOICES:
                choice.addItem(planned.target, planned.target)
            choice.setCurrentIndex(choice.findData(planned.target))
            choice.setToolTip(
                self.tr(
                    "A field of the contact, or any other name (latin, like last_order) "
                    "to keep the column for segment rules"
                )
            )
            choice.currentIndexChanged.connect(self._mapping_changed)
            choice.editTextChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(row, 1, choice)
        self._mapping_changed()

    def targets(self) -> dict[int, str]:
        """The chosen field of each column: a role, or an attribute key as typed."""
        chosen: dict[int, str] = {}
        if self.preview is None:
            return chosen
        for row, column in enumerate(self.preview.columns):
            widget = self.mapping.cellWidget(row, 1)
            if not isinstance(widget, QComboBox):
                continue
            text = widget.currentText().strip()
            index = widget.findText(text)
            data = widget.itemData(index) if index >= 0 else None
            chosen[column.index] = str(data) if data is not None else text
        return chosen

    def _mapping_changed(self, *_args: Any) -> None:
        if self.preview is None:
            return
        try:
            text = mapping_yaml(self.preview, self.targets())
        except Exception as error:  # a typed key the importer would refuse: say why here
            self.yaml.setPlainText(str(error))
            self.yaml.setStyleSheet("color: #b00020;")
            self.mapping_ok = False
            self._update_import_button()
            return
        self.yaml.setStyleSheet("")
        self.yaml.setPlainText(text)
        self.mapping_ok = True
        self._update_import_button()

    def _update_import_button(self) -> None:
        """Import is possible with a usable mapping, once nothing else runs (the preview's
        own call may still be finishing when its result is shown: ``idle`` comes after)."""
        ready = self.mapping_ok and self.preview is not None and self.study_id is not None
        self.import_button.setEnabled(ready and not self.background.busy)

    # -- import ---------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.preview is None or self.study_id is None:
            return
        mapping = self.yaml.toPlainText()
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, path = self.study_id, self.preview.path

        def job(progress: Any, cancel: Any) -> ImportReport:
            return import_with_mapping(
                engine, actor, study_id, path, mapping, clock, progress=progress, cancel=cancel
            )

        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.result.setText(self.tr("Importing…"))
        self.rejects_box.setVisible(False)
        self.operation = self.background.run(
            job, self.show_report, self._import_failed, on_progress=self._progress
        )

    def cancel_import(self) -> None:
        if self.operation is not None and self.background.busy:
            self.operation.cancel()
            self.result.setText(self.tr("Cancelling after the current batch…"))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _import_failed(self, error: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        self.import_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, OperationCancelled):
            self.result.setText(self.tr("Cancelled.") + " " + str(error))
            self.imported.emit()
            return
        self.result.setStyleSheet("color: #b00020;")
        self.result.setText(describe_error(error) or "")

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.cancel_button.setEnabled(False)
        self.import_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.result.setStyleSheet("")
        text = self.tr("Read {read} rows: {imported} imported, {rejected} not imported.")
        text = (
            text.replace("{read}", str(report.read))
            .replace("{imported}", str(report.imported))
            .replace("{rejected}", str(report.rejected))
        )
        if report.segments:
            text += " " + self.tr("By segment: {list}.").replace(
                "{list}", ", ".join(f"{k} {v}" for k, v in report.segments.items())
            )
        if report.rejects_path is not None:
            text += " " + self.tr("All rejected rows are in {file}").replace(
                "{file}", str(report.rejects_path)
            )
        if report.warnings:  # rows read in another encoding: the person should look at them
            text += "\n" + "\n".join(report.warnings)
        self.result.setText(text)
        self.rejects.setRowCount(len(report.rejects))
        for row, reject in enumerate(report.rejects):
            cells = [
                str(reject.row),
                self.reason_label(reject.reason),
                reject.message,
                " ; ".join(c for c in reject.cells if c),
            ]
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                if column == 1:
                    item.setForeground(QColor("#b00020"))
                self.rejects.setItem(row, column, item)
        self.rejects_box.setVisible(bool(report.rejects))
        self.imported.emit()
