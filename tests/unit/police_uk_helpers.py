"""Hand-made data.police.uk rows for the importer and public-data tests."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
    "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
    "Context",
]  # fmt: skip
SS_HEADER = (
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,"
    "Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,"
    "Object of search,Outcome,Outcome linked to object of search,"
    "Removal of more than just outer clothing\n"
)
FORCE = "Testshire Police"


def row(
    cid: str,
    month: str,
    lsoa: str,
    name: str,
    kind: str,
    outcome: str = "",
    lon: str = "-1.5",
    lat: str = "52.9",
    place: str = "On or near X",
    force: str = FORCE,
) -> list[str]:
    return [cid, month, force, force, lon, lat, place, lsoa, name, kind, outcome, ""]


def write(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def imported_context(root: Path, residents: dict[str, tuple[str, int]]) -> Context:
    """The public-data context of the street files in ``root/src``, imported with a census.

    ``residents`` maps each LSOA code to its name and usual residents.
    """
    import datetime as dt

    from svsna.adapters import import_police_uk
    from svsna.analyses import make_context
    from svsna.config import load_definition
    from svsna.load import load_folder
    from svsna.warehouse import Warehouse

    lookups = root / "lookups"
    lookups.mkdir()
    (lookups / "census.csv").write_text(
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        + "".join(f"{c},{name},all,{n}\n" for c, (name, n) in residents.items()),
        encoding="utf-8",
    )
    import_police_uk(root / "src", root / "data", lookups=lookups)
    loaded = load_folder(root / "data", today=dt.date(2026, 1, 1))
    return make_context(
        Warehouse.in_memory(loaded.arrow_tables()),
        load_definition("police-uk"),
        frozenset(loaded.tables),
    )
