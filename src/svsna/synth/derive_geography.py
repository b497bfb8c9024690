"""Derive the small real-geography extract shipped with the synthetic area.

Run by maintainers only, once, from the public source files described in
``geography/SOURCES.md`` (``python -m svsna.synth.derive_geography SRC``, where
SRC is a folder laid out like the project's shared ``data/``). It writes the
CSV files of ``geography/``: the 642 Derby and Derbyshire LSOAs (2011) with
their IMD 2019 score and decile, mid-2015 population and polygon; 95
neighbourhoods built by grouping each district's LSOAs around anchor points
(the 15 named hotspot areas of the reference SNA among them); 34 night-time
economy areas around town centres; and the open schools of GIAS. Polygons are
in British National Grid (EPSG:27700) metres, rounded to the metre, so that
neighbouring polygons share their edges exactly and never overlap.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

HERE = Path(__file__).with_name("geography")

LAD = {
    "E07000032": "Amber Valley",
    "E07000033": "Bolsover",
    "E07000034": "Chesterfield",
    "E06000015": "Derby",
    "E07000035": "Derbyshire Dales",
    "E07000036": "Erewash",
    "E07000037": "High Peak",
    "E07000038": "North East Derbyshire",
    "E07000039": "South Derbyshire",
}
#: Neighbourhoods per district (95 in all, roughly in proportion to population).
N_NEIGHBOURHOODS = {
    "Amber Valley": 11,
    "Bolsover": 7,
    "Chesterfield": 9,
    "Derby": 23,
    "Derbyshire Dales": 7,
    "Erewash": 10,
    "High Peak": 8,
    "North East Derbyshire": 9,
    "South Derbyshire": 11,
}
#: The 15 neighbourhoods named in the reference's hotspot table, anchored at
#: the wards they are named after (or a town-centre point, BNG metres).
NAMED = {
    "Rose Hill": ("Derby", (435700.0, 334900.0)),
    "Derby City": ("Derby", (435250.0, 336400.0)),
    "Abbey": ("Derby", ["Abbey"]),
    "Alvaston": ("Derby", ["Alvaston"]),
    "Littleover & Blagreaves": ("Derby", ["Littleover", "Blagreaves"]),
    "Derwent & Oakwood": ("Derby", ["Derwent", "Oakwood"]),
    "Allestree & Darley": ("Derby", ["Allestree", "Darley"]),
    "Sinfin & Osmaston": ("Derby", ["Sinfin"]),
    "Boulton": ("Derby", ["Boulton"]),
    "Chaddesden & Spondon": ("Derby", ["Chaddesden", "Spondon"]),
    "Chesterfield Town Centre": ("Chesterfield", (438500.0, 371150.0)),
    "Hasland & St Leonards": ("Chesterfield", ["Hasland", "St Leonard's"]),
    "Dunston, Moor & St Helens": ("Chesterfield", ["Dunston", "Moor", "St Helen's"]),
    "Gresley, Woodville & Swad": (
        "South Derbyshire",
        ["Church Gresley", "Woodville", "Swadlincote"],
    ),
    "Ripley Town Centre": ("Amber Valley", ["Ripley"]),
}
#: 34 night-time-economy areas: name, and the ward (or point) at their centre.
NTE = {
    "Derby City Centre": (435250.0, 336400.0),
    "Derby Normanton Road": ["Normanton"],
    "Derby Allenton": ["Alvaston"],
    "Mickleover": ["Mickleover"],
    "Spondon": ["Spondon"],
    "Chesterfield Town Centre": (438500.0, 371150.0),
    "Brampton": ["Brampton and Walton"],
    "Staveley": ["Middlecroft and Poolsbrook"],
    "Whittington": ["Old Whittington"],
    "Ripley": ["Ripley"],
    "Belper": ["Belper Central"],
    "Alfreton": ["Alfreton"],
    "Heanor": ["Heanor East"],
    "Somercotes": ["Somercotes"],
    "Ilkeston": ["Ilkeston Central"],
    "Long Eaton": ["Long Eaton Central"],
    "Sandiacre": ["Sandiacre North"],
    "Kirk Hallam": ["Kirk Hallam"],
    "Buxton": ["Buxton Central"],
    "Glossop": ["Howard Town"],
    "New Mills": ["New Mills West"],
    "Whaley Bridge": ["Whaley Bridge"],
    "Bolsover": ["Bolsover West"],
    "Shirebrook": ["Shirebrook North West"],
    "Clowne": ["Clowne South"],
    "Matlock": ["Matlock All Saints"],
    "Ashbourne": ["Ashbourne North"],
    "Bakewell": ["Bakewell"],
    "Dronfield": ["Dronfield North"],
    "Clay Cross": ["Clay Cross North"],
    "Eckington": ["Eckington South"],
    "Swadlincote": ["Swadlincote"],
    "Melbourne": ["Melbourne"],
    "Hilton": ["Hilton"],
}
NTE_RADIUS_M = 450.0
PHASES = {
    "Primary": "primary",
    "Middle deemed primary": "primary",
    "Secondary": "secondary",
    "Middle deemed secondary": "secondary",
    "All-through": "secondary",
    "16 plus": "secondary",
    "Nursery": "nursery",
}


_WGS84_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def to_bng(geometry: shapely.Geometry) -> shapely.Geometry:
    """A WGS84 longitude/latitude geometry in British National Grid metres."""
    transformer = _WGS84_TO_BNG
    return shapely.transform(
        geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def _features(path: Path, key: str) -> dict[str, shapely.Geometry]:
    data = json.loads(path.read_text())
    return {
        f["properties"][key]: shapely.set_precision(
            to_bng(shapely.geometry.shape(f["geometry"])), 1.0
        )
        for f in data["features"]
    }


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.astype(str).str.replace(",", ""), errors="raise")


def _anchor(spec: object, wards: dict[str, shapely.Geometry]) -> np.ndarray:
    if isinstance(spec, tuple):
        return np.array(spec)
    points = [shapely.point_on_surface(wards[name]) for name in spec]  # type: ignore[attr-defined]
    return np.array([[p.x, p.y] for p in points]).mean(axis=0)


def _cluster(xy: np.ndarray, anchors: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Lloyd's k-means with the first centres fixed at the anchors' start."""
    rng = np.random.default_rng(seed)
    centres = [*anchors] or [xy[rng.integers(len(xy))]]
    while len(centres) < k:
        d = np.min(((xy[:, None, :] - np.array(centres)[None]) ** 2).sum(-1), axis=1)
        centres.append(xy[rng.choice(len(xy), p=d / d.sum())])
    c = np.array(centres, dtype=float)
    fixed = len(anchors)
    for _ in range(50):
        labels = ((xy[:, None, :] - c[None]) ** 2).sum(-1).argmin(axis=1)
        for j in range(fixed, k):
            if (labels == j).any():
                c[j] = xy[labels == j].mean(axis=0)
            else:
                far = ((xy - c[labels]) ** 2).sum(-1)
                c[j] = xy[int(far.argmax())]
        for j in range(fixed):
            if (labels == j).any():
                c[j] = 0.5 * anchors[j] + 0.5 * xy[labels == j].mean(axis=0)
    return ((xy[:, None, :] - c[None]) ** 2).sum(-1).argmin(axis=1)


