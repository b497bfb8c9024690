"""A small area cut from the synthetic one, with rejects planted, and readers for every output.

Every chapter has its inputs, but a build takes seconds, not minutes: one
occurrence in ``STEP`` is kept with its persons, one row in ``STEP`` of each
other record-level table, and every reference table whole.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from pypdf import PdfReader

from svsna.synth import DEMO_SEED, write_area

if TYPE_CHECKING:
    from collections.abc import Iterator

STEP = 40
#: Columns that name one record (a crime, a person, an attendance, a case).
RECORD_IDS = {
    "occurrences": ["occurrence_id"],
    "persons": ["occurrence_id", "person_id"],
    "ed_attendances": ["attendance_id"],
    "ambulance": ["incident_id"],
    "fire_incidents": ["incident_id"],
    "youth_justice": ["offence_id", "person_id"],
    "probation": ["case_id"],
}
#: Raw values planted in the inputs that the loader must reject (or blank) and list.
PLANTED = ("31/02/2024", "ROLEQWERTYPLANT", "SEXZXCVBPLANT")
PLANTED_ID = "OCCREJECTEDROW17"


def write_small_area(folder: Path, cache: Path) -> Path:
    """Write the cut-down area into ``folder`` (the full area is written once into ``cache``)."""
    if not (cache / "occurrences.csv").exists():
        write_area(cache, seed=DEMO_SEED)
    folder.mkdir(parents=True, exist_ok=True)
    occurrences = _csv(cache / "occurrences.csv").iloc[::STEP]
    kept = set(occurrences["occurrence_id"])
    persons = _csv(cache / "persons.csv")
    for path in sorted(cache.glob("*.csv")):
        name = path.stem
        if name == "occurrences":
            frame = occurrences
        elif name == "persons":
            frame = persons[persons["occurrence_id"].isin(kept)]
        elif name in RECORD_IDS:
            frame = _csv(path).iloc[::STEP]
        else:
            shutil.copy(path, folder / path.name)
            continue
        frame.to_csv(folder / path.name, index=False)
    _plant_rejects(folder)
    return folder


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _plant_rejects(folder: Path) -> None:
    """A crime with an impossible date, a person with no real role, one with an odd sex."""
    occurrences = _csv(folder / "occurrences.csv")
    bad = occurrences.iloc[[0]].assign(
        occurrence_id=PLANTED_ID, committed_date=PLANTED[0]
    )
    pd.concat([occurrences, bad]).to_csv(folder / "occurrences.csv", index=False)
    persons = _csv(folder / "persons.csv")
    planted = persons.iloc[[0, 1]].copy()
    planted["person_id"] = ["PPLANTED001", "PPLANTED002"]
    planted.iloc[0, planted.columns.get_loc("role")] = PLANTED[1]
    planted.iloc[1, planted.columns.get_loc("sex")] = PLANTED[2]
    pd.concat([persons, planted]).to_csv(folder / "persons.csv", index=False)


def record_ids(folder: Path) -> set[str]:
    """Every id of a crime, person, attendance, incident or case in ``folder``."""
    ids: set[str] = set()
    for name, columns in RECORD_IDS.items():
        path = folder / f"{name}.csv"
        if path.exists():
            frame = pd.read_csv(path, dtype=str, usecols=columns)
            for column in columns:
                ids.update(frame[column].dropna())
    return ids


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """Every text inside ``path``: each part of an xlsx or docx, a PDF's pages and metadata."""
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            for part in archive.namelist():
                yield (
                    f"{path.name}!{part}",
                    archive.read(part).decode("utf-8", "replace"),
                )
    elif path.suffix == ".pdf":
        reader = PdfReader(path)
        pages = "\n".join(page.extract_text() or "" for page in reader.pages)
        yield path.name, f"{pages}\n{reader.metadata!r}"
    else:
        yield path.name, path.read_bytes().decode("utf-8", "replace")


def tokens(text: str) -> set[str]:
    """Word-like tokens, as an id or a planted value would appear."""
    return set(re.findall(r"[A-Za-z0-9_/]+", text))
