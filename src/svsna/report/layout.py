"""Tables as a person reads them: years (or hours) across, totals last.

The CSV files and the fixed forms stay long (one row per district and year),
which machines want. A reader wants what the reference SNA prints: one row per
district with its years side by side, and day by hour as a 7 x 24 grid. This
module turns a long table into that wide layout for every rendered medium
(HTML, PDF, Word); it only moves cells, it adds and computes nothing, so the
public edition's cells (``[c]``) are shown exactly as protected.

A table of several measures by year (all occurrences, those with a victim
aged 18 or under, ...) is laid out as the reference lays out its knife-crime
table: one group of year columns under each measure, named by a header row
above the years.

The layout is decided by column names and cell text alone, so that the same
rule applies to a table in memory and to its CSV file read back as text.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

import pandas as pd

#: Columns a table may be spread across, and how many of their values fit.
ACROSS = {"year": 8, "hour": 24}
#: The value columns a wide table may carry, each with its suffix in a header.
VALUES = {"count": "", "pct": " %"}
#: At most this many columns of numbers when several measures are spread by
#: year (4 measures of 3 years; wider would not fit an A4 page).
MOST_VALUE_COLUMNS = 12
#: Columns that hold labels even when every value is a number.
LABEL_NAMES = re.compile(r"^(year|hour|day|month|months|rank|.*_rank|period.*|code|.*_code)$")


@dataclass(frozen=True)
class Wide:
    """A long table laid out wide: its frame and which wide rows are totals.

    ``groups`` is the header row above the headers when several measures are
    spread (each measure's column name and how many year columns it spans, the
    label columns under a blank); ``sources`` names each wide column's long
    column.
    """

    frame: pd.DataFrame
    total_rows: tuple[int, ...]
    across: str
    values: tuple[str, ...]
    groups: tuple[tuple[str, int], ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        """Each column's name as a header: under a measure's group, its year."""
        names = [str(c) for c in self.frame.columns]
        if not self.groups:
            return tuple(names)  # one measure: its columns are named by year
        return tuple(
            n.removeprefix(f"{s} ") if n != s else n
            for n, s in zip(names, self.sources, strict=True)
        )


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


def _numbers(column: pd.Series, symbol: str) -> bool:
    """Whether every cell of ``column`` is a number, withheld or blank."""
    seen = False
    for value in column.tolist():
        if value is None or value == symbol or value == "":
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            seen = seen or not math.isnan(value)
            continue
        try:
            float(str(value).replace(",", ""))
        except ValueError:
            return False
        seen = True
    return seen


def _measures(frame: pd.DataFrame, symbol: str) -> tuple[list[str], list[str]] | None:
    """The label and measure columns of a table of measures by year, or None."""
    columns = [str(c) for c in frame.columns]
    if "year" not in columns:
        return None
    rest = [c for c in columns if c != "year"]
    values = [
        c for c in rest if not LABEL_NAMES.match(c) and _numbers(frame[c], symbol)
    ]
    labels = [c for c in rest if c not in values]
    if not labels or not values:
        return None
    return labels, values


def wide(
    frame: pd.DataFrame, total_rows: tuple[int, ...] = (), *, symbol: str = "[c]"
) -> Wide | None:
    """``frame`` with its years (or hours) across, or None when it does not fit.

    Only a complete grid is spread (every label row has every year, once), at
    most :data:`ACROSS` columns wide (4 years when each has a share beside
    its count); rows that were totals in the long table come last (last in
    their group when the first label groups the rows). A table of several
    measures by year is spread by :func:`_spread_measures`.

    Examples
    --------
    >>> long = pd.DataFrame({"district": ["A", "B", "A", "B"],
    ...     "year": ["2023/24", "2023/24", "2024/25", "2024/25"], "count": [1, 2, 3, 4]})
    >>> wide(long).frame.to_dict("list")
    {'district': ['A', 'B'], '2023/24': [1, 2], '2024/25': [3, 4]}
    """
    shape = _shape([str(c) for c in frame.columns])
    if shape is None:
        measures = _measures(frame, symbol)
        return None if measures is None else _spread_measures(frame, total_rows, *measures)
    across, labels, values = shape
    grid = _grid(frame, across, labels, total_rows, ACROSS[across] // len(values))
    if grid is None:
        return None
    columns = [(f"{a}{VALUES[v]}", v, a) for a in grid.order for v in values]
    return Wide(grid.frame(labels, columns), grid.total_rows, across, tuple(values))


Key = tuple[object, ...]


@dataclass(frozen=True)
class _Grid:
    """A long table's cells by label row and value across, rows in reading order."""

    data: pd.DataFrame
    order: list[object]
    rows: list[Key]
    cells: dict[tuple[Key, object], int]
    totals: set[Key]

    @property
    def total_rows(self) -> tuple[int, ...]:
        return tuple(i for i, r in enumerate(self.rows) if r in self.totals)

    def frame(
        self, labels: list[str], columns: list[tuple[str, str, object]]
    ) -> pd.DataFrame:
        """The wide frame: the labels, then each (name, value column, across) column."""
        out: dict[str, list[object]] = {
            name: [r[j] for r in self.rows] for j, name in enumerate(labels)
        }
        for name, value, at in columns:
            column = self.data[value].tolist()
            out[name] = [column[self.cells[(r, at)]] for r in self.rows]
        return pd.DataFrame(out)


