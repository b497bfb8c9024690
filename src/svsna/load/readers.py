"""Read a contract table's files into raw text, keeping each row's line number.

CSV is read as UTF-8 (with or without a BOM), or as Windows-1252 with a
warning; Parquet is read and turned to text so that both go through the same
checks. Every row keeps the file and the 1-based line where it starts (the
header is line 1; a quoted field spanning lines is counted correctly).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
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


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM optional) or, failing that, Windows-1252.

    The warning, if any, names the file by ``name``.
    """
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, [
        f"{name} is not UTF-8; it was read as Windows-1252 (save it as UTF-8 to be sure)."
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


def csv_records(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record of ``lines`` but blank ones, with the 1-based line it starts on.

    A quoted field spanning lines counts every line it spans, so the line
    numbers stay those of the file.
    """
    reader = csv.reader(lines)
    previous = 0
    for record in reader:
        start, previous = previous + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        yield start, record


def _read_csv(path: Path, progress: Progress | None) -> RawFile:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text, warnings = decode(data, path.name)
    if not warnings:
        fast = _read_csv_fast(path, data, text, digest)
        if fast is not None:
            if progress is not None:
                progress(len(data))
            return fast
    return _read_csv_exact(path, data, text, digest, warnings, progress)


def _read_csv_fast(path: Path, data: bytes, text: str, digest: str) -> RawFile | None:
    """Parse with Arrow's C++ reader when every record is exactly one line.

    Line numbers are then simply 2, 3, ...; anything else (records spanning
    lines, blank lines, rows with the wrong number of fields) returns None so
    that the exact reader counts lines itself.
    """
    header = next(csv.reader([text.split("\n", 1)[0]]), None)
    if not header:
        return None
    names = [f"c{i}" for i in range(len(header))]
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    line_count = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if line_count != table.num_rows + 1:
        return None
    frame = pd.DataFrame(
        {i: text_series(table.column(i).combine_chunks()) for i in range(len(names))}
    )
    lines = list(range(2, table.num_rows + 2))
    return RawFile(path, digest, [h.strip() for h in header], frame, lines)


def _read_csv_exact(
    path: Path,
    data: bytes,
    text: str,
    digest: str,
    warnings: list[str],
    progress: Progress | None,
) -> RawFile:
    """Parse record by record with the csv module, keeping each record's first line."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    bad: list[tuple[int, str]] = []
    scaled = _scaled(progress, len(text), len(data))
    for start, record in csv_records(_lines(text, scaled)):
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
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    frame = pd.DataFrame({i: text_series(col) for i, col in enumerate(columns)})
    return RawFile(path, digest, header, frame, lines, bad, warnings)


def text_series(values: object) -> pd.Series:
    """Values as an Arrow-backed text column, trimmed, ``""`` for missing."""
    array = pc.utf8_trim_whitespace(pa.array(values, type=pa.string()).fill_null(""))
    return pd.Series(pd.arrays.ArrowStringArray(array))


def _scaled(progress: Progress | None, chars: int, size: int) -> Progress | None:
    if progress is None or chars == 0:
        return progress
    return lambda done: progress(int(done * size / chars))


def _read_parquet(path: Path) -> RawFile:
    table = pq.read_table(path)
    frame = pd.DataFrame(
        {i: _as_text(table.column(i)) for i in range(table.num_columns)}
    )
    lines = list(range(2, table.num_rows + 2))
    return RawFile(path, sha256(path), list(table.column_names), frame, lines)


def _as_text(column: pa.ChunkedArray) -> pd.Series:
    """Arrow values as the text a CSV would hold (dates ISO, times HH:MM:SS)."""
    kind = column.type
    if pa.types.is_floating(kind):
        values = column.to_pandas()
        if values.dropna().mod(1).eq(0).all():
            column = pa.chunked_array([pa.array(values.astype("Int64"), pa.int64())])
    if pa.types.is_time(kind) or pa.types.is_timestamp(kind):
        fmt = "%H:%M:%S" if pa.types.is_time(kind) else "%Y-%m-%dT%H:%M:%S"
        return text_series(
            [None if v is None else v.strftime(fmt) for v in column.to_pylist()]
        )
    if pa.types.is_boolean(kind):
        return text_series(pc.if_else(column, "true", "false").combine_chunks())
    return text_series(column.cast(pa.string()).combine_chunks())
