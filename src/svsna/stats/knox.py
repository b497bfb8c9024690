"""Near repeats: the Knox test with Monte Carlo permutation of the dates.

After a shooting or a stabbing, the risk of another nearby is raised for days
or weeks (retaliation, the same group, the same place). The Knox test
:cite:`knox1964detection` counts the pairs of offences that are close both in
space and in time and compares them with what the same places and the same
dates would give if they were unrelated. As in Ratcliffe's Near Repeat
Calculator :cite:`ratcliffe2020near`, pairs are counted in bands of distance
(0-100 m, 101-200 m, …, then beyond) and of days apart (0-7, 8-14, …, then
beyond), and the expected count of each band is the mean over random
permutations of the dates among the offences (locations held), the p-value
the share of permutations with at least as many pairs as observed.

Counting every pair of a county's three years (tens of millions) is needless:
only pairs within the last distance band can land in a close band, so a k-d
tree (:class:`scipy.spatial.cKDTree`) finds those, and each permutation only
re-reads their dates. The counts beyond the last distance band follow from
the dates alone (pairs per lag, from a histogram of days), which a
permutation of the dates does not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import cKDTree

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class Knox:
    """Pairs of offences by distance band (rows) and time band (columns).

    The last row is every distance beyond the bands, the last column every
    gap in days beyond them. ``p`` is one-sided (more pairs than chance).
    """

    observed: np.ndarray
    expected: np.ndarray
    p: np.ndarray
    permutations: int
    events: int
    close_pairs: int

    @property
    def ratio(self) -> np.ndarray:
        """Observed over expected (NaN where nothing is expected)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.expected > 0, self.observed / self.expected, np.nan)


def band_labels(width: float, bands: int, unit: str = "") -> list[str]:
    """``0-100``, ``101-200`` … then ``more than 500`` (inclusive integer bands).

    >>> band_labels(7, 2, " days")
    ['0-7 days', '8-14 days', 'more than 14 days']
    """
    edges = [round(width * i) for i in range(bands + 1)]
    labels = [f"{edges[0]}-{edges[1]}{unit}"]
    labels += [f"{edges[i] + 1}-{edges[i + 1]}{unit}" for i in range(1, bands)]
    return [*labels, f"more than {edges[-1]}{unit}"]


def _time_band(lags: np.ndarray, width: int, bands: int) -> np.ndarray:
    """Band of each gap in days: 0..width is band 0, then bands of ``width`` days."""
    return np.minimum(np.maximum(lags - 1, 0) // width, bands)


def _pairs_by_time_band(days: np.ndarray, width: int, bands: int) -> np.ndarray:
    """Every pair of offences by time band, from the dates alone."""
    counts = np.bincount(days - days.min()).astype(float)
    by_lag = np.correlate(counts, counts, mode="full")[len(counts) - 1 :]
    by_lag[0] = (by_lag[0] - len(days)) / 2  # same day: pairs, not ordered couples
    lags = np.arange(len(by_lag))
    totals = np.bincount(
        _time_band(lags, width, bands), weights=by_lag, minlength=bands + 1
    )
    return np.rint(totals).astype(np.int64)


def knox(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    days: Sequence[int] | np.ndarray,
    /,
    *,
    distance_band: float = 100.0,
    distance_bands: int = 5,
    time_band: int = 7,
    time_bands: int = 4,
    permutations: int = 999,
    seed: int = 12345,
) -> Knox:
    """The Knox table of events at ``(x, y)`` (metres) on ``days`` (integer days).

    A distance ``d`` falls in band ``ceil(d / distance_band) - 1`` (0 m is in
    the first); ``g`` days apart in band ``(g - 1) // time_band`` (0 days is in
    the first). Every permutation shuffles the days among the events with a
    generator seeded by ``seed``, so the table is the same on every run.

    Examples
    --------
    Three events 50 m apart in a line, on days 0, 3 and 40: every pair is
    within 100 m; one pair (days 0 and 3) is within 7 days, two are 37 and 40
    days apart:

    >>> k = knox([0, 50, 100], [0, 0, 0], [0, 3, 40], distance_bands=1,
    ...          time_bands=1, permutations=9)
    >>> k.observed.tolist()
    [[1, 2], [0, 0]]
    """
    xy = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    day = np.asarray(days, dtype=np.int64)
    n = len(day)
    shape = (distance_bands + 1, time_bands + 1)
    if n < 2:
        zeros = np.zeros(shape)
        return Knox(zeros.astype(np.int64), zeros, np.ones(shape), 0, n, 0)
    pairs = (
        cKDTree(xy)
        .query_pairs(distance_band * distance_bands, output_type="ndarray")
        .astype(np.int32)
    )
    first, second = pairs[:, 0], pairs[:, 1]
    distance = np.hypot(*(xy[first] - xy[second]).T)
    near = np.maximum(np.ceil(distance / distance_band).astype(np.int64) - 1, 0)
    by_distance = np.bincount(near, minlength=distance_bands)
    cells = near * time_bands
    by_time = _pairs_by_time_band(day, time_band, time_bands)
    within = time_band * time_bands
    band_of_lag = _time_band(np.arange(within + 1), time_band, time_bands)
    span = int(day.max() - day.min())
    offset = (day - day.min()).astype(np.int16 if span < 2**15 else np.int32)

    def table(d: np.ndarray) -> np.ndarray:
        # np.take on small integers: the two reads of every pair dominate the time.
        lag = np.abs(np.take(d, first) - np.take(d, second))
        soon = lag <= within
        close = np.bincount(
            cells[soon] + band_of_lag[lag[soon]], minlength=distance_bands * time_bands
        ).reshape(distance_bands, time_bands)
        close = np.column_stack([close, by_distance - close.sum(axis=1)])
        return np.vstack([close, by_time - close.sum(axis=0)])

    observed = table(offset)
    rng = np.random.default_rng(seed)
    at_least = np.zeros(shape, dtype=np.int64)
    total = np.zeros(shape, dtype=float)
    for _ in range(permutations):
        simulated = table(rng.permutation(offset))
        at_least += simulated >= observed
        total += simulated
    expected = total / permutations if permutations else np.full(shape, np.nan)
    p = (at_least + 1) / (permutations + 1)
    return Knox(observed, expected, p, permutations, n, len(pairs))


__all__ = ["Knox", "band_labels", "knox"]
