"""Issue 12's statistics, each against a hand calculation or a known textbook value."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as t_dist

from svsna.stats.multiple import bh_adjust
from svsna.stats.proportions import proportion, wilson_interval
from svsna.stats.trends import (
    modelled_change,
    poisson_change_test,
    ratio_change_test,
)


def _months(first: str, counts: list[int]) -> pd.DataFrame:
    months = pd.date_range(first, periods=len(counts), freq="MS")
    half = len(counts) // 2
    return pd.DataFrame(
        {"month": months, "count": counts, "current": [False] * half + [True] * half}
    )


def test_constant_daily_crime_is_no_change_across_a_leap_year() -> None:
    # 2 a day from April 2023 to March 2025: February 2024 has 58, 2025 has 56.
    months = pd.date_range("2023-04-01", periods=24, freq="MS")
    frame = _months("2023-04-01", list(2 * months.days_in_month))
    test = modelled_change(frame)
    assert test.previous == 732 and test.current == 730
    assert test.rate_ratio == pytest.approx(1.0, abs=1e-9)
    assert test.p_value == pytest.approx(1.0, abs=1e-9)
    assert test.significant is False


def test_hand_computed_quasi_poisson_with_equal_months() -> None:
    # 2021/22 and 2022/23 have the same days in each calendar month, so the
    # seasonal model's period effect is log(C / P) with Poisson variance
    # 1/C + 1/P, fitted counts n_m * P / N and n_m * C / N (n_m: both years'
    # count of calendar month m).
    before = [30, 25, 40, 22, 35, 28, 31, 26, 45, 20, 33, 29]
    after = [38, 20, 52, 30, 29, 40, 35, 30, 58, 27, 31, 41]
    test = modelled_change(_months("2021-04-01", before + after))
    p_total, c_total = sum(before), sum(after)
    n_total = p_total + c_total
    pearson = 0.0
    for b, a in zip(before, after, strict=True):
        n_m = a + b
        for observed, share in ((b, p_total / n_total), (a, c_total / n_total)):
            fitted = n_m * share
            pearson += (observed - fitted) ** 2 / fitted
    dispersion = pearson / (24 - 13)
    se = math.sqrt(1 / c_total + 1 / p_total) * math.sqrt(max(1.0, dispersion))
    statistic = math.log(c_total / p_total) / se
    expected_p = 2 * t_dist.sf(abs(statistic), 11)
    assert test.seasonal is True
    assert test.rate_ratio == pytest.approx(c_total / p_total, rel=1e-6)
    assert test.dispersion == pytest.approx(dispersion, rel=1e-6)
    assert test.p_value == pytest.approx(expected_p, rel=1e-5)


def test_over_dispersed_months_need_a_bigger_change_than_poisson_totals() -> None:
    # Totals 1,200 -> 1,320 (+10%): the exact Poisson test on the totals calls it
    # significant, but months that swing between 40 and 160 do not support it.
    before = [40, 160, 60, 140, 80, 120, 40, 160, 60, 140, 80, 120]
    after = [a * 11 // 10 for a in before[::-1]]
    assert sum(before) == 1200 and sum(after) == 1320
    assert poisson_change_test(1200, 1320).significant is True
    test = modelled_change(_months("2021-04-01", before + after))
    assert test.dispersion is not None and test.dispersion > 10
    assert test.significant is False


def test_a_real_change_in_steady_months_is_significant() -> None:
    before = [100] * 12
    after = [130] * 12
    test = modelled_change(_months("2021-04-01", before + after))
    assert test.rate_ratio == pytest.approx(1.3, rel=1e-9)
    assert test.significant is True


def test_no_events_in_one_period_is_not_tested() -> None:
    test = modelled_change(_months("2021-04-01", [0] * 12 + [1] * 12))
    assert test.p_value is None and test.significant is None
    assert "no events" in test.words()


def test_ratio_change_is_the_two_by_two_conditional_test() -> None:
    # The case: ED 1,000 -> 1,100 with police flat is p = 0.13.
    test = ratio_change_test((1000, 1000), (1100, 1000))
    assert test.p_value == pytest.approx(0.1336, abs=1e-4)
    assert test.significant is False
    # Fisher's tea-tasting table [[3, 1], [1, 3]]: hypergeometric probabilities
    # of 0..4 cups are 1, 16, 36, 16, 1 over 70; two-sided p = (1+16+16+1)/70.
    assert ratio_change_test((3, 1), (1, 3)).p_value == pytest.approx(34 / 70)


def test_wilson_interval_by_hand() -> None:
    # 5 of 10, z = 1.959964: centre (0.5 + z²/20) / (1 + z²/10) = 0.5;
    # half-width z·sqrt(0.025 + z²/400) / (1 + z²/10).
    z = 1.959963984540054
    half = z * math.sqrt(0.025 + z * z / 400) / (1 + z * z / 10)
    low, high = wilson_interval(5, 10)
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half))
    # 0 of 10: the lower limit is 0 and the upper z²/(10 + z²).
    assert wilson_interval(0, 10) == pytest.approx((0.0, z * z / (10 + z * z)))
    share = proportion(3, 12)
    assert share.pct == 25.0 and share.lower < 25.0 < share.upper


def test_benjamini_hochberg_by_hand() -> None:
    # Sorted 0.005, 0.01, 0.03, 0.04 (n = 4): 0.02, 0.02, 0.04, 0.04.
    adjusted = bh_adjust(np.array([0.01, 0.04, 0.03, 0.005]))
    assert adjusted.tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
