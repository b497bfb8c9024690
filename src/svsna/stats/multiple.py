"""Many tests at once: the Benjamini-Hochberg false-discovery-rate adjustment.

A report that tests forty changes, or a map that tests six hundred areas, will
find some "significant" by chance alone. The Benjamini-Hochberg procedure
:cite:`benjamini1995controlling` keeps the expected share of false discoveries
among the changes called significant at the chosen level; its adjusted
p-values (:func:`scipy.stats.false_discovery_control`) are compared with that
level as an ordinary p-value would be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import false_discovery_control

if TYPE_CHECKING:
    from collections.abc import Sequence


def bh_adjust(p_values: Sequence[float] | np.ndarray, /) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values, in input order.

    The ``i``-th smallest of ``n`` p-values becomes ``p × n / i``, then each is
    lowered to the smallest adjusted value at or above its rank (never above 1).

    Examples
    --------
    Sorted 0.005, 0.01, 0.03, 0.04 give 0.02, 0.02, 0.04, 0.04:

    >>> bh_adjust([0.01, 0.04, 0.03, 0.005]).round(4).tolist()
    [0.02, 0.04, 0.04, 0.02]
    >>> bh_adjust([]).tolist()
    []
    """
    p = np.asarray(p_values, dtype=float)
    if p.size == 0:
        return p
    return np.asarray(false_discovery_control(p, method="bh"), dtype=float)


__all__ = ["bh_adjust"]
