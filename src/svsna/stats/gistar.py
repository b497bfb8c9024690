"""Getis-Ord Gi* hot and cold spots, in the classes crime analysts read.

Gi* :cite:`getis1992analysis,ord1995local` compares the sum of a value over an
area and its neighbours (the area itself included: the *star*) with what the
rest of the map would lead one to expect; large and positive where high values
cluster (a hot spot), large and negative where low values cluster (a cold spot).

Three choices keep it honest on small areas:

- **Rates are smoothed first.** A rate over a dozen residents swings wildly
  with one offence; the empirical Bayes estimate :cite:`marshall1991mapping`
  (:class:`esda.smoothing.Empirical_Bayes`) pulls each area's rate towards the
  map's mean by as much as its population is small, so that a tiny area cannot
  make its neighbours look hot (:func:`smoothed_rates`).
- **Every area has neighbours.** The ``k`` nearest areas (by their centres),
  or contiguity with each island (an area touching none) given its nearest
  area; islands are counted and reported (:func:`neighbour_weights`).
- **Inference by conditional permutation.** The area's own value is held and
  its neighbours are drawn at random from the other areas, 9,999 times with a
  fixed seed (:class:`esda.G_Local`); the pseudo p-value is made two-sided and
  then adjusted for the many areas tested at once with the Benjamini-Hochberg
  false-discovery-rate rule :cite:`benjamini1995controlling`. The class uses
  the adjusted p-value, and that is the p-value published.

Areas are put in ArcGIS's seven classes: hot or cold spot with 99%, 95% or 90%
confidence, or not significant.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from svsna.stats.multiple import bh_adjust

if TYPE_CHECKING:
    from collections.abc import Sequence

    import shapely
    from libpysal.weights import W

#: (confidence %, two-sided alpha, ArcGIS Gi_Bin) from the strictest level down.
LEVELS: tuple[tuple[int, float, int], ...] = (
    (99, 0.01, 3),
    (95, 0.05, 2),
    (90, 0.10, 1),
)
NOT_SIGNIFICANT = "not significant"
PERMUTATIONS = 9999
SEED = 12345
Weights = Literal["knn", "queen", "rook"]


def class_label(gi_bin: int) -> str:
    """The label of an ArcGIS ``Gi_Bin`` value (-3 … 3).

    Examples
    --------
    >>> class_label(3), class_label(-1), class_label(0)
    ('hot spot 99%', 'cold spot 90%', 'not significant')
    """
    if gi_bin == 0:
        return NOT_SIGNIFICANT
    confidence = {b: c for c, _, b in LEVELS}[abs(gi_bin)]
    return f"{'hot' if gi_bin > 0 else 'cold'} spot {confidence}%"


#: Every class label, hottest first (the legend order of a map).
CLASS_ORDER: tuple[str, ...] = tuple(class_label(b) for b in (3, 2, 1, 0, -1, -2, -3))


@dataclass(frozen=True)
class GiStar:
    """Gi* for each area, in input order.

    Attributes
    ----------
    z : numpy.ndarray
        z-scores of each area's neighbourhood sum against its conditional
        permutation distribution (positive: higher than chance).
    p : numpy.ndarray
        Two-sided pseudo p-values from the permutations, unadjusted.
    p_adjusted : numpy.ndarray
        ``p`` adjusted by Benjamini-Hochberg across the areas.
    gi_bin : numpy.ndarray
        ArcGIS classes: 3/2/1 hot spot at 99/95/90% confidence, -3/-2/-1 cold
        spot, 0 not significant; decided by :attr:`published_p`.
    neighbours : numpy.ndarray
        Number of neighbours of each area (the area itself not counted).
    fdr : bool
        Whether the classes use the Benjamini-Hochberg adjusted p-values.
    islands : int
        Areas that touched no other area and were given their nearest one.
    permutations : int
        Conditional permutations drawn.
    """

    z: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray
    gi_bin: np.ndarray
    neighbours: np.ndarray
    fdr: bool
    islands: int = 0
    permutations: int = PERMUTATIONS

    @property
    def labels(self) -> list[str]:
        """The class label of each area."""
        return [class_label(int(b)) for b in self.gi_bin]

    @property
    def published_p(self) -> np.ndarray:
        """The p-value the classes use (adjusted when ``fdr``)."""
        return self.p_adjusted if self.fdr else self.p

    @property
    def p_column(self) -> str:
        """A column name that says which p-value :attr:`published_p` is."""
        return "p_value_bh" if self.fdr else "p_value_permutation"


def smoothed_rates(
    events: Sequence[float] | np.ndarray,
    population: Sequence[float] | np.ndarray,
    /,
    *,
    per: float = 1000.0,
) -> np.ndarray:
    """Empirical Bayes rates per ``per`` people (global prior, Marshall 1991).

    Each raw rate ``e/b`` is shrunk towards the map's rate by the weight
    ``A / (A + m/b)``, where ``m`` is the map's rate and ``A`` the variance of
    the true rates (estimated; never below 0). Small populations shrink most.

    Examples
    --------
    Three areas of 1,000 people with 10 offences each and one of 12 people
    with 3 (a raw 250 per 1,000). The map's rate is m = 33/3,012; the spread
    of the rates gives A = 0.000214, so the small area keeps a weight of only
    A / (A + m/12) = 0.19 of its own rate, and the large ones move a little
    towards it:

    >>> r = smoothed_rates([10, 10, 10, 3], [1000, 1000, 1000, 12])
    >>> r.round(1).tolist()
    [10.0, 10.0, 10.0, 56.3]
    >>> smoothed_rates([0, 0], [10, 20]).tolist()  # no events: no rate to shrink towards
    [0.0, 0.0]
    """
    from esda.smoothing import Empirical_Bayes

    e = np.asarray(events, dtype=float)
    b = np.asarray(population, dtype=float)
    if (b <= 0).any():
        raise ValueError("every area needs a positive population")
    if not e.any():  # no events anywhere: every rate is 0 (esda would divide 0 by 0)
        return np.zeros_like(e)
    return np.asarray(Empirical_Bayes(e, b).r, dtype=float).ravel() * per


def neighbour_weights(
    polygons: Sequence[shapely.Geometry],
    /,
    *,
    method: Weights = "knn",
    k: int = 8,
) -> tuple[W, int]:
    """Binary weights under which every area has at least one neighbour.

    ``knn``: each area's ``k`` nearest areas by the distance between their
    representative points (always inside the area). ``queen``/``rook``:
    contiguity (a shared vertex, or a shared edge), each island then joined
    to its nearest area. Returns the weights and the number of islands joined.
    """
    import shapely as shp
    from libpysal import weights

    shapes = list(polygons)
    if len(shapes) < 2:
        raise ValueError("neighbours need at least two areas")
    centres = shp.get_coordinates(shp.point_on_surface(np.array(shapes, dtype=object)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands: handled below
        if method == "knn":
            return weights.KNN.from_array(centres, k=min(k, len(shapes) - 1)), 0
        builder = weights.Queen if method == "queen" else weights.Rook
        contiguity = builder.from_iterable(shapes)
        islands = len(contiguity.islands)
        if islands:
            nearest = weights.KNN.from_array(centres, k=1)
            contiguity = weights.attach_islands(contiguity, nearest)
    return contiguity, islands


def conditional_z(values: np.ndarray, w: W, /) -> np.ndarray:
    r"""z-score of each area's neighbour sum under conditional permutation.

    With the area's own value held, its :math:`k_i` neighbours are a random
    draw without replacement from the other :math:`n-1` values, of mean
    :math:`m_i` and (population) variance :math:`s_i^2`:

    .. math::
        z_i = \frac{\sum_j w_{ij} x_j - k_i m_i}
                   {\sqrt{k_i s_i^2 (n-1-k_i)/(n-2)}} .

    This is the expectation that esda's simulated ``z_sim`` estimates; 0 where
    the variance is 0 (an area neighbouring all others, or equal values).

    Examples
    --------
    >>> from libpysal.weights import W
    >>> w = W({0: [1], 1: [0, 2], 2: [1, 3], 3: [2]})
    >>> conditional_z(np.array([1.0, 2, 3, 4]), w).round(4).tolist()
    [-1.2247, -1.069, 1.069, 1.2247]
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    matrix = w.sparse.tocsr().astype(bool).astype(float)
    matrix.setdiag(0)
    k = np.asarray(matrix.sum(axis=1)).ravel()
    lag = matrix @ y
    others_mean = (y.sum() - y) / (n - 1)
    others_var = ((y**2).sum() - y**2) / (n - 1) - others_mean**2
    variance = k * np.clip(others_var, 0, None) * (n - 1 - k) / max(n - 2, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lag - k * others_mean) / np.sqrt(variance)
    return np.where(variance > 1e-12, z, 0.0)


