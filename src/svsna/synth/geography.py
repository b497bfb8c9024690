"""The real Derby and Derbyshire geography the synthetic area is built on.

Reads the small extract shipped in ``geography/`` (see its SOURCES.md):
districts, LSOAs with deprivation, neighbourhoods, night-time-economy areas
and schools, all in British National Grid metres. For a national area
(``svsna synth --scale 45``), :func:`load_geography` places a copy of the
county elsewhere in England and Wales (:mod:`svsna.synth.placement`) and gives
every name a suffix.

It also prepares pools of candidate points inside each LSOA (and each NTE
area), labelled by whether they fall in an NTE area and whether they are
within the school-proximity distance of a school. Police data snaps crimes to
a limited set of anonymised points, so drawing from a pool is both fast and
realistic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from svsna.synth import targets as t
from svsna.synth.alloc import apportion
from svsna.synth.extract import read_extract
from svsna.synth.placement import Placement, placement

POOL_PER_LSOA = 48
POOL_PER_NTE = 24
SCHOOL_DISTANCE_M = 500.0


@dataclass(frozen=True)
class Pools:
    """Candidate points: LSOA pool (with labels) and NTE-area pool."""

    x: np.ndarray
    y: np.ndarray
    lsoa: np.ndarray
    in_nte: np.ndarray
    near_school: np.ndarray
    nte_x: np.ndarray
    nte_y: np.ndarray
    nte_area: np.ndarray


@dataclass(frozen=True)
class Geography:
    """One area's reference tables and point pools, in BNG metres."""

    districts: pd.DataFrame
    neighbourhoods: pd.DataFrame
    lsoas: pd.DataFrame
    schools: pd.DataFrame
    nte_areas: pd.DataFrame
    pools: Pools
    suffix: str


def _read(name: str) -> pd.DataFrame:
    return read_extract(name, dtype={"urn": str, "lad_code": str})


@cache
def _base() -> Geography:
    lsoas = _read("lsoas").sort_values("lsoa_code").reset_index(drop=True)
    hoods = _read("neighbourhoods").sort_values("neighbourhood").reset_index(drop=True)
    named = {n: (d, pop) for d, n, _, pop in t.HOTSPOTS}
    population = np.zeros(len(hoods), dtype=np.int64)
    for d, total in zip(t.DISTRICTS, t.DISTRICT_POPULATION, strict=True):
        rows = np.flatnonzero(hoods["district"].to_numpy() == d)
        fixed = [named[n][1] for n in hoods["neighbourhood"].iloc[rows] if n in named]
        others = rows[~hoods["neighbourhood"].iloc[rows].isin(named).to_numpy()]
        population[others] = apportion(
            total - sum(fixed), hoods["lsoa_population"].to_numpy()[others]
        )
    for i, n in enumerate(hoods["neighbourhood"]):
        if n in named:
            population[i] = named[n][1]
    hoods["population"] = population
    districts = pd.DataFrame(
        {
            "district": t.DISTRICTS,
            "lad_code": t.LAD_CODES,
            "population": t.DISTRICT_POPULATION,
            "authority": ["city" if d == "Derby" else "county" for d in t.DISTRICTS],
        }
    )
    nte = _read("nte_areas").sort_values("nte_area").reset_index(drop=True)
    schools = _read("schools").sort_values("urn").reset_index(drop=True)
    return Geography(
        districts, hoods, lsoas, schools, nte, _pools(lsoas, nte, schools), ""
    )


