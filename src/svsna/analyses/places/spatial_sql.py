"""SQL and small helpers shared by the place chapters (hotspots, schools, NTE, IMD).

The SQL stays portable: plain ANSI plus the ST_ functions that both DuckDB
spatial and Apache Sedona on Spark provide (ST_GeomFromText, ST_Point,
ST_Intersects). Points are British National Grid metres (EPSG:27700), so
distances are true metres. Literals, IN lists, times of day and weekdays come
from :mod:`svsna.analyses.core.sql`, written so that no engine-specific function is
needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.config.definition import WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from svsna.analyses.core.context import Context


def key_sql(column: str) -> str:
    """A name as a join key: trimmed and upper-case."""
    return f"UPPER(TRIM({column}))"


def weekday_numbers(names: Iterable[str]) -> list[int]:
    """``Mon``…``Sun`` names as 0…6."""
    return [WEEKDAYS.index(n) for n in names]


def point_sql(alias: str) -> str:
    """The BNG point of an occurrence (or school) row."""
    return f"ST_Point({alias}.easting, {alias}.northing)"


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
    occurrences: str, *, table: str, key: str, column: str, shapes: str | None
) -> str:
    """SQL: ``(occurrence_id, area)``, each occurrence in at most one area of ``table``.

    An occurrence takes the area its ``column`` names (matched trimmed and
    case-insensitively with ``table.key``); failing that, when ``shapes`` (a
    registered ``key``/``wkt`` lookup) is given, the area whose polygon holds
    its point, the first by name when the point lies on a shared edge. The
    spatial functions must be enabled when ``shapes`` is given.
    """
    named = f"""
        SELECT o.occurrence_id, MIN(a.{key}) AS area
        FROM ({occurrences}) o
        JOIN {table} a ON {key_sql("a." + key)} = {key_sql("o." + column)}
        GROUP BY o.occurrence_id
    """
    if shapes is None:
        return named
    return f"""
        WITH named AS ({named}),
        located AS (
            SELECT o.occurrence_id, MIN(s.{key}) AS area
            FROM ({occurrences}) o
            JOIN (SELECT {key}, ST_GeomFromText(wkt) AS geom FROM {shapes}) s
              ON ST_Intersects(s.geom, {point_sql("o")})
            WHERE o.easting IS NOT NULL AND o.northing IS NOT NULL
              AND o.occurrence_id NOT IN (SELECT occurrence_id FROM named)
            GROUP BY o.occurrence_id
        )
        SELECT occurrence_id, area FROM named
        UNION ALL
        SELECT occurrence_id, area FROM located
    """

def neighbourhood_assignment_sql(occurrences: str, shapes: str | None) -> str:
    """SQL: ``(occurrence_id, area)`` by the neighbourhood named, else by location."""
    return area_assignment_sql(
        occurrences,
        table="neighbourhoods",
        key="neighbourhood",
        column="neighbourhood",
        shapes=shapes,
    )


def lsoa_assignment_sql(occurrences: str, shapes: str | None) -> str:
    """SQL: ``(occurrence_id, area)`` by the LSOA code recorded, else by location."""
    return area_assignment_sql(
        occurrences, table="lsoas", key="lsoa_code", column="lsoa_code", shapes=shapes
    )
