"""Geometry done once, at load: each point's areas and its distance to the nearest school.

Analyses must run on any engine without a spatial extension, so the work that
needs polygons happens here, in DuckDB with its spatial extension, while the
warehouse is built. What comes out is plain columns that any SQL can join:

``svsna_located`` (occurrence_id, in_neighbourhood, in_lsoa)
    every occurrence with a point, with the neighbourhood and the LSOA whose
    polygon holds it (the first by name when the point lies on a shared edge;
    NULL when none does, or when that table has no geometry).
``svsna_nte_located`` (occurrence_id, nte_area)
    one row per night-time-economy polygon holding an occurrence's point.
``svsna_school_distance`` (occurrence_id, nearest_school_m)
    for occurrences given by latitude/longitude (data.police.uk), the
    straight-line distance in metres from that point to the nearest school.

Points and shapes are British National Grid metres; shapes are read and
repaired by :func:`svsna.geometry.readable_shapes`, as the maps are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import shapely
from scipy.spatial import cKDTree

from svsna.geometry import readable_shapes, to_bng
from svsna.warehouse.spatial import load_spatial

if TYPE_CHECKING:
    import duckdb

LOCATED = "svsna_located"
NTE_LOCATED = "svsna_nte_located"
SCHOOL_DISTANCE = "svsna_school_distance"
#: Area tables with polygons: (table, key column, column of ``svsna_located``).
AREAS = (
    ("neighbourhoods", "neighbourhood", "in_neighbourhood"),
    ("lsoas", "lsoa_code", "in_lsoa"),
)
#: The column of ``svsna_located`` naming each area table's polygon.
LOCATED_COLUMNS = {table: column for table, _key, column in AREAS}
_POINTS = (
    "SELECT occurrence_id, easting, northing FROM occurrences "
    "WHERE easting IS NOT NULL AND northing IS NOT NULL"
)
_INSIDE = "ST_Intersects(s.geom, ST_Point(p.easting, p.northing))"


def derived_tables(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """SQL (on ``con``) of each derived table the inputs on ``con`` allow.

    ``con`` holds the checked tables by their contract names; the shapes they
    need are registered on it here, and the school distances computed.
    """
    tables = _columns(con)
    if not {"occurrence_id", "easting", "northing"} <= tables.get("occurrences", set()):
        return {}
    shapes = {
        table: _register_shapes(con, table, key)
        for table, key in (*[(t, k) for t, k, _ in AREAS], ("nte_areas", "nte_area"))
        if "geometry_wkt" in tables.get(table, set())
    }
    if any(shapes.values()):
        load_spatial(con)
    derived = {LOCATED: _located_sql(shapes)}
    if shapes.get("nte_areas"):
        derived[NTE_LOCATED] = f"""
            SELECT DISTINCT p.occurrence_id, s.nte_area
            FROM ({_POINTS}) p
            JOIN (SELECT key AS nte_area, ST_GeomFromText(wkt) AS geom
                  FROM {_shapes_name("nte_areas")}) s
              ON {_INSIDE}
        """
    distances = _school_distances(con, tables)
    if distances is not None:
        con.register("__svsna_school_distance", distances)
        derived[SCHOOL_DISTANCE] = "SELECT * FROM __svsna_school_distance"
    return derived


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
    ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def _shapes_name(table: str) -> str:
    return f"__svsna_shapes_{table}"


def _register_shapes(con: duckdb.DuckDBPyConnection, table: str, key: str) -> bool:
    """Register ``table``'s readable polygons as (key, wkt); whether there are any."""
    rows = con.execute(
        f"SELECT {key} AS key, geometry_wkt FROM {table} "
        "WHERE geometry_wkt IS NOT NULL AND TRIM(geometry_wkt) <> ''"
    ).fetch_arrow_table()
    shapes, readable = readable_shapes(rows.column("geometry_wkt").to_pylist())
    keys = np.asarray(rows.column("key").to_pylist(), dtype=object)
    clean = pa.table(
        {
            "key": pa.array(keys[readable].tolist(), pa.string()),
            "wkt": pa.array(shapely.to_wkt(shapes[readable]).tolist(), pa.string()),
        }
    )
    con.register(_shapes_name(table), clean)
    return clean.num_rows > 0


def _located_sql(shapes: dict[str, bool]) -> str:
    """SQL: every occurrence with a point, and its neighbourhood and LSOA polygons."""
    ctes, columns, joins = [f"points AS ({_POINTS})"], [], []
    for table, _key, column in AREAS:
        if not shapes.get(table):
            columns.append(f"CAST(NULL AS VARCHAR) AS {column}")
            continue
        ctes.append(f"""{column} AS (
            SELECT p.occurrence_id, MIN(s.key) AS area
            FROM points p
            JOIN (SELECT key, ST_GeomFromText(wkt) AS geom FROM {_shapes_name(table)}) s
              ON {_INSIDE}
            GROUP BY p.occurrence_id)""")
        columns.append(f"{column}.area AS {column}")
        joins.append(f"LEFT JOIN {column} ON {column}.occurrence_id = p.occurrence_id")
    return (
        f"WITH {', '.join(ctes)} SELECT p.occurrence_id, {', '.join(columns)} "
        f"FROM points p {' '.join(joins)}"
    )


def _school_distances(
    con: duckdb.DuckDBPyConnection, tables: dict[str, set[str]]
) -> pa.Table | None:
    """Nearest-school distance of each occurrence given by latitude/longitude."""
    schools = _school_points(con, tables.get("schools", set()))
    if schools is None or not {"latitude", "longitude"} <= tables["occurrences"]:
        return None
    crimes = con.execute(
        "SELECT occurrence_id, latitude, longitude FROM occurrences "
        "WHERE latitude IS NOT NULL"
    ).fetch_arrow_table()
    xy = np.column_stack(
        to_bng(
            crimes.column("longitude").to_numpy(zero_copy_only=False).astype(float),
            crimes.column("latitude").to_numpy(zero_copy_only=False).astype(float),
        )
    )
    nearest = np.full(len(xy), np.nan)
    placed = ~np.isnan(xy).any(axis=1)
    if placed.any():
        nearest[placed], _ = cKDTree(schools).query(xy[placed])
    return pa.table(
        {
            "occurrence_id": crimes.column("occurrence_id"),
            "nearest_school_m": pa.array(nearest, pa.float64(), from_pandas=True),
        }
    )


def _school_points(
    con: duckdb.DuckDBPyConnection, columns: set[str]
) -> np.ndarray | None:
    """BNG points of the schools (easting/northing, else latitude/longitude)."""
    pairs = [
        p for p in (("easting", "northing"), ("latitude", "longitude")) if set(p) <= columns
    ]
    if not pairs:
        return None
    wanted = ", ".join(f"CAST({c} AS DOUBLE) AS {c}" for p in pairs for c in p)
    schools = con.execute(f"SELECT {wanted} FROM schools").df()
    if ("easting", "northing") in pairs:
        xy = schools[["easting", "northing"]].to_numpy(float, copy=True)
    else:
        xy = np.full((len(schools), 2), np.nan)
    if ("latitude", "longitude") in pairs:
        missing = np.isnan(xy).any(axis=1)
        xy[missing] = np.column_stack(
            to_bng(
                schools.loc[missing, "longitude"].to_numpy(float),
                schools.loc[missing, "latitude"].to_numpy(float),
            )
        )
    xy = xy[~np.isnan(xy).any(axis=1)]
    return xy if len(xy) else None