def _points_in(
    rng: np.random.Generator, polygons: np.ndarray, per: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``per`` uniform random points inside each polygon (rejection sampling)."""
    bounds = shapely.bounds(polygons)
    xs, ys, owner = [], [], []
    need = np.full(len(polygons), per)
    while need.sum():
        who = np.repeat(np.arange(len(polygons)), need * 3)
        b = bounds[who]
        x = np.round(b[:, 0] + rng.random(len(who)) * (b[:, 2] - b[:, 0]))
        y = np.round(b[:, 1] + rng.random(len(who)) * (b[:, 3] - b[:, 1]))
        inside = shapely.contains_xy(polygons[who], x, y)
        x, y, who = x[inside], y[inside], who[inside]
        rank = pd.Series(who).groupby(who).cumcount().to_numpy()
        take = rank < need[who]
        xs.append(x[take])
        ys.append(y[take])
        owner.append(who[take])
        need = need - np.bincount(who[take], minlength=len(polygons))
    x, y, o = np.concatenate(xs), np.concatenate(ys), np.concatenate(owner)
    order = np.argsort(o, kind="stable")
    return x[order], y[order], o[order]


def _labels(
    x: np.ndarray, y: np.ndarray, nte_shapes: np.ndarray, schools: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each point lies in an NTE area, and within reach of a school."""
    nte_union = shapely.union_all(nte_shapes)
    shapely.prepare(nte_union)
    in_nte = shapely.contains_xy(nte_union, x, y)
    tree = cKDTree(schools[["easting", "northing"]].to_numpy(dtype=float))
    distance, _ = tree.query(np.column_stack([x, y]))
    return in_nte, distance <= SCHOOL_DISTANCE_M - 1


def _pools(lsoas: pd.DataFrame, nte: pd.DataFrame, schools: pd.DataFrame) -> Pools:
    rng = np.random.default_rng(20250531)
    lsoa_shapes = shapely.from_wkt(lsoas["geometry_wkt"].to_numpy())
    nte_shapes = shapely.from_wkt(nte["geometry_wkt"].to_numpy())
    x, y, owner = _points_in(rng, lsoa_shapes, POOL_PER_LSOA)
    in_nte, near_school = _labels(x, y, nte_shapes, schools)
    nx, ny, nowner = _points_in(rng, nte_shapes, POOL_PER_NTE)
    return Pools(x, y, owner, in_nte, near_school, nx, ny, nowner)


@cache
def _base_shapes() -> dict[str, np.ndarray]:
    base = _base()
    return {
        name: shapely.from_wkt(getattr(base, name)["geometry_wkt"].to_numpy())
        for name in ("neighbourhoods", "lsoas", "nte_areas")
    }


def _moved(name: str, place: Placement) -> np.ndarray:
    """Polygons moved with the area; a sliver that rounding collapses is dropped."""
    shapes = shapely.transform(_base_shapes()[name], place.apply)
    broken = ~shapely.is_valid(shapes)
    shapes[broken] = shapely.set_precision(shapes[broken], 1.0)
    shapely.prepare(shapes)
    return shapes


def _placed_pools(
    pools: Pools,
    place: Placement,
    shapes: tuple[np.ndarray, np.ndarray],
    schools: pd.DataFrame,
) -> Pools:
    """The pools moved with the area, relabelled on the moved geography.

    Rounding to the metre can push a point that sat on an edge just outside
    its polygon; such points are dropped. A shrunken copy has its schools
    closer together, so which points are near a school is found afresh.
    """
    lsoas, ntes = shapes
    x, y = place.apply_xy(pools.x, pools.y)
    keep = shapely.contains_xy(lsoas[pools.lsoa], x, y)
    nx, ny = place.apply_xy(pools.nte_x, pools.nte_y)
    keep_nte = shapely.contains_xy(ntes[pools.nte_area], nx, ny)
    x, y = x[keep], y[keep]
    in_nte, near_school = _labels(x, y, ntes, schools)
    return Pools(
        x, y, pools.lsoa[keep], in_nte, near_school,
        nx[keep_nte], ny[keep_nte], pools.nte_area[keep_nte],
    )  # fmt: skip


def load_geography(index: int = 0, suffix: str = "") -> Geography:
    """The geography of area ``index`` (0 = the real place), names suffixed.

    Without a suffix this is the real county as shipped; with one, the area
    lies where :func:`svsna.synth.placement.placement` puts it.
    """
    base = _base()
    if index == 0 and not suffix:
        return base
    place = placement(index)
    moved = {n: _moved(n, place) for n in ("neighbourhoods", "lsoas", "nte_areas")}

    def renamed(frame: pd.DataFrame, *names: str, **more: np.ndarray) -> pd.DataFrame:
        """``frame`` with the suffix on every name column and the shapes moved."""
        return frame.assign(**{c: frame[c].astype(str) + suffix for c in names}, **more)

    def moved_wkt(table: str) -> np.ndarray:
        return shapely.to_wkt(moved[table], 0)

    districts = renamed(base.districts, "district")
    hoods = renamed(
        base.neighbourhoods,
        "neighbourhood",
        "district",
        geometry_wkt=moved_wkt("neighbourhoods"),
    )
    lsoas = renamed(
        base.lsoas,
        *("lsoa_code", "lsoa_name", "district", "neighbourhood"),
        geometry_wkt=moved_wkt("lsoas"),
    )
    easting, northing = place.apply_xy(
        base.schools["easting"].to_numpy(), base.schools["northing"].to_numpy()
    )
    schools = renamed(
        base.schools,
        "urn",
        easting=easting.astype(np.int64),
        northing=northing.astype(np.int64),
    )
    nte = renamed(
        base.nte_areas,
        *("nte_area", "district", "neighbourhood", "lsoa_code"),
        geometry_wkt=moved_wkt("nte_areas"),
    )
    shapes = (moved["lsoas"], moved["nte_areas"])
    pools = _placed_pools(base.pools, place, shapes, schools)
    return Geography(districts, hoods, lsoas, schools, nte, pools, suffix)
