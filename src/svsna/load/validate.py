"""Check a table's files against its contract: checked rows to Parquet, every fault listed.

Files of one form stream through one checks query (``svsna.load.checks``) in
Arrow batches: rows kept go to a Parquet part, faults to the rejects.
Validation never stops at the first fault. A broken required value rejects
its row; a broken optional value is set to unknown and the row stays; a
record that cannot be split into fields costs that record. Only a missing
required column or an unreadable file stops the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from svsna.contract import TableSchema, normalise_header
from svsna.errors import SvsnaError
from svsna.load.checks import (
    FAULTS,
    LINE,
    REJECTED,
    WRITTEN,
    Field,
    arrow_schema,
    check_sql,
)
from svsna.load.coordinates import fill_grid_coordinates
from svsna.load.engine import EngineError
from svsna.load.rules import Action
from svsna.load.sources import (
    Scan,
    Source,
    agrees,
    open_scan,
    plan_scans,
    read_slowly,
    release,
    unreadable,
)

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from svsna.load.engine import ScanEngine

REJECT_COLUMNS = ["table", "file", "line", "column", "value", "rule", "action"]
REJECT_SCHEMA = pa.schema(
    [
        ("table", pa.string()),
        ("file", pa.string()),
        ("line", pa.int64()),
        ("column", pa.string()),
        ("value", pa.string()),
        ("rule", pa.string()),
        ("action", pa.string()),
    ]
)
#: Parquet parts are working files: no statistics, fast compression.
PART_OPTIONS = {"compression": "snappy", "write_statistics": False}
Bar = Callable[[str, int], Callable[[int], None] | None]


class LinesDisagree(Exception):
    """DuckDB gave more rows than the byte scan found records: read the files slowly."""


@dataclass
class Checked:
    """The outcome of checking one table: its Parquet parts, counts and rejects."""

    parts: list[Path]
    rejects: list[pa.Table]
    extra_columns: list[str]
    rows_read: int = 0
    rows_rejected: int = 0


def match_columns(
    schema: TableSchema, source: Source
) -> tuple[dict[str, Field], dict[str, Field]]:
    """Contract columns, and unknown extra columns, found in a file's header."""
    by_key: dict[str, int] = {}
    for position, name in enumerate(source.header):
        by_key.setdefault(normalise_header(name), position)
    known = {c.key: c.name for c in schema.columns}
    matched = {known[k]: source.columns[p] for k, p in by_key.items() if k in known}
    extra = {
        f"extra_{k}": source.columns[p]
        for k, p in by_key.items()
        if k not in known and k
    }
    missing = [
        c.header or c.name for c in schema.required_columns if c.name not in matched
    ]
    if missing:
        raise SvsnaError(
            f"{source.path} has no column {', '.join(repr(m) for m in missing)}, which the "
            f"'{schema.name}' table requires; add it (names match whatever their case)."
        )
    return matched, extra


def check_table(
    schema: TableSchema,
    sources: list[Source],
    engine: ScanEngine,
    out_dir: Path,
    *,
    today: dt.date,
    bar: Bar | None = None,
) -> Checked:
    """Check every file of a table; write its checked rows as Parquet parts in ``out_dir``."""
    filled = [s for s in sources if s.kind != "empty"]
    extras = sorted({n for s in filled for n in match_columns(schema, s)[1]})
    out_dir.mkdir(parents=True, exist_ok=True)
    run = _Run(schema, arrow_schema(schema, extras), extras, engine, today, bar)
    checked = Checked([], [], extras)
    for group in plan_scans(sources):
        for part in run.check(
            group, out_dir / f"part-{len(checked.parts):05d}.parquet"
        ):
            checked.parts.append(part.path)
            checked.rejects.append(part.rejects())
            checked.rows_read += part.rows_read
            checked.rows_rejected += part.rows_rejected
    if not checked.parts:  # no file gave a row: the table still has its columns
        empty = out_dir / "part-00000.parquet"
        pq.write_table(run.target.empty_table(), empty)
        checked.parts.append(empty)
    return checked


@dataclass
class _Run:
    """What checking one table's groups of files shares."""

    schema: TableSchema
    target: pa.Schema
    extras: list[str]
    engine: ScanEngine
    today: dt.date
    bar: Bar | None

    def check(self, group: list[Source], path: Path) -> list[_Part]:
        """Check a group of files of one form; split it, or read slowly, if DuckDB disagrees."""
        scan = open_scan(group, self.engine)
        part = _Part(self.schema, scan, self.target, path)
        try:
            part.write(self.engine, self.query(scan), self._bar(scan))
            matched = agrees(scan, self.engine, part.rows_seen)
        except LinesDisagree:
            matched = False
        except (EngineError, pa.ArrowException, OSError) as exc:
            if (
                scan.lines is None
            ):  # Parquet, or a file already read slowly: it is broken
                release(scan, self.engine)
                raise unreadable(group[0].path, exc) from exc
            matched = False  # DuckDB could not read these CSV files: Python's csv may
        release(scan, self.engine)
        if matched or group[0].kind == "records":  # nothing slower to fall back to
            return [part]
        if len(group) > 1:
            return [
                p for i, s in enumerate(group) for p in self.check([s], _nth(path, i))
            ]
        return self.check([read_slowly(group[0])], path)

    def query(self, scan: Scan) -> str:
        """The checks query for a scan's files (all of one form, so one mapping)."""
        fields, extra = match_columns(self.schema, scan.sources[0])
        return check_sql(
            self.schema,
            fields,
            {name: extra.get(name) for name in self.extras},
            scan.relation,
            line_sql=scan.line_sql,
            today=self.today,
        )

    def _bar(self, scan: Scan) -> Callable[[int], None] | None:
        if self.bar is None:
            return None
        names = [s.path.name for s in scan.sources]
        label = (
            names[0] if len(names) == 1 else f"{self.schema.name} ({len(names)} files)"
        )
        return self.bar(label, scan.size)


