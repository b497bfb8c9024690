"""Getis-Ord Gi*: smoothed rates, neighbours for every area, conditional permutations."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely
from esda import G_Local
from libpysal.weights import lat2W

from svsna.stats.concentration import concentration
from svsna.stats.gistar import (
    class_label,
    classify,
    conditional_z,
    gi_star,
    gi_star_weights,
    neighbour_weights,
    smoothed_rates,
)
from svsna.stats.multiple import bh_adjust


def lattice(size: int) -> list[shapely.Polygon]:
    """Unit squares in row-major order: cell i at column i % size, row i // size."""
    return [
        shapely.box(i % size, i // size, i % size + 1, i // size + 1)
        for i in range(size * size)
    ]


def test_hand_computed_conditional_z_of_a_lattice_corner() -> None:
    # Values 0..8; queen neighbours of corner cell 0 are 1, 3, 4 (k = 3), sum 8.
    # The other eight values 1..8: mean 4.5, variance 204/8 - 4.5² = 5.25.
    # z = (8 - 3 * 4.5) / sqrt(3 * 5.25 * (9 - 1 - 3) / (9 - 2)) = -5.5 / sqrt(11.25)
    w = lat2W(3, 3, rook=False)
    z = conditional_z(np.arange(9.0), w)
    assert z[0] == pytest.approx(-5.5 / np.sqrt(11.25), rel=1e-12)
    # The centre neighbours every other cell: nothing is random, z is 0.
    assert z[4] == 0.0


def test_conditional_z_is_what_esda_permutations_estimate() -> None:
    rng = np.random.default_rng(7)
    values = rng.poisson(5, 36).astype(float)
    w = lat2W(6, 6, rook=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        simulated = G_Local(
            values,
            w,
            transform="B",
            star=True,
            permutations=9999,
            seed=1,
            keep_simulations=True,
        )
    np.testing.assert_allclose(conditional_z(values, w), simulated.z_sim, atol=0.05)


def test_published_p_is_the_bh_adjusted_two_sided_permutation_p() -> None:
    rng = np.random.default_rng(3)
    values = rng.poisson(8, 49).astype(float)
    values[[0, 1, 7, 8]] += 25
    w = lat2W(7, 7, rook=False)
    result = gi_star_weights(values, w, seed=5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esda_p = G_Local(
            values, w, transform="B", star=True, permutations=9999, seed=5
        ).p_sim
    np.testing.assert_allclose(result.p, np.minimum(1, 2 * esda_p))
    np.testing.assert_allclose(result.p_adjusted, bh_adjust(result.p))
    assert result.p_column == "p_value_bh"
    np.testing.assert_array_equal(result.published_p, result.p_adjusted)
    # The class follows the published p-value.
    assert result.gi_bin.tolist() == classify(result.z, result.published_p).tolist()
    # The same seed gives the same answer.
    again = gi_star_weights(values, w, seed=5)
    np.testing.assert_array_equal(again.p, result.p)


def test_knn_gives_every_area_its_k_nearest() -> None:
    w, islands = neighbour_weights(lattice(4), method="knn", k=5)
    assert islands == 0
    assert sorted(set(w.cardinalities.values())) == [5]


def test_contiguity_joins_islands_to_their_nearest_and_counts_them() -> None:
    squares = lattice(3) + [shapely.box(10, 10, 11, 11)]  # far away, touching none
    w, islands = neighbour_weights(squares, method="queen")
    assert islands == 1
    assert w.cardinalities[9] == 1
    assert min(w.cardinalities.values()) >= 1


def test_a_tiny_area_does_not_make_its_neighbours_hot() -> None:
    # 15 x 15 areas of 1,500 residents with about 8 offences each; the centre
    # area has 12 residents and 3 offences (250 per 1,000 against about 5).
    size, centre = 15, 112
    rng = np.random.default_rng(3)
    population = np.full(size * size, 1500.0)
    counts = rng.poisson(8, size * size).astype(float)
    population[centre], counts[centre] = 12, 3
    rates = smoothed_rates(counts, population)
    assert rates[centre] < 20  # shrunk from 250 towards the map's rate
    result = gi_star(rates, lattice(size), weights="knn", k=8)
    assert not any(label.startswith("hot") for label in result.labels)
    # A real cluster of high rates on the same map is still found.
    clustered = counts.copy()
    block = [0, 1, 2, 15, 16, 17, 30, 31, 32]
    clustered[block] = 30
    found = gi_star(smoothed_rates(clustered, population), lattice(size))
    assert all(found.labels[i].startswith("hot") for i in (0, 1, 15, 16))


def test_classes_from_the_p_value_they_use() -> None:
    z = np.array([3.0, 2.0, 1.7, 0.5, -2.7])
    p = np.array([0.0026998, 0.0455003, 0.0891309, 0.6170751, 0.0069339])
    assert classify(z, p).tolist() == [3, 2, 1, 0, -3]
    # BH over five: sorted .0027, .0069, .0455, .0891, .617 become
    # .0135, .0173, .0758, .1114, .617 (each p * 5 / rank; none above the next).
    assert classify(z, bh_adjust(p)).tolist() == [2, 1, 0, 0, -2]


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
