"""Find a table's files; read a CSV record by record when DuckDB's reader cannot be matched.

Most files are read by DuckDB (``svsna.load.sources``). A few are not plain
enough for the byte scan to match DuckDB's rows to their lines: a quote in the
middle of an unquoted value, blank lines before the header, old Mac line
endings. Those are read here with Python's csv module, which counts lines
itself (the header is line 1; a quoted field spanning lines counts every line
it spans), into Arrow text columns that then go through the same SQL checks.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa

from svsna.load.rules import Rule

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

SUFFIXES = (".csv", ".parquet")
LINE = "_line"
#: Longest record loaded; a longer one is rejected (``record_too_long``).
MAX_RECORD_BYTES = 64 << 20
#: Decoding error handler: Windows-1252's five undefined bytes read as Latin-1.
LATIN1_FALLBACK = "svsna_latin1"
_STRAY = re.compile("[\udc80-\udcff]")

# A field of any length is read (the default limit, 128 kB, stopped whole tables).
csv.field_size_limit(2**31 - 1)


@dataclass
class TextRecords:
    """A CSV file as text: header, good records (columns ``c0``... and ``_line``), bad ones."""

    header: list[str] | None
    table: pa.Table
    bad: list[tuple[int, str, Rule]] = field(default_factory=list)


def find_sources(data_dir: Path, table: str) -> list[Path]:
    """Files holding ``table``: ``table.csv``, ``table.parquet`` or ``table/*``."""
    found = [
        data_dir / f"{table}{s}"
        for s in SUFFIXES
        if (data_dir / f"{table}{s}").is_file()
    ]
    folder = data_dir / table
    if folder.is_dir():
        found += sorted(
            p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
        )
    return found


def sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM optional) or, failing that, Windows-1252.

    The warning, if any, names the file by ``name``.
    """
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", LATIN1_FALLBACK), [encoding_warning(name, "cp1252")]


def encoding_warning(name: str, encoding: str) -> str:
    """The note a user reads when a file is not UTF-8."""
    read_as = "UTF-16" if encoding == "utf-16" else "Windows-1252"
    return (
        f"{name} is not UTF-8; it was read as {read_as} (save it as UTF-8 to be sure)."
    )


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


def read_records(path: Path, encoding: str) -> TextRecords:
    """Every record of a CSV file as text, each with the line it starts on.

    In a UTF-8 file, a record holding bytes that are not UTF-8 is set aside
    (``invalid_encoding``), as is one whose field count differs from the header's.
    """
    errors = "surrogateescape" if encoding == "utf-8" else LATIN1_FALLBACK
    text = path.read_bytes().decode(encoding, errors).removeprefix("\ufeff")
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    bad: list[tuple[int, str, Rule]] = []
    for start, record, written in _tolerant_records(text):
        if header is None and record is not None:
            header = [name.strip() for name in record]
            continue
        rule = _broken(record, len(header or []))
        if rule is None:
            rows.append(record)  # type: ignore[arg-type]
            lines.append(start)
        else:
            raw = "".join(written)[: 4 * 200].rstrip("\r\n")
            bad.append((start, _printable(raw), rule))
    width = len(header or [])
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
    arrays = {f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(columns)}
    arrays[LINE] = pa.array(lines, pa.int64())
    return TextRecords(header, pa.table(arrays), bad)


def _broken(record: list[str] | None, width: int) -> Rule | None:
    """What is wrong with a whole record, if anything."""
    if record is None:
        return Rule.MALFORMED_RECORD
    size = sum(len(field) for field in record)
    if size > MAX_RECORD_BYTES:
        return Rule.RECORD_TOO_LONG
    if any(_STRAY.search(field) for field in record):
        return Rule.INVALID_ENCODING
    return Rule.WRONG_FIELD_COUNT if len(record) != width else None


class _Remembered:
    """Lines handed to the csv reader, the last record's kept (to quote a broken one)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.recent: list[str] = []

    def __iter__(self) -> _Remembered:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.recent.append(line)
        return line


def _tolerant_records(text: str) -> Iterator[tuple[int, list[str] | None, list[str]]]:
    """Non-blank records with their first line and lines as written.

    A record csv cannot read (a carriage return alone inside an unquoted
    value, say) comes as None.
    """
    lines = _Remembered(_lines(text))
    reader = csv.reader(lines)
    previous = 0
    while True:
        lines.recent = []
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            start, previous = previous + 1, reader.line_num
            yield start, None, lines.recent
            continue
        start, previous = previous + 1, reader.line_num
        if record and not (len(record) == 1 and not record[0].strip()):
            yield start, record, lines.recent


def _lines(text: str) -> Iterator[str]:
    """Lines ending at each newline (as the byte scan counts them), kept whole."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _printable(text: str, limit: int = 200) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")[:limit]


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)