def _lsoas(src: Path) -> pd.DataFrame:
    """LSOAs of the area with district, population, IMD decile and score, and shape."""
    imd = pd.read_csv(
        src / "imd/derbyshire_File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv",
        encoding="utf-8-sig",
    )
    pop = pd.read_csv(
        src / "imd/derbyshire_File_6_-_IoD2019_Population_Denominators.csv",
        encoding="utf-8-sig",
    )
    score = pd.read_csv(src / "imd/derbyshire_mysociety_UK_IMD_E.csv")
    lsoas = pd.DataFrame(
        {
            "lsoa_code": imd["LSOA code (2011)"],
            "lsoa_name": imd["LSOA name (2011)"],
            "lad_code": imd["Local Authority District code (2019)"],
            "imd_decile": imd["Index of Multiple Deprivation (IMD) Decile"],
        }
    )
    lsoas["district"] = lsoas["lad_code"].map(LAD)
    lsoas = lsoas.merge(
        pd.DataFrame(
            {
                "lsoa_code": pop["LSOA code (2011)"],
                "population": _number(
                    pop["Total population: mid 2015 (excluding prisoners)"]
                ),
            }
        ),
        on="lsoa_code",
    ).merge(
        score.rename(columns={"lsoa": "lsoa_code", "overall_local_score": "imd_score"})[
            ["lsoa_code", "imd_score"]
        ],
        on="lsoa_code",
    )
    shapes = _features(
        src / "boundaries/derbyshire_lsoa11_martinjc.geojson", "LSOA11CD"
    )
    lsoas["geometry"] = lsoas["lsoa_code"].map(shapes)
    return lsoas.sort_values("lsoa_code").reset_index(drop=True)


