"""Tables as a person reads them: years (or hours) across, totals last.

The CSV files and the fixed forms stay long (one row per district and year),
which machines want. A reader wants what the reference SNA prints: one row per
district with its years side by side, and day by hour as a 7 x 24 grid. This
module turns a long table into that wide layout for every rendered medium
(HTML, PDF, Word); it only moves cells, it adds and computes nothing, so the
public edition's cells (``[c]`` included) are shown exactly as protected.

The layout is decided by column names alone, so that the same rule applies to
a table in memory and to its CSV file read back as text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Columns a table may be spread across, and how many of their values fit.
ACROSS = {"year": 8, "hour": 24}
#: The value columns a wide table may carry, each with its suffix in a header.
VALUES = {"count": "", "pct": " %"}


@dataclass(frozen=True)
class Wide:
    """A long table laid out wide: its frame and which wide rows are totals."""

    frame: pd.DataFrame
    total_rows: tuple[int, ...]
    across: str
    values: tuple[str, ...]


def _shape(columns: list[str]) -> tuple[str, list[str], list[str]] | None:
    """The column to spread across, the label columns and the value columns."""
    across = next((c for c in ACROSS if c in columns), None)
    if across is None:
        return None
    rest = [c for c in columns if c != across]
    values = [c for c in rest if c in VALUES]
    labels = [c for c in rest if c not in VALUES]
    if not labels or values not in (["count"], ["count", "pct"]):
        return None
    if rest[-len(values) :] != values:
        return None
    if across == "hour" and values != ["count"]:
        return None
    return across, labels, values


def wide(frame: pd.DataFrame, total_rows: tuple[int, ...] = ()) -> Wide | None:
    """``frame`` with its years (or hours) across, or None when it does not fit.

    Only a complete grid is spread (every label row has every year, once), at
    most :data:`ACROSS` columns wide (4 years when each has a share beside
    its count); rows that were totals in the long table come last.

    Examples
    --------
    >>> long = pd.DataFrame({"district": ["A", "B", "A", "B"],
    ...     "year": ["2023/24", "2023/24", "2024/25", "2024/25"], "count": [1, 2, 3, 4]})
    >>> wide(long).frame.to_dict("list")
    {'district': ['A', 'B'], '2023/24': [1, 2], '2024/25': [3, 4]}
    """
    shape = _shape([str(c) for c in frame.columns])
    if shape is None:
        return None
    across, labels, values = shape
    data = frame.reset_index(drop=True)
    order = list(dict.fromkeys(data[across].tolist()))
    widest = ACROSS[across] // len(values)
    if not 2 <= len(order) <= widest or data[labels].isna().any().any():
        return None
    keys = list(data[labels].itertuples(index=False, name=None))
    rows = list(dict.fromkeys(keys))
    cells = {(k, a): i for i, (k, a) in enumerate(zip(keys, data[across], strict=True))}
    if len(rows) * len(order) != len(data) or len(cells) != len(data):
        return None
    totals = {keys[i] for i in total_rows}
    rows = [r for r in rows if r not in totals] + [r for r in rows if r in totals]
    out: dict[str, list[object]] = {
        label: [r[j] for r in rows] for j, label in enumerate(labels)
    }
    for a in order:
        for v in values:
            column = data[v].tolist()
            out[f"{a}{VALUES[v]}"] = [column[cells[(r, a)]] for r in rows]
    return Wide(
        pd.DataFrame(out),
        tuple(i for i, r in enumerate(rows) if r in totals),
        across,
        tuple(values),
    )
