"""Lookups for the public-data edition, read from the files as published.

Analysts hold the ONS and MHCLG files as they downloaded them, under their
own names, so each file is recognised by its columns, not its name:

- IMD 2019 File 1 or File 2 (LSOA 2011 → IMD decile and district);
- IoD 2019 File 6 (mid-2015 population of each LSOA 2011);
- mySociety's composite UK IMD (``overall_local_score`` = the English IMD score);
- ONS OA 2011 → LSOA → MSOA → LAD lookup (LSOA 2011 → district);
- ONS LSOA 2011 → LSOA 2021 best-fit lookup (LSOA 2021 → district, and the
  2011 LSOA(s) whose deprivation a 2021 LSOA inherits);
- Census 2021 usual residents by LSOA 2021 (summed over age groups);
- Get Information About Schools (school locations);
- a ``districts.csv`` in the contract's form (the force's own districts, with
  population), which then overrides the districts found from the data.

CSV files (``.csv`` or ``.csv.gz``) anywhere under the folder are looked at;
the others are ignored and named in the summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from svsna.contract import normalise_header

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

IMD_DECILE_PREFIX = "index_of_multiple_deprivation_imd_decile"
POP_2015 = "total_population_mid_2015_excluding_prisoners"


@dataclass
class Lookups:
    """What the lookup files say, gathered by kind (empty frames when absent)."""

    imd: pd.DataFrame = field(default_factory=pd.DataFrame)
    imd_score: pd.DataFrame = field(default_factory=pd.DataFrame)
    pop11: pd.DataFrame = field(default_factory=pd.DataFrame)
    pop21: pd.DataFrame = field(default_factory=pd.DataFrame)
    lsoa11: pd.DataFrame = field(default_factory=pd.DataFrame)
    best_fit: pd.DataFrame = field(default_factory=pd.DataFrame)
    schools: pd.DataFrame = field(default_factory=pd.DataFrame)
    districts: pd.DataFrame = field(default_factory=pd.DataFrame)
    used: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def _read(path: Path, nrows: int | None = None) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                encoding=encoding,
                nrows=nrows,
                compression="infer",
            )
        except UnicodeDecodeError:
            continue
        frame.columns = [normalise_header(c) for c in frame.columns]
        return frame.apply(lambda col: col.str.strip()) if len(frame) else frame
    raise ValueError(f"{path} is neither UTF-8 nor Windows-1252")


def _number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.str.replace(",", "", regex=False), errors="coerce")


def _kind(columns: set[str]) -> str | None:
    if {"lsoa_code_2011", POP_2015} <= columns:
        return "pop11"
    if "lsoa_code_2011" in columns and any(
        c.startswith(IMD_DECILE_PREFIX) for c in columns
    ):
        return "imd"
    if {"lsoa", "overall_local_score"} <= columns:
        return "imd_score"
    if {"lsoa21_code", "usual_residents"} <= columns:
        return "pop21"
    if {"lsoa11cd", "lsoa21cd", "lad22nm"} <= columns:
        return "best_fit"
    if {"lsoa11cd", "lad17nm"} <= columns:
        return "lsoa11"
    if {"urn", "establishment_name"} <= columns:
        return "schools"
    if {"district", "population"} <= columns:
        return "districts"
    return None


def read_lookups(folder: Path | None) -> Lookups:
    """Read every recognised lookup file under ``folder``."""
    found = Lookups()
    if folder is None:
        return found
    paths = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name.lower().endswith((".csv", ".csv.gz"))
    )
    parts: dict[str, list[pd.DataFrame]] = {}
    for path in paths:
        try:
            kind = _kind(set(_read(path, nrows=0).columns))
        except (ValueError, OSError, pd.errors.ParserError):
            kind = None
        if kind is None:
            found.ignored.append(str(path.relative_to(folder)))
            continue
        parts.setdefault(kind, []).append(_shape(kind, _read(path)))
        found.used.append(f"{path.relative_to(folder)} ({kind})")
    for kind, frames in parts.items():
        frame = pd.concat(frames, ignore_index=True)
        key = frame.columns[0]
        setattr(found, kind, frame.drop_duplicates(subset=[key], keep="first"))
    return found


def _imd(raw: pd.DataFrame) -> pd.DataFrame:
    decile = next(c for c in raw.columns if c.startswith(IMD_DECILE_PREFIX))
    return pd.DataFrame(
        {
            "lsoa_code": raw["lsoa_code_2011"],
            "lsoa_name": raw.get("lsoa_name_2011", ""),
            "district": raw.get("local_authority_district_name_2019", ""),
            "lad_code": raw.get("local_authority_district_code_2019", ""),
            "imd_decile": _number(raw[decile]),
        }
    )


def _pop11(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lsoa_code": raw["lsoa_code_2011"],
            "district": raw.get("local_authority_district_name_2019", ""),
            "lad_code": raw.get("local_authority_district_code_2019", ""),
            "population": _number(raw[POP_2015]),
        }
    )


def _imd_score(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"lsoa_code": raw["lsoa"], "imd_score": _number(raw["overall_local_score"])}
    )


def _pop21(raw: pd.DataFrame) -> pd.DataFrame:
    """Census 2021 residents summed over the file's age groups, per LSOA."""
    raw = raw.assign(residents=_number(raw["usual_residents"]))
    grouped = raw.groupby("lsoa21_code", sort=True)
    return pd.DataFrame(
        {
            "lsoa_code": grouped["residents"].sum(min_count=1).index,
            "lsoa_name": grouped["lsoa21_name"].first().to_numpy()
            if "lsoa21_name" in raw
            else "",
            "population": grouped["residents"].sum(min_count=1).to_numpy(),
        }
    )


def _best_fit(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lsoa11_code": raw["lsoa11cd"],
            "lsoa21_code": raw["lsoa21cd"],
            "lsoa21_name": raw.get("lsoa21nm", ""),
            "district": raw["lad22nm"],
            "lad_code": raw.get("lad22cd", ""),
        }
    )


def _lsoa11(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per LSOA of the output-area lookup (it has one per output area)."""
    frame = pd.DataFrame(
        {
            "lsoa_code": raw["lsoa11cd"],
            "lsoa_name": raw.get("lsoa11nm", ""),
            "district": raw["lad17nm"],
            "lad_code": raw.get("lad17cd", ""),
        }
    )
    return frame.drop_duplicates("lsoa_code").reset_index(drop=True)


def _schools(raw: pd.DataFrame) -> pd.DataFrame:
    def number(column: str) -> pd.Series | None:
        return _number(raw[column]) if column in raw else None

    return pd.DataFrame(
        {
            "urn": raw["urn"],
            "name": raw["establishment_name"],
            "phase": raw.get("education_phase", raw.get("phase_of_education", "")),
            "easting": number("easting"),
            "northing": number("northing"),
            "latitude": number("latitude"),
            "longitude": number("longitude"),
            "lsoa_code": raw.get("lsoa_code", ""),
        }
    )


def _districts(raw: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district": raw["district"],
            "lad_code": raw.get("lad_code", ""),
            "population": _number(raw["population"]),
            "authority": raw.get("authority", ""),
        }
    )


#: Each kind of lookup file in a common shape, its key column first.
_SHAPES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "imd": _imd,
    "pop11": _pop11,
    "imd_score": _imd_score,
    "pop21": _pop21,
    "best_fit": _best_fit,
    "lsoa11": _lsoa11,
    "schools": _schools,
    "districts": _districts,
}


def _shape(kind: str, raw: pd.DataFrame) -> pd.DataFrame:
    """One lookup file in a common shape, its key column first."""
    return _SHAPES[kind](raw)
