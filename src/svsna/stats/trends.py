"""Honest trends: whether a change is more than chance.

Counts of crime vary from month to month more than pure chance would make
them (a busy summer, a one-off operation): a test that treats a year's total
as a single Poisson count calls too many changes significant. The headline
test, :func:`modelled_change`, therefore models the monthly counts of the two
periods with month-of-year terms and estimates that extra variation
(quasi-Poisson). A ratio of two counts (emergency-department assaults per
police-recorded assault, weapons found per search) is tested as a ratio with
the 2x2 conditional test of :func:`ratio_change_test`.

:func:`poisson_change_test` is the exact conditional test for two Poisson
counts :cite:`przyborowski1940homogeneity`: valid only when the counts are
Poisson (no over-dispersion), so it is kept for data given as bare totals.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import binomtest, fisher_exact
from scipy.stats import t as t_dist

from svsna.results.numbers import p_clause


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


@dataclass(frozen=True)
class ModelledChange:
    """The change between two periods, tested on their monthly counts.

    Attributes
    ----------
    previous, current : int
        The two periods' totals.
    months : int
        Months in the model (months of a calendar month that counts nothing in
        either period are left out: they say nothing about the change).
    rate_ratio : float or None
        The later period's rate over the earlier one's, adjusted for season.
    dispersion : float or None
        Pearson chi-squared over residual degrees of freedom: 1 for Poisson
        counts, more when months vary more than chance alone would make them.
    p_value : float or None
        Two-sided; None when the change cannot be tested.
    significant : bool or None
        ``p_value < alpha``; None when not tested.
    seasonal : bool
        Whether month-of-year terms were in the model.
    reason : str
        Why the change was not tested ("" when it was).
    """

    previous: int
    current: int
    months: int
    rate_ratio: float | None
    dispersion: float | None
    p_value: float | None
    significant: bool | None
    seasonal: bool
    reason: str = ""

    def words(self) -> str:
        """The test in plain words, with its numbers."""
        if self.p_value is None:
            return f"Not tested: {self.reason}."
        season = " with a term for each calendar month" if self.seasonal else ""
        return (
            f"Quasi-Poisson regression of the {self.months} monthly counts{season} "
            "and days in the month as exposure; the change is the period term, "
            f"rate ratio {self.rate_ratio:.3f}, dispersion {self.dispersion:.2f} "
            "(its standard error scaled by the dispersion when above 1), "
            f"two-sided {p_clause(self.p_value)}."
        )


def _untested(previous: int, current: int, months: int, reason: str) -> ModelledChange:
    return ModelledChange(
        previous, current, months, None, None, None, None, False, reason
    )


def _design(frame: pd.DataFrame, seasonal: bool) -> np.ndarray:
    """Intercept, the later-period indicator and (optionally) calendar-month dummies."""
    columns = [np.ones(len(frame)), frame["current"].to_numpy(dtype=float)]
    if seasonal:
        month = frame["moy"].to_numpy()
        columns += [(month == m).astype(float) for m in sorted(set(month))[1:]]
    return np.column_stack(columns)


def _poisson_fit(frame: pd.DataFrame, design: np.ndarray) -> Any:
    """The Poisson GLM of the monthly counts, days in the month as exposure."""
    # The GLM alone: statsmodels.api also imports its plots and time-series
    # modules (scipy.signal and more), which no analysis uses.
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    exposure = np.log(frame["month"].dt.days_in_month.to_numpy(dtype=float))
    with warnings.catch_warnings():
        # A perfect fit (e.g. the same daily rate throughout) is an answer here.
        warnings.simplefilter("ignore")
        return GLM(
            frame["count"].to_numpy(),
            design,
            family=Poisson(),
            offset=exposure,
        ).fit()


def modelled_change(monthly: pd.DataFrame, /, *, alpha: float = 0.05) -> ModelledChange:
    """Test the change between two periods on their monthly counts.

    A Poisson log-linear model of each month's count, with the number of days
    in the month as exposure, a term for the later period and, when both
    periods hold the same calendar months, a term for each calendar month
    (season). Over-dispersion is estimated (quasi-Poisson: Pearson chi-squared
    over residual degrees of freedom) and, when above 1, widens the standard
    error of the period term; the p-value comes from Student's t on the
    residual degrees of freedom :cite:`mccullagh1989generalized`. Monthly
    counts far more variable than Poisson chance therefore need a larger
    change to be called significant.

    Parameters
    ----------
    monthly : pandas.DataFrame
        One row per month of both periods: ``month`` (its first day),
        ``count`` and ``current`` (True for the later period).
    alpha : float
        Significance level (two-sided).

    Examples
    --------
    Ten a day in every month of 2023/24 and 2024/25: no change at all, even
    though February 2024 has a day more than February 2025.

    >>> months = pd.date_range("2023-04-01", periods=24, freq="MS")
    >>> flat = pd.DataFrame({"month": months, "count": 10 * months.days_in_month,
    ...                      "current": [False] * 12 + [True] * 12})
    >>> test = modelled_change(flat)
    >>> round(test.rate_ratio, 6), round(test.p_value, 6), test.significant
    (1.0, 1.0, False)
    """
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(monthly["month"]),
            "count": monthly["count"].astype(float),
            "current": monthly["current"].astype(bool),
        }
    )
    previous = int(frame.loc[~frame["current"], "count"].sum())
    current = int(frame.loc[frame["current"], "count"].sum())
    if previous == 0 or current == 0:
        return _untested(
            previous, current, len(frame), "no events in one of the periods"
        )
    frame["moy"] = frame["month"].dt.month
    frame = frame[frame.groupby("moy")["count"].transform("sum") > 0]
    by_period = frame.groupby("moy")["current"].agg(["min", "max"])
    seasonal = bool((by_period["min"] != by_period["max"]).all()) and len(by_period) > 1
    design = _design(frame, seasonal)
    df_resid = len(frame) - design.shape[1]
    if df_resid < 1:
        return _untested(
            previous, current, len(frame), "too few months to estimate the variation"
        )
    fit = _poisson_fit(frame, design)
    dispersion = float(fit.pearson_chi2 / df_resid)
    se = float(fit.bse[1]) * math.sqrt(max(1.0, dispersion))
    statistic = float(fit.params[1]) / se
    p_value = float(min(1.0, 2.0 * t_dist.sf(abs(statistic), df_resid)))
    return ModelledChange(
        previous,
        current,
        len(frame),
        float(math.exp(fit.params[1])),
        dispersion,
        p_value,
        p_value < alpha,
        seasonal,
    )


@dataclass(frozen=True)
class RatioChange:
    """Whether the ratio of two counts changed between two periods.

    ``previous``/``current`` are (numerator, denominator) pairs; ``ratio_of_ratios``
    is the later ratio over the earlier one; ``p_value`` two-sided.
    """

    previous: tuple[int, int]
    current: tuple[int, int]
    ratio_of_ratios: float | None
    p_value: float
    significant: bool

    def words(self, numerator: str, denominator: str) -> str:
        """The test in plain words."""
        return (
            f"Fisher's exact test of the 2x2 table of {numerator} and {denominator} "
            "in the two periods (conditional on its margins): whether the ratio "
            f"changed, two-sided {p_clause(self.p_value)}."
        )


def ratio_change_test(
    previous: tuple[int, int], current: tuple[int, int], /, *, alpha: float = 0.05
) -> RatioChange:
    """Test whether ``numerator / denominator`` changed between two periods.

    Given each period's total, the numerator is binomial, so equal ratios mean
    equal binomial proportions: Fisher's exact test of the 2x2 table
    ``[[a0, b0], [a1, b1]]`` :cite:`fisher1935logic` tests exactly that, and
    works as well for a find rate (finds of searches) as for a ratio of two
    counts (ED assaults per police-recorded assault).

    Examples
    --------
    ED assaults 1,000 then 1,100 while police assaults stay at 1,000: a 10%
    rise in the ratio that chance explains (p = 0.13).

    >>> test = ratio_change_test((1000, 1000), (1100, 1000))
    >>> round(test.ratio_of_ratios, 2), round(test.p_value, 3), test.significant
    (1.1, 0.134, False)
    >>> round(ratio_change_test((3, 1), (1, 3)).p_value, 4)
    0.4857
    """
    (a0, b0), (a1, b1) = previous, current
    if min(a0, b0, a1, b1) < 0:
        raise ValueError("counts must not be negative")
    if (a0 + a1 == 0) or (b0 + b1 == 0) or (a0 + b0 == 0) or (a1 + b1 == 0):
        return RatioChange(previous, current, None, 1.0, False)
    p_value = float(fisher_exact([[a0, b0], [a1, b1]]).pvalue)
    ratio = (a1 / b1) / (a0 / b0) if b1 and a0 and b0 else None
    return RatioChange(previous, current, ratio, p_value, p_value < alpha)
