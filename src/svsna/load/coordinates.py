"""Loading's use of geometry: fill a table's grid coordinates from its latitude/longitude.

Every point is held as British National Grid easting/northing (EPSG:27700);
the conversion itself lives in :mod:`svsna.geometry`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from svsna.geometry import to_bng


def fill_grid_coordinates(table: pa.Table, /) -> pa.Table:
    """Fill a table's missing easting/northing from its latitude/longitude.

    Rows that have both easting and northing keep them; rows that have only
    latitude/longitude get converted values; other rows stay null. Tables
    without all four columns are returned unchanged.
    """
    needed = {"easting", "northing", "latitude", "longitude"}
    if not needed <= set(table.column_names) or table.num_rows == 0:
        return table
    easting = table.column("easting").to_numpy(zero_copy_only=False).astype(float)
    northing = table.column("northing").to_numpy(zero_copy_only=False).astype(float)
    lat = table.column("latitude").to_numpy(zero_copy_only=False).astype(float)
    lon = table.column("longitude").to_numpy(zero_copy_only=False).astype(float)
    todo = (np.isnan(easting) | np.isnan(northing)) & ~np.isnan(lat) & ~np.isnan(lon)
    if not todo.any():
        return table
    e, n = to_bng(lon[todo], lat[todo])
    easting[todo], northing[todo] = e, n
    for name, values in (("easting", easting), ("northing", northing)):
        position = table.column_names.index(name)
        array = pa.array(values, type=pa.float64(), from_pandas=True)
        array = array.cast(table.schema.field(name).type, safe=False)
        table = table.set_column(position, name, array)
    return table


__all__ = ["fill_grid_coordinates"]