def _ward_name(
    mid: np.ndarray, area: shapely.Geometry, wards: dict, used: set[str]
) -> str:
    """A neighbourhood's name: the nearest unused ward, else that ward and a compass point."""
    ward_names = [
        w for w in sorted(wards) if area.contains(shapely.point_on_surface(wards[w]))
    ]
    pts = shapely.point_on_surface([wards[w] for w in ward_names])
    dist = (shapely.get_x(pts) - mid[0]) ** 2 + (shapely.get_y(pts) - mid[1]) ** 2
    order = np.argsort(dist)
    free = [ward_names[i] for i in order if ward_names[i] not in used]
    if free:
        return free[0]
    near = ward_names[order[0]]
    anchor_pt = shapely.point_on_surface(wards[near])
    angle = np.degrees(np.arctan2(mid[1] - anchor_pt.y, mid[0] - anchor_pt.x))
    compass = ["East", "North", "West", "South"][int(((angle + 45) % 360) // 90)]
    name = f"{near} {compass}"
    number = 2
    while name in used:
        name = f"{near} {compass} {number}"
        number += 1
    return name


def _name_neighbourhoods(lsoas: pd.DataFrame, wards: dict) -> None:
    """Cluster each district's LSOAs into its neighbourhoods and name them (in place)."""
    centre = shapely.point_on_surface(lsoas["geometry"].to_numpy())
    xy = np.column_stack([shapely.get_x(centre), shapely.get_y(centre)])
    lsoas["neighbourhood"] = ""
    used: set[str] = set(NAMED) | {
        w for _, spec in NAMED.values() if isinstance(spec, list) for w in spec
    }
    for seed, (district, k) in enumerate(sorted(N_NEIGHBOURHOODS.items())):
        rows = np.flatnonzero(lsoas["district"].to_numpy() == district)
        named = [n for n, (d, _) in NAMED.items() if d == district]
        anchors = np.array([_anchor(NAMED[n][1], wards) for n in named]).reshape(-1, 2)
        labels = _cluster(xy[rows], anchors, k, seed)
        names = list(named)
        for j in range(len(named), k):
            mid = xy[rows[labels == j]].mean(axis=0)
            area = shapely.union_all(lsoas["geometry"].to_numpy()[rows])
            name = _ward_name(mid, area, wards, used)
            names.append(name)
            used.add(name)
        lsoas.loc[rows, "neighbourhood"] = [names[j] for j in labels]


def _neighbourhoods(lsoas: pd.DataFrame) -> pd.DataFrame:
    """One row per neighbourhood: district, population, whether named, shape."""
    groups = lsoas.groupby("neighbourhood", sort=True)
    hoods = pd.DataFrame(
        {
            "district": groups["district"].first(),
            "lsoa_population": groups["population"].sum(),
            "named": [n in NAMED for n in groups.groups],
            "geometry_wkt": [
                shapely.to_wkt(shapely.union_all(g.to_numpy(), grid_size=1.0), 0)
                for _, g in groups["geometry"]
            ],
        }
    ).rename_axis("neighbourhood")
    assert len(hoods) == sum(N_NEIGHBOURHOODS.values()), len(hoods)
    return hoods


def _nte_areas(lsoas: pd.DataFrame, wards: dict) -> pd.DataFrame:
    """Night-time-economy areas: a circle round each anchor, cut to its LSOA."""
    nte_rows = []
    tree = shapely.STRtree(lsoas["geometry"].to_numpy())
    for name, spec in NTE.items():
        point = shapely.Point(_anchor(spec, wards))
        hit = tree.query(point, predicate="within")
        if not len(hit):
            hit = [tree.nearest(point)]
        row = lsoas.iloc[int(hit[0])]
        area = shapely.intersection(
            shapely.set_precision(point.buffer(NTE_RADIUS_M, 16), 1.0),
            row["geometry"],
            grid_size=1.0,
        )
        nte_rows.append(
            {
                "nte_area": name,
                "district": row["district"],
                "neighbourhood": row["neighbourhood"],
                "lsoa_code": row["lsoa_code"],
                "geometry_wkt": shapely.to_wkt(area, 0),
            }
        )
    return pd.DataFrame(nte_rows)


def _schools(src: Path) -> pd.DataFrame:
    """Open schools from GIAS with their phase and grid position."""
    schools = pd.read_csv(
        src / "schools/derby_derbyshire_gias_open_establishments_2025-05-24.csv"
    )
    return pd.DataFrame(
        {
            "urn": schools["urn"].astype(str),
            "name": schools["establishment_name"],
            "phase": schools["education_phase"].map(PHASES).fillna("other"),
            "easting": schools["easting"].round().astype("Int64"),
            "northing": schools["northing"].round().astype("Int64"),
        }
    ).dropna(subset=["easting", "northing"])


def derive(src: Path) -> None:
    """Write ``geography/*.csv`` from the public source folder ``src``."""
    lsoas = _lsoas(src)
    wards = _features(
        src / "boundaries/derbyshire_wards2013_martinjc.geojson", "WD13NM"
    )
    _name_neighbourhoods(lsoas, wards)
    hoods = _neighbourhoods(lsoas)
    nte = _nte_areas(lsoas, wards)
    schools = _schools(src)
    lsoas["geometry_wkt"] = shapely.to_wkt(lsoas["geometry"].to_numpy(), 0)
    HERE.mkdir(exist_ok=True)
    lsoas.drop(columns="geometry").to_csv(HERE / "lsoas.csv", index=False)
    hoods.reset_index().to_csv(HERE / "neighbourhoods.csv", index=False)
    nte.to_csv(HERE / "nte_areas.csv", index=False)
    schools.sort_values("urn").to_csv(HERE / "schools.csv", index=False)


if __name__ == "__main__":
    derive(Path(sys.argv[1]))
