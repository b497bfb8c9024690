"""What a chart may embed: the plotted fields of the cells its table shows.

A chart's data reaches the reader whole (the HTML embeds it as JSON, a map's
GeoJSON carries every property), so in the public edition each chart is
redrawn from the public form of the table it draws: each row is matched to
that table's row by their shared labels, each plotted value is taken from the
table (a withheld cell is not drawn), a value no table protects is not drawn,
and columns the chart does not plot are dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.report.view import format_number
from svsna.stats.linked import label, label_columns

if TYPE_CHECKING:
    from svsna.results import Chart, Table

#: Columns that place a value (when, where, in what order), never a value
#: themselves: protection never withholds them, whatever their numbers.
DIMENSIONS = frozenset({"hour", "day", "year", "month", "rank", "period", "period_end"})

#: The placeholder of an alt text that lists the drawn values.
VALUES = "{values}"


def plotted_columns(chart: Chart) -> list[str]:
    """Every column the chart draws or shows on hover, in the data's order."""
    wanted = {
        chart.x,
        chart.y,
        chart.color,
        chart.geometry,
        chart.trend_column,
        chart.measure_column,
        *chart.tooltip,
    }
    if chart.kind == "map":
        wanted |= {"layer", "withheld"}
    return [c for c in chart.data.columns if c in wanted]


def value_columns(chart: Chart) -> list[str]:
    """The numbers the chart plots (as opposed to the labels it plots them by)."""
    data = chart.data
    candidates: list[str | None]
    if chart.kind == "heatmap":
        candidates = [chart.color or chart.y]
    elif chart.kind == "map":
        candidates = [chart.y, chart.color]
    else:
        candidates = [chart.y]
    candidates += [chart.trend_column, *chart.tooltip]
    placed = {chart.x, chart.y} if chart.kind == "heatmap" and chart.color else {chart.x}
    return [
        c
        for c in dict.fromkeys(candidates)
        if c
        and c not in placed
        and c not in DIMENSIONS
        and c in data.columns
        and pd.api.types.is_numeric_dtype(data[c])
    ]


def drawn(
    chart: Chart, original: Table | None, public: Table | None, *, symbol: str
) -> Chart:
    """``chart`` with only what ``public`` (the public form of ``original``) shows."""
    data = chart.data.reset_index(drop=True)
    out = data.copy()
    values = value_columns(chart)
    rows = _matching_rows(chart, original, values) if original is not None else None
    for column in values:
        out[column] = _values(chart, column, data, rows, public, symbol)
    colour = chart.color or chart.y
    if chart.kind == "map" and colour in values:
        # Which areas are grey because withheld (the table shows [c]), not for
        # want of data: the map's legend says which is which.
        out["withheld"] = (data[colour].notna() & out[colour].isna()).astype(bool)
    return replace(chart, data=out[plotted_columns(replace(chart, data=out))])


def _matching_rows(chart: Chart, table: Table, values: list[str]) -> list[int | None]:
    """For each chart row, the one table row with the same labels (None: none or several)."""
    data = chart.data.reset_index(drop=True)
    frame = table.data.reset_index(drop=True)
    labels = set(label_columns(table))
    keys = [
        c
        for c in data.columns
        if c in labels
        and c not in values
        and c not in (chart.measure_column, chart.geometry)
    ]
    if not keys:
        return [None] * len(data)
    index: dict[tuple[str, ...], int | None] = {}
    for i, key in enumerate(zip(*(frame[k].map(label) for k in keys), strict=True)):
        index[key] = None if key in index else i
    wanted = zip(*(data[k].map(label) for k in keys), strict=True)
    return [index.get(key) for key in wanted]


def _values(
    chart: Chart,
    column: str,
    data: pd.DataFrame,
    rows: list[int | None] | None,
    public: Table | None,
    symbol: str,
) -> pd.Series:
    """One plotted column taken from the public table (NaN where it shows nothing)."""
    out = pd.Series(np.nan, index=data.index, dtype="float64")
    if rows is None or public is None:
        return out
    frame = public.data.reset_index(drop=True)
    measures = (
        data[chart.measure_column].astype(str).tolist()
        if chart.measure_column and column == chart.y
        else [column] * len(data)
    )
    shown = {
        c: [_number(v) for v in frame[c].tolist()]
        for c in set(measures)
        if c in frame.columns
    }
    for i, (row, source) in enumerate(zip(rows, measures, strict=True)):
        if row is not None and source in shown:
            out.iloc[i] = shown[source][row]
    return out


def _number(value: object) -> float:
    """A shown number as a float; NaN for ``[c]``, blanks and text."""
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        return float(value)
    return np.nan


def source_table(chart: Chart, tables: tuple[Table, ...]) -> Table | None:
    """The table ``chart`` draws: its own, the one it names, or one that holds its rows."""
    if chart.source is not None:
        return chart.source
    by_id = {t.id: t for t in tables}
    if chart.table is not None:
        return by_id.get(chart.table)
    values = value_columns(chart)
    for table in tables:
        if not set(values) <= set(table.data.columns):
            continue
        rows = _matching_rows(chart, table, values)
        if rows and all(r is not None for r in rows):
            return table
    return None


def described(chart: Chart, *, symbol: str) -> Chart:
    """``chart`` with ``{values}`` in its alt text replaced by what it draws."""
    if VALUES not in chart.alt_text:
        return chart
    value = chart.color if chart.kind == "heatmap" and chart.color else chart.y
    pairs = []
    for x, y in zip(chart.data[chart.x], chart.data[value], strict=True):
        shown = symbol if pd.isna(y) else format_number(float(y), decimals=_decimals(y))
        pairs.append(f"{label(x)} {shown}")
    return replace(chart, alt_text=chart.alt_text.replace(VALUES, ", ".join(pairs)))


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1
