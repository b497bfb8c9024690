"""Whether counts spread evenly over categories: the chi-square goodness-of-fit test.

"More prevalent on Mondays" is a claim that the school days are not alike.
Under no difference each day's count is a Poisson draw with the same mean, so
given their total the counts are multinomial with equal shares; Pearson's
chi-square statistic ``sum((observed - expected)^2 / expected)`` on
``days - 1`` degrees of freedom tests that (Pearson, 1900).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import chisquare

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


@dataclass(frozen=True)
class EvenTest:
    """The chi-square statistic, its degrees of freedom and the p-value."""

    statistic: float
    df: int
    p_value: float


def even_counts_test(counts: ArrayLike) -> EvenTest:
    """Test that ``counts`` have equal expected values.

    Examples
    --------
    10, 20 and 30 against 20 each: (100 + 0 + 100) / 20 = 10 on 2 degrees of
    freedom, p = exp(-10 / 2).

    >>> t = even_counts_test([10, 20, 30])
    >>> t.statistic, t.df, round(t.p_value, 6)
    (10.0, 2, 0.006738)
    >>> even_counts_test([0, 0]).p_value
    1.0
    """
    observed = np.asarray(counts, dtype=float)
    if observed.sum() == 0 or len(observed) < 2:
        return EvenTest(0.0, max(len(observed) - 1, 0), 1.0)
    result = chisquare(observed)
    return EvenTest(float(result.statistic), len(observed) - 1, float(result.pvalue))


__all__ = ["EvenTest", "even_counts_test"]
