"""The space-time cube of emerging hot spots: slices, areas and counts.

A slice is ``step_months`` calendar months aligned with the financial year
(quarters April-June, July-September, …); only complete slices count, from
the first whole slice in the data to the last one ending by the latest month,
so that every slice compares like with like. The offences are chapter 5's
hotspot offence set (a fixed list of groups, not the dated serious-violence
definition), so that a change of definition cannot pass for a trend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.maps import area_geometries
from svsna.analyses.core.windows import add_months, hotspot_occurrences_sql
from svsna.analyses.places.spatial_sql import (
    area_assignment_sql,
    has_geometry,
    located_column,
)

if TYPE_CHECKING:
    import datetime as dt

    import numpy as np

    from svsna.analyses.core.context import Context

#: Each level of areas: its table, key column and the occurrence column naming it.
LEVELS = {
    "neighbourhood": ("neighbourhoods", "neighbourhood", "neighbourhood"),
    "lsoa": ("lsoas", "lsoa_code", "lsoa_code"),
}


@dataclass(frozen=True)
class Cube:
    """Counts of one level of areas by slice.

    ``areas`` has ``area``, ``district``, ``population`` and ``shape`` (sorted
    by area, populations above 0); ``counts`` is areas × slices.
    """

    level: str
    areas: pd.DataFrame
    counts: np.ndarray
    dropped: int


def month_number(day: dt.date) -> int:
    """Months since year 0: consecutive months differ by 1."""
    return day.year * 12 + day.month - 1


def slices(
    first_month: dt.date, latest_month: dt.date, *, step: int, fy_start: int
) -> list[tuple[dt.date, dt.date]]:
    """``[start, end)`` of every complete slice between the two months (inclusive).

    Examples
    --------
    >>> import datetime as dt
    >>> [(a.isoformat(), b.isoformat()) for a, b in slices(
    ...     dt.date(2024, 2, 1), dt.date(2024, 11, 1), step=3, fy_start=4)]
    [('2024-04-01', '2024-07-01'), ('2024-07-01', '2024-10-01')]
    """
    offset = (month_number(first_month) - (fy_start - 1)) % step
    start = add_months(first_month, (step - offset) % step)
    found = []
    while month_number(start) + step - 1 <= month_number(latest_month):
        end = add_months(start, step)
        found.append((start, end))
        start = end
    return found


def data_slices(ctx: Context) -> list[tuple[dt.date, dt.date]]:
    """Every complete slice of the occurrences' months."""
    bounds = ctx.query("SELECT MIN(committed_date) AS first_day FROM occurrences")
    first = bounds["first_day"].iloc[0]
    if pd.isna(first):
        return []
    return slices(
        pd.Timestamp(first).date().replace(day=1),
        ctx.latest_month,
        step=ctx.definition.emerging_hotspots.step_months,
        fy_start=ctx.definition.financial_year_start_month,
    )


def cube(ctx: Context, level: str, spans: list[tuple[dt.date, dt.date]]) -> Cube | None:
    """The counts of ``level``'s areas by slice; None without geometry for the level."""
    table, key, column = LEVELS[level]
    if not has_geometry(ctx, table):
        return None
    shapes = area_geometries(ctx, table, key)
    occurrences = hotspot_occurrences_sql(ctx.definition, spans[0][0], spans[-1][1])
    assigned = area_assignment_sql(
        occurrences,
        table=table,
        key=key,
        column=column,
        located=located_column(ctx, table),
    )
    counts = ctx.query(f"""
        WITH assigned AS ({assigned})
        SELECT a.area, EXTRACT(YEAR FROM o.committed_date) * 12
               + EXTRACT(MONTH FROM o.committed_date) - 1 AS month_no,
               COUNT(DISTINCT o.occurrence_id) AS n
        FROM ({occurrences}) o JOIN assigned a ON a.occurrence_id = o.occurrence_id
        GROUP BY 1, 2
    """)
    areas = ctx.query(f"SELECT {key} AS area, district, population FROM {table}")
    areas = areas.merge(shapes.rename(columns={key: "area"}), on="area")
    usable = areas["population"].astype("float64") > 0
    areas = areas[usable].sort_values("area").reset_index(drop=True)
    step = ctx.definition.emerging_hotspots.step_months
    counts["slice"] = (
        counts["month_no"].astype(int) - month_number(spans[0][0])
    ) // step
    counts = counts[counts["area"].isin(areas["area"])]
    matrix = (
        counts.pivot_table(index="area", columns="slice", values="n", aggfunc="sum")
        .reindex(index=areas["area"], columns=range(len(spans)))
        .fillna(0)
        .to_numpy(dtype=float)
    )
    return Cube(level, areas, matrix, int((~usable).sum()))


def slice_label(start: dt.date, step: int) -> str:
    """``Apr-Jun 2024`` for a quarter, ``Apr 2024`` for a month, ``2024/25`` style for years.

    >>> import datetime as dt
    >>> slice_label(dt.date(2024, 4, 1), 3), slice_label(dt.date(2024, 12, 1), 3)
    ('Apr-Jun 2024', 'Dec 2024-Feb 2025')
    """
    if step == 1:
        return f"{start:%b %Y}"
    last = add_months(start, step - 1)
    if last.year == start.year:
        return f"{start:%b}-{last:%b %Y}"
    return f"{start:%b %Y}-{last:%b %Y}"


__all__ = ["LEVELS", "Cube", "cube", "data_slices", "slice_label", "slices"]
