"""The national synthetic area (``--scale 45``) is a plausible England and Wales.

Every one of the 45 places is checked here on the geography the data are
drawn from (the point pools that every crime and stop and search record takes
its location from, the schools, and every polygon vertex), without writing
6.5 million crimes: the points are on land, inside the contract's coordinate
ranges, and every area keeps names of its own.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from svsna.contract.tables import OCCURRENCES, STOP_SEARCH
from svsna.synth.derive_placement import check, county
from svsna.synth.geography import Geography, load_geography
from svsna.synth.placement import (
    IDENTITY,
    PIVOT,
    Placement,
    land_mask,
    placement,
    placements,
)
from svsna.synth.stop_search import BNG_TO_WGS84

AREAS = 45


@pytest.fixture(scope="module")
def areas() -> list[Geography]:
    return [load_geography(i, f"-{i + 1:02d}") for i in range(AREAS)]


def _points(geo: Geography) -> np.ndarray:
    """Every point a record of this area can carry: pool points and schools."""
    pools = geo.pools
    return np.concatenate(
        [
            np.column_stack([pools.x, pools.y]),
            np.column_stack([pools.nte_x, pools.nte_y]),
            geo.schools[["easting", "northing"]].to_numpy(dtype=float),
        ]
    )


def _hoods(geo: Geography) -> np.ndarray:
    """The area's neighbourhood polygons (they tile it, as its LSOAs do)."""
    return shapely.from_wkt(geo.neighbourhoods["geometry_wkt"].to_numpy())


def test_45_places_shipped_the_first_the_real_county() -> None:
    assert len(placements()) == AREAS
    assert placement(0) == IDENTITY
    assert placement(AREAS) == placement(0)  # a 46th area reuses the first place


def test_every_point_and_polygon_of_every_area_is_on_land(
    areas: list[Geography],
) -> None:
    land = land_mask()
    shapely.prepare(land)
    for n, geo in enumerate(areas, start=1):
        xy = _points(geo)
        outside = ~shapely.contains_xy(land, xy[:, 0], xy[:, 1])
        assert not outside.any(), f"area {n}: {outside.sum()} points off land"
        assert shapely.contains(land, _hoods(geo)).all(), f"area {n}: polygons off land"


def test_no_coordinate_is_out_of_the_contract_range(areas: list[Geography]) -> None:
    # Out-of-range coordinates are what made scale-45 stop and search rows rejects.
    limits = {
        c.name: (c.minimum, c.maximum)
        for c in (*OCCURRENCES.columns, *STOP_SEARCH.columns)
    }
    for geo in areas:
        xy = _points(geo)
        lon, lat = BNG_TO_WGS84.transform(xy[:, 0], xy[:, 1])
        for name, values in (
            ("easting", xy[:, 0]), ("northing", xy[:, 1]), ("latitude", lat), ("longitude", lon),
        ):  # fmt: skip
            low, high = limits[name]
            assert low <= values.min() and values.max() <= high, (geo.suffix, name)


def test_areas_never_overlap(areas: list[Geography]) -> None:
    hoods = [_hoods(geo) for geo in areas]
    area = np.repeat(np.arange(AREAS), [len(h) for h in hoods])
    shapes = np.concatenate(hoods)
    near = shapely.STRtree(shapes).query(shapes, predicate="dwithin", distance=1_000)
    pairs = area[near]
    assert (pairs[0] == pairs[1]).all(), np.unique(
        pairs[:, pairs[0] != pairs[1]] + 1, axis=1
    )


def test_every_area_keeps_names_of_its_own(areas: list[Geography]) -> None:
    for column, frame in (
        ("district", "districts"), ("neighbourhood", "neighbourhoods"),
        ("lsoa_code", "lsoas"), ("nte_area", "nte_areas"), ("urn", "schools"),
    ):  # fmt: skip
        names = [set(getattr(geo, frame)[column]) for geo in areas]
        assert all(len(n) == len(getattr(areas[0], frame)) for n in names), column
        assert len(set().union(*names)) == sum(len(n) for n in names), column


def test_pool_points_stay_in_their_lsoa_and_labels_follow_the_moved_map(
    areas: list[Geography],
) -> None:
    for geo in (areas[0], areas[1], areas[-1]):
        pools = geo.pools
        shapes = shapely.from_wkt(geo.lsoas["geometry_wkt"].to_numpy())
        assert shapely.contains_xy(shapes[pools.lsoa], pools.x, pools.y).all()
        nte = shapely.union_all(
            shapely.from_wkt(geo.nte_areas["geometry_wkt"].to_numpy())
        )
        assert (shapely.contains_xy(nte, pools.x, pools.y) == pools.in_nte).all()
        assert shapely.is_valid(shapes).all()
    # The real county's pools are the shipped ones, untouched.
    base = load_geography()
    assert np.array_equal(base.pools.x, areas[0].pools.x)
    assert np.array_equal(base.pools.near_school, areas[0].pools.near_school)


def test_a_placement_scales_turns_and_mirrors_about_the_pivot() -> None:
    east = np.array([[PIVOT[0] + 1_000.0, PIVOT[1]]])
    north = np.array([[PIVOT[0], PIVOT[1] + 1_000.0]])
    # 65 % of 1 km, turned a quarter anticlockwise: east becomes north.
    assert Placement(0.65, 90, False, 0, 0).apply(east).tolist() == [[0.0, 650.0]]
    # Mirrored first (east becomes west), then turned: west becomes south.
    assert Placement(0.65, 90, True, 0, 0).apply(east).tolist() == [[0.0, -650.0]]
    assert Placement(1.0, 180, False, 10, 20).apply(north).tolist() == [[10.0, -980.0]]
    assert IDENTITY.apply(east).tolist() == east.tolist()


def test_the_shipped_places_pass_the_derivations_own_check() -> None:
    # On the exact polygons: 1 km inside the coast, 2 km between areas.
    check(land_mask(), county(), list(placements()))
    wrong = [*placements()[:-1], placements()[1]]  # two areas in one place
    with pytest.raises(RuntimeError, match="too close"):
        check(land_mask(), county(), wrong)
