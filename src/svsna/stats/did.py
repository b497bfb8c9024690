"""Difference in differences of counts, with an event study of the months around a start.

An intervention runs in some areas from a date; did serious violence there
change more than in the other areas? With monthly counts in the target areas
(``T``) and the rest (``C``), before and after the start, the difference in
differences of their logarithms,

    d = (log T1 - log T0) - (log C1 - log C0) = log((T1 / C1) / (T0 / C0)),

is the maximum-likelihood estimate of the intervention term of a Poisson
model with an area-group effect and a month effect (given each month's total,
the target's share is binomial; its log-odds moves by ``d`` after the start).
``exp(d) - 1`` is the change in the target areas relative to the rest: -20%
means they fared 20% better than the comparison would predict. Its Poisson
variance is ``1/T0 + 1/T1 + 1/C0 + 1/C1``, multiplied by the over-dispersion
of the monthly shares (Pearson chi-square over its degrees of freedom, when
above 1: quasi-likelihood, as McCullagh and Nelder). A zero count adds 0.5 to
each of the four (Haldane). The interval and the two-sided p-value use the
normal distribution of ``d``.

The event study shows the same log ratio month by month, against the pooled
months before the start: flat before the start (no pre-existing divergence)
is what makes the comparison believable; it is still not proof of cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.stats import norm

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


@dataclass(frozen=True)
class DiD:
    """A difference in differences of counts, as a relative change with its limits.

    ``effect``, ``lower`` and ``upper`` are percentages (``exp(d) - 1`` × 100);
    ``dispersion`` is the factor the variance was multiplied by (1 when the
    months vary no more than Poisson counts would); ``months`` the months
    before and after.
    """

    before: int
    after: int
    comparison_before: int
    comparison_after: int
    log_effect: float
    standard_error: float
    dispersion: float
    effect: float
    lower: float
    upper: float
    p_value: float
    months: tuple[int, int]


def _pct(log_ratio: float) -> float:
    return 100.0 * math.expm1(log_ratio)


def _z(level: float) -> float:
    return float(norm.ppf(0.5 + level / 2))


def dispersion(target: ArrayLike, comparison: ArrayLike, after: ArrayLike) -> float:
    """Over-dispersion of the monthly target shares: Pearson chi-square / df, at least 1.

    Given each month's total, the target's count is binomial with one share
    before the start and one after; months that vary more than that inflate
    the variance by this factor.

    Examples
    --------
    >>> dispersion([10, 10, 8, 8], [40, 40, 40, 40], [False, False, True, True])
    1.0
    >>> dispersion([5, 15, 8, 8], [45, 35, 40, 40], [False, False, True, True])
    3.125
    """
    t = np.asarray(target, dtype=float)
    c = np.asarray(comparison, dtype=float)
    post = np.asarray(after, dtype=bool)
    n = t + c
    chi2 = 0.0
    for side in (~post, post):
        share = t[side].sum() / n[side].sum() if n[side].sum() else 0.0
        used = side & (n > 0)
        if 0 < share < 1:
            expected = n[used] * share
            chi2 += float(((t[used] - expected) ** 2 / (expected * (1 - share))).sum())
    df = int((n > 0).sum()) - 2
    return max(1.0, chi2 / df) if df > 0 else 1.0


def difference_in_differences(
    target: ArrayLike,
    comparison: ArrayLike,
    after: ArrayLike,
    *,
    level: float = 0.95,
) -> DiD:
    """The difference in differences of monthly counts before and after a start.

    ``target`` and ``comparison`` are monthly counts; ``after`` marks the
    months from the start on.

    Examples
    --------
    20 then 16 in the target areas, 80 then 80 in the rest: 20% fewer than the
    rest predicts, with a wide interval (p = 0.55).

    >>> d = difference_in_differences([10, 10, 8, 8], [40, 40, 40, 40],
    ...                               [False, False, True, True])
    >>> round(d.effect, 1), round(d.lower, 1), round(d.upper, 1), round(d.p_value, 3)
    (-20.0, -61.3, 65.5, 0.547)
    """
    post = np.asarray(after, dtype=bool)
    t = np.asarray(target, dtype=np.int64)
    c = np.asarray(comparison, dtype=np.int64)
    counts = (
        int(t[~post].sum()),
        int(t[post].sum()),
        int(c[~post].sum()),
        int(c[post].sum()),
    )
    t0, t1, c0, c1 = (x + 0.5 for x in counts) if 0 in counts else counts
    log_effect = math.log(t1 * c0 / (t0 * c1))
    phi = dispersion(t, c, post)
    se = math.sqrt(phi * (1 / t0 + 1 / t1 + 1 / c0 + 1 / c1))
    half = _z(level) * se
    return DiD(
        *counts,
        log_effect=log_effect,
        standard_error=se,
        dispersion=phi,
        effect=_pct(log_effect),
        lower=_pct(log_effect - half),
        upper=_pct(log_effect + half),
        p_value=float(2 * norm.sf(abs(log_effect) / se)),
        months=(int((~post).sum()), int(post.sum())),
    )


def event_study(
    offsets: ArrayLike,
    target: ArrayLike,
    comparison: ArrayLike,
    *,
    level: float = 0.95,
    scale: float = 1.0,
) -> pd.DataFrame:
    """The target-to-comparison ratio month by month, against the months before the start.

    ``offsets`` are months from the start (negative before). Each month's
    log ratio minus the pooled log ratio of the months before (offset < 0),
    as a percentage with its interval: the variance adds both parts (the
    months before are part of the pool, so their intervals are a little
    wider than they need be) and is multiplied by ``scale`` (the
    over-dispersion of the difference in differences). A month with
    a zero count adds 0.5 to both of its counts.

    Examples
    --------
    >>> frame = event_study([-2, -1, 0, 1], [10, 10, 8, 12], [40, 40, 40, 40])
    >>> frame["effect"].round(1).tolist()
    [0.0, 0.0, -20.0, 20.0]
    """
    frame = pd.DataFrame(
        {
            "offset": np.asarray(offsets, dtype=np.int64),
            "target": np.asarray(target, dtype=np.int64),
            "comparison": np.asarray(comparison, dtype=np.int64),
        }
    )
    pre = frame[frame["offset"] < 0]
    t_pre, c_pre = float(pre["target"].sum()), float(pre["comparison"].sum())
    if t_pre == 0 or c_pre == 0:
        t_pre, c_pre = t_pre + 0.5, c_pre + 0.5
    zero = (frame["target"] == 0) | (frame["comparison"] == 0)
    t = frame["target"] + np.where(zero, 0.5, 0.0)
    c = frame["comparison"] + np.where(zero, 0.5, 0.0)
    log_ratio = np.log(t / c) - math.log(t_pre / c_pre)
    se = np.sqrt(scale * (1 / t + 1 / c + 1 / t_pre + 1 / c_pre))
    half = _z(level) * se
    frame["effect"] = 100 * np.expm1(log_ratio)
    frame["lower"] = 100 * np.expm1(log_ratio - half)
    frame["upper"] = 100 * np.expm1(log_ratio + half)
    return frame


__all__ = ["DiD", "difference_in_differences", "dispersion", "event_study"]
