"""Co-offending groups: suspects joined through the occurrences they share (networkx).

Two suspects of one occurrence co-offended; a group is everyone reachable
through such links (a connected component of the network of people and
occurrences), so a chain A-B, B-C makes one group of three even if A and C
never offended together. Only the sizes leave this module.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd


def group_sizes(involved: pd.DataFrame) -> pd.Series:
    """Each person's group size, from rows of ``occurrence_id`` and ``person``.

    Examples
    --------
    >>> rows = pd.DataFrame({"occurrence_id": ["o1", "o1", "o2", "o2", "o3"],
    ...                      "person": ["A", "B", "B", "C", "D"]})
    >>> group_sizes(rows).to_dict()
    {'A': 3, 'B': 3, 'C': 3, 'D': 1}
    """
    graph = nx.Graph()
    people = [("person", str(p)) for p in involved["person"]]
    graph.add_nodes_from(people)
    graph.add_edges_from(
        zip(
            (("occurrence", str(o)) for o in involved["occurrence_id"]),
            people,
            strict=True,
        )
    )
    sizes: dict[str, int] = {}
    for component in nx.connected_components(graph):
        members = [name for kind, name in component if kind == "person"]
        for name in members:
            sizes[name] = len(members)
    return pd.Series(sizes, dtype="int64").sort_index()


def size_label(low: int, high: int | None) -> str:
    """``3`` for a band of one size, ``4-5``, ``10+``.

    >>> size_label(3, 3), size_label(4, 5), size_label(10, None)
    ('3', '4-5', '10+')
    """
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


def groups_by_size(
    sizes: pd.Series, bands: tuple[tuple[int, int | None], ...]
) -> pd.DataFrame:
    """Groups and their people by band of group size (``size``, ``groups``, ``people``).

    >>> sizes = pd.Series({"A": 3, "B": 3, "C": 3, "D": 1})
    >>> groups_by_size(sizes, ((1, 1), (2, 2), (3, None)))["groups"].tolist()
    [1, 0, 1]
    """
    rows = []
    for low, high in bands:
        inside = sizes[(sizes >= low) & ((sizes <= high) if high is not None else True)]
        people = int(len(inside))
        groups = round(float((1 / inside).sum())) if people else 0
        rows.append({"size": size_label(low, high), "groups": groups, "people": people})
    return pd.DataFrame(rows, columns=["size", "groups", "people"])


__all__ = ["group_sizes", "groups_by_size", "size_label"]
