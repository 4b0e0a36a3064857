"""Errors of the fieldwork application, children of the shared root :class:`CatiError`."""

from __future__ import annotations

from surveys.errors import CatiError, ExpressionError, ScriptError, ScriptProblem

__all__ = [
    "CatiError",
    "ConfigurationError",
    "ExpressionError",
    "NotFoundError",
    "PermissionDenied",
    "ScriptError",
    "ScriptProblem",
]


class ConfigurationError(CatiError):
    """Settings, credentials or the environment are missing or wrong."""


class NotFoundError(CatiError):
    """A study, contact or other record named by the user does not exist."""


class PermissionDenied(CatiError):
    """The signed-in person's role does not allow the operation."""
