"""Area geometries for the place chapters: read once, used for SQL, Gi* and maps.

Geometries arrive as WKT in British National Grid (EPSG:27700). They are read
with shapely and repaired when invalid, exactly as the warehouse build read
them to place each point in its areas (:mod:`svsna.warehouse.places`). Statistics
use them as they are (metres); map charts carry them as GeoJSON in WGS84,
because map renderers (Vega-Lite geoshape, Leaflet) expect longitude/latitude.
No tiles and no network: the map is the areas themselves.

Map charts (``Chart.kind == "map"``) share one form: ``data`` has one row per
feature with a ``geometry`` column holding a GeoJSON geometry string (WGS84);
``x`` names the feature's label column (shown on hover), ``y`` the value
column, ``color`` the column that colours features (numeric: a sequential
scale; text or categorical: categories, in the categorical's order), and
``geometry`` = ``"geometry"``. A ``layer`` column, when present, orders the
drawing: rows of the first layer are drawn first (beneath).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd
import shapely

from svsna.geometry import geojson_wgs84, readable_shapes
from svsna.results import Chart
from svsna.stats.gistar import CLASS_ORDER
from svsna.warehouse import NTE_LOCATED

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.results import Section


def area_geometries(ctx: Context, table: str, key: str) -> pd.DataFrame:
    """``key`` and shapely ``shape`` of every row of ``table`` with a readable geometry.

    Invalid polygons are repaired (:func:`shapely.make_valid`); rows whose WKT
    cannot be read are left out and counted in ``attrs["unreadable"]``.
    """
    rows = ctx.query(
        f"SELECT {key}, geometry_wkt FROM {table} "
        "WHERE geometry_wkt IS NOT NULL AND TRIM(geometry_wkt) <> ''"
    )
    shapes, readable = readable_shapes(rows["geometry_wkt"].to_numpy())
    result = pd.DataFrame({key: rows[key][readable], "shape": shapes[readable]})
    result = result.reset_index(drop=True)
    result.attrs["unreadable"] = int((~readable).sum())
    return result


def with_geojson(
    frame: pd.DataFrame, /, *, simplify_m: float = 10.0, shape_column: str = "shape"
) -> pd.DataFrame:
    """``frame`` with a WGS84 GeoJSON ``geometry`` column instead of shapely shapes.

    Boundaries are simplified by ``simplify_m`` metres first (smaller maps,
    same look at report scale).
    """
    out = frame.drop(columns=[shape_column]).reset_index(drop=True)
    out["geometry"] = geojson_wgs84(frame[shape_column], simplify_m=simplify_m)
    return out


def too_big(
    ctx: Context, features: int, what: str, *, instead: str = "the table lists them"
) -> str | None:
    """A note when a map of ``features`` features exceeds ``maps.max_features``."""
    limit = ctx.definition.maps.max_features
    if features <= limit:
        return None
    return (
        f"The map of {what} is left out: {features:,} features are more than the "
        f"{limit:,} a report map holds (maps.max_features); {instead}."
    )


def map_chart(
    chart_id: str,
    title: str,
    features: pd.DataFrame,
    alt_text: str,
    *,
    label: str,
    value: str,
    colour: str,
    tooltip: tuple[str, ...] = (),
    table: str | None = None,
) -> Chart:
    """A map chart in the one form every renderer draws (this module's docstring).

    ``features`` has one row per feature and a GeoJSON ``geometry`` column;
    ``label`` names a feature on hover, ``value`` is its number and
    ``colour`` the column that shades it.
    """
    return Chart(
        id=chart_id, title=title,
        kind="map", data=features,
        x=label, y=value, color=colour,
        geometry="geometry",
        alt_text=alt_text,
        tooltip=tooltip,
        table=table,
    )


def gi_class_map(
    chart_id: str,
    title: str,
    areas: pd.DataFrame,
    alt_text: str,
    *,
    label: str,
    classes: str,
    simplify_m: float = 10.0,
    tooltip: tuple[str, ...] = (),
    table: str | None = None,
) -> Chart:
    """Areas (shapely ``shape``) coloured by their Gi* class, in the classes' order.

    Neighbourhoods, LSOAs and the public data's Thiessen cells are drawn the
    same way, so every Gi* legend runs in the same order (hot at 99%
    confidence first) and ``gi_z`` is the value shown on hover.
    """
    frame = with_geojson(areas, simplify_m=simplify_m)
    frame[classes] = pd.Categorical(frame[classes], categories=list(CLASS_ORDER))
    return map_chart(
        chart_id,
        title,
        frame,
        alt_text,
        label=label, value="gi_z", colour=classes,
        tooltip=tooltip,
        table=table,
    )


def nte_membership_sql(ctx: Context, rows: str) -> str:
    """SQL: ``occurrence_id`` and ``nte_area`` of each row of ``rows`` inside an NTE area.

    A row of ``nte_areas`` with a geometry is that polygon (its neighbourhood
    or LSOA, if given, only describes it); a row without one makes a whole
    neighbourhood or LSOA a member. An occurrence inside several areas appears
    once per area. The night-time economy chapter and the interventions'
    estimate (Walk Away in its NTE areas) place occurrences by this one rule.
    """
    columns = set(ctx.warehouse.columns("nte_areas"))
    ways = []
    if "geometry_wkt" in columns and ctx.warehouse.has_table(NTE_LOCATED):
        # The polygons were placed at load (svsna.warehouse.places): a plain join.
        ways.append(
            f"SELECT r.occurrence_id, a.nte_area FROM {rows} r "
            f"JOIN {NTE_LOCATED} a ON a.occurrence_id = r.occurrence_id"
        )
    membership = (
        "(a.geometry_wkt IS NULL OR TRIM(a.geometry_wkt) = '')"
        if "geometry_wkt" in columns
        else "TRUE"
    )
    ways += [
        f"SELECT r.occurrence_id, a.nte_area FROM {rows} r JOIN nte_areas a "
        f"ON UPPER(TRIM(a.{column})) = UPPER(TRIM(r.{column})) "
        f"WHERE a.{column} IS NOT NULL AND {membership}"
        for column in ("neighbourhood", "lsoa_code")
        if column in columns
    ]
    if not ways:
        ways.append(
            f"SELECT r.occurrence_id, r.occurrence_id AS nte_area FROM {rows} r "
            "WHERE FALSE"
        )
    return " UNION ".join(ways)


def district_places(ctx: Context) -> tuple[tuple[str, float, float], ...]:
    """Each district's name at a point inside it (WGS84), to name it on maps.

    The district is the union of its neighbourhoods; the point is shapely's
    point on that surface, so a name never sits outside its district.
    """
    if ctx.missing("neighbourhoods"):
        return ()
    rows = ctx.query(
        "SELECT district, geometry_wkt FROM neighbourhoods WHERE district IS NOT NULL "
        "AND geometry_wkt IS NOT NULL AND TRIM(geometry_wkt) <> ''"
    )
    shapes = shapely.from_wkt(rows["geometry_wkt"].to_numpy(), on_invalid="ignore")
    rows = rows.assign(shape=shapes)[~pd.isna(shapes)]
    places = []
    for district, group in rows.groupby("district", sort=True):
        area = shapely.union_all(shapely.make_valid(group["shape"].to_numpy()))
        (point,) = geojson_wgs84([shapely.point_on_surface(area)])
        if point is not None:
            lon, lat = json.loads(point)["coordinates"]
            places.append((str(district), float(lon), float(lat)))
    return tuple(places)


def with_places(sections: list[Section], ctx: Context) -> list[Section]:
    """``sections`` with every map naming the districts (:func:`district_places`)."""
    if not any(c.kind == "map" for s in sections for c in s.charts):
        return sections
    places = district_places(ctx)
    if not places:
        return sections
    return [
        replace(
            s,
            charts=tuple(
                replace(c, places=places) if c.kind == "map" else c for c in s.charts
            ),
        )
        if any(c.kind == "map" for c in s.charts)
        else s
        for s in sections
    ]
