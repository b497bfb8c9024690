"""Getis-Ord Gi* hot and cold spots, in the classes crime analysts read.

Gi* :cite:`getis1992analysis,ord1995local` compares the sum of a value over an
area and its neighbours (the area itself included: the *star*) with what the
whole map would lead one to expect; its z-score is large and positive where
high values cluster (a hot spot) and large and negative where low values
cluster (a cold spot). The statistic comes from :class:`esda.G_Local` on
binary contiguity weights from :mod:`libpysal`; p-values are two-sided from the
normal approximation, as in ArcGIS Hot Spot Analysis (Getis-Ord Gi*), and
are optionally corrected for the many areas tested at once with the
Benjamini-Hochberg false-discovery-rate rule :cite:`benjamini1995controlling`
(:func:`esda.fdr`). Areas are then put in ArcGIS's seven classes: hot or cold
spot with 99%, 95% or 90% confidence, or not significant.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy.stats import norm

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
        Gi* z-scores.
    p : numpy.ndarray
        Two-sided p-values from the normal approximation.
    gi_bin : numpy.ndarray
        ArcGIS classes: 3/2/1 hot spot at 99/95/90% confidence, -3/-2/-1 cold
        spot, 0 not significant (after the FDR correction when applied).
    neighbours : numpy.ndarray
        Number of neighbours of each area (the area itself not counted).
    fdr : bool
        Whether the false-discovery-rate correction was applied.
    """

    z: np.ndarray
    p: np.ndarray
    gi_bin: np.ndarray
    neighbours: np.ndarray
    fdr: bool

    @property
    def labels(self) -> list[str]:
        """The class label of each area."""
        return [class_label(int(b)) for b in self.gi_bin]


def contiguity_weights(
    polygons: Sequence[shapely.Geometry],
    /,
    *,
    contiguity: Literal["queen", "rook"] = "queen",
) -> W:
    """Binary contiguity weights of polygons (queen: a shared vertex suffices)."""
    from libpysal import weights

    builder = weights.Queen if contiguity == "queen" else weights.Rook
    with warnings.catch_warnings():
        # Islands (areas with no neighbour) are legitimate; they keep their own value.
        warnings.simplefilter("ignore")
        return builder.from_iterable(list(polygons))


def classify(z: np.ndarray, p: np.ndarray, /, *, fdr: bool = True) -> np.ndarray:
    """ArcGIS ``Gi_Bin`` classes of z-scores with two-sided p-values.

    With ``fdr``, an area is significant at a level only when its p-value is
    below the Benjamini-Hochberg cut-off for that level (:func:`esda.fdr`).

    Examples
    --------
    >>> z = np.array([3.0, 2.0, 1.7, 0.5, -2.7])
    >>> p = 2 * norm.sf(np.abs(z))
    >>> classify(z, p, fdr=False).tolist()
    [3, 2, 1, 0, -3]
    """
    from esda import fdr as fdr_cutoff

    bins = np.zeros(len(z), dtype=int)
    for _, alpha, level in reversed(LEVELS):
        cut = float(fdr_cutoff(p, alpha)) if fdr and len(p) else alpha
        significant = p < cut if fdr else p <= alpha
        bins = np.where(significant, np.sign(z).astype(int) * level, bins)
    return bins


def gi_star(
    values: Sequence[float] | np.ndarray,
    polygons: Sequence[shapely.Geometry],
    /,
    *,
    contiguity: Literal["queen", "rook"] = "queen",
    fdr: bool = True,
    seed: int = 0,
) -> GiStar:
    r"""Getis-Ord Gi* of ``values`` over ``polygons`` with ArcGIS-style classes.

    Parameters
    ----------
    values : array-like
        One value per area (e.g. offences per 1,000 residents).
    polygons : sequence of shapely geometries
        The areas, in the same order, in a projected system (BNG metres).
    contiguity : {"queen", "rook"}
        Which areas are neighbours: sharing a vertex (queen) or an edge (rook).
    fdr : bool
        Apply the Benjamini-Hochberg false-discovery-rate correction.
    seed : int
        Seed passed to esda (only used by its permutation inference, which is
        switched off here: the p-values are analytical, as in ArcGIS).

    Returns
    -------
    GiStar
        z-scores, p-values and classes in input order.

    Notes
    -----
    With binary weights :math:`w_{ij}` (including :math:`w_{ii}=1`),
    :math:`W_i=\sum_j w_{ij}`, mean :math:`\bar x` and
    :math:`S^2=\sum_j x_j^2/n-\bar x^2`,

    .. math::
        z_i = \frac{\sum_j w_{ij}x_j - \bar x W_i}
                   {S\sqrt{W_i (n - W_i)/(n-1)}} .

    References
    ----------
    Getis, A. and Ord, J. K. (1992) The analysis of spatial association by use
    of distance statistics. *Geographical Analysis* 24(3).
    Ord, J. K. and Getis, A. (1995) Local spatial autocorrelation statistics.
    *Geographical Analysis* 27(4).
    """
    if len(values) != len(polygons):
        raise ValueError("values and polygons must have the same length")
    w = contiguity_weights(polygons, contiguity=contiguity)
    return gi_star_weights(values, w, fdr=fdr, seed=seed)


def gi_star_weights(
    values: Sequence[float] | np.ndarray,
    w: W,
    /,
    *,
    fdr: bool = True,
    seed: int = 0,
) -> GiStar:
    """Gi* of ``values`` with binary spatial weights ``w`` (any libpysal ``W``).

    The engine of :func:`gi_star`, for weights other than contiguity (e.g. a
    distance band over grid cells). ``w`` is used as binary, with each area
    its own neighbour (the star).
    """
    from esda import G_Local

    y = np.asarray(values, dtype=float)
    if len(y) < 3:
        raise ValueError("Gi* needs at least three areas")
    neighbours = np.array([w.cardinalities[i] for i in w.id_order], dtype=int)
    if np.allclose(y, y[0]):
        zeros = np.zeros(len(y))
        return GiStar(zeros, np.ones(len(y)), zeros.astype(int), neighbours, fdr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = G_Local(y, w, transform="B", star=True, permutations=0, seed=seed)
    # An area that neighbours every other area has no variance: Gi* undefined, 0.
    z = np.nan_to_num(np.asarray(local.Zs, dtype=float), nan=0.0)
    p = 2.0 * norm.sf(np.abs(z))
    return GiStar(z, p, classify(z, p, fdr=fdr), neighbours, fdr)


__all__ = [
    "CLASS_ORDER",
    "LEVELS",
    "GiStar",
    "class_label",
    "classify",
    "gi_star",
    "gi_star_weights",
]
