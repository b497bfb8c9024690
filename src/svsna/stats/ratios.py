"""Ratios with honest intervals: two Poisson rates, and two proportions.

The rate ratio of two Poisson counts over their populations uses the exact
conditional method :cite:`armitage2002statistical`: given ``a + b`` events,
``a`` is binomial with ``p = RR·n_a / (RR·n_a + n_b)``, so the Clopper-Pearson
limits of ``p`` give exact limits of ``RR``. The ratio of two proportions (e.g.
the find rates of two groups of searches) uses the log method of Katz et al.
:cite:`katz1978obtaining`, the one the Home Office uses for stop-and-search
disproportionality.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import binomtest, norm


@dataclass(frozen=True)
class Ratio:
    """A ratio with its confidence limits (None where undefined)."""

    value: float | None
    lower: float | None
    upper: float | None


def rate_ratio(
    a: int, population_a: float, b: int, population_b: float, /, *, level: float = 0.95
) -> Ratio:
    """Ratio of the rate ``a / population_a`` to ``b / population_b``, exact limits.

    Examples
    --------
    >>> r = rate_ratio(30, 1000, 10, 1000)
    >>> round(r.value, 2), round(r.lower, 2), round(r.upper, 2)
    (3.0, 1.43, 6.88)
    """
    if population_a <= 0 or population_b <= 0:
        raise ValueError("populations must be positive")
    if a + b == 0:
        return Ratio(None, None, None)
    scale = population_b / population_a
    ci = binomtest(a, a + b).proportion_ci(confidence_level=level, method="exact")

    def odds(p: float) -> float | None:
        return None if p >= 1 else p / (1 - p) * scale

    value = None if b == 0 else (a / population_a) / (b / population_b)
    return Ratio(value, odds(ci.low), odds(ci.high))


def proportion_ratio(
    x1: int, n1: int, x2: int, n2: int, /, *, level: float = 0.95
) -> Ratio:
    """Ratio of the proportions ``x1/n1`` and ``x2/n2`` with Katz log limits.

    Examples
    --------
    >>> r = proportion_ratio(20, 100, 40, 100)
    >>> round(r.value, 2), round(r.lower, 3), round(r.upper, 3)
    (0.5, 0.316, 0.792)
    """
    if n1 <= 0 or n2 <= 0:
        raise ValueError("group sizes must be positive")
    if x1 == 0 or x2 == 0:
        value = 0.0 if x1 == 0 and x2 > 0 else None
        return Ratio(value, None, None)
    value = (x1 / n1) / (x2 / n2)
    se = math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
    z = float(norm.ppf(0.5 + level / 2))
    return Ratio(value, value * math.exp(-z * se), value * math.exp(z * se))
