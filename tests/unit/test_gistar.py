"""Getis-Ord Gi*: against esda's documented values, esda itself, and a hand calculation."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from esda import G_Local
from libpysal.weights import DistanceBand, lat2W

from svsna.stats.concentration import concentration
from svsna.stats.gistar import class_label, classify, gi_star, gi_star_weights

# esda's own test data (esda/tests/test_getisord.py): six points, 15-unit band.
POINTS = [(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)]
Y = np.array([2, 3, 3.2, 5, 8, 7])


def lattice(size: int) -> list[shapely.Polygon]:
    """Unit squares in row-major order: cell i at column i % size, row i // size."""
    return [
        shapely.box(i % size, i // size, i % size + 1, i // size + 1)
        for i in range(size * size)
    ]


def test_documented_esda_value_for_binary_gi_star() -> None:
    # esda documents Zs[0] = -1.39727626 for G_Local(y, w, transform="B", star=True).
    result = gi_star_weights(Y, DistanceBand(POINTS, threshold=15), fdr=False)
    np.testing.assert_allclose(result.z[0], -1.39727626, rtol=1e-6)


def test_hand_computed_corner_of_a_three_by_three_lattice() -> None:
    # Values 0..8; queen neighbours of corner cell 0 are 1, 3, 4; with itself W = 4.
    # Sum of w*x = 0 + 1 + 3 + 4 = 8; mean 4; S^2 = 204/9 - 16 = 60/9.
    # z = (8 - 4*4) / sqrt(60/9 * 4*(9-4)/(9-1)) = -8 / sqrt(50/3) = -1.959592
    result = gi_star(np.arange(9.0), lattice(3), fdr=False)
    assert result.z[0] == pytest.approx(-8 / np.sqrt(50 / 3), rel=1e-9)
    assert result.z[0] == pytest.approx(-1.959592, abs=1e-6)
    # Two-sided p = 0.0500 > 0.05, so only the 90% class.
    assert result.labels[0] == "cold spot 90%"
    assert result.neighbours.tolist() == [3, 5, 3, 5, 8, 5, 3, 5, 3]
    # The centre neighbours every cell: W = n, no variance, z reported as 0.
    assert result.z[4] == 0.0


def test_wrapper_matches_esda_called_directly_on_a_lattice() -> None:
    rng = np.random.default_rng(7)
    values = rng.poisson(5, 16).astype(float)
    values[[5, 6, 9, 10]] += 20  # a cluster in the middle
    direct = G_Local(
        values, lat2W(4, 4, rook=False), transform="B", star=True, permutations=0
    )
    ours = gi_star(values, lattice(4), contiguity="queen", fdr=False)
    np.testing.assert_allclose(ours.z, direct.Zs, rtol=1e-10)


def test_rook_contiguity_ignores_corner_touches() -> None:
    rook = gi_star(np.arange(9.0), lattice(3), contiguity="rook", fdr=False)
    assert rook.neighbours.tolist() == [2, 3, 2, 3, 4, 3, 2, 3, 2]


def test_classes_without_and_with_false_discovery_rate() -> None:
    z = np.array([3.0, 2.0, 1.7, 0.5, -2.7])
    p = np.array([0.0026998, 0.0455003, 0.0891309, 0.6170751, 0.0069339])
    # Uncorrected: 99% below 0.01, 95% below 0.05, 90% below 0.10.
    assert classify(z, p, fdr=False).tolist() == [3, 2, 1, 0, -3]
    # Benjamini-Hochberg, n = 5, sorted p = .0027, .0069, .0455, .0891, .617:
    # alpha .10 -> cut 3 * .10 / 5 = .06; alpha .05 -> cut 2 * .05 / 5 = .02;
    # alpha .01 -> no p below k * .01 / 5, so nothing at 99%.
    assert classify(z, p, fdr=True).tolist() == [2, 1, 0, 0, -2]


def test_class_labels() -> None:
    assert [class_label(b) for b in (3, 2, 1, 0, -1, -2, -3)] == [
        "hot spot 99%",
        "hot spot 95%",
        "hot spot 90%",
        "not significant",
        "cold spot 90%",
        "cold spot 95%",
        "cold spot 99%",
    ]


def test_equal_values_are_nowhere_significant() -> None:
    result = gi_star(np.full(9, 3.0), lattice(3))
    assert result.gi_bin.tolist() == [0] * 9


def test_concentration_top_five_and_ten_percent() -> None:
    # 40 places: 2 places hold 30 and 20, eight hold 5, thirty hold 0. Total 90.
    counts = [30, 20] + [5] * 8 + [0] * 30
    five, ten = concentration(counts, top_pct=[5, 10])
    # 5% of 40 = 2 places: 50 of 90 = 55.6%; 10% = 4 places: 60 of 90 = 66.7%.
    assert (five.places, five.offences, round(five.share, 1)) == (2, 50, 55.6)
    assert (ten.places, ten.offences, round(ten.share, 1)) == (4, 60, 66.7)
    # 5% of 30 places = 1.5, rounded up to 2.
    assert concentration([1] * 30, top_pct=[5])[0].places == 2
