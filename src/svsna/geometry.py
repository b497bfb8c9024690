"""Geometry: British National Grid inside svsna, WGS84 only for display.

The one module that converts coordinates, used by loading (points given as
latitude/longitude), the analyses (public-data points, maps) and synth.

Distances in the report (500 m from a school) must be true metres, so every
point is held as British National Grid easting/northing (EPSG:27700). Rows that
carry only latitude/longitude (WGS84, EPSG:4326) are converted on load with
pyproj; map geometries are converted back to WGS84 for display, because web
maps (GeoJSON, Vega-Lite) expect longitude/latitude.
"""

from __future__ import annotations

import json
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely
from pyproj.transformer import Transformer, TransformerGroup

if TYPE_CHECKING:
    from collections.abc import Iterable

BNG = "EPSG:27700"
WGS84 = "EPSG:4326"


@lru_cache(maxsize=2)
def _transformer(source: str, target: str) -> Transformer:
    """The most accurate transformation available offline, the same for every point.

    The OSTN15 grid is not shipped (it would be a download), so the best
    available is the OSGB36 Helmert transformation (EPSG:1314, about 2 m),
    chosen explicitly: left to itself, PROJ falls back to a no-shift
    "ballpark" (about 100 m off) for points outside Great Britain's area of use.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the note that OSTN15 is not available
        group = TransformerGroup(source, target, always_xy=True)
    # always_xy: (longitude, latitude) and (easting, northing) order everywhere.
    return group.transformers[0]


def to_bng(
    longitude: np.ndarray, latitude: np.ndarray, /
) -> tuple[np.ndarray, np.ndarray]:
    """Easting and northing (metres) of WGS84 longitude/latitude arrays.

    Examples
    --------
    >>> e, n = to_bng(np.array([-1.4746]), np.array([52.9225]))
    >>> round(float(e[0]), -1), round(float(n[0]), -1)  # Derby city centre
    (435420.0, 336250.0)
    """
    easting, northing = _transformer(WGS84, BNG).transform(longitude, latitude)
    return np.asarray(easting, dtype=float), np.asarray(northing, dtype=float)


def to_bng_points(longitude: np.ndarray, latitude: np.ndarray, /) -> np.ndarray:
    """The same conversion as :func:`to_bng`, as an ``(n, 2)`` array of points."""
    return np.column_stack(to_bng(np.asarray(longitude, float), np.asarray(latitude, float)))


def geojson_wgs84(
    geometries: Iterable[shapely.Geometry | None],
    /,
    *,
    simplify_m: float = 0.0,
    decimals: int = 5,
) -> list[str | None]:
    """GeoJSON strings in WGS84 of British National Grid geometries.

    ``simplify_m`` simplifies (in metres) before converting, to keep maps
    small; coordinates are rounded to ``decimals`` places (5 ≈ 1 m).
    """
    transformer = _transformer(BNG, WGS84)
    out: list[str | None] = []
    for geometry in geometries:
        if geometry is None or shapely.is_empty(geometry):
            out.append(None)
            continue
        if simplify_m > 0:
            geometry = shapely.simplify(geometry, simplify_m, preserve_topology=True)
        converted = shapely.transform(
            geometry,
            lambda xy: np.round(
                np.column_stack(transformer.transform(*xy.T)), decimals
            ),
        )
        out.append(json.dumps(shapely.geometry.mapping(converted)))
    return out


__all__ = ["BNG", "WGS84", "geojson_wgs84", "to_bng", "to_bng_points"]


def readable_shapes(wkt: Iterable[str | None] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shapes of ``wkt`` and a mask of those that could be read.

    Unreadable or empty WKT is left out of the mask; invalid polygons are
    repaired with :func:`shapely.make_valid`.

    Examples
    --------
    >>> shapes, readable = readable_shapes(["POINT (1 2)", "not wkt", None])
    >>> readable.tolist()
    [True, False, False]
    """
    shapes = shapely.from_wkt(np.asarray(wkt, dtype=object), on_invalid="ignore")
    readable = ~pd.isna(shapes)
    readable[readable] = ~shapely.is_empty(shapes[readable])
    shapes[readable] = shapely.make_valid(shapes[readable])
    return shapes, np.asarray(readable, dtype=bool)
