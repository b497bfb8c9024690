"""Mann-Kendall, the emerging hot-spot categories and the Knox test, on known answers."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import kendalltau

from svsna.stats.emerging import CATEGORIES, MannKendall, mann_kendall, pattern
from svsna.stats.knox import band_labels, knox

FLAT = MannKendall(0, 0.0, 0.0, 1.0)
RISING = MannKendall(45, 1.0, 4.0, 0.0001)
FALLING = MannKendall(-45, -1.0, -4.0, 0.0001)


def test_mann_kendall_by_hand_with_ties() -> None:
    # 1, 2, 2, 3: pairs (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+ -> S = 5.
    # var = [4*3*13 - 2*1*9] / 18 = (156 - 18) / 18 = 7.667; z = 4 / 2.769 = 1.445.
    result = mann_kendall([1, 2, 2, 3])
    assert result.s == 5
    assert result.tau == pytest.approx(5 / 6)
    assert result.z == pytest.approx(4 / np.sqrt(138 / 18))
    assert result.p == pytest.approx(0.1486, abs=1e-4)


def test_mann_kendall_agrees_with_kendalls_tau_on_time() -> None:
    rng = np.random.default_rng(3)
    series = rng.normal(size=20).round(1)  # rounding makes ties
    result = mann_kendall(series)
    tau_b = kendalltau(np.arange(20), series).statistic
    assert np.sign(result.s) == np.sign(tau_b)
    assert abs(result.tau) <= abs(tau_b) + 1e-12  # tau-a never exceeds tau-b


def test_mann_kendall_of_too_short_or_flat_series_is_not_significant() -> None:
    assert mann_kendall([1, 2]).p == 1.0
    assert mann_kendall([4, 4, 4, 4]).p == 1.0


# Ten slices; 1 = significant hot spot, -1 = cold spot, 0 = neither.
CASES = {
    "new hot spot": ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], FLAT),
    "consecutive hot spot": ([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], FLAT),
    "intensifying hot spot": ([1] * 10, RISING),
    "persistent hot spot": ([1, 1, 1, 1, 0, 1, 1, 1, 1, 1], FLAT),
    "diminishing hot spot": ([1] * 10, FALLING),
    "sporadic hot spot": ([0, 1, 0, 0, 1, 1, 0, 0, 0, 1], FLAT),
    "oscillating hot spot": ([0, -1, -1, 0, 0, 1, 0, 0, 0, 1], FLAT),
    "historical hot spot": ([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], FLAT),
    "new cold spot": ([0, 0, 0, 0, 0, 0, 0, 0, 0, -1], FLAT),
    "consecutive cold spot": ([0, 0, 0, 0, 0, 0, -1, -1, -1, -1], FLAT),
    "intensifying cold spot": ([-1] * 10, FALLING),
    "persistent cold spot": ([-1] * 10, FLAT),
    "diminishing cold spot": ([-1] * 10, RISING),
    "sporadic cold spot": ([-1, 0, 0, -1, 0, 0, 0, -1, 0, -1], FLAT),
    "oscillating cold spot": ([1, 0, 0, 0, 0, 0, 0, 0, 0, -1], FLAT),
    "historical cold spot": ([-1, -1, -1, -1, -1, -1, -1, -1, -1, 0], FLAT),
    "no pattern detected": ([0, 1, 0, 0, -1, 0, 1, 0, 0, 0], FLAT),
}


@pytest.mark.parametrize("expected", list(CASES))
def test_every_esri_category_from_its_definition(expected: str) -> None:
    states, trend = CASES[expected]
    assert pattern(states, trend) == expected


def test_the_cases_cover_every_category() -> None:
    assert set(CASES) == set(CATEGORIES)


def test_share_and_trend_level_come_from_the_caller() -> None:
    states = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]  # hot in 80% of the slices
    assert pattern(states, FLAT) == "consecutive hot spot"
    assert pattern(states, FLAT, share=0.8) == "persistent hot spot"
    weak = MannKendall(20, 0.44, 1.8, 0.07)
    assert pattern([1] * 10, weak) == "persistent hot spot"
    assert pattern([1] * 10, weak, alpha=0.10) == "intensifying hot spot"


def _brute_force(x: np.ndarray, y: np.ndarray, days: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(len(x), 1)
    distance = np.hypot(x[i] - x[j], y[i] - y[j])
    lag = np.abs(days[i] - days[j])
    d_band = np.minimum(np.maximum(np.ceil(distance / 100).astype(int) - 1, 0), 5)
    t_band = np.minimum(np.maximum(lag - 1, 0) // 7, 4)
    table = np.zeros((6, 5), dtype=int)
    np.add.at(table, (d_band, t_band), 1)
    return table


def test_knox_counts_every_pair_as_all_pairs_would() -> None:
    rng = np.random.default_rng(11)
    x, y = rng.uniform(0, 3000, 600), rng.uniform(0, 3000, 600)
    days = rng.integers(0, 365, 600)
    result = knox(x, y, days, permutations=19)
    np.testing.assert_array_equal(result.observed, _brute_force(x, y, days))
    assert result.observed.sum() == 600 * 599 // 2


def test_knox_bands_are_inclusive_at_their_upper_edge() -> None:
    # 100 m and 7 days apart: the first band of each; 101 m and 8 days: the second.
    close = knox([0, 100], [0, 0], [0, 7], permutations=9)
    assert close.observed[0, 0] == 1
    further = knox([0, 101], [0, 0], [0, 8], permutations=9)
    assert further.observed[1, 1] == 1


def _planted(seed: int, *, plant: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """400 offences at random over 5 km and two years; with ``plant``, 150 of them
    each followed by a second within 60 m and 1-5 days."""
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(0, 5000, 400), rng.uniform(0, 5000, 400)
    days = rng.integers(0, 730, 400)
    if plant:
        first = rng.choice(400, 150, replace=False)
        x[first[:75]] = x[first[75:]] + rng.uniform(-40, 40, 75)
        y[first[:75]] = y[first[75:]] + rng.uniform(-40, 40, 75)
        days[first[:75]] = days[first[75:]] + rng.integers(1, 6, 75)
    return x, y, days


def test_a_planted_near_repeat_stands_out_in_its_band() -> None:
    result = knox(*_planted(5, plant=True), permutations=999)
    assert result.ratio[0, 0] > 5
    assert result.p[0, 0] == pytest.approx(1 / 1000)
    assert result.ratio[0, 0] == np.nanmax(result.ratio)


def test_random_offences_show_no_near_repeat() -> None:
    from svsna.stats.multiple import bh_adjust

    result = knox(*_planted(5, plant=False), permutations=999)
    ratios = result.ratio[np.isfinite(result.ratio)]
    assert np.all(bh_adjust(result.p.ravel()) > 0.05)
    assert abs(result.ratio[-1, -1] - 1) < 0.01  # the bulk of pairs: exactly chance
    assert np.median(ratios) == pytest.approx(1, abs=0.2)


def test_knox_is_the_same_on_every_run() -> None:
    data = _planted(8, plant=True)
    first, again = knox(*data, permutations=99), knox(*data, permutations=99)
    np.testing.assert_array_equal(first.p, again.p)
    np.testing.assert_array_equal(first.expected, again.expected)


def test_band_labels() -> None:
    assert band_labels(100, 5)[0] == "0-100"
    assert band_labels(100, 5)[1:3] == ["101-200", "201-300"]
    assert band_labels(100, 5)[-1] == "more than 500"
