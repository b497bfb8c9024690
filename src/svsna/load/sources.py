"""Input files as SQL relations of raw values, with the line every row starts on.

A CSV file is read by DuckDB's parallel reader, every value as text; the byte
scan (``svsna.load.csvscan``) has already found each record's line and the
records DuckDB will set aside, so DuckDB's rows are matched to their lines
one for one (:func:`agrees` checks that DuckDB set aside exactly those). A
file the scan cannot match is read record by record instead
(:func:`read_slowly`). A Parquet file is read as it is typed; its rows are
numbered as a CSV's would be (the first row is line 2).

Files of one table with the same columns are read by one query (a
:class:`Scan`): a national table comes in dozens of files, and each query
has a fixed cost.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from svsna.errors import SvsnaError
from svsna.load.checks import FILE, Field, literal, quote
from svsna.load.csvscan import CsvLayout, scan_csv, transcode
from svsna.load.engine import EngineError
from svsna.load.readers import LINE as TEXT_LINE
from svsna.load.readers import encoding_warning, read_records, sha256
from svsna.load.rules import Rule

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.load.engine import ScanEngine

_names = itertools.count()


@dataclass
class Source:
    """One input file, opened: its header, where its values are, what was set aside.

    ``kind`` is ``parquet``, ``csv`` (read by DuckDB, ``lines`` one per good
    record), ``records`` (read record by record into ``records``) or
    ``empty`` (no header at all). ``bad`` lists the records set aside before
    any value was looked at: (line, text as written, rule).
    """

    path: Path
    sha256: str
    kind: str
    header: list[str] = field(default_factory=list)
    columns: list[Field] = field(default_factory=list)
    layout: CsvLayout | None = None
    lines: np.ndarray | None = None
    records: pa.Table | None = None
    bad: list[tuple[int, str, Rule]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def rows_read(self) -> int:
        """Data records in the file, broken ones included."""
        return self.rows + len(self.bad)

    @property
    def form(self) -> tuple[object, ...]:
        """What must match for files to be read by one query."""
        types = tuple(c.sql_type for c in self.columns)
        return (self.kind, tuple(self.header), types)


@dataclass
class Scan:
    """One query's worth of files: the relation, and where each row's line comes from."""

    sources: list[Source]
    relation: str
    line_sql: str | None = None
    lines: np.ndarray | None = None
    cleanup: list[str] = field(default_factory=list)
    registered: str | None = None

    @property
    def expected_rows(self) -> int:
        """Rows the query should give (for progress)."""
        return sum(s.rows for s in self.sources)

    @property
    def size(self) -> int:
        """Bytes of the files read."""
        return sum(s.path.stat().st_size for s in self.sources)


def open_source(path: Path, engine: ScanEngine, work_dir: Path) -> Source:
    """Open one CSV or Parquet file; an unreadable one is one clear sentence."""
    try:
        if path.suffix.lower() == ".parquet":
            return _parquet(path, engine)
        return _csv(path, work_dir)
    except (OSError, EngineError, ValueError, pa.ArrowException) as exc:
        raise unreadable(path, exc) from exc


def unreadable(path: Path, exc: Exception) -> SvsnaError:
    """The sentence for a file that cannot be read at all."""
    return SvsnaError(
        f"Could not read {path} ({exc}); check that it is a complete CSV or Parquet file."
    )


def _parquet(path: Path, engine: ScanEngine) -> Source:
    described = engine.rows(
        f"DESCRIBE SELECT * FROM read_parquet({literal(str(path))})"
    )
    rows = pq.read_metadata(path).num_rows  # a truncated file fails here, not later
    header = [str(row[0]) for row in described]
    columns = [Field(quote(str(row[0])), str(row[1])) for row in described]
    return Source(path, sha256(path), "parquet", header, columns, rows=rows)


def _csv(path: Path, work_dir: Path) -> Source:
    layout = scan_csv(path)
    warnings = []
    if layout.encoding != "utf-8":
        folder = work_dir / "utf8" / str(next(_names))
        folder.mkdir(parents=True)
        transcode(path, folder / path.name, layout.encoding)
        warnings.append(encoding_warning(path.name, layout.encoding))
        digest = layout.sha256
        layout = scan_csv(folder / path.name)
        layout.sha256 = digest
    if layout.header is None:
        return Source(path, layout.sha256, "empty", warnings=warnings)
    source = Source(path, layout.sha256, "csv", layout.header, layout=layout)
    source.columns = [Field(f"c{i}") for i in range(len(layout.header))]
    source.warnings = warnings
    if not layout.plain:
        return read_slowly(source)
    good = np.ones(len(layout.starts), bool)
    good[list(layout.problems)] = False
    source.lines = layout.lines[good]
    source.rows = int(good.sum())
    source.bad = [
        (int(layout.lines[i]), layout.record_text(i), rule)
        for i, rule in sorted(layout.problems.items())
    ]
    return source


def read_slowly(source: Source) -> Source:
    """The same file read record by record (for a file DuckDB's rows cannot be matched to)."""
    layout = source.layout
    assert layout is not None  # only CSV files are read slowly
    records = read_records(layout.path, "utf-8")
    header = records.header or []
    return Source(
        source.path,
        source.sha256,
        "records",
        header,
        [Field(f"c{i}") for i in range(len(header))],
        layout=layout,
        records=records.table,
        bad=records.bad,
        warnings=source.warnings,
        rows=records.table.num_rows,
    )


def plan_scans(sources: list[Source]) -> list[list[Source]]:
    """Consecutive files of the same form, grouped to be read by one query each."""
    groups: list[list[Source]] = []
    for source in sources:
        if source.kind == "empty":
            continue
        if groups and source.kind != "records" and groups[-1][-1].form == source.form:
            groups[-1].append(source)
        else:
            groups.append([source])
    return groups


def open_scan(sources: list[Source], engine: ScanEngine) -> Scan:
    """The relation reading ``sources`` (all of one form); ``__file`` names each row's file."""
    first = sources[0]
    if first.kind == "parquet":
        files = ", ".join(literal(str(s.path)) for s in sources)
        relation = (
            f"read_parquet([{files}], file_row_number = true, filename = '{FILE}')"
        )
        return Scan(sources, relation, line_sql="file_row_number + 2")
    if first.kind == "records":
        name = f"records_{next(_names)}"
        table = first.records
        assert table is not None
        engine.register(name, table)
        relation = f"(SELECT *, {literal(first.path.name)} AS {FILE} FROM {name})"
        return Scan(sources, relation, line_sql=TEXT_LINE, registered=name)
    return _csv_scan(sources)


def _csv_scan(sources: list[Source]) -> Scan:
    number = next(_names)
    header = sources[0].header
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header)))
    files = ", ".join(literal(str(s.layout.path)) for s in sources if s.layout)
    longest = max(s.layout.max_line_size for s in sources if s.layout)
    relation = (
        f"read_csv([{files}], columns = {{{types}}}, header = true, "
        "delim = ',', quote = '\"', escape = '\"', auto_detect = false, "
        f"ignore_errors = true, store_rejects = true, filename = '{FILE}', "
        f"rejects_table = 'rejects_{number}', rejects_scan = 'scan_{number}', "
        f"max_line_size = {longest})"
    )
    lines = np.concatenate([s.lines for s in sources if s.lines is not None])
    return Scan(
        sources, relation, lines=lines, cleanup=[f"rejects_{number}", f"scan_{number}"]
    )


