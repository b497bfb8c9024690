"""Cohorts of people seen by several agencies: overlaps and exclusive intersections.

A *membership* frame lists who is in which dataset (``dataset``, ``person``);
a person is one linked person, however many records each agency holds. The
functions count, never list: how many people each dataset holds, how many
two datasets share, and how many are in exactly each combination of them
(the bars of an UpSet chart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Joins dataset names into a combination's label.
AND = " + "


def overlaps(membership: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Every pair of datasets (in ``order``, the first before the second) and what they share.

    Columns ``dataset_a``, ``dataset_b``, ``persons_a``, ``persons_b``,
    ``in_both`` and ``share_of_a`` (in_both as a share of persons_a, per
    cent to one decimal, half up; None when dataset_a is empty).

    >>> m = pd.DataFrame({"dataset": ["a", "a", "a", "b", "b"],
    ...                   "person": [1, 2, 3, 2, 9]})
    >>> overlaps(m, ["a", "b"]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'dataset_a': 'a', 'dataset_b': 'b', 'persons_a': 3, 'persons_b': 2,
      'in_both': 1, 'share_of_a': 33.3}]
    """
    people = {
        d: set(membership.loc[membership["dataset"] == d, "person"]) for d in order
    }
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            both = len(people[a] & people[b])
            n = len(people[a])
            rows.append(
                {
                    "dataset_a": a,
                    "dataset_b": b,
                    "persons_a": n,
                    "persons_b": len(people[b]),
                    "in_both": both,
                    "share_of_a": ((2000 * both + n) // (2 * n)) / 10 if n else None,
                }
            )
    columns = [
        "dataset_a",
        "dataset_b",
        "persons_a",
        "persons_b",
        "in_both",
        "share_of_a",
    ]
    return pd.DataFrame(rows, columns=columns)


def intersections(membership: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """People in exactly each combination of datasets (the non-empty ones), largest first.

    Columns ``combination`` (names joined by `` + `` in ``order``),
    ``datasets`` (how many) and ``persons``; ties keep ``order``.

    >>> m = pd.DataFrame({"dataset": ["a", "a", "b", "b", "c"],
    ...                   "person": [1, 2, 2, 3, 3]})
    >>> intersections(m, ["a", "b", "c"]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'combination': 'a', 'datasets': 1, 'persons': 1},
     {'combination': 'a + b', 'datasets': 2, 'persons': 1},
     {'combination': 'b + c', 'datasets': 2, 'persons': 1}]
    """
    rank = {d: i for i, d in enumerate(order)}
    known = membership[membership["dataset"].isin(list(order))].drop_duplicates()
    sets = known.groupby("person")["dataset"].agg(
        lambda ds: AND.join(sorted(set(ds), key=rank.__getitem__))
    )
    counts = sets.value_counts().rename_axis("combination").reset_index(name="persons")
    counts["datasets"] = counts["combination"].str.count(r"\+") + 1
    counts["_order"] = counts["combination"].map(
        lambda c: ",".join(f"{rank[d]:03d}" for d in c.split(AND))
    )
    counts = counts.sort_values(
        ["persons", "datasets", "_order"], ascending=[False, True, True], kind="stable"
    )
    return counts[["combination", "datasets", "persons"]].reset_index(drop=True)


def containing(combinations: Sequence[str], *datasets: str) -> tuple[str, ...]:
    """The combinations that hold every one of ``datasets``.

    >>> containing(["a", "a + b", "b + c"], "b")
    ('a + b', 'b + c')
    """
    return tuple(c for c in combinations if set(datasets) <= set(c.split(AND)))
