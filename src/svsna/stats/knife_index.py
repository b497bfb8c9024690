"""The habitual knife carrier index (HKCI): recency, frequency and gravity in one score.

Police forces rank the people they suspect of carrying knives by how
recently, how often and how gravely; this is that score with every weight
from the definition. Each person's recency earns points by the months since
their latest knife-flagged occurrence as suspect (more when more recent);
frequency is how many such occurrences they have; gravity is the sum of
those occurrences' offence weights. Each component is divided by its
largest value in the cohort, so each runs to 1, and the score is 100 times
their weighted mean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.config.definition import KnifeCarriers

COMPONENTS = ("recency", "frequency", "gravity")


def recency_points(
    months_since: Sequence[int] | np.ndarray | pd.Series,
    within: Sequence[int],
    points: Sequence[float],
) -> np.ndarray:
    """Points by months since the latest occurrence: ``points[i]`` within ``within[i]``.

    ``months_since`` counts whole months back from the last complete month (0:
    in it), so "within 3 months" is 0, 1 or 2. Beyond the last band: 1 point.

    Examples
    --------
    >>> recency_points([0, 2, 3, 11, 12, 30], [3, 6, 12, 24], [5, 4, 3, 2]).tolist()
    [5.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    """
    since = np.asarray(months_since, dtype="int64")
    out = np.ones(len(since))
    for limit, score in reversed(list(zip(within, points, strict=True))):
        out[since < limit] = score
    return out


def hkci(people: pd.DataFrame, settings: KnifeCarriers) -> pd.DataFrame:
    """Score each person: ``people`` has ``months_since``, ``occurrences`` and ``gravity``.

    Adds ``recency`` (points), and the score (0-100, one decimal); rows come
    back highest score first (ties: more occurrences, then more recent).

    Examples
    --------
    >>> from svsna.config.definition import KnifeCarriers
    >>> frame = pd.DataFrame({"months_since": [0, 7], "occurrences": [1, 2],
    ...                       "gravity": [2.0, 8.0]})
    >>> hkci(frame, KnifeCarriers())["score"].tolist()
    [86.7, 58.3]
    """
    out = people.copy()
    out["recency"] = recency_points(
        out["months_since"], settings.recency_months, settings.recency_points
    )
    out["frequency"] = out["occurrences"].astype("float64")
    weights = (settings.recency_weight, settings.frequency_weight, settings.gravity_weight)
    total = np.zeros(len(out))
    for component, weight in zip(COMPONENTS, weights, strict=True):
        largest = float(out[component].max()) if len(out) else 0.0
        if largest > 0:
            total += weight * out[component].to_numpy(dtype="float64") / largest
    out["score"] = np.round(100 * total / sum(weights) + 0.0, 1)
    out = out.sort_values(
        ["score", "occurrences", "months_since"], ascending=[False, False, True],
        kind="mergesort",
    )
    return out.reset_index(drop=True)


def score_bands(scores: pd.Series, width: int) -> pd.DataFrame:
    """How many people score in each band of ``width`` points (the last band holds 100).

    Examples
    --------
    >>> score_bands(pd.Series([0.0, 9.9, 10.0, 100.0]), 50).to_dict("records")
    [{'score_band': '0-49', 'people': 3}, {'score_band': '50-100', 'people': 1}]
    """
    starts = list(range(0, 100, width))
    labels = [
        f"{s}-{s + width - 1}" if s + width < 100 else f"{s}-100" for s in starts
    ]
    index = np.minimum(np.floor(scores.to_numpy(dtype="float64") / width), len(starts) - 1)
    counts = np.bincount(index.astype("int64"), minlength=len(starts))
    return pd.DataFrame({"score_band": labels, "people": counts.astype("int64")})


__all__ = ["COMPONENTS", "hkci", "recency_points", "score_bands"]