def agrees(scan: Scan, engine: ScanEngine, good_rows: int) -> bool:
    """Whether DuckDB set aside exactly the records the byte scan found broken.

    DuckDB skips a record over its line limit without always listing it, so
    those are checked by the count of good rows alone.
    """
    if scan.lines is None:
        return True
    found = engine.rows(
        f"SELECT DISTINCT s.file_path, r.line_byte_position FROM {scan.cleanup[0]} r "
        f"JOIN {scan.cleanup[1]} s USING (scan_id, file_id)"
    )
    for source in scan.sources:
        layout = source.layout
        assert layout is not None
        # DuckDB's position may fall inside the record or on blank lines before it.
        ends = layout.starts + layout.lengths
        here = {
            int(np.searchsorted(ends, int(p), "left"))
            for f, p in found
            if f == str(layout.path)
        }
        listed = {
            i for i, r in layout.problems.items() if r is not Rule.RECORD_TOO_LONG
        }
        if not listed <= here <= set(layout.problems):
            return False
    return good_rows == len(scan.lines)


def release(scan: Scan, engine: ScanEngine) -> None:
    """Drop what reading ``scan`` left in the engine (once)."""
    for name in scan.cleanup:
        engine.run(f"DROP TABLE IF EXISTS {name}")
    if scan.registered is not None:
        engine.unregister(scan.registered)
    scan.cleanup, scan.registered = [], None


__all__ = [
    "Scan",
    "Source",
    "agrees",
    "open_scan",
    "open_source",
    "plan_scans",
    "read_slowly",
    "release",
    "unreadable",
]
