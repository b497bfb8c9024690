"""The real Derby and Derbyshire geography the synthetic area is built on.

Reads the small extract shipped in ``geography/`` (see its SOURCES.md):
districts, LSOAs with deprivation, neighbourhoods, night-time-economy areas
and schools, all in British National Grid metres. For benchmarks with several
areas, :func:`load_geography` shifts a copy of the county on a 100 km grid so
that the areas never overlap, and gives every name a suffix.

It also prepares pools of candidate points inside each LSOA (and each NTE
area), labelled by whether they fall in an NTE area and whether they are
within the school-proximity distance of a school. Police data snaps crimes to
a limited set of anonymised points, so drawing from a pool is both fast and
realistic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from svsna.synth import targets as t
from svsna.synth.alloc import apportion

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
    path = resources.files("svsna.synth") / "geography" / f"{name}.csv"
    with path.open("rb") as handle:
        return pd.read_csv(handle, dtype={"urn": str, "lad_code": str})


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


def _pools(lsoas: pd.DataFrame, nte: pd.DataFrame, schools: pd.DataFrame) -> Pools:
    rng = np.random.default_rng(20250531)
    lsoa_shapes = shapely.from_wkt(lsoas["geometry_wkt"].to_numpy())
    nte_shapes = shapely.from_wkt(nte["geometry_wkt"].to_numpy())
    x, y, owner = _points_in(rng, lsoa_shapes, POOL_PER_LSOA)
    nte_union = shapely.union_all(nte_shapes)
    shapely.prepare(nte_union)
    in_nte = shapely.contains_xy(nte_union, x, y)
    tree = cKDTree(schools[["easting", "northing"]].to_numpy(dtype=float))
    distance, _ = tree.query(np.column_stack([x, y]))
    nx, ny, nowner = _points_in(rng, nte_shapes, POOL_PER_NTE)
    return Pools(x, y, owner, in_nte, distance <= SCHOOL_DISTANCE_M - 1, nx, ny, nowner)


def area_offset(index: int) -> tuple[float, float]:
    """BNG shift of area ``index`` on a 7-column grid of 100 km cells."""
    if index == 0:
        return 0.0, 0.0
    cell = index % 63
    col, row = cell % 7, cell // 7
    return (col - 3) * 100_000.0, (row - 2) * 110_000.0 + (110_000.0 if row >= 2 else 0)


def _shift_wkt(wkt: pd.Series, dx: float, dy: float) -> pd.Series:
    shapes = shapely.transform(shapely.from_wkt(wkt.to_numpy()), lambda c: c + [dx, dy])
    return pd.Series(shapely.to_wkt(shapes, 0), index=wkt.index)


def load_geography(index: int = 0, suffix: str = "") -> Geography:
    """The geography of area ``index`` (0 = the real place), names suffixed."""
    base = _base()
    if index == 0 and not suffix:
        return base
    dx, dy = area_offset(index)

    def name(s: pd.Series) -> pd.Series:
        return s.astype(str) + suffix

    districts = base.districts.assign(district=name(base.districts["district"]))
    hoods = base.neighbourhoods.assign(
        neighbourhood=name(base.neighbourhoods["neighbourhood"]),
        district=name(base.neighbourhoods["district"]),
        geometry_wkt=_shift_wkt(base.neighbourhoods["geometry_wkt"], dx, dy),
    )
    lsoas = base.lsoas.assign(
        lsoa_code=name(base.lsoas["lsoa_code"]),
        lsoa_name=name(base.lsoas["lsoa_name"]),
        district=name(base.lsoas["district"]),
        neighbourhood=name(base.lsoas["neighbourhood"]),
        geometry_wkt=_shift_wkt(base.lsoas["geometry_wkt"], dx, dy),
    )
    schools = base.schools.assign(
        urn=name(base.schools["urn"]),
        easting=base.schools["easting"] + dx,
        northing=base.schools["northing"] + dy,
    )
    nte = base.nte_areas.assign(
        nte_area=name(base.nte_areas["nte_area"]),
        district=name(base.nte_areas["district"]),
        neighbourhood=name(base.nte_areas["neighbourhood"]),
        lsoa_code=name(base.nte_areas["lsoa_code"]),
        geometry_wkt=_shift_wkt(base.nte_areas["geometry_wkt"], dx, dy),
    )
    p = base.pools
    pools = Pools(
        p.x + dx, p.y + dy, p.lsoa, p.in_nte, p.near_school,
        p.nte_x + dx, p.nte_y + dy, p.nte_area,
    )  # fmt: skip
    return Geography(districts, hoods, lsoas, schools, nte, pools, suffix)