def _grid(
    frame: pd.DataFrame,
    across: str,
    labels: list[str],
    total_rows: tuple[int, ...],
    widest: int,
) -> _Grid | None:
    """The long table as a grid: its values across, its label rows in reading order.

    None unless every label row has every value across exactly once, and
    there are 2 to ``widest`` of them.
    """
    data = frame.reset_index(drop=True)
    order = list(dict.fromkeys(data[across].tolist()))
    if not 2 <= len(order) <= widest or data[labels].isna().any().any():
        return None
    keys = list(data[labels].itertuples(index=False, name=None))
    rows = list(dict.fromkeys(keys))
    cells = {(k, a): i for i, (k, a) in enumerate(zip(keys, data[across], strict=True))}
    if len(rows) * len(order) != len(data) or len(cells) != len(data):
        return None
    totals = {keys[i] for i in total_rows}
    return _Grid(data, order, _totals_last(rows, totals, grouped=len(labels) > 1), cells, totals)


def _totals_last(rows: list[Key], totals: set[Key], *, grouped: bool) -> list[Key]:
    """``rows`` with the totals last: last in their group, groups of totals last.

    A group is the rows sharing the first label (``knife crime``'s offence
    groups, then its total), when there is more than one label.
    """
    if not grouped:
        return [r for r in rows if r not in totals] + [r for r in rows if r in totals]
    first = list(dict.fromkeys(r[0] for r in rows))
    only_totals = {g for g in first if all(r in totals for r in rows if r[0] == g)}
    return sorted(
        rows, key=lambda r: (r[0] in only_totals, first.index(r[0]), r in totals)
    )


def _spread_measures(
    frame: pd.DataFrame, total_rows: tuple[int, ...], labels: list[str], values: list[str]
) -> Wide | None:
    """Several measures by year: one group of year columns under each measure.

    One measure alone is spread as counts are: a column a year, no group row.

    Examples
    --------
    >>> long = pd.DataFrame({"group": ["knife", "total"] * 2,
    ...     "year": ["2023/24", "2023/24", "2024/25", "2024/25"],
    ...     "all": [5, 9, 6, 8], "victims_18_under": [1, 2, "[c]", 3]})
    >>> laid = _spread_measures(long, (1,), ["group"], ["all", "victims_18_under"])
    >>> laid.frame.values.tolist()
    [['knife', 5, 6, 1, '[c]'], ['total', 9, 8, 2, 3]]
    >>> laid.groups
    (('', 1), ('all', 2), ('victims_18_under', 2))
    >>> laid.headers
    ('group', '2023/24', '2024/25', '2023/24', '2024/25')
    """
    grid = _grid(frame, "year", labels, total_rows, MOST_VALUE_COLUMNS // len(values))
    if grid is None:
        return None
    several = len(values) > 1
    columns = [
        (f"{v} {a}" if several else str(a), v, a) for v in values for a in grid.order
    ]
    return Wide(
        grid.frame(labels, columns),
        grid.total_rows,
        "year",
        tuple(values),
        groups=(("", len(labels)), *((v, len(grid.order)) for v in values))
        if several
        else (),
        sources=(*labels, *(v for v, _ in itertools.product(values, grid.order))),
    )
