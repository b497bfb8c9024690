"""Read a contract table's files into raw text, keeping each row's line number.

CSV is read as UTF-8 (with or without a BOM), or as Windows-1252 with a
warning; Parquet is read and turned to text so that both go through the same
checks. Every row keeps the file and the 1-based line where it starts (the
header is line 1; a quoted field spanning lines is counted correctly).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

SUFFIXES = (".csv", ".parquet")
Progress = Callable[[int], None]


@dataclass
class RawFile:
    """One input file as text: header, rows, their line numbers, and what went wrong."""

    path: Path
    sha256: str
    header: list[str]
    frame: pd.DataFrame
    lines: list[int]
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows in the file, malformed ones included."""
        return len(self.frame) + len(self.bad_rows)


def find_sources(data_dir: Path, table: str) -> list[Path]:
    """Files holding ``table``: ``table.csv``, ``table.parquet`` or ``table/*``."""
    found = [
        data_dir / f"{table}{s}"
        for s in SUFFIXES
        if (data_dir / f"{table}{s}").is_file()
    ]
    folder = data_dir / table
    if folder.is_dir():
        found += sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    return found


def sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_file(path: Path, *, progress: Progress | None = None) -> RawFile:
    """Read one CSV or Parquet file as text."""
    try:
        if path.suffix.lower() == ".parquet":
            return _read_parquet(path)
        return _read_csv(path, progress)
    except SvsnaError:
        raise
    except (OSError, ValueError, pa.ArrowException, csv.Error) as exc:
        raise SvsnaError(
            f"Could not read {path} ({exc}); check that it is a complete CSV or Parquet file."
        ) from exc


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM optional) or, failing that, Windows-1252."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, [
        f"{path.name} is not UTF-8; it was read as Windows-1252 (save it as UTF-8 to be sure)."
    ]


def _lines(text: str, progress: Progress | None) -> Iterator[str]:
    start, step, size = 0, 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end
        step += 1
        if progress is not None and step % 20000 == 0:
            progress(start)
    if progress is not None:
        progress(size)


def _read_csv(path: Path, progress: Progress | None) -> RawFile:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text, warnings = decode(data, path)
    reader = csv.reader(_lines(text, _scaled(progress, len(text), len(data))))
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    bad: list[tuple[int, str]] = []
    previous = 0
    for record in reader:
        start, previous = previous + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if header is None:
            header = record
            continue
        if len(record) != len(header):
            bad.append((start, ",".join(record)))
            continue
        rows.append(record)
        lines.append(start)
    if header is None:
        raise SvsnaError(
            f"{path} is empty; a CSV file needs a header row naming its columns."
        )
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
    frame = (
        frame.apply(lambda col: col.str.strip()) if len(frame) else frame.astype(str)
    )
    return RawFile(path, digest, header, frame, lines, bad, warnings)


def _scaled(progress: Progress | None, chars: int, size: int) -> Progress | None:
    if progress is None or chars == 0:
        return progress
    return lambda done: progress(int(done * size / chars))


def _read_parquet(path: Path) -> RawFile:
    table = pq.read_table(path)
    frame = pd.DataFrame(
        {i: _as_text(table.column(i)) for i in range(table.num_columns)}, dtype=object
    )
    lines = list(range(2, table.num_rows + 2))
    return RawFile(path, sha256(path), list(table.column_names), frame, lines)


def _as_text(column: pa.ChunkedArray) -> pd.Series:
    """Arrow values as the text a CSV would hold (dates ISO, times HH:MM:SS)."""
    if pa.types.is_boolean(column.type):
        text = pd.Series(column.to_pylist(), dtype=object).map(
            {True: "true", False: "false", None: ""}
        )
        return text
    if pa.types.is_floating(column.type):
        series = column.to_pandas()
        integral = series.dropna().mod(1).eq(0).all()
        text = series.map(
            lambda v: "" if pd.isna(v) else (str(int(v)) if integral else repr(v))
        )
        return text
    if pa.types.is_time(column.type) or pa.types.is_timestamp(column.type):
        fmt = "%H:%M:%S" if pa.types.is_time(column.type) else "%Y-%m-%dT%H:%M:%S"
        return pd.Series(
            ["" if v is None else v.strftime(fmt) for v in column.to_pylist()],
            dtype=object,
        )
    cast = column.cast(pa.string())
    return pd.Series(cast.to_pylist(), dtype=object).fillna("").str.strip()
