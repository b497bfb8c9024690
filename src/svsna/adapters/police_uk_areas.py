"""Places for the public-data edition: the force's own districts, LSOAs, schools.

A force's street file also holds crimes whose anonymised point fell just over
its boundary, in a neighbouring force's LSOA (about 1.5% of Derbyshire's rows,
in 60 to 120 outside LSOAs a month). Those rows are kept, but they are not the
force's to analyse: a district is the force's own when it holds at least
``MIN_SHARE`` of the force's rows, cut at the first ten-fold drop between one
district and the next (so a tiny force area surrounded by busy neighbours is
still told apart). A ``districts.csv`` lookup overrides the rule.

District names come from the LSOA name (``Amber Valley 001A`` → ``Amber
Valley``), which is how data.police.uk and ONS name LSOAs, so that names from
the data and from the lookups agree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from svsna.adapters.police_uk_lookups import Lookups

#: Smallest share of the force's rows a district must hold to be its own.
MIN_SHARE = 0.01
#: A drop this many times between consecutive districts ends the own districts.
CUT_RATIO = 10.0
_LSOA_NAME = re.compile(r"^(?P<district>.+?)\s+\d{3}[A-Z]$")


def district_of(names: pd.Series) -> pd.Series:
    """The district part of LSOA names (empty when a name has no such form).

    Examples
    --------
    >>> district_of(pd.Series(["Amber Valley 001A", "Derby 026E", "", "odd"])).tolist()
    ['Amber Valley', 'Derby', '', '']
    """
    names = names.fillna("")
    unique = pd.Series(names.unique())
    found = unique.str.extract(_LSOA_NAME.pattern, expand=False).fillna("")
    # A few thousand distinct names among hundreds of thousands of rows.
    return names.map(dict(zip(unique, found.astype(str), strict=True))).astype(str)


def own_districts(counts: pd.Series) -> list[str]:
    """The force's own districts, from its rows per district.

    Examples
    --------
    >>> own_districts(pd.Series({"A": 5000, "B": 3000, "C": 900, "X": 60}))
    ['A', 'B', 'C']
    >>> own_districts(pd.Series({"City": 9000, "Near": 700, "Far": 20}))
    ['City']
    """
    counts = counts[counts.index != ""].sort_values(ascending=False, kind="stable")
    if counts.empty:
        return []
    total = float(counts.sum())
    values, names = counts.to_numpy(dtype=float), [str(n) for n in counts.index]
    own = names[:1]
    for i in range(1, len(values)):
        if values[i] < MIN_SHARE * total or values[i - 1] >= CUT_RATIO * values[i]:
            break
        own.append(names[i])
    return own


def _vintage(codes: pd.Series, lookups: Lookups) -> pd.Series:
    """``2011``, ``2021``, ``both`` or empty: the LSOA vintage(s) a code belongs to."""
    set11 = set()
    for frame in (lookups.imd, lookups.pop11, lookups.lsoa11):
        if len(frame):
            set11 |= set(frame["lsoa_code"])
    if len(lookups.best_fit):
        set11 |= set(lookups.best_fit["lsoa11_code"])
    set21 = set(lookups.pop21["lsoa_code"]) if len(lookups.pop21) else set()
    if len(lookups.best_fit):
        set21 |= set(lookups.best_fit["lsoa21_code"])
    in11, in21 = codes.isin(set11), codes.isin(set21)
    return pd.Series(
        np.select([in11 & in21, in21, in11], ["both", "2021", "2011"], ""),
        index=codes.index,
    )


def lsoa_table(seen: pd.DataFrame, own: list[str], lookups: Lookups) -> pd.DataFrame:
    """LSOAs: every one in the data, plus the lookups' LSOAs in the own districts.

    ``seen`` holds ``lsoa_code`` and ``lsoa_name`` of the data. Population is
    the Census 2021 count for 2021 codes and the mid-2015 count for 2011-only
    codes; the IMD 2019 decile and score are those of the LSOA (2011), or, for
    a 2021 LSOA that is new, the median of its best-fit 2011 LSOAs (rounded
    towards more deprived).
    """
    names = [seen[["lsoa_code", "lsoa_name"]]]
    for frame, code, name in (
        (lookups.pop21, "lsoa_code", "lsoa_name"),
        (lookups.best_fit, "lsoa21_code", "lsoa21_name"),
        (lookups.imd, "lsoa_code", "lsoa_name"),
        (lookups.lsoa11, "lsoa_code", "lsoa_name"),
    ):
        if len(frame):
            names.append(
                frame[[code, name]].set_axis(["lsoa_code", "lsoa_name"], axis=1)
            )
    every = pd.concat(names, ignore_index=True)
    every = every[every["lsoa_code"] != ""]
    every = every.sort_values("lsoa_name", ascending=False, kind="stable")
    every = every.drop_duplicates("lsoa_code").reset_index(drop=True)
    every["district"] = district_of(every["lsoa_name"])
    every["vintage"] = _vintage(every["lsoa_code"], lookups)
    in_data = every["lsoa_code"].isin(set(seen["lsoa_code"]))
    data_vintages = set(every.loc[in_data, "vintage"])
    wanted = {"both"}
    if "2021" in data_vintages or "2011" not in data_vintages:
        wanted.add("2021")
    if "2011" in data_vintages:
        wanted.add("2011")
    extra = every["district"].isin(own) & every["vintage"].isin(wanted)
    table = every[in_data | extra].copy()
    table["population"] = _population(table, lookups)
    decile, score = _deprivation(table, lookups)
    table["imd_decile"], table["imd_score"] = decile, score
    columns = ["lsoa_code", "lsoa_name", "district", "population"]
    return table[[*columns, "imd_score", "imd_decile", "vintage"]].sort_values(
        "lsoa_code", kind="stable"
    )


def _map(codes: pd.Series, frame: pd.DataFrame, column: str) -> pd.Series:
    if not len(frame):
        return pd.Series(np.nan, index=codes.index)
    return codes.map(frame.set_index("lsoa_code")[column])


def _population(table: pd.DataFrame, lookups: Lookups) -> pd.Series:
    pop21 = _map(table["lsoa_code"], lookups.pop21, "population")
    pop11 = _map(table["lsoa_code"], lookups.pop11, "population")
    return pop21.where(table["vintage"] != "2011").fillna(pop11).astype("Int64")


def _deprivation(table: pd.DataFrame, lookups: Lookups) -> tuple[pd.Series, pd.Series]:
    codes = table["lsoa_code"]
    decile = _map(codes, lookups.imd, "imd_decile")
    score = _map(codes, lookups.imd_score, "imd_score")
    if len(lookups.best_fit) and len(lookups.imd):
        parents = lookups.best_fit.assign(
            decile=_map(lookups.best_fit["lsoa11_code"], lookups.imd, "imd_decile"),
            score=_map(lookups.best_fit["lsoa11_code"], lookups.imd_score, "imd_score"),
        ).groupby("lsoa21_code")
        inherited = np.floor(parents["decile"].median())
        decile = decile.fillna(codes.map(inherited))
        score = score.fillna(codes.map(parents["score"].mean()))
    return decile.astype("Int64"), score.round(3)


def district_table(
    own: list[str], lsoas: pd.DataFrame, lookups: Lookups
) -> pd.DataFrame:
    """Own districts with population: Census 2021, else mid-2015, else empty."""
    if len(lookups.districts):
        given = lookups.districts.copy()
        return given[given["district"].isin(own)].reset_index(drop=True)
    frame = pd.DataFrame({"district": own})
    for source, label in ((lookups.pop21, "2021"), (lookups.pop11, "2015")):
        if not len(source):
            continue
        named = source.copy()
        if "lsoa_name" not in named or (named["lsoa_name"] == "").all():
            named["lsoa_name"] = named["lsoa_code"].map(
                lsoas.set_index("lsoa_code")["lsoa_name"]
            )
        named["district"] = district_of(named["lsoa_name"])
        sums = named.groupby("district")["population"].sum(min_count=1)
        column = f"population_{label}"
        frame[column] = frame["district"].map(sums)
    frame["population"] = frame.get("population_2021", pd.Series(dtype=float))
    if "population_2015" in frame:
        frame["population"] = frame["population"].fillna(frame["population_2015"])
    frame["lad_code"] = frame["district"].map(_lad_codes(lookups))
    frame["authority"] = ""
    frame["population"] = frame["population"].astype("Int64")
    return frame[["district", "lad_code", "population", "authority"]]


def _lad_codes(lookups: Lookups) -> pd.Series:
    pairs = []
    for frame, name in (
        (lookups.best_fit, "lsoa21_name"),
        (lookups.imd, "lsoa_name"),
        (lookups.lsoa11, "lsoa_name"),
    ):
        if len(frame) and "lad_code" in frame:
            pairs.append(
                pd.DataFrame(
                    {
                        "district": district_of(frame[name]),
                        "lad_code": frame["lad_code"],
                    }
                )
            )
    if not pairs:
        return pd.Series(dtype=str)
    both = pd.concat(pairs, ignore_index=True)
    both = both[(both["district"] != "") & (both["lad_code"] != "")]
    return both.groupby("district")["lad_code"].agg(lambda s: s.mode().iloc[0])


def school_table(
    schools: pd.DataFrame, lsoas: pd.DataFrame, own: list[str], points: pd.DataFrame
) -> pd.DataFrame:
    """Schools in the own districts (by their LSOA), else inside the data's extent."""
    if not len(schools):
        return schools
    own_codes = set(lsoas.loc[lsoas["district"].isin(own), "lsoa_code"])
    if (schools["lsoa_code"] != "").any() and own_codes:
        kept = schools[schools["lsoa_code"].isin(own_codes)]
    else:
        lat = pd.to_numeric(points["latitude"], errors="coerce")
        lon = pd.to_numeric(points["longitude"], errors="coerce")
        kept = schools[
            schools["latitude"].between(lat.min(), lat.max())
            & schools["longitude"].between(lon.min(), lon.max())
        ]
    kept = kept.drop_duplicates("urn")
    return kept[
        ["urn", "name", "phase", "easting", "northing", "latitude", "longitude"]
    ].reset_index(drop=True)