def classify(z: np.ndarray, p: np.ndarray, /) -> np.ndarray:
    """ArcGIS ``Gi_Bin`` classes from z-scores and the p-values the classes use.

    Examples
    --------
    >>> classify(np.array([3.0, 2.0, 1.7, 0.5, -2.7]),
    ...          np.array([0.003, 0.04, 0.09, 0.6, 0.007])).tolist()
    [3, 2, 1, 0, -3]
    """
    bins = np.zeros(len(z), dtype=int)
    for _, alpha, level in reversed(LEVELS):
        bins = np.where(p <= alpha, np.sign(z).astype(int) * level, bins)
    return bins


def gi_star_weights(
    values: Sequence[float] | np.ndarray,
    w: W,
    /,
    *,
    fdr: bool = True,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    islands: int = 0,
) -> GiStar:
    """Gi* of ``values`` with binary weights ``w``, by conditional permutation.

    The pseudo p-value of :class:`esda.G_Local` (one-sided, folded) is doubled
    to make it two-sided (capped at 1), then adjusted by Benjamini-Hochberg.
    """
    from esda import G_Local

    y = np.asarray(values, dtype=float)
    if len(y) < 3:
        raise ValueError("Gi* needs at least three areas")
    neighbours = np.array([w.cardinalities[i] for i in w.id_order], dtype=int)
    if np.allclose(y, y[0]):
        ones, zeros = np.ones(len(y)), np.zeros(len(y))
        return GiStar(zeros, ones, ones, zeros.astype(int), neighbours, fdr, islands, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = G_Local(
            y,
            w,
            transform="B",
            star=True,
            permutations=permutations,
            seed=seed,
            keep_simulations=False,
            n_jobs=1,
        )
    p = np.minimum(1.0, 2.0 * np.asarray(local.p_sim, dtype=float))
    adjusted = bh_adjust(p)
    z = conditional_z(y, w)
    bins = classify(z, adjusted if fdr else p)
    return GiStar(z, p, adjusted, bins, neighbours, fdr, islands, permutations)


def gi_star(
    values: Sequence[float] | np.ndarray,
    polygons: Sequence[shapely.Geometry],
    /,
    *,
    weights: Weights = "knn",
    k: int = 8,
    contiguity: Literal["queen", "rook"] | None = None,
    fdr: bool = True,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
) -> GiStar:
    """Getis-Ord Gi* of ``values`` over ``polygons`` with ArcGIS-style classes.

    Parameters
    ----------
    values : array-like
        One value per area, e.g. :func:`smoothed_rates`.
    polygons : sequence of shapely geometries
        The areas, in the same order, in a projected system (BNG metres).
    weights, k : see :func:`neighbour_weights`
        How neighbours are found.
    contiguity : {"queen", "rook"}, optional
        When given, overrides ``weights``: contiguity with islands joined to
        their nearest area.
    fdr : bool
        Classify on Benjamini-Hochberg adjusted p-values.
    permutations, seed : int
        Conditional permutations of :class:`esda.G_Local` and their seed.

    References
    ----------
    Getis, A. and Ord, J. K. (1992) The analysis of spatial association by use
    of distance statistics. *Geographical Analysis* 24(3).
    Ord, J. K. and Getis, A. (1995) Local spatial autocorrelation statistics.
    *Geographical Analysis* 27(4).
    """
    if len(values) != len(polygons):
        raise ValueError("values and polygons must have the same length")
    w, islands = neighbour_weights(polygons, method=contiguity or weights, k=k)
    return gi_star_weights(
        values, w, fdr=fdr, permutations=permutations, seed=seed, islands=islands
    )


__all__ = [
    "CLASS_ORDER",
    "LEVELS",
    "GiStar",
    "class_label",
    "classify",
    "conditional_z",
    "gi_star",
    "gi_star_weights",
    "neighbour_weights",
    "smoothed_rates",
]
