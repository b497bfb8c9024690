"""The generator's exact-allocation helpers, on small cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from svsna.synth.alloc import (
    apportion,
    capped_apportion,
    exact_labels,
    grouped_choice,
    grouped_lists,
)
from svsna.synth.people import repeat_ids


def test_apportion_largest_remainder() -> None:
    # 10 split 1:1:1 -> 3.33 each; the first remainder in order gets the extra one.
    assert apportion(10, [1, 1, 1]).tolist() == [4, 3, 3]
    # 7 split 5:2 -> 5, 2 exactly.
    assert apportion(7, [5, 2]).tolist() == [5, 2]
    assert apportion(0, [1, 2]).tolist() == [0, 0]


def test_capped_apportion_respects_floors_and_caps() -> None:
    # Floors first (0, 0, 5); the 5 left are split 1:1:1 on top (2, 2, 1 by
    # largest remainder); the first is capped at 1, so 1 is left over and goes,
    # split 1:1 between the two still open, to the first of them: (1, 3, 6).
    parts = capped_apportion(10, [1, 1, 1], caps=[1, 10, 10], floors=[0, 0, 5])
    assert parts.tolist() == [1, 3, 6]
    with pytest.raises(ValueError):
        capped_apportion(10, [1, 1], caps=[3, 3])


def test_exact_labels_counts() -> None:
    labels = exact_labels(np.random.default_rng(1), [2, 0, 3])
    assert sorted(labels.tolist()) == [0, 0, 2, 2, 2]


def test_grouped_choice_stays_in_group() -> None:
    # Items 0..3 belong to groups 1, 0, 1, 2; item 3 has weight 0.
    items, offsets, keys = grouped_lists(
        np.array([1, 0, 1, 2]), np.array([1.0, 1.0, 3.0, 0.0]), 3
    )
    rng = np.random.default_rng(0)
    group = np.array([0] * 50 + [1] * 50 + [2] * 5)
    pos = grouped_choice(rng, group, offsets, keys)
    chosen = np.where(pos >= 0, items[np.maximum(pos, 0)], -1)
    assert set(chosen[:50]) == {1}
    assert set(chosen[50:100]) <= {0, 2}
    assert (chosen[100:] == -1).all()  # group 2 has no item with weight


def _stats(slots: np.ndarray) -> tuple[int, int, int, int]:
    ids, counts = np.unique(slots, return_counts=True)
    return (
        len(slots),
        len(ids),
        int((counts >= 2).sum()),
        int(counts[counts >= 2].sum()),
    )


def test_repeat_ids_one_year() -> None:
    # 5 occurrences, 4 people, 1 repeater with 2 occurrences.
    (slots,) = repeat_ids(np.random.default_rng(3), [(5, 4, 1, 2)], None)
    assert _stats(slots) == (5, 4, 1, 2)


def test_repeat_ids_across_years() -> None:
    # Three years of 3 one-off people each; over the three years 7 people, of
    # whom 2 appear twice (in two different years): 9 = 7 - 2 + 4.
    years = repeat_ids(np.random.default_rng(5), [(3, 3, 0, 0)] * 3, (9, 7, 2, 4))
    for slots in years:
        assert _stats(slots) == (3, 3, 0, 0)
    assert _stats(np.concatenate(years)) == (9, 7, 2, 4)


def test_repeat_ids_inconsistent_targets() -> None:
    with pytest.raises(ValueError):
        repeat_ids(np.random.default_rng(5), [(3, 3, 0, 0)] * 3, (9, 8, 2, 4))
