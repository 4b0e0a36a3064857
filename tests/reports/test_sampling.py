"""Margin of error and sample size with the finite population correction (Cochran 1977)."""

from __future__ import annotations

import pytest

from reports.errors import InsufficientDataError, ReportInputError
from reports.sampling import margin_of_error, sample_size


def test_classic_385_for_five_percent_at_95() -> None:
    # Cochran (1977) eq. 4.2: n0 = 1.96^2 * 0.25 / 0.05^2 = 384.15 -> 385.
    assert sample_size(0.05, 0.95) == 385


@pytest.mark.parametrize(
    ("population", "expected"),
    # Krejcie & Morgan (1970), Table 1 (same formula, chi^2 = 3.841):
    # N=100 -> 80, N=200 -> 132, N=1000 -> 278, N=10000 -> 370.
    [(100, 80), (200, 132), (1000, 278), (10000, 370)],
)
def test_finite_population_correction_matches_krejcie_morgan(
    population: int, expected: int
) -> None:
    assert sample_size(0.05, 0.95, population=population) == expected


def test_ninety_percent_needs_fewer() -> None:
    # n0 = 1.644854^2 * 0.25 / 0.0025 = 270.55 -> 271 (DOMAIN.md: 90 % / 5 % planning).
    assert sample_size(0.05, 0.90) == 271


def test_margin_of_error_round_trips_sample_size() -> None:
    n = sample_size(0.05, 0.95, population=1000)
    assert margin_of_error(n, 0.95, population=1000) <= 0.05
    assert margin_of_error(n - 1, 0.95, population=1000) > 0.05


def test_margin_formula_without_population() -> None:
    # e = z sqrt(p(1-p)/n): 1.959964 * sqrt(0.25/400) = 0.0489991
    assert margin_of_error(400) == pytest.approx(0.0489991, abs=1e-7)


def test_census_has_no_sampling_error() -> None:
    assert margin_of_error(500, population=500) == 0.0


def test_bad_inputs_raise() -> None:
    with pytest.raises(InsufficientDataError):
        margin_of_error(0)
    with pytest.raises(ReportInputError):
        margin_of_error(10, population=5)
    with pytest.raises(ReportInputError):
        sample_size(0.0)
    with pytest.raises(ReportInputError):
        sample_size(0.05, confidence=1.5)
