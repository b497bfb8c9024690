"""Find and read data.police.uk files as downloaded.

The archive (``https://data.police.uk/data/archive/``) and the custom download
page both give a zip of ``YYYY-MM/YYYY-MM-<force>-<kind>.csv`` files, where
``kind`` is ``street``, ``outcomes`` or ``stop-and-search``. Users unzip it (or
not), move files around, or keep several archives: this module finds every such
file under a folder, in any zip inside it, or in a zip given directly, and reads
each as text rows with its line numbers, keeping rows with the wrong number of
fields aside so that nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from svsna.contract import normalise_header
from svsna.errors import SvsnaError
from svsna.load.readers import csv_records, decode

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

KINDS = ("street", "outcomes", "stop-and-search")
_NAME = re.compile(
    r"(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9][a-z0-9-]*?)-"
    r"(?P<kind>street|outcomes|stop-and-search)\.csv$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PukFile:
    """One data.police.uk file: where it is, its month, force and kind."""

    name: str
    month: str
    force: str
    kind: str
    read: Callable[[], bytes] = field(repr=False, compare=False)


@dataclass
class PukTable:
    """The rows of one file as text, with normalised column names."""

    file: PukFile
    frame: pd.DataFrame
    bad_lines: list[int]
    sha256: str
    encoding_note: str = ""


def parse_name(name: str) -> tuple[str, str, str] | None:
    """Month, force slug and kind from a data.police.uk file name, or None.

    Examples
    --------
    >>> parse_name("2025-01/2025-01-derbyshire-street.csv")
    ('2025-01', 'derbyshire', 'street')
    >>> parse_name("2024-03-avon-and-somerset-stop-and-search.csv")
    ('2024-03', 'avon-and-somerset', 'stop-and-search')
    >>> parse_name("notes.csv") is None
    True
    """
    found = _NAME.search(name.rsplit("/", 1)[-1])
    if found is None:
        return None
    return found["month"], found["force"].lower(), found["kind"].lower()


def find_files(src: Path) -> tuple[list[PukFile], list[str]]:
    """Every data.police.uk CSV under ``src`` (a folder or a zip); and names ignored."""
    if not src.exists():
        raise SvsnaError(
            f"{src} does not exist; give the folder (or zip) of data.police.uk files "
            "you downloaded."
        )
    files: list[PukFile] = []
    ignored: list[str] = []
    if src.is_file():
        if not zipfile.is_zipfile(src):
            raise SvsnaError(
                f"{src} is neither a folder nor a zip; give the folder (or zip) of "
                "data.police.uk files."
            )
        _from_zip(src, src.name, files, ignored)
    else:
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            shown = str(path.relative_to(src))
            if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
                _from_zip(path, shown, files, ignored)
            elif path.suffix.lower() == ".csv":
                _add(shown, path.read_bytes, files, ignored)
    return files, ignored


def _add(
    shown: str, read: Callable[[], bytes], files: list[PukFile], ignored: list[str]
) -> None:
    parsed = parse_name(shown)
    if parsed is None:
        ignored.append(shown)
        return
    month, force, kind = parsed
    files.append(PukFile(shown, month, force, kind, read))


def _from_zip(path: Path, shown: str, files: list[PukFile], ignored: list[str]) -> None:
    with zipfile.ZipFile(path) as archive:
        members = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))

    for member in members:

        def read(member: str = member) -> bytes:
            with zipfile.ZipFile(path) as archive:
                return archive.read(member)

        _add(f"{shown}!{member}", read, files, ignored)


def read_rows(file: PukFile) -> PukTable:
    """Read one file's rows as text; rows with the wrong field count are set aside."""
    data = file.read()
    digest = hashlib.sha256(data).hexdigest()
    text, warnings = decode(data, file.name)
    header: list[str] | None = None
    rows: list[list[str]] = []
    bad: list[int] = []
    for line, record in csv_records(io.StringIO(text, newline="")):
        if header is None:
            header = record
            continue
        if len(record) != len(header):
            bad.append(line)
            continue
        rows.append([value.strip() for value in record])
    if header is None:
        raise SvsnaError(
            f"{file.name} is empty; download it again from data.police.uk."
        )
    columns = [normalise_header(name) for name in header]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return PukTable(file, frame, bad, digest, " ".join(warnings))


def choose_files(
    files: list[PukFile], force: str | None
) -> tuple[list[PukFile], list[str]]:
    """Keep one force's files, one per month and kind; say what was left out.

    A file for a month and kind already seen (an archive unzipped twice, or a
    flat copy beside the folder copy) is skipped with a note.
    """
    forces = sorted({f.force for f in files})
    notes: list[str] = []
    if force is not None:
        wanted = force.strip().lower().replace(" ", "-")
        if wanted not in forces:
            raise SvsnaError(
                f"No data.police.uk files for the force '{force}'; the files found are "
                f"for: {', '.join(forces) or 'no force'}."
            )
        forces = [wanted]
    elif len(forces) > 1:
        raise SvsnaError(
            f"The files are for {len(forces)} forces ({', '.join(forces[:6])}"
            f"{', …' if len(forces) > 6 else ''}); choose one with --force "
            "(e.g. --force derbyshire) or keep only one force's files."
        )
    kept: dict[tuple[str, str], PukFile] = {}
    for file in files:
        if file.force not in forces:
            continue
        key = (file.month, file.kind)
        if key in kept:
            notes.append(
                f"skipped {file.name}: the same month and kind as {kept[key].name}"
            )
            continue
        kept[key] = file
    return sorted(kept.values(), key=lambda f: (f.kind, f.month)), notes


def month_gaps(months: list[str]) -> list[str]:
    """Months missing between the first and the last month given.

    Examples
    --------
    >>> month_gaps(["2024-11", "2025-02", "2024-12"])
    ['2025-01']
    """
    if not months:
        return []
    present = sorted(set(months))
    periods = pd.period_range(present[0], present[-1], freq="M")
    return [str(p) for p in periods if str(p) not in set(present)]


def runs(months: list[str]) -> list[str]:
    """Consecutive runs of months as ``first..last`` labels.

    Examples
    --------
    >>> runs(["2019-09", "2018-10", "2018-11", "2018-12"])
    ['2018-10..2018-12', '2019-09']
    """
    present = sorted({pd.Period(m, freq="M") for m in months})
    out: list[str] = []
    first = previous = None
    for period in present:
        if previous is not None and period == previous + 1:
            previous = period
            continue
        if first is not None:
            out.append(f"{first}..{previous}" if first != previous else f"{first}")
        first = previous = period
    if first is not None:
        out.append(f"{first}..{previous}" if first != previous else f"{first}")
    return out
