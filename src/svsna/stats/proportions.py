"""Proportions with honest intervals: the Wilson score interval.

A share such as "12% of victims were under 18" is a proportion ``x / n``; its
confidence interval is the Wilson score interval :cite:`wilson1927probable`,
which stays inside 0 to 100% and keeps its coverage for small ``n`` and shares
near 0 or 1, where the textbook normal interval fails. It is the method of the
OHID Fingertips public-health profiles :cite:`ohid2024fingertips`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import norm


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``total`` as a percentage with its Wilson limits (per cent)."""

    count: int
    total: int
    pct: float
    lower: float
    upper: float


def wilson_interval(
    count: int, total: int, /, *, level: float = 0.95
) -> tuple[float, float]:
    """Wilson score limits of the proportion ``count / total`` (as fractions).

    Examples
    --------
    Five of ten: 0.5 ± 1.96·√(0.25/10 + 0.96/400) / 1.384 = 0.237 to 0.763.

    >>> [round(x, 4) for x in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    >>> [round(x, 4) for x in wilson_interval(0, 10)]
    [0.0, 0.2775]
    """
    if total <= 0 or not 0 <= count <= total:
        raise ValueError("need 0 <= count <= total and total > 0")
    z = float(norm.ppf(0.5 + level / 2))
    p = count / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    half /= denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(count: int, total: int, /, *, level: float = 0.95) -> Proportion:
    """``count`` of ``total`` as a percentage with Wilson limits, unrounded.

    Examples
    --------
    >>> p = proportion(5, 10)
    >>> p.pct, round(p.lower, 1), round(p.upper, 1)
    (50.0, 23.7, 76.3)
    """
    lower, upper = wilson_interval(count, total, level=level)
    return Proportion(count, total, 100.0 * count / total, 100 * lower, 100 * upper)


__all__ = ["Proportion", "proportion", "wilson_interval"]
