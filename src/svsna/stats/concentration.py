"""How concentrated offences are: the share in the busiest few places.

Crime concentrates: a small share of places holds a large share of offences
(the "law of crime concentration", :cite:`weisburd2015law`). The measure here
is the one practitioners quote: the share of all offences that falls in the top
``pct``% of places when places are ordered from most to fewest offences. The
number of places in the top ``pct``% is rounded up, so that at least one place
is always taken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class Concentration:
    """The share of offences in the top ``pct``% of places.

    Attributes
    ----------
    pct : float
        The top percentage of places taken.
    places : int
        How many places that is (``ceil(pct / 100 × all places)``).
    all_places : int
        Every place, those with no offence included.
    offences : int
        Offences in those places.
    all_offences : int
        Offences in every place.
    share : float
        ``offences / all_offences × 100`` (0 when there is no offence).
    """

    pct: float
    places: int
    all_places: int
    offences: int
    all_offences: int
    share: float


def concentration(
    counts: Sequence[int] | np.ndarray, /, *, top_pct: Sequence[float] = (5.0, 10.0)
) -> list[Concentration]:
    """The share of offences in the top ``top_pct``% of places.

    Parameters
    ----------
    counts : array-like of int
        Offences per place, one value per place (zeros included).
    top_pct : sequence of float
        The top percentages of places, e.g. 5 and 10.

    Examples
    --------
    Twenty places, one with 50 offences and nineteen with 1 each: the top 5%
    is one place holding 50 of 69 offences.

    >>> result = concentration([50] + [1] * 19, top_pct=[5, 10])
    >>> [(c.places, c.offences, round(c.share, 1)) for c in result]
    [(1, 50, 72.5), (2, 51, 73.9)]
    """
    ordered = np.sort(np.asarray(counts, dtype=np.int64))[::-1]
    total = int(ordered.sum())
    out = []
    for pct in top_pct:
        if not 0 < pct <= 100:
            raise ValueError("a top percentage must be above 0 and at most 100")
        taken = min(len(ordered), math.ceil(round(pct / 100.0 * len(ordered), 9)))
        offences = int(ordered[:taken].sum())
        share = 100.0 * offences / total if total else 0.0
        out.append(
            Concentration(float(pct), taken, len(ordered), offences, total, share)
        )
    return out


__all__ = ["Concentration", "concentration"]
