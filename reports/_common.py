"""Input checks shared by the statistics modules (private).

Answers arrive as lists, NumPy arrays or pandas Series, with "don't know" / "refused"
codes and NaN mixed in. Every statistic cleans them the same way, so the same answer is
never counted by one table and dropped by another.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

from reports.errors import InvalidScoreError, ReportInputError, WeightsError

MissingPolicy = Literal["drop", "raise"]
FloatArray = npt.NDArray[np.float64]


def z_critical(confidence: float) -> float:
    """Two-sided standard normal critical value, e.g. 1.959964 for ``confidence=0.95``."""
    check_confidence(confidence)
    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def check_confidence(confidence: float) -> None:
    if not (isinstance(confidence, int | float) and 0.0 < float(confidence) < 1.0):
        raise ReportInputError(
            f"confidence must be a number strictly between 0 and 1 (e.g. 0.95), got {confidence!r}"
        )


def _to_series(values: Any, name: str) -> pd.Series:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True)
    if isinstance(values, pd.DataFrame):
        raise ReportInputError(f"{name} must be one column of answers, not a table")
    if isinstance(values, str | bytes):
        raise ReportInputError(f"{name} must be a sequence of answers, not a single string")
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=object)
    if arr.ndim != 1:
        raise ReportInputError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return pd.Series(arr, dtype=object)


def as_weights(weights: Any, n: int, name: str = "weights") -> FloatArray:
    """Validate weights against ``n`` answers; ``None`` means every answer weighs 1."""
    if weights is None:
        return np.ones(n, dtype=np.float64)
    w = _to_series(weights, name)
    try:
        arr = pd.to_numeric(w, errors="raise").to_numpy(dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise WeightsError(f"{name} must be numbers: {exc}") from exc
    if arr.shape[0] != n:
        raise WeightsError(
            f"{name} has {arr.shape[0]} values but there are {n} answers; "
            "pass one weight per answer"
        )
    if not np.all(np.isfinite(arr)):
        raise WeightsError(f"{name} contains NaN or infinite values; give every answer a weight")
    if np.any(arr < 0):
        raise WeightsError(f"{name} contains negative values; weights must be >= 0")
    return arr


@dataclass(frozen=True)
class CleanAnswers:
    """Usable answers with their weights, and how many were set aside as missing."""

    values: FloatArray
    weights: FloatArray
    n_missing: int

    @property
    def n(self) -> int:
        return int(np.count_nonzero(self.weights > 0))

    @property
    def n_effective(self) -> float:
        return kish_effective_n(self.weights)


def clean_answers(
    values: Iterable[Any],
    weights: Any = None,
    *,
    dont_know: Collection[Any] = (),
    missing: MissingPolicy = "drop",
    name: str = "answers",
) -> CleanAnswers:
    """Drop NaN and "don't know" codes (``missing="drop"``) or refuse them (``"raise"``).

    Non-numeric answers that are not declared "don't know" codes are an error: a typo in
    the data must not silently vanish from a base.
    """
    if missing not in ("drop", "raise"):
        raise ReportInputError(f"missing must be 'drop' or 'raise', got {missing!r}")
    s = _to_series(values, name)
    w = as_weights(weights, len(s))
    dk = set(dont_know)
    is_missing = s.isna().to_numpy() | s.map(lambda v: _in_codes(v, dk)).to_numpy(dtype=bool)
    if missing == "raise" and is_missing.any():
        first = int(np.flatnonzero(is_missing)[0])
        raise ReportInputError(
            f'{name} has {int(is_missing.sum())} missing or "don\'t know" answers '
            f"(first at position {first}); pass missing='drop' to leave them out"
        )
    kept = s[~is_missing]
    numeric = pd.to_numeric(kept, errors="coerce")
    bad = numeric.isna()
    if bad.any():
        example = kept[bad].iloc[0]
        raise InvalidScoreError(
            f"{name} contains a non-numeric answer {example!r}; declare it in dont_know "
            "or fix the data"
        )
    arr = numeric.to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise InvalidScoreError(f"{name} contains infinite values")
    return CleanAnswers(values=arr, weights=w[~is_missing], n_missing=int(is_missing.sum()))


def _in_codes(value: Any, codes: set[Any]) -> bool:
    if not codes:
        return False
    try:
        return value in codes
    except TypeError:  # unhashable
        return False


def kish_effective_n(weights: npt.ArrayLike) -> float:
    """Kish (1965) effective sample size ``(sum w)^2 / sum w^2``; 0 for no weight at all."""
    w = np.asarray(weights, dtype=np.float64)
    s2 = float(np.sum(w * w))
    if s2 == 0.0:
        return 0.0
    return float(np.sum(w)) ** 2 / s2
