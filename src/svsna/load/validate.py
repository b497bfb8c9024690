"""Check a table's files against its contract: checked rows to Parquet, every fault listed.

Each file streams through the checks query (``svsna.load.checks``) in
batches: rows kept go to one Parquet part per file, faults to the rejects.
Validation never stops at the first fault. A broken required value rejects
its row; a broken optional value is set to unknown and the row stays; a
record that cannot be split into fields costs that record. Only a missing
required column or an unreadable file stops the table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from svsna.contract import TableSchema, normalise_header
from svsna.errors import SvsnaError
from svsna.load.checks import (
    LINE,
    REJECTED,
    Field,
    arrow_schema,
    check_sql,
    fault_name,
    literal,
    quote,
    value_name,
)
from svsna.load.coordinates import fill_grid_coordinates
from svsna.load.engine import BATCH_ROWS, EngineError
from svsna.load.rules import Action, Rule
from svsna.load.sources import Source, agrees, read_slowly, release

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
SOURCE_FILE, SOURCE_LINE = "source_file", "source_line"


class LinesDisagree(Exception):
    """DuckDB gave more rows than the byte scan found records: read the file slowly."""


@dataclass
class FileCount:
    """What one file held: data records read and how many the checks set aside."""

    rows_read: int = 0
    rows_rejected: int = 0


@dataclass
class Checked:
    """The outcome of checking one table: its Parquet parts, counts and rejects."""

    parts: list[Path]
    rejects: list[pa.Table]
    extra_columns: list[str]
    files: list[FileCount] = field(default_factory=list)
    files_names: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data records in every file, broken ones included."""
        return sum(f.rows_read for f in self.files)

    @property
    def rows_rejected(self) -> int:
        """Rows left out: broken records and rows with a broken required value."""
        return sum(f.rows_rejected for f in self.files)


def match_columns(
    schema: TableSchema, source: Source
) -> tuple[dict[str, Field], dict[str, Field]]:
    """Contract columns, and unknown extra columns, found in a file's header."""
    by_key: dict[str, int] = {}
    for position, name in enumerate(source.header or []):
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
) -> Checked:
    """Check every file of a table; write its checked rows as Parquet parts in ``out_dir``."""
    mapped = [match_columns(schema, s) if not s.is_empty else ({}, {}) for s in sources]
    extras = sorted({name for _, extra in mapped for name in extra})
    target = arrow_schema(schema, extras)
    out_dir.mkdir(parents=True, exist_ok=True)
    checked = Checked([], [], extras)
    for number, (source, (fields, extra)) in enumerate(
        zip(sources, mapped, strict=True)
    ):
        present = {name: extra.get(name) for name in extras}
        path = out_dir / f"part-{number:05d}.parquet"
        part = _check_file(
            schema, source, (fields, present), target, path, engine, today
        )
        checked.parts.append(part.finish())
        checked.rejects.append(part.rejects())
        checked.files.append(part.count)
        checked.files_names.append(source.path.name)
    return checked


def _check_file(
    schema: TableSchema,
    source: Source,
    columns: tuple[dict[str, Field], dict[str, Field | None]],
    target: pa.Schema,
    path: Path,
    engine: ScanEngine,
    today: dt.date,
) -> _Part:
    """Stream one file through the checks; read it slowly if DuckDB's rows do not match."""
    fields, present = columns
    part = _Part(schema, source, target, path)
    if source.is_empty:
        return part

    def query(read: Source) -> str:
        return check_sql(
            schema,
            fields,
            present,
            read.relation,
            line_sql=read.line_sql,
            today=today,
            file_name=read.path.name,
        )

    try:
        part.write(engine, query(source))
        matched = agrees(source, engine, part.rows_seen)
    except LinesDisagree:
        matched = False
    except (EngineError, pa.ArrowException, OSError) as exc:
        if source.layout is None:  # Parquet: the file itself is broken
            raise _unreadable(source, exc) from exc
        matched = False  # DuckDB could not read this CSV: Python's csv may
    if not matched and source.layout is not None:
        release(source, engine)
        slow = read_slowly(source.path, source.layout, engine, source.warnings)
        slow.progress, slow.size = source.progress, source.size
        part = _Part(schema, slow, target, path)
        try:
            part.write(engine, query(slow))
        except (EngineError, pa.ArrowException, OSError) as exc:
            raise _unreadable(slow, exc) from exc
        source = slow
    release(source, engine)
    return part


