"""Errors raised by the analysis library.

Every statistic in ``reports`` refuses bad input with an exception that is both a
``CatiError`` (so the CLI and the UI show it to a person) and a ``ValueError`` (so a
notebook user gets the conventional Python signal for "this argument is wrong").
Messages say what is wrong, where, and what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence

from surveys.errors import CatiError, ScriptProblem


class ReportInputError(CatiError, ValueError):
    """Input to a statistic cannot be used as given (wrong shape, range or type)."""


class InsufficientDataError(ReportInputError):
    """Too few usable answers to compute the statistic at all (e.g. a segment with 0 answers)."""


class InvalidScoreError(ReportInputError):
    """An answer lies outside its scale or is not a whole number where one is required."""


class WeightsError(ReportInputError):
    """Weights are negative, not finite, all zero, or do not line up with the answers."""


class EmptyCellError(ReportInputError):
    """A weighting cell has a population target but no respondents (or the reverse)."""


class MarginsMismatchError(ReportInputError):
    """Raking margins do not describe the same total population."""


class ConvergenceError(ReportInputError):
    """An iterative procedure (raking) did not reach the requested tolerance."""


class ConstantDriverError(ReportInputError):
    """A driver (or the outcome) does not vary, so its importance is undefined."""


class CollinearityError(ReportInputError):
    """Drivers are perfectly (or numerically) collinear; the correlation matrix is singular."""


class ThemeDictionaryError(ReportInputError):
    """A theme dictionary (YAML) is malformed.

    ``problems`` lists every problem found, each located at a line and column of the YAML
    text (``str(problem)`` reads ``FILE:LINE:COL: message``); the message of the error is
    those lines joined.
    """

    def __init__(self, message: str, problems: Sequence[ScriptProblem] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message)


__all__ = [
    "CollinearityError",
    "ConstantDriverError",
    "ConvergenceError",
    "EmptyCellError",
    "InsufficientDataError",
    "InvalidScoreError",
    "MarginsMismatchError",
    "ReportInputError",
    "ThemeDictionaryError",
    "WeightsError",
]
