"""data.police.uk files → a contract data folder, for any force and any months.

What the public files hold, and how each part lands in the contract:

- every street-file row becomes one occurrence, anti-social behaviour
  included (it is half of what the public sees, and the ``police-uk``
  definition keeps it out of crime totals). ``occurrence_id`` is the Crime ID;
  a Crime ID repeated within a month (data.police.uk publishes some crimes
  twice, with different points or outcomes: 3,655 such rows in the Derbyshire
  files) gets ``-2``, ``-3`` … on its repeats, and a row without one (all ASB)
  gets a stable id made from its month and content, so re-importing the same
  files gives the same ids;
- ``committed_date`` is the first day of the Month (public data has no day or
  time), ``offence_code`` is ``PUK:<slug>`` and ``offence_description`` the
  crime type exactly as written;
- ``district`` comes from the LSOA name; rows outside the force's own
  districts (see :mod:`svsna.adapters.police_uk_areas`) are kept with
  ``in_force_area`` false;
- the last outcome category is kept as written and mapped to a Home Office
  outcome number where it names one (:mod:`svsna.adapters.police_uk_codes`);
  outcomes files, when present, give ``outcome_date`` (the month of the latest
  outcome);
- ``persons.csv`` is written with its header only: public data has no people;
- stop-and-search files are copied unchanged into ``stop_search/``;
- with ``lookups``, ``lsoas``, ``districts`` and ``schools`` are written too.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from svsna.adapters.police_uk_areas import (
    district_of,
    district_table,
    lsoa_table,
    own_districts,
    school_table,
)
from svsna.adapters.police_uk_codes import OUTCOME_NUMBERS, crime_type_code
from svsna.adapters.police_uk_files import (
    PukFile,
    PukTable,
    choose_files,
    find_files,
    month_gaps,
    read_rows,
    runs,
)
from svsna.adapters.police_uk_lookups import read_lookups
from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

STREET_COLUMNS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
    "last_outcome_category",
    "context",
)
OCCURRENCE_COLUMNS = (
    "occurrence_id",
    "committed_date",
    "offence_code",
    "offence_description",
    "district",
    "lsoa_code",
    "latitude",
    "longitude",
    "outcome_code",
    "outcome_date",
    # Extra columns, kept by the loader as extra_<name>.
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "location",
    "lsoa_name",
    "last_outcome_category",
    "in_force_area",
)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
RECORD = "police_uk_import.json"


def import_police_uk(
    src: Path, out: Path, *, lookups: Path | None = None, force: str | None = None
) -> list[str]:
    """Convert data.police.uk files into a data folder; return summary lines.

    Parameters
    ----------
    src
        A folder (flat, or the archive's ``YYYY-MM/`` folders, zips allowed
        inside) or a zip of data.police.uk CSV files.
    out
        The data folder to write.
    lookups
        A folder of LSOA lookups, populations, IMD and schools files as
        published (see :mod:`svsna.adapters.police_uk_lookups`).
    force
        The force slug (e.g. ``derbyshire``) when ``src`` holds several forces.
    """
    files, notes, ignored = _chosen_files(src, force)
    tables = [read_rows(f) for f in files if f.kind == "street"]
    street = _street(tables)
    outcomes = _latest_outcomes([read_rows(f) for f in files if f.kind == "outcomes"])
    found_lookups = read_lookups(lookups)
    counts = street.loc[street["district"] != "", "district"].value_counts()
    own = (
        [d for d in found_lookups.districts["district"] if d in set(counts.index)]
        if len(found_lookups.districts)
        else own_districts(counts)
    )
    folder = ImportedFolder(
        occurrences=_occurrences(street, outcomes, own),
        lsoas=lsoa_table(
            street[["lsoa_code", "lsoa_name"]].drop_duplicates("lsoa_code"),
            own,
            found_lookups,
        ),
        searches=[f for f in files if f.kind == "stop-and-search"],
    )
    folder.districts = district_table(own, folder.lsoas, found_lookups)
    folder.schools = school_table(found_lookups.schools, folder.lsoas, own, street)
    _write_folder(out, folder, with_lsoas=bool(found_lookups.used))
    record = _record(files, tables, street, folder, own, counts, found_lookups.used)
    (out / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return _summary(record, folder, street, tables, notes, ignored, found_lookups.used)


@dataclass
class ImportedFolder:
    """The contract tables an import writes (districts and schools may be empty)."""

    occurrences: pd.DataFrame
    lsoas: pd.DataFrame
    searches: list[PukFile]
    districts: pd.DataFrame = field(default_factory=pd.DataFrame)
    schools: pd.DataFrame = field(default_factory=pd.DataFrame)


def _chosen_files(
    src: Path, force: str | None
) -> tuple[list[PukFile], list[str], list[str]]:
    """One force's files, the notes on what was left out, and files not recognised."""
    found, ignored = find_files(src)
    if not found:
        raise SvsnaError(
            f"No data.police.uk files in {src}; they are named like "
            "2025-01-derbyshire-street.csv (download them from "
            "https://data.police.uk/data/)."
        )
    files, notes = choose_files(found, force)
    if not any(f.kind == "street" for f in files):
        raise SvsnaError(
            f"No street-level crime files (…-street.csv) in {src}; tick 'Include "
            "crime data' when downloading from https://data.police.uk/data/."
        )
    return files, notes, ignored


