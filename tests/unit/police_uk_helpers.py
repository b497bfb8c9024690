"""Hand-made data.police.uk rows for the importer and public-data tests."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

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
