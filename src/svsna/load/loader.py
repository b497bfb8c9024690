"""Load a data folder: every contract table read, checked and accounted for.

For each table: rows read = rows loaded + rows rejected. A table whose file
cannot be read, or which lacks a required column, is stopped with a clear
problem and the others still load.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from svsna.config import today as default_today
from svsna.contract import CONTRACT, TableSchema
from svsna.errors import SvsnaError
from svsna.load.coordinates import fill_grid_coordinates
from svsna.load.readers import RawFile, find_sources, read_file
from svsna.load.validate import REJECT_COLUMNS, Checked, check_references, check_table

if TYPE_CHECKING:
    from pathlib import Path

#: Files larger than this show a progress bar.
PROGRESS_BYTES = 5_000_000

ProgressFactory = Callable[[str, int], Callable[[int], None]]


@dataclass
class FileRecord:
    """One input file: its hash and rows."""

    path: str
    sha256: str
    rows: int


@dataclass
class TableLoad:
    """What happened to one table."""

    name: str
    files: list[FileRecord]
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    seconds: float
    table: pa.Table | None = None
    extra_columns: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """Everything a load produced: tables, rejects, problems and warnings."""

    data_dir: Path
    tables: dict[str, TableLoad]
    rejects: pd.DataFrame
    problems: list[str]
    warnings: list[str]

    @property
    def exit_code(self) -> int:
        """0 all good, 1 rows rejected, 2 a table unreadable or missing."""
        if self.problems:
            return 2
        return 1 if len(self.rejects) else 0

    def arrow_tables(self) -> dict[str, pa.Table]:
        """The loaded tables, by name."""
        return {n: t.table for n, t in self.tables.items() if t.table is not None}


def load_folder(
    data_dir: Path,
    *,
    today: object = None,
    progress: ProgressFactory | None = None,
) -> LoadResult:
    """Read, check and account for every contract table in ``data_dir``."""
    if not data_dir.is_dir():
        raise SvsnaError(
            f"The data folder {data_dir} does not exist; give the folder that holds "
            "occurrences.csv and persons.csv."
        )
    run_day = today if today is not None else default_today()
    tables: dict[str, TableLoad] = {}
    problems: list[str] = []
    warnings: list[str] = []
    rejects: list[pd.DataFrame] = []
    for schema in CONTRACT.values():
        sources = find_sources(data_dir, schema.name)
        if not sources:
            if schema.required:
                problems.append(
                    f"The required table '{schema.name}' is missing from {data_dir}; "
                    f"add {schema.name}.csv (or .parquet, or a {schema.name}/ folder)."
                )
            continue
        started = time.perf_counter()
        try:
            raws = [_read(path, progress) for path in sources]
            for raw in raws:
                warnings += raw.warnings
            checked = check_table(schema, raws, today=run_day)  # type: ignore[arg-type]
        except SvsnaError as exc:
            problems.append(str(exc))
            continue
        checked = _check_references(schema, checked, tables)
        rejects.append(checked.rejects)
        tables[schema.name] = TableLoad(
            name=schema.name,
            files=[FileRecord(str(r.path), r.sha256, r.rows_read) for r in raws],
            rows_read=checked.rows_read,
            rows_loaded=checked.table.num_rows,
            rows_rejected=checked.rejected_rows,
            seconds=time.perf_counter() - started,
            table=fill_grid_coordinates(checked.table),
            extra_columns=checked.extra_columns,
        )
    all_rejects = (
        pd.concat(rejects, ignore_index=True)
        if rejects
        else pd.DataFrame(columns=REJECT_COLUMNS)
    )
    return LoadResult(data_dir, tables, all_rejects, problems, warnings)


def _read(path: Path, progress: ProgressFactory | None) -> RawFile:
    size = path.stat().st_size
    callback = progress(path.name, size) if progress and size > PROGRESS_BYTES else None
    return read_file(path, progress=callback)


def _check_references(
    schema: TableSchema, checked: Checked, loaded: dict[str, TableLoad]
) -> Checked:
    for column in schema.columns:
        if column.references is None:
            continue
        table, key = column.references.split(".")
        parent = loaded.get(table)
        known = (
            parent.table.column(key).combine_chunks()
            if parent and parent.table is not None
            else pa.array([], pa.string())
        )
        checked = check_references(schema.name, checked, column.name, known)
    return checked
