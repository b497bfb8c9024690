"""Coordinates: WGS84 inputs become British National Grid metres on load.

The reference point is Snowdon's summit: 53.068498 N, 4.076231 W, in the
Ordnance Survey 100 m square SH 609 543, i.e. easting 260900-261000 and
northing 354300-354400 (SH = 200 km E, 300 km N).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np
import shapely
from places_data import load

from svsna.geometry import geojson_wgs84, to_bng

if TYPE_CHECKING:
    from pathlib import Path


def test_snowdon_lands_in_its_ordnance_survey_square() -> None:
    easting, northing = to_bng(np.array([-4.076231]), np.array([53.068498]))
    assert 260900 <= easting[0] < 261000
    assert 354300 <= northing[0] < 354400


def test_load_fills_grid_coordinates_only_where_missing(tmp_path: Path) -> None:
    ctx = load(
        tmp_path,
        occurrences="""
            occurrence_id,committed_date,offence_code,easting,northing,latitude,longitude
            a,2025-01-01,5A,,,53.068498,-4.076231
            b,2025-01-01,5A,430000,330000,53.068498,-4.076231
            c,2025-01-01,5A,,,,
        """,
    )
    rows = ctx.query(
        "SELECT occurrence_id, easting, northing FROM occurrences ORDER BY 1"
    ).set_index("occurrence_id")
    assert 260900 <= rows.loc["a", "easting"] < 261000
    assert 354300 <= rows.loc["a", "northing"] < 354400
    assert rows.loc["b", ["easting", "northing"]].tolist() == [430000, 330000]
    assert rows.loc["c"].isna().all()


def test_map_geometry_goes_back_to_longitude_latitude() -> None:
    (text,) = geojson_wgs84([shapely.Point(260950, 354350)])
    lon, lat = json.loads(text)["coordinates"]
    # Within the 100 m square: about 0.0015 degrees of longitude, 0.0009 of latitude.
    assert abs(lon - -4.076231) < 0.0015
    assert abs(lat - 53.068498) < 0.0009