def _write_folder(out: Path, folder: ImportedFolder, *, with_lsoas: bool) -> None:
    """Write the data folder: occurrences, empty persons, searches and the lookups."""
    out.mkdir(parents=True, exist_ok=True)
    folder.occurrences.to_csv(out / "occurrences.csv", index=False)
    pd.DataFrame(columns=["occurrence_id", "person_id", "role"]).to_csv(
        out / "persons.csv", index=False
    )
    _copy_stop_search(folder.searches, out / "stop_search")
    if with_lsoas:
        folder.lsoas.to_csv(out / "lsoas.csv", index=False)
    with_population = folder.districts[folder.districts["population"].notna()]
    if len(with_population):
        with_population.to_csv(out / "districts.csv", index=False)
    if len(folder.schools):
        folder.schools.to_csv(out / "schools.csv", index=False)


def _record(
    files: list[PukFile],
    tables: list[PukTable],
    street: pd.DataFrame,
    folder: ImportedFolder,
    own: list[str],
    counts: pd.Series,
    used: list[str],
) -> dict[str, Any]:
    """What was imported, for ``police_uk_import.json``."""
    return {
        "force": sorted({f.force for f in files}),
        "reported_by": sorted(set(street["reported_by"]) - {""}),
        "months": {
            kind: sorted({f.month for f in files if f.kind == kind})
            for kind in _kinds()
        },
        "gaps": {
            kind: month_gaps([f.month for f in files if f.kind == kind])
            for kind in _kinds()
        },
        "files": [
            {"name": t.file.name, "sha256": t.sha256, "rows": len(t.frame)}
            for t in tables
        ],
        "rows": int(len(folder.occurrences)),
        "own_districts": own,
        "rows_by_district": {str(k): int(v) for k, v in counts.items()},
        "malformed_lines": {t.file.name: t.bad_lines for t in tables if t.bad_lines},
        "lookups_used": used,
    }


def _kinds() -> tuple[str, ...]:
    return ("street", "outcomes", "stop-and-search")


def _street(tables: list[PukTable]) -> pd.DataFrame:
    """All street rows as text, with the file's month where a row has none."""
    parts = []
    for table in tables:
        frame = table.frame.reindex(columns=list(STREET_COLUMNS)).fillna("")
        frame["month"] = frame["month"].where(frame["month"] != "", table.file.month)
        parts.append(frame.astype(str))
    street = pd.concat(parts, ignore_index=True)
    street["district"] = district_of(street["lsoa_name"])
    return street


def _latest_outcomes(tables: list[PukTable]) -> pd.Series:
    """Month of the latest outcome of each Crime ID in the outcomes files."""
    if not tables:
        return pd.Series(dtype=str)
    frame = pd.concat(
        [t.frame.reindex(columns=["crime_id", "month"]).fillna("") for t in tables],
        ignore_index=True,
    )
    frame = frame[(frame["crime_id"] != "") & frame["month"].str.match(_MONTH)]
    return frame.groupby("crime_id")["month"].max()


def _generated_ids(street: pd.DataFrame) -> pd.Series:
    """Stable ids for rows without a Crime ID: month + a hash of the row's content."""
    content = street["month"].str.cat(
        street[["longitude", "latitude", "location", "lsoa_code", "crime_type"]],
        sep="|",
    )
    digests = [hashlib.sha1(text.encode()).hexdigest()[:16] for text in content]
    return "PUK-" + street["month"] + "-" + pd.Series(digests, index=street.index)


