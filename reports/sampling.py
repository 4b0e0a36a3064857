"""How many interviews a segment needs, and the precision a segment achieved.

For a proportion ``p`` estimated from a simple random sample of ``n`` out of a population
of ``N`` the margin of error at confidence ``1 - alpha`` is (Cochran 1977, eq. 3.13 and
section 4.4)::

    e = z * sqrt(p (1 - p) / n) * sqrt((N - n) / (N - 1))

where the last factor is the finite population correction (FPC), left out when ``N`` is
unknown (infinite). Solving for ``n`` gives the classic sample size (Cochran 1977, eqs.
4.2-4.3)::

    n0 = z^2 p (1 - p) / e^2,        n = n0 / (1 + (n0 - 1) / N)

rounded *up*, so that the planned sample meets the margin. ``p = 0.5`` is the most
conservative choice. B2B client bases are small, so the FPC matters: +-5 % at 95 % needs
385 interviews from an unlimited base but only 278 from a base of 1,000 clients (the
same figures as Krejcie & Morgan's 1970 table, which uses this formula with chi^2 = 3.841).

References
----------
Cochran, W. G. (1977). Sampling Techniques, 3rd ed. Wiley. Sections 4.2-4.4.
Krejcie, R. V. & Morgan, D. W. (1970). Determining sample size for research activities.
    Educational and Psychological Measurement 30, 607-610.
"""

from __future__ import annotations

import math

from reports._common import z_critical
from reports.errors import InsufficientDataError, ReportInputError


def _check_p(p: float) -> None:
    if not 0.0 <= p <= 1.0:
        raise ReportInputError(f"p must be a proportion between 0 and 1, got {p!r}")


def _check_population(population: float | None, n: float | None = None) -> None:
    if population is None:
        return
    if not (math.isfinite(population) and population >= 1):
        raise ReportInputError(f"population must be a size of at least 1, got {population!r}")
    if n is not None and n > population:
        raise ReportInputError(
            f"the sample ({n:g}) cannot be larger than the population ({population:g})"
        )


def margin_of_error(
    n: float, confidence: float = 0.95, population: float | None = None, p: float = 0.5
) -> float:
    """Margin of error (half-width of the interval, as a proportion) of a share.

    Parameters
    ----------
    n : float
        Sample size (use the effective sample size for weighted data).
    confidence : float
        Confidence level, default 0.95.
    population : float, optional
        Population size ``N`` for the finite population correction; ``None`` = infinite.
    p : float
        Assumed proportion, default 0.5 (the widest margin).

    Returns
    -------
    float
        e.g. 0.049 for +-4.9 percentage points.

    Notes
    -----
    ``e = z sqrt(p(1-p)/n) sqrt((N-n)/(N-1))`` (Cochran 1977). A census (``n == N``) has
    margin 0.

    Examples
    --------
    >>> round(margin_of_error(385), 4)
    0.0499
    >>> round(margin_of_error(278, population=1000), 4)
    0.05
    """
    z = z_critical(confidence)
    _check_p(p)
    if not (math.isfinite(n) and n > 0):
        raise InsufficientDataError(f"margin of error needs a sample of at least 1, got n={n!r}")
    _check_population(population, n)
    e = z * math.sqrt(p * (1.0 - p) / n)
    if population is not None:
        if population <= 1:
            return 0.0
        e *= math.sqrt(max(population - n, 0.0) / (population - 1.0))
    return e


def sample_size(
    margin: float, confidence: float = 0.95, population: float | None = None, p: float = 0.5
) -> int:
    """Interviews needed for a share to have at most ``margin`` margin of error.

    Parameters
    ----------
    margin : float
        Wanted margin of error as a proportion (0.05 for +-5 points).
    confidence : float
        Confidence level, default 0.95.
    population : float, optional
        Population size for the finite population correction.
    p : float
        Assumed proportion, default 0.5.

    Returns
    -------
    int
        ``ceil(n0 / (1 + (n0 - 1) / N))`` with ``n0 = z^2 p (1-p) / e^2`` (Cochran 1977),
        never more than ``N``.

    Examples
    --------
    >>> sample_size(0.05), sample_size(0.05, population=1000)
    (385, 278)
    """
    z = z_critical(confidence)
    _check_p(p)
    if not (math.isfinite(margin) and 0.0 < margin < 1.0):
        raise ReportInputError(f"margin must be a proportion between 0 and 1, got {margin!r}")
    _check_population(population)
    n0 = z * z * p * (1.0 - p) / (margin * margin)
    n = n0 if population is None else n0 / (1.0 + (n0 - 1.0) / population)
    # Guard against 384.0000000001 becoming 385 through floating point noise.
    needed = math.ceil(n - 1e-9)
    if population is not None:
        needed = min(needed, math.ceil(population))
    return max(needed, 1)


__all__ = ["margin_of_error", "sample_size"]
