"""Errors of exports, with a message for a person (what, where, what to do)."""

from __future__ import annotations

from cati.errors import CatiError

__all__ = ["ExportError"]


class ExportError(CatiError):
    """The export cannot be made as asked (no script, weighting impossible, cannot write)."""