def _occurrences(
    street: pd.DataFrame, outcomes: pd.Series, own: list[str]
) -> pd.DataFrame:
    blank = street["crime_id"] == ""
    base = street["crime_id"].copy()
    if blank.any():
        base[blank] = _generated_ids(street[blank])
    repeat = base.groupby(base).cumcount() + 1
    occurrence_id = base.where(repeat == 1, base + "-" + repeat.astype(str))
    month_ok = street["month"].str.match(_MONTH)
    category = street["last_outcome_category"]
    mapped = street["crime_id"].map(outcomes).astype(object)
    outcome_month = mapped.where(mapped.notna(), "").astype(str)
    frame = pd.DataFrame(
        {
            "occurrence_id": occurrence_id,
            "committed_date": street["month"].where(~month_ok, street["month"] + "-01"),
            "offence_code": street["crime_type"].map(
                {t: crime_type_code(t) for t in street["crime_type"].unique()}
            ),
            "offence_description": street["crime_type"],
            "district": street["district"],
            "lsoa_code": street["lsoa_code"],
            "latitude": street["latitude"],
            "longitude": street["longitude"],
            "outcome_code": category.str.lower().map(OUTCOME_NUMBERS).astype("Int64"),
            "outcome_date": outcome_month.where(
                outcome_month == "", outcome_month + "-01"
            ),
            "crime_id": street["crime_id"],
            "month": street["month"],
            "reported_by": street["reported_by"],
            "falls_within": street["falls_within"],
            "location": street["location"],
            "lsoa_name": street["lsoa_name"],
            "last_outcome_category": category,
            "in_force_area": street["district"]
            .isin(own)
            .map({True: "true", False: "false"}),
        }
    )
    return frame[list(OCCURRENCE_COLUMNS)]


def _copy_stop_search(files: list[PukFile], folder: Path) -> None:
    if folder.is_dir():
        for old in folder.glob("*.csv"):
            old.unlink()
    if not files:
        if folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        (folder / f"{file.month}-{file.force}-stop-and-search.csv").write_bytes(
            file.read()
        )


def _summary(
    record: dict[str, Any],
    folder: ImportedFolder,
    street: pd.DataFrame,
    tables: list[PukTable],
    notes: list[str],
    ignored: list[str],
    used: list[str],
) -> list[str]:
    occurrences, searches = folder.occurrences, folder.searches
    districts, lsoas, schools = folder.districts, folder.lsoas, folder.schools
    months = sorted(street["month"].unique())
    lines = [
        f"Force: {', '.join(record['reported_by']) or ', '.join(record['force'])}",
        f"Street-level crime: {len(occurrences):,} rows over {len(months)} month(s) "
        f"({', '.join(runs(months))})",
    ]
    for kind, gaps in record["gaps"].items():
        if gaps:
            lines.append(
                f"Gaps in {kind} months: {len(gaps)} month(s) with no file "
                f"({', '.join(runs(gaps))})"
            )
    asb = int((street["crime_type"].str.lower() == "anti-social behaviour").sum())
    repeats = int(
        (street["crime_id"] != "").sum()
        - street.loc[street["crime_id"] != "", "crime_id"].nunique()
    )
    lines.append(
        f"Anti-social behaviour kept: {asb:,} rows (generated ids; not counted as crime)"
    )
    if repeats:
        lines.append(
            f"Repeated Crime IDs: {repeats:,} repeat rows kept with ids suffixed -2, -3, …"
        )
    outside = int((occurrences["in_force_area"] == "false").sum())
    lines.append(
        f"Own districts ({len(record['own_districts'])}): "
        f"{', '.join(record['own_districts'])}; {outside:,} rows outside them kept "
        "(in_force_area = false)"
    )
    if searches:
        lines.append(
            f"Stop and search: {len(searches)} file(s), months "
            f"{', '.join(runs([f.month for f in searches]))}, copied unchanged"
        )
    bad = sum(len(t.bad_lines) for t in tables)
    if bad:
        lines.append(
            f"Malformed lines skipped: {bad} (listed in {RECORD} under malformed_lines)"
        )
    if used:
        lines.append(f"Lookups used: {'; '.join(used)}")
        known = districts["population"].notna().sum()
        lines.append(
            f"LSOAs: {len(lsoas):,} ({int(lsoas['imd_decile'].notna().sum()):,} with "
            f"an IMD decile, {int(lsoas['population'].notna().sum()):,} with a "
            f"population); districts with a population: {known} of {len(districts)}"
        )
        if len(schools):
            lines.append(f"Schools: {len(schools):,}")
    lines += [f"Note: {n}" for n in notes]
    if ignored:
        lines.append(
            f"Ignored {len(ignored)} file(s) not named like data.police.uk files "
            f"(e.g. {ignored[0]})"
        )
    return lines