def _unreadable(source: Source, exc: Exception) -> SvsnaError:
    return SvsnaError(
        f"Could not read {source.path} ({exc}); check that it is a complete "
        "CSV or Parquet file."
    )


class _Part:
    """One file's checked rows written as one Parquet part, and its faults gathered."""

    def __init__(
        self, schema: TableSchema, source: Source, target: pa.Schema, path: Path
    ) -> None:
        self.schema, self.source, self.target, self.path = schema, source, target, path
        self.rows_seen = 0
        self.count = FileCount(len(source.bad), len(source.bad))
        self.faults: list[pa.Table] = [_record_rejects(schema.name, source)]
        self.written = False

    def write(self, engine: ScanEngine, sql: str) -> None:
        """Stream ``sql``'s rows: kept ones to the part, faults to the list."""
        with pq.ParquetWriter(self.path, self.target) as writer:
            for batch in engine.batches(sql):
                lines = self._lines(batch)
                rejected = batch.column(REJECTED)
                kept = self._kept(batch, lines).filter(pc.invert(rejected))
                writer.write_table(fill_grid_coordinates(kept))
                self.faults += self._faults(batch, lines, rejected)
                self.rows_seen += batch.num_rows
                self.count.rows_read += batch.num_rows
                self.count.rows_rejected += (
                    pc.sum(rejected.cast(pa.int64())).as_py() or 0
                )
                self._report()
        self.written = True

    def finish(self) -> Path:
        """The part's path; a file that gave no rows still gets an empty part."""
        if not self.written:
            pq.write_table(self.target.empty_table(), self.path)
        return self.path

    def rejects(self) -> pa.Table:
        """Every fault of this file, in the reject table's form."""
        return pa.concat_tables(self.faults)

    def _lines(self, batch: pa.RecordBatch) -> pa.Array:
        if self.source.lines is None:
            return batch.column(LINE)
        start = self.rows_seen
        lines = self.source.lines[start : start + batch.num_rows]
        if len(lines) != batch.num_rows:
            raise LinesDisagree(self.source.path)
        return pa.array(lines, pa.int64())

    def _kept(self, batch: pa.RecordBatch, lines: pa.Array) -> pa.Table:
        names = self.target.names[:-1]
        arrays = [batch.column(n).cast(self.target.field(n).type) for n in names]
        arrays.append(lines)
        return pa.Table.from_arrays(arrays, schema=self.target)

    def _faults(
        self, batch: pa.RecordBatch, lines: pa.Array, rejected: pa.Array
    ) -> list[pa.Table]:
        found = []
        for column in self.schema.columns:
            rule = batch.column(fault_name(column.name))
            if rule.null_count == len(rule):
                continue
            where = pc.is_valid(rule)
            action = pc.if_else(
                rejected.filter(where),
                Action.ROW_REJECTED.value,
                Action.VALUE_SET_TO_UNKNOWN.value,
            )
            count = len(action)
            found.append(
                pa.table(
                    [
                        pa.array([self.schema.name] * count, pa.string()),
                        pa.array([self.source.path.name] * count, pa.string()),
                        lines.filter(where),
                        pa.array([column.name] * count, pa.string()),
                        batch.column(value_name(column.name)).filter(where),
                        rule.filter(where),
                        action,
                    ],
                    schema=REJECT_SCHEMA,
                )
            )
        return found

    def _report(self) -> None:
        source = self.source
        if source.progress is None or not source.expected_rows:
            return
        share = min(1.0, self.rows_seen / source.expected_rows)
        source.progress(source.size // 2 + int(source.size * share / 2))


def _record_rejects(table: str, source: Source) -> pa.Table:
    rows = [
        (table, source.path.name, line, "", text, rule.value, Action.ROW_REJECTED.value)
        for line, text, rule in source.bad
    ]
    return pa.Table.from_pylist(
        [dict(zip(REJECT_COLUMNS, row, strict=True)) for row in rows],
        schema=REJECT_SCHEMA,
    )


def reject_duplicates(
    schema: TableSchema, checked: Checked, engine: ScanEngine
) -> None:
    """Reject rows repeating an identifier already used on an earlier kept row."""
    for column in schema.columns:
        if not column.unique:
            continue
        key = quote(column.name)
        found = engine.table(
            f"WITH kept AS (SELECT {key} AS k, filename AS part, file_row_number AS row, "
            f"source_line FROM {_parts_sql(checked.parts)} WHERE {key} IS NOT NULL), "
            "repeated AS (SELECT k FROM kept GROUP BY k HAVING count(*) > 1) "
            "SELECT part, row, source_line, k FROM kept SEMI JOIN repeated USING (k) "
            "QUALIFY row_number() OVER (PARTITION BY k ORDER BY part, row) > 1"
        )
        _drop_rows(schema.name, checked, found, column.name, Rule.DUPLICATE_ID)


def reject_orphans(
    schema: TableSchema,
    checked: Checked,
    engine: ScanEngine,
    parents: dict[str, list[Path]],
) -> None:
    """Reject rows whose reference (e.g. a person's occurrence) is not in the parent table."""
    for column in schema.columns:
        if column.references is None:
            continue
        table, key = column.references.split(".")
        value = quote(column.name)
        missing = (
            f"NOT EXISTS (SELECT 1 FROM {_parts_sql(parents[table])} p "
            f"WHERE p.{quote(key)} = c.{value})"
            if table in parents
            else "true"
        )
        found = engine.table(
            f"SELECT filename AS part, file_row_number AS row, source_line, {value} AS k "
            f"FROM {_parts_sql(checked.parts)} c WHERE {value} IS NOT NULL AND {missing}"
        )
        _drop_rows(schema.name, checked, found, column.name, Rule.ORPHAN)


def _parts_sql(parts: list[Path]) -> str:
    files = ", ".join(literal(str(p)) for p in parts)
    return f"read_parquet([{files}], filename = true, file_row_number = true)"


def _drop_rows(
    table: str, checked: Checked, found: pa.Table, column: str, rule: Rule
) -> None:
    """Take rows out of their parts; list them, and their other faults, as rejected."""
    if not found.num_rows:
        return
    frame = found.to_pandas()
    for number, path in enumerate(checked.parts):
        rows = frame[frame["part"] == str(path)]
        if rows.empty:
            continue
        _rewrite_without(path, set(rows["row"].astype(int)))
        name = checked.files_names[number]
        checked.files[number].rows_rejected += len(rows)
        checked.rejects[number] = _mark_rejected(
            checked.rejects[number], set(rows["source_line"].astype(int))
        )
        values = [str(v)[:200] for v in rows["k"]]
        checked.rejects[number] = pa.concat_tables(
            [
                checked.rejects[number],
                pa.table(
                    {
                        "table": [table] * len(rows),
                        "file": [name] * len(rows),
                        "line": rows["source_line"].astype("int64").tolist(),
                        "column": [column] * len(rows),
                        "value": values,
                        "rule": [rule.value] * len(rows),
                        "action": [Action.ROW_REJECTED.value] * len(rows),
                    },
                    schema=REJECT_SCHEMA,
                ),
            ]
        )


def _mark_rejected(rejects: pa.Table, lines: set[int]) -> pa.Table:
    """Faults on rows now rejected: their action becomes 'row rejected'."""
    hit = pc.is_in(
        rejects.column("line"), value_set=pa.array(sorted(lines), pa.int64())
    )
    action = pc.if_else(hit, Action.ROW_REJECTED.value, rejects.column("action"))
    return rejects.set_column(REJECT_COLUMNS.index("action"), "action", action)


def _rewrite_without(path: Path, rows: set[int]) -> None:
    """Rewrite a Parquet part without the given row numbers, batch by batch."""
    drop = np.fromiter(rows, np.int64)
    temporary = path.with_suffix(".rewrite")
    source = pq.ParquetFile(path)
    offset = 0
    with pq.ParquetWriter(temporary, source.schema_arrow) as writer:
        for batch in source.iter_batches(batch_size=BATCH_ROWS):
            positions = np.arange(offset, offset + batch.num_rows)
            writer.write_batch(batch.filter(pa.array(~np.isin(positions, drop))))
            offset += batch.num_rows
    source.close()
    os.replace(temporary, path)
