"""SQL and small helpers shared by the place chapters (hotspots, schools, NTE, IMD).

The SQL stays portable: plain ANSI with no spatial functions. Which polygon
holds each point was worked out once, when the warehouse was built
(:mod:`svsna.warehouse.places`: ``svsna_located``); distances are plain
arithmetic on British National Grid metres (EPSG:27700), so they are true
metres. Literals, IN lists, times of day and weekdays come from
:mod:`svsna.analyses.core.sql`, written so that no engine-specific function is
needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.config.definition import WEEKDAYS
from svsna.warehouse import LOCATED, LOCATED_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from svsna.analyses.core.context import Context


def key_sql(column: str) -> str:
    """A name as a join key: trimmed and upper-case."""
    return f"UPPER(TRIM({column}))"


def weekday_numbers(names: Iterable[str]) -> list[int]:
    """``Mon``…``Sun`` names as 0…6."""
    return [WEEKDAYS.index(n) for n in names]


def located_column(ctx: Context, table: str) -> str | None:
    """The ``svsna_located`` column placing points in ``table``'s polygons, if any.

    None when ``table`` has no geometry, so that only named areas count.
    """
    if not has_geometry(ctx, table) or not ctx.warehouse.has_table(LOCATED):
        return None
    return LOCATED_COLUMNS[table]


def has_geometry(ctx: Context, table: str) -> bool:
    """Whether ``table`` was loaded with at least one geometry."""
    if not ctx.has(table) or "geometry_wkt" not in ctx.warehouse.columns(table):
        return False
    found = ctx.query(
        f"SELECT COUNT(*) AS n FROM {table} "
        "WHERE geometry_wkt IS NOT NULL AND TRIM(geometry_wkt) <> ''"
    )
    return bool(found["n"].iloc[0])


def one_decimal(values: pd.Series) -> pd.Series:
    """Values rounded half up to one decimal (for display; rank on the raw values)."""
    raw = values.astype("float64").to_numpy()
    return pd.Series(np.floor(raw * 10 + 0.5 + 1e-9) / 10, index=values.index)


def area_assignment_sql(
    occurrences: str, *, table: str, key: str, column: str, located: str | None
) -> str:
    """SQL: ``(occurrence_id, area)``, each occurrence in at most one area of ``table``.

    An occurrence takes the area its ``column`` names (matched trimmed and
    case-insensitively with ``table.key``); failing that, when ``located``
    (a column of ``svsna_located``, see :func:`located_column`) is given, the
    area whose polygon holds its point, the first by name when the point lies
    on a shared edge.
    """
    named = f"""
        SELECT o.occurrence_id, MIN(a.{key}) AS area
        FROM ({occurrences}) o
        JOIN {table} a ON {key_sql("a." + key)} = {key_sql("o." + column)}
        GROUP BY o.occurrence_id
    """
    if located is None:
        return named
    return f"""
        WITH named AS ({named}),
        located AS (
            SELECT o.occurrence_id, MIN(l.{located}) AS area
            FROM ({occurrences}) o
            JOIN {LOCATED} l ON l.occurrence_id = o.occurrence_id
            WHERE l.{located} IS NOT NULL
              AND o.occurrence_id NOT IN (SELECT occurrence_id FROM named)
            GROUP BY o.occurrence_id
        )
        SELECT occurrence_id, area FROM named
        UNION ALL
        SELECT occurrence_id, area FROM located
    """


def neighbourhood_assignment_sql(ctx: Context, occurrences: str) -> str:
    """SQL: ``(occurrence_id, area)`` by the neighbourhood named, else by location."""
    return area_assignment_sql(
        occurrences,
        table="neighbourhoods",
        key="neighbourhood",
        column="neighbourhood",
        located=located_column(ctx, "neighbourhoods"),
    )


def lsoa_assignment_sql(ctx: Context, occurrences: str) -> str:
    """SQL: ``(occurrence_id, area)`` by the LSOA code recorded, else by location."""
    return area_assignment_sql(
        occurrences,
        table="lsoas",
        key="lsoa_code",
        column="lsoa_code",
        located=located_column(ctx, "lsoas"),
    )
