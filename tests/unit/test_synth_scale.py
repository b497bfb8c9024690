"""Several synthetic areas: one Parquet file per area and table, distinct names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import shapely

from svsna.load import load_folder
from svsna.synth import write_area

if TYPE_CHECKING:
    from pathlib import Path


def test_two_areas(tmp_path: Path) -> None:
    write_area(tmp_path, scale=2, seed=7)
    parts = sorted(p.name for p in (tmp_path / "occurrences").glob("*.parquet"))
    assert parts == ["area-01.parquet", "area-02.parquet"]
    occ = [pd.read_parquet(tmp_path / "occurrences" / p) for p in parts]
    # Identifiers and names never collide between areas.
    assert not set(occ[0]["occurrence_id"]) & set(occ[1]["occurrence_id"])
    districts = pd.read_parquet(tmp_path / "districts" / "area-02.parquet")
    assert set(districts["district"]) == {
        f"{d}-02"
        for d in ("Amber Valley", "Bolsover", "Chesterfield", "Derby", "Derbyshire Dales",
                  "Erewash", "High Peak", "North East Derbyshire", "South Derbyshire")
    }  # fmt: skip
    # The second area's points fall inside its own (shifted) LSOAs.
    lsoas = pd.read_parquet(tmp_path / "lsoas" / "area-02.parquet").set_index(
        "lsoa_code"
    )
    placed = occ[1].dropna(subset=["easting"]).head(2000)
    shapes = shapely.from_wkt(lsoas.loc[placed["lsoa_code"], "geometry_wkt"].to_numpy())
    assert shapely.intersects_xy(shapes, placed["easting"], placed["northing"]).all()
    first = shapely.from_wkt(
        pd.read_parquet(tmp_path / "neighbourhoods" / "area-01.parquet")["geometry_wkt"]
    )
    second = shapely.from_wkt(
        pd.read_parquet(tmp_path / "neighbourhoods" / "area-02.parquet")["geometry_wkt"]
    )
    assert not shapely.union_all(first).intersects(shapely.union_all(second))


def test_a_second_area_loads_without_a_single_reject(tmp_path: Path) -> None:
    # A moved, shrunken and turned area passes the contract row for row (the
    # coordinate ranges of all 45 places: test_synth_placement).
    write_area(tmp_path, scale=2, seed=3, years=1)
    loaded = load_folder(tmp_path, today=pd.Timestamp("2026-06-30").date())
    assert loaded.problems == []
    assert len(loaded.rejects) == 0
    assert loaded.tables["stop_search"].rows_loaded > 0
