"""Errors of the dispositions package: bad codes, bad categories, bad study settings.

All are :class:`CatiError` so the CLI and the UI show their message to a person. Errors about
numbers given to the rate formulas are also :class:`ValueError`, as the statistics in
``reports`` raise, so callers that treat bad statistical input uniformly can catch either.
"""

from __future__ import annotations

from cati.errors import CatiError


class DispositionError(CatiError):
    """Root of the errors about disposition codes, categories and outcome tables."""


class UnknownDispositionCode(DispositionError):
    """A code is not one of the AAPOR disposition codes cati knows."""


class UnknownCategory(DispositionError):
    """A category is not one of AAPOR's I, P, R, NC, O, UH, UO, NE."""


class OutcomeSettingsError(DispositionError):
    """A study's outcome table settings are malformed; the message names the field."""


class RateInputError(DispositionError, ValueError):
    """Counts or the eligibility estimate ``e`` given to the rate formulas are invalid."""
