"""Each input file as a SQL relation of raw values, with the line every row starts on.

A CSV file is read by DuckDB's parallel reader, every value as text; the byte
scan (``svsna.load.csvscan``) has already found each record's line and the
records DuckDB will set aside, so DuckDB's rows are matched to their lines
one for one (:func:`agrees` checks that DuckDB set aside exactly those). A
file the scan cannot match (see ``svsna.load.readers``) is read record by
record instead. A Parquet file is read as it is typed; its rows are numbered
as a CSV's would be (the first row is line 2).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow.parquet as pq

from svsna.errors import SvsnaError
from svsna.load.checks import Field, literal, quote
from svsna.load.csvscan import CsvLayout, scan_csv, transcode
from svsna.load.engine import EngineError
from svsna.load.readers import LINE as TEXT_LINE
from svsna.load.readers import encoding_warning, read_records, sha256
from svsna.load.rules import Rule

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from svsna.load.engine import ScanEngine

_names = itertools.count()


@dataclass
class Source:
    """One input file, ready for the checks query.

    ``columns`` gives, for each header position, the SQL expression and type
    of its values in ``relation``. Lines come from ``line_sql`` or, for CSV
    read by DuckDB, from ``lines`` (one per good record, in order). ``bad``
    lists the records set aside before any value was looked at.
    """

    path: Path
    sha256: str
    header: list[str] | None
    columns: list[Field]
    relation: str
    line_sql: str | None = None
    lines: np.ndarray | None = None
    bad: list[tuple[int, str, Rule]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: CsvLayout | None = None
    cleanup: list[str] = field(default_factory=list)
    expected_rows: int = 0
    size: int = 0
    progress: Callable[[int], None] | None = None

    @property
    def is_empty(self) -> bool:
        """A file with no header at all (zero bytes, or only blank lines)."""
        return self.header is None


def open_source(
    path: Path,
    engine: ScanEngine,
    work_dir: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> Source:
    """Prepare one CSV or Parquet file; an unreadable one is one clear sentence."""
    try:
        size = path.stat().st_size
        half = None if progress is None else (lambda done: progress(done // 2))
        if path.suffix.lower() == ".parquet":
            source = _parquet(path, engine)
        else:
            source = _csv(path, engine, work_dir, half)
        source.size, source.progress = size, progress
        return source
    except (OSError, EngineError, ValueError) as exc:
        raise SvsnaError(
            f"Could not read {path} ({exc}); check that it is a complete CSV or "
            "Parquet file."
        ) from exc


def _parquet(path: Path, engine: ScanEngine) -> Source:
    relation = f"read_parquet({literal(str(path))}, file_row_number = true)"
    described = engine.rows(
        f"DESCRIBE SELECT * FROM read_parquet({literal(str(path))})"
    )
    rows = pq.read_metadata(path).num_rows  # a truncated file fails here, not later
    header = [str(row[0]) for row in described]
    columns = [Field(quote(str(row[0])), str(row[1])) for row in described]
    return Source(
        path,
        sha256(path),
        header,
        columns,
        relation,
        line_sql="file_row_number + 2",
        expected_rows=rows,
    )


def _csv(
    path: Path,
    engine: ScanEngine,
    work_dir: Path,
    progress: Callable[[int], None] | None,
) -> Source:
    layout = scan_csv(path, progress=progress)
    warnings = []
    if layout.encoding != "utf-8":
        utf8 = work_dir / f"transcoded-{next(_names)}.csv"
        transcode(path, utf8, layout.encoding)
        warnings.append(encoding_warning(path.name, layout.encoding))
        digest = layout.sha256
        layout = scan_csv(utf8)
        layout.sha256 = digest
    if layout.header is None:
        return Source(path, layout.sha256, None, [], "", warnings=warnings)
    if not layout.plain:
        return read_slowly(path, layout, engine, warnings)
    return _duckdb_csv(path, layout, warnings)


def _duckdb_csv(path: Path, layout: CsvLayout, warnings: list[str]) -> Source:
    header = layout.header or []
    number = next(_names)
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header)))
    relation = (
        f"read_csv({literal(str(layout.path))}, columns = {{{types}}}, header = true, "
        "delim = ',', quote = '\"', escape = '\"', auto_detect = false, "
        "ignore_errors = true, store_rejects = true, "
        f"rejects_table = 'rejects_{number}', rejects_scan = 'scan_{number}', "
        f"max_line_size = {layout.max_line_size})"
    )
    good = np.ones(len(layout.starts), bool)
    good[list(layout.problems)] = False
    bad = [
        (int(layout.lines[i]), layout.record_text(i), rule)
        for i, rule in sorted(layout.problems.items())
    ]
    return Source(
        path,
        layout.sha256,
        header,
        [Field(f"c{i}") for i in range(len(header))],
        relation,
        lines=layout.lines[good],
        bad=bad,
        warnings=warnings,
        layout=layout,
        cleanup=[f"rejects_{number}", f"scan_{number}"],
        expected_rows=int(good.sum()),
    )


def read_slowly(
    path: Path, layout: CsvLayout, engine: ScanEngine, warnings: list[str]
) -> Source:
    """Read a CSV file record by record (for files DuckDB's rows cannot be matched to)."""
    records = read_records(layout.path, "utf-8")
    name = f"records_{next(_names)}"
    engine.register(name, records.table)
    header = records.header or []
    return Source(
        path,
        layout.sha256,
        records.header,
        [Field(f"c{i}") for i in range(len(header))],
        name,
        line_sql=TEXT_LINE,
        bad=records.bad,
        warnings=warnings,
        expected_rows=records.table.num_rows,
    )


def agrees(source: Source, engine: ScanEngine, good_rows: int) -> bool:
    """Whether DuckDB set aside exactly the records the byte scan found broken.

    DuckDB skips a record over its line limit without always listing it, so
    those are checked by the count of good rows alone.
    """
    layout = source.layout
    if layout is None or source.lines is None:
        return True
    table = source.cleanup[0]
    positions = engine.rows(f"SELECT DISTINCT line_byte_position FROM {table}")
    # DuckDB's position may fall inside the record or on blank lines before it.
    ends = layout.starts + layout.lengths
    found = {int(np.searchsorted(ends, int(row[0]), "left")) for row in positions}
    listed = {
        i for i, rule in layout.problems.items() if rule is not Rule.RECORD_TOO_LONG
    }
    return listed <= found <= set(layout.problems) and good_rows == len(source.lines)


def release(source: Source, engine: ScanEngine) -> None:
    """Drop what reading ``source`` left in the engine (once)."""
    for name in source.cleanup:
        engine.run(f"DROP TABLE IF EXISTS {name}")
    if source.line_sql == TEXT_LINE:
        engine.unregister(source.relation)
    source.cleanup, source.line_sql = [], None


__all__ = ["Source", "agrees", "open_source", "read_slowly", "release"]