def _nth(path: Path, number: int) -> Path:
    return path.with_name(f"{path.stem}-{number:03d}{path.suffix}")


class _Part:
    """One group's checked rows written as one Parquet part, and its faults gathered."""

    def __init__(
        self, schema: TableSchema, scan: Scan, target: pa.Schema, path: Path
    ) -> None:
        self.schema, self.scan, self.target, self.path = schema, scan, target, path
        self.rows_seen = 0
        self.rows_rejected = sum(len(s.bad) for s in scan.sources)
        self.faults: list[pa.Table] = [
            _record_rejects(schema.name, s) for s in scan.sources
        ]

    @property
    def rows_read(self) -> int:
        """Data records read, broken ones included."""
        return self.rows_seen + sum(len(s.bad) for s in self.scan.sources)

    def write(
        self, engine: ScanEngine, sql: str, progress: Callable[[int], None] | None
    ) -> None:
        """Stream ``sql``'s rows: kept ones to the part, faults to the list."""
        expected, size = max(self.scan.expected_rows, 1), self.scan.size
        with pq.ParquetWriter(self.path, self.target, **PART_OPTIONS) as writer:
            for batch in engine.batches(sql):
                lines = self._lines(batch)
                rejected = batch.column(REJECTED)
                kept = self._kept(batch, lines).filter(pc.invert(rejected))
                writer.write_table(fill_grid_coordinates(kept))
                self.faults.append(self._faults(batch, lines, rejected))
                self.rows_seen += batch.num_rows
                self.rows_rejected += pc.sum(rejected.cast(pa.int64())).as_py() or 0
                if progress is not None:
                    progress(int(size * min(1.0, self.rows_seen / expected)))

    def rejects(self) -> pa.Table:
        """Every fault of these files, in the reject table's form."""
        return pa.concat_tables([REJECT_SCHEMA.empty_table(), *self.faults])

    def _lines(self, batch: pa.RecordBatch) -> pa.Array:
        if self.scan.lines is None:
            return batch.column(LINE)
        start = self.rows_seen
        lines = self.scan.lines[start : start + batch.num_rows]
        if len(lines) != batch.num_rows:
            raise LinesDisagree(self.path)
        return pa.array(lines, pa.int64())

    def _kept(self, batch: pa.RecordBatch, lines: pa.Array) -> pa.Table:
        names = self.target.names[:-1]
        arrays = [batch.column(n).cast(self.target.field(n).type) for n in names]
        arrays.append(lines)
        return pa.Table.from_arrays(arrays, schema=self.target)

    def _faults(
        self, batch: pa.RecordBatch, lines: pa.Array, rejected: pa.Array
    ) -> pa.Table:
        """One reject row per broken value: the lists of faulty rows, flattened."""
        rules = batch.column(FAULTS)
        if rules.null_count == len(rules):
            return REJECT_SCHEMA.empty_table()
        where = pc.is_valid(rules)
        rules, written = rules.filter(where), batch.column(WRITTEN).filter(where)
        row = pc.list_parent_indices(rules)
        width = len(self.schema.columns)
        position = np.tile(np.arange(width), len(rules))
        rule, value = pc.list_flatten(rules), pc.list_flatten(written)
        broken = pc.is_valid(rule)
        row = row.filter(broken)
        names = pa.array([c.name for c in self.schema.columns], pa.string())
        action = pc.if_else(
            rejected.filter(where).take(row),
            Action.ROW_REJECTED.value,
            Action.VALUE_SET_TO_UNKNOWN.value,
        )
        return pa.table(
            [
                pa.array(np.full(len(row), self.schema.name, object), pa.string()),
                batch.column("source_file").filter(where).take(row),
                lines.filter(where).take(row),
                names.take(pa.array(position).filter(broken)),
                value.filter(broken),
                rule.filter(broken),
                action,
            ],
            schema=REJECT_SCHEMA,
        )


def _record_rejects(table: str, source: Source) -> pa.Table:
    rows = [
        (table, source.path.name, line, "", text, rule.value, Action.ROW_REJECTED.value)
        for line, text, rule in source.bad
    ]
    return pa.Table.from_pylist(
        [dict(zip(REJECT_COLUMNS, row, strict=True)) for row in rows],
        schema=REJECT_SCHEMA,
    )
