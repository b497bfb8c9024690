"""Exact integer allocation and vectorised sampling helpers of the generator.

The synthetic area is built from exact target counts: these helpers split a
total into integer parts (largest remainder, with floors and caps), pick
exactly ``k`` rows at random, and draw from discrete distributions for many
rows at once without Python loops over rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence


def apportion(total: int, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    raw = w / w.sum() * total
    base = np.floor(raw).astype(np.int64)
    rest = int(total - base.sum())
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:rest]] += 1
    return base


def capped_apportion(
    total: int,
    weights: Sequence[float] | np.ndarray,
    caps: Sequence[int] | np.ndarray,
    floors: Sequence[int] | np.ndarray | None = None,
) -> np.ndarray:
    """Split ``total`` proportionally to ``weights`` with ``floors <= part <= caps``.

    Raises ValueError when the floors exceed the total or the caps fall short.
    """
    w = np.asarray(weights, dtype=float)
    cap = np.asarray(caps, dtype=np.int64)
    low = np.zeros(len(w), np.int64) if floors is None else np.asarray(floors, np.int64)
    if low.sum() > total or cap.sum() < total or (low > cap).any():
        raise ValueError(f"cannot split {total} within floors and caps")
    part = low.copy()
    for _ in range(len(w) + 1):
        left = total - int(part.sum())
        if left == 0:
            break
        room = cap - part
        open_ = room > 0
        share = np.where(open_, np.maximum(w, 1e-9), 0.0)
        add = np.minimum(apportion(left, share), room)
        if add.sum() == 0:
            add[np.flatnonzero(open_)[0]] = 1
        part += add
    return part


def pick(rng: np.random.Generator, candidates: np.ndarray, k: int) -> np.ndarray:
    """``min(k, len(candidates))`` distinct elements of ``candidates`` at random."""
    k = max(0, min(int(k), len(candidates)))
    return (
        np.sort(rng.choice(candidates, size=k, replace=False)) if k else candidates[:0]
    )


def exact_labels(
    rng: np.random.Generator, counts: Sequence[int] | np.ndarray
) -> np.ndarray:
    """A shuffled array holding ``counts[i]`` copies of label ``i``."""
    labels = np.repeat(np.arange(len(counts)), np.asarray(counts, dtype=np.int64))
    rng.shuffle(labels)
    return labels


def choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of a (rows x options) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    cum /= cum[:, -1:]
    u = rng.random(len(probs))[:, None]
    return np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)


def grouped_choice(
    rng: np.random.Generator, group: np.ndarray, offsets: np.ndarray, keys: np.ndarray
) -> np.ndarray:
    """For each row, a position in a concatenation of per-group weighted lists.

    ``keys`` holds, for each group ``g`` in turn, ``g`` plus the running share
    of its list (ending at exactly ``g + 1``) and ``offsets[g]`` where that
    list starts (see :func:`grouped_lists`); a group with no list gives -1.
    """
    idx = np.searchsorted(keys, group + rng.random(len(group)), side="right")
    empty = np.diff(offsets)[group] == 0
    return np.where(empty, -1, np.minimum(idx, max(len(keys) - 1, 0)))


def grouped_lists(
    group_of_item: np.ndarray, weight: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Items sorted by group, the groups' offsets, and the keys of :func:`grouped_choice`.

    Items with zero weight are left out.
    """
    keep = np.flatnonzero(weight > 0)
    order = keep[np.argsort(group_of_item[keep], kind="stable")]
    g = group_of_item[order]
    w = weight[order].astype(float)
    offsets = np.searchsorted(g, np.arange(n_groups + 1))
    sizes = np.diff(offsets)
    totals = np.bincount(g, weights=w, minlength=n_groups)
    cum = np.cumsum(w)
    start = np.concatenate([[0.0], cum])[offsets[:-1]]
    share = (cum - np.repeat(start, sizes)) / np.repeat(
        np.where(totals > 0, totals, 1), sizes
    )
    share[offsets[1:][sizes > 0] - 1] = 1.0
    return order, offsets, g + share
