"""Honest trends: whether the change between two counts is more than chance.

Two counts of events over equal periods (e.g. serious violence in 2023/24 and
2024/25) are compared with the exact conditional test for two Poisson means
:cite:`przyborowski1940homogeneity`: given the total ``n = a + b``, ``b`` is
binomial with ``p = t_b / (t_a + t_b)`` under the null hypothesis of equal
rates. The two-sided p-value comes from :func:`scipy.stats.binomtest`.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import binomtest


@dataclass(frozen=True)
class ChangeTest:
    """The result of comparing two counts.

    Attributes
    ----------
    previous, current : int
        The counts compared.
    p_value : float
        Two-sided exact p-value (1.0 when both counts are zero).
    significant : bool
        Whether ``p_value`` is below ``alpha``.
    """

    previous: int
    current: int
    p_value: float
    significant: bool

    @property
    def direction(self) -> str:
        """``up``, ``down`` or ``same`` (same unless the change is significant)."""
        if not self.significant or self.current == self.previous:
            return "same"
        return "up" if self.current > self.previous else "down"


def poisson_change_test(
    previous: int,
    current: int,
    /,
    *,
    alpha: float = 0.05,
    exposure_ratio: float = 1.0,
) -> ChangeTest:
    """Test whether ``current`` differs from ``previous`` beyond Poisson chance.

    Parameters
    ----------
    previous, current : int
        Event counts in the earlier and later period.
    alpha : float
        Significance level (two-sided).
    exposure_ratio : float
        Length (or population) of the later period relative to the earlier one.

    Examples
    --------
    >>> poisson_change_test(2523, 2179).significant
    True
    >>> poisson_change_test(10, 12).significant
    False
    """
    if previous < 0 or current < 0:
        raise ValueError("counts must not be negative")
    total = previous + current
    if total == 0:
        return ChangeTest(previous, current, 1.0, False)
    p_null = exposure_ratio / (1.0 + exposure_ratio)
    p_value = float(binomtest(current, total, p_null, alternative="two-sided").pvalue)
    return ChangeTest(previous, current, p_value, p_value < alpha)
