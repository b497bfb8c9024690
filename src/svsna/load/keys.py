"""Identifiers across rows: a repeated id, or a reference to a row that is not there.

These rules need a whole table (or two), so they run after the table's
checked rows are written: a query over the Parquet parts finds the rows, and
they are taken out of their parts and listed as rejected (with any other
fault of theirs, whose action becomes ``row rejected``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from svsna.load.checks import literal, quote
from svsna.load.engine import BATCH_ROWS
from svsna.load.rules import Action, Rule
from svsna.load.validate import PART_OPTIONS, REJECT_COLUMNS, REJECT_SCHEMA

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.contract import TableSchema
    from svsna.load.engine import ScanEngine
    from svsna.load.validate import Checked


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
            f"source_file, source_line FROM {_parts_sql(checked.parts)} "
            f"WHERE {key} IS NOT NULL), "
            "repeated AS (SELECT k FROM kept GROUP BY k HAVING count(*) > 1) "
            "SELECT part, row, source_file, source_line, k FROM kept SEMI JOIN repeated "
            "USING (k) QUALIFY row_number() OVER (PARTITION BY k ORDER BY part, row) > 1"
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
            "SELECT filename AS part, file_row_number AS row, source_file, source_line, "
            f"{value} AS k FROM {_parts_sql(checked.parts)} c "
            f"WHERE {value} IS NOT NULL AND {missing}"
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
    checked.rows_rejected += found.num_rows
    for number, path in enumerate(checked.parts):
        rows = found.filter(pc.equal(found.column("part"), str(path)))
        if not rows.num_rows:
            continue
        _rewrite_without(path, rows.column("row").to_numpy())
        lines = rows.select(["source_file", "source_line"])
        count = rows.num_rows
        listed = pa.table(
            [
                pa.array([table] * count, pa.string()),
                rows.column("source_file"),
                rows.column("source_line"),
                pa.array([column] * count, pa.string()),
                pc.utf8_slice_codeunits(rows.column("k").cast(pa.string()), 0, 200),
                pa.array([rule.value] * count, pa.string()),
                pa.array([Action.ROW_REJECTED.value] * count, pa.string()),
            ],
            schema=REJECT_SCHEMA,
        )
        marked = _mark_rejected(checked.rejects[number], lines)
        checked.rejects[number] = pa.concat_tables([marked, listed])


def _mark_rejected(rejects: pa.Table, rows: pa.Table) -> pa.Table:
    """Faults on rows now rejected: their action becomes 'row rejected'."""
    keys = pc.binary_join_element_wise(
        rejects.column("file"), rejects.column("line").cast(pa.string()), "\n"
    )
    gone = pc.binary_join_element_wise(
        rows.column("source_file"), rows.column("source_line").cast(pa.string()), "\n"
    )
    hit = pc.is_in(keys, value_set=gone)
    action = pc.if_else(hit, Action.ROW_REJECTED.value, rejects.column("action"))
    return rejects.set_column(REJECT_COLUMNS.index("action"), "action", action)


def _rewrite_without(path: Path, rows: np.ndarray) -> None:
    """Rewrite a Parquet part without the given row numbers, batch by batch."""
    temporary = path.with_suffix(".rewrite")
    source = pq.ParquetFile(path)
    offset = 0
    with pq.ParquetWriter(temporary, source.schema_arrow, **PART_OPTIONS) as writer:
        for batch in source.iter_batches(batch_size=BATCH_ROWS):
            positions = np.arange(offset, offset + batch.num_rows)
            writer.write_batch(batch.filter(pa.array(~np.isin(positions, rows))))
            offset += batch.num_rows
    source.close()
    os.replace(temporary, path)
