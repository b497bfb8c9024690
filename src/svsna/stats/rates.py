"""Rates with honest intervals: exact Poisson confidence limits.

A rate per 1,000 built from a count ``k`` over a population carries the
uncertainty of ``k``; the exact (Garwood) limits use the chi-squared
distribution :cite:`garwood1936fiducial` and stay valid for small counts,
where normal approximations fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import chi2


@dataclass(frozen=True)
class Rate:
    """A rate per ``per`` people with its confidence interval."""

    count: int
    population: float
    per: float
    value: float
    lower: float
    upper: float


def poisson_interval(count: int, /, *, level: float = 0.95) -> tuple[float, float]:
    """Exact Poisson confidence limits for an observed ``count``.

    Examples
    --------
    >>> [round(x, 3) for x in poisson_interval(10)]
    [4.795, 18.39]
    >>> poisson_interval(0)[0]
    0.0
    """
    if count < 0:
        raise ValueError("a count cannot be negative")
    tail = (1.0 - level) / 2.0
    lower = 0.0 if count == 0 else float(chi2.ppf(tail, 2 * count) / 2.0)
    upper = float(chi2.ppf(1.0 - tail, 2 * (count + 1)) / 2.0)
    return lower, upper


def rate(
    count: int, population: float, /, *, per: float = 1000.0, level: float = 0.95
) -> Rate:
    """The rate of ``count`` per ``per`` of ``population`` with exact limits.

    Examples
    --------
    >>> r = rate(317, 8048)
    >>> round(r.value, 1), round(r.lower, 1), round(r.upper, 1)
    (39.4, 35.2, 44.0)
    """
    if population <= 0:
        raise ValueError("the population must be positive")
    lower, upper = poisson_interval(count, level=level)
    scale = per / population
    return Rate(count, population, per, count * scale, lower * scale, upper * scale)
