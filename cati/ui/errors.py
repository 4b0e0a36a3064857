"""One place that shows failures to people: a message for CatiError, a short note for bugs."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cati.errors import CatiError
from cati.ui.operations import Cancelled

log = logging.getLogger(__name__)


def describe_error(error: BaseException) -> str | None:
    """The text to show for ``error``, or None when nothing should be shown (cancelled)."""
    if isinstance(error, Cancelled):
        return None
    if isinstance(error, CatiError):
        return str(error)
    log.error(
        "unexpected error in a background operation:\n%s",
        "".join(traceback.format_exception(error)),
    )
    return QCoreApplication.translate(
        "ErrorPresenter",
        "Something went wrong ({name}). The details were written to the log; please report it.",
    ).format(name=type(error).__name__)


class ErrorPresenter:
    """Shows errors in a message box over ``parent`` (tests replace :meth:`show`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.shown: list[str] = []

    def __call__(self, error: BaseException) -> None:
        text = describe_error(error)
        if text is not None:
            self.show(text)

    def show(self, text: str) -> None:
        """A window-modal box that does not block the event loop (calls keep running)."""
        self.shown.append(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ErrorPresenter", "cati"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
