"""Errors of the supervision and setup services."""

from __future__ import annotations

from cati.errors import CatiError

__all__ = ["AlertAlreadyHandled", "AnswersChanged", "OperationCancelled", "RecordingMissing"]


class OperationCancelled(CatiError):
    """The person cancelled a long operation (an import, export or report) before its end."""


class AlertAlreadyHandled(CatiError):
    """Somebody else handled the alert first; the inbox shows their note."""


class AnswersChanged(CatiError):
    """The interview's answers changed since they were shown; reload and correct again."""


class RecordingMissing(CatiError):
    """The call has no recording, or its file is not where the call log says."""
