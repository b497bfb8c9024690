"""Emerging hot spots: the Mann-Kendall trend test and ArcGIS Pro's pattern categories.

A map of Gi* hot spots over one window says where violence clusters; a
partnership deciding where patrols, CCTV or outreach go next also needs to
know how each place is changing. ArcGIS Pro's *Emerging Hot Spot Analysis*
answers that from a space-time cube: Gi* on every time slice, then the
Mann-Kendall trend test :cite:`mann1945nonparametric,kendall1975rank` on each
location's series of Gi* z-scores, then one of eight hot-spot patterns (or
their cold equivalents) from the run of significant slices. No Python library
offers it (an open request in PySAL's esda), so the two small pieces are here:
:func:`mann_kendall` and :func:`pattern`.

The categories follow Esri's definitions ("How Emerging Hot Spot Analysis
works", ArcGIS Pro 3): with ``share`` the 90% rule,

- **new**: significant hot in the final slice and never before;
- **consecutive**: one uninterrupted run of at least two hot slices ending in
  the final slice, never hot before that run, hot in less than 90% of slices;
- **intensifying** / **persistent** / **diminishing**: hot in at least 90% of
  the slices including the final one, and the z-scores' trend significantly
  up / not significant / significantly down;
- **sporadic**: hot in the final slice, on and off before, hot in less than
  90% of slices and never a significant cold spot;
- **oscillating**: hot in the final slice, a significant cold spot in some
  earlier slice, hot in less than 90% of slices;
- **historical**: not hot in the final slice but hot in at least 90% of them.

Cold spots mirror these (an *intensifying* cold spot's z-scores fall). Where
Esri's wording lets two categories apply, the stricter wins: a place hot in
the final slice that was ever a cold spot before is *oscillating*, not *new*
or *consecutive* (those describe a place emerging from nothing in particular).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import norm

from svsna.stats.gistar import PERMUTATIONS, SEED, GiStar, classify, conditional_z
from svsna.stats.multiple import bh_adjust

if TYPE_CHECKING:
    from collections.abc import Sequence

    from libpysal.weights import W

NO_PATTERN = "no pattern detected"
KINDS = (
    "new",
    "consecutive",
    "intensifying",
    "persistent",
    "diminishing",
    "sporadic",
    "oscillating",
    "historical",
)
#: Every category, hot spots first then cold spots, in Esri's order.
CATEGORIES: tuple[str, ...] = (
    *(f"{kind} hot spot" for kind in KINDS),
    *(f"{kind} cold spot" for kind in KINDS),
    NO_PATTERN,
)


@dataclass(frozen=True)
class MannKendall:
    """The Mann-Kendall trend test of one series.

    ``s`` is the number of later-greater pairs minus later-smaller pairs;
    ``tau`` = ``s`` over the number of pairs (Kendall's tau-a, -1 to 1);
    ``z`` the continuity-corrected normal score with the variance corrected for
    ties; ``p`` its two-sided p-value.
    """

    s: int
    tau: float
    z: float
    p: float


def mann_kendall(values: Sequence[float] | np.ndarray, /) -> MannKendall:
    """The Mann-Kendall test for a monotonic trend in ``values`` (in time order).

    Nonparametric: it uses only whether each later value is above or below each
    earlier one, so a few extreme slices cannot make a trend on their own. The
    variance of ``S`` is ``n(n-1)(2n+5)/18`` less a term for each group of tied
    values; ``z = (S - sign(S)) / sqrt(var)``. Fewer than three values, or all
    equal, give ``p = 1``.

    Examples
    --------
    Five rising values: all 10 pairs agree, S = 10, var = 5·4·15/18 = 16.67,
    z = 9 / 4.08 = 2.20, p = 0.028:

    >>> r = mann_kendall([1, 2, 3, 4, 5])
    >>> r.s, r.tau, round(r.z, 3), round(r.p, 4)
    (10, 1.0, 2.205, 0.0275)
    >>> mann_kendall([3, 1, 2]).s
    -1
    """
    x = np.asarray(values, dtype=float)
    n = len(x)
    if n < 3:
        return MannKendall(0, 0.0, 0.0, 1.0)
    upper = np.triu_indices(n, k=1)
    signs = np.sign(x[None, :] - x[:, None])[upper]
    s = int(signs.sum())
    _, ties = np.unique(x, return_counts=True)
    variance = (
        n * (n - 1) * (2 * n + 5) - float((ties * (ties - 1) * (2 * ties + 5)).sum())
    ) / 18
    if variance <= 0 or s == 0:
        return MannKendall(s, s / (n * (n - 1) / 2), 0.0, 1.0)
    z = (s - np.sign(s)) / np.sqrt(variance)
    return MannKendall(s, s / (n * (n - 1) / 2), float(z), float(2 * norm.sf(abs(z))))


def pattern(
    states: Sequence[int] | np.ndarray,
    trend: MannKendall,
    /,
    *,
    share: float = 0.9,
    alpha: float = 0.05,
) -> str:
    """The emerging hot-spot category of one place.

    ``states`` holds each slice's result in time order: 1 a significant hot
    spot, -1 a significant cold spot, 0 neither; ``trend`` is the Mann-Kendall
    test of the place's Gi* z-scores; ``share`` the "90% of the slices" rule;
    ``alpha`` the level at which the trend counts as significant.

    Examples
    --------
    >>> flat = mann_kendall([0, 0, 0, 0])
    >>> pattern([0, 0, 0, 1], flat), pattern([0, 0, 1, 1], flat)
    ('new hot spot', 'consecutive hot spot')
    >>> pattern([1, 0, 1, 1], flat), pattern([-1, 0, 0, 1], flat)
    ('sporadic hot spot', 'oscillating hot spot')
    >>> pattern([0, 0, 0, -1], flat), pattern([0, 1, 0, 0], flat)
    ('new cold spot', 'no pattern detected')
    """
    s = np.sign(np.asarray(states, dtype=int))
    if len(s) == 0:
        return NO_PATTERN
    for sign, name in ((1, "hot"), (-1, "cold")):
        category = _pattern_of(s * sign, trend.tau * sign, trend.p, share, alpha)
        if category:
            return f"{category} {name} spot"
    return NO_PATTERN


def _pattern_of(
    s: np.ndarray, rising: float, trend_p: float, share: float, alpha: float
) -> str | None:
    """The category of a series where 1 is "this kind of spot" (hot, or cold mirrored)."""
    n = len(s)
    mine = s == 1
    final = bool(mine[-1])
    if mine.sum() >= share * n - 1e-9:  # 0.9 × 20 must count 18 slices
        if not final:
            return "historical"
        if trend_p <= alpha and rising > 0:
            return "intensifying"
        if trend_p <= alpha and rising < 0:
            return "diminishing"
        return "persistent"
    if not final:
        return None
    before = s[:-1]
    if (before == -1).any():
        return "oscillating"
    if not (before == 1).any():
        return "new"
    run = n - int(np.flatnonzero(~mine)[-1]) - 1
    return "consecutive" if int(mine.sum()) == run else "sporadic"


def _draws(n: int, size: int, permutations: int, seed: int) -> np.ndarray:
    """``permutations`` rows of ``size`` distinct positions among ``n - 1`` others."""
    rng = np.random.default_rng(seed)
    return np.stack(
        [rng.choice(n - 1, size, replace=False) for _ in range(permutations)]
    )


def gi_star_slices(
    values: np.ndarray,
    w: W,
    /,
    *,
    fdr: bool = True,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    islands: int = 0,
) -> list[GiStar]:
    """Gi* of every slice (column) of ``values`` (areas × slices), as :mod:`~svsna.stats.gistar`.

    The same statistic and inference as
    :func:`~svsna.stats.gistar.gi_star_weights` (binary weights, each area's
    own value held and its neighbours drawn at random from the other areas,
    the folded pseudo p-value doubled, Benjamini-Hochberg per slice, ArcGIS
    classes), but one set of random draws serves every slice, as one set
    serves every area in :mod:`esda`: a cube of twenty slices then costs about
    what one map does, instead of twenty esda runs. A slice whose values are
    all equal has no cluster (z 0, p 1).
    """
    y = np.asarray(values, dtype=float)
    n, slices = y.shape
    if n < 3:
        raise ValueError("Gi* needs at least three areas")
    matrix = w.sparse.tocsr().astype(bool).astype(float)
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    k = np.diff(matrix.indptr)
    draws = _draws(n, int(k.max()), permutations, seed)
    lag = matrix @ y
    larger = np.zeros((n, slices))
    for i in range(n):
        chosen = draws[:, : k[i]]
        simulated = y[chosen + (chosen >= i)].sum(axis=1)
        larger[i] = (simulated >= lag[i] - 1e-9).sum(axis=0)
    folded = np.minimum(larger, permutations - larger)
    p_all = np.minimum(1.0, 2.0 * (folded + 1) / (permutations + 1))
    results = []
    for t in range(slices):
        column = y[:, t]
        if np.allclose(column, column[0]):
            ones, zeros = np.ones(n), np.zeros(n)
            results.append(
                GiStar(zeros, ones, ones, zeros.astype(int), k, fdr, islands, 0)
            )
            continue
        z, p = conditional_z(column, w), p_all[:, t]
        adjusted = bh_adjust(p)
        bins = classify(z, adjusted if fdr else p)
        results.append(GiStar(z, p, adjusted, bins, k, fdr, islands, permutations))
    return results


__all__ = [
    "CATEGORIES",
    "NO_PATTERN",
    "MannKendall",
    "gi_star_slices",
    "mann_kendall",
    "pattern",
]
