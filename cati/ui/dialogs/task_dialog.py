"""A dialog that runs one long service call in the background with a progress bar and a
Cancel button (exports, the report, imports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cati.supervision import OperationCancelled
from cati.ui.context import UiContext
from cati.ui.errors import describe_error
from cati.ui.operations import Cancelled, Operation, run_in_background

__all__ = ["TaskDialog"]


class TaskDialog(QDialog):
    """Subclasses put their form in :attr:`form` and call :meth:`start` with the job."""

    def __init__(self, context: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.operation: Operation | None = None
        self.result: Any = None
        self.form = QVBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("task_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setEnabled(False)
        self.start_button.clicked.connect(self.begin)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    @property
    def running(self) -> bool:
        return self.operation is not None and self.operation.running

    def begin(self) -> None:
        """Read the form and :meth:`start` the job (subclasses)."""
        raise NotImplementedError

    def start(self, job: Callable[..., Any], working: str) -> None:
        self.result = None
        self.status.setText(working)
        self.status.setStyleSheet("")
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.start_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.operation = run_in_background(
            job, self._succeeded, self._failed, parent=self, on_progress=self._progress
        )

    def cancel(self) -> None:
        if self.running and self.operation is not None:
            self.operation.cancel()
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _finish(self) -> None:
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._finish()
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(self.describe(result))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, OperationCancelled | Cancelled):
            self.status.setText(self.tr("Cancelled.") + " " + str(error))
            return
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(describe_error(error) or "")

    def describe(self, result: Any) -> str:
        """The message shown after success (subclasses)."""
        return self.tr("Done.")
