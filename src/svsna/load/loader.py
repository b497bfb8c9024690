"""Load a data folder: every contract table read, checked and accounted for.

For each table: rows read = rows loaded + rows rejected, and the values set
to unknown are counted. Checked tables are written as Parquet parts (one per
input file) in a work folder, which the warehouse then reads; no stage holds
a whole input in memory. A table whose file cannot be read, or which lacks a
required column, is stopped with one clear problem and the others still load.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from svsna.config import today as default_today
from svsna.contract import CONTRACT, TableSchema
from svsna.errors import SvsnaError
from svsna.load.engine import ScanEngine
from svsna.load.keys import reject_duplicates, reject_orphans
from svsna.load.readers import find_sources
from svsna.load.rules import Action
from svsna.load.sources import Source, open_source
from svsna.load.validate import REJECT_COLUMNS, REJECT_SCHEMA, Checked, check_table

if TYPE_CHECKING:
    import pandas as pd

#: Files larger than this show a progress bar.
PROGRESS_BYTES = 5_000_000

ProgressFactory = Callable[[str, int], Callable[[int], None]]


class WorkFolder:
    """A temporary folder for checked tables, removed once nothing refers to it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(tempfile.mkdtemp(prefix="svsna-load-"))
        if path is None:
            weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)


@dataclass
class FileRecord:
    """One input file: its hash and data rows."""

    path: str
    sha256: str
    rows: int


@dataclass
class TableLoad:
    """What happened to one table, and where its checked rows are (Parquet parts)."""

    name: str
    files: list[FileRecord]
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    seconds: float
    parts: list[Path] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    values_set_to_unknown: int = 0
    work: WorkFolder | None = field(default=None, repr=False)

    @property
    def table(self) -> pa.Table:
        """The checked rows as one Arrow table (read from the parts; for small tables)."""
        return pa.concat_tables([pq.read_table(p) for p in self.parts])


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
        """0 all good, 1 values rejected or set to unknown, 2 a table unreadable or missing."""
        if self.problems:
            return 2
        return 1 if len(self.rejects) else 0

    def checked_tables(self) -> dict[str, list[Path]]:
        """Each loaded table's Parquet parts, in order: what the warehouse reads."""
        return {name: t.parts for name, t in self.tables.items()}

    def arrow_tables(self) -> dict[str, pa.Table]:
        """The loaded tables, by name, in memory (for tests and small areas)."""
        return {name: t.table for name, t in self.tables.items()}


def load_folder(
    data_dir: Path,
    *,
    today: object = None,
    progress: ProgressFactory | None = None,
    work_dir: Path | None = None,
) -> LoadResult:
    """Read, check and account for every contract table in ``data_dir``.

    Checked tables go to ``work_dir`` (default: a temporary folder removed
    when the result is no longer used).
    """
    if not data_dir.is_dir():
        raise SvsnaError(
            f"The data folder {data_dir} does not exist; give the folder that holds "
            "occurrences.csv and persons.csv."
        )
    work = WorkFolder(work_dir)
    run_day = today if today is not None else default_today()
    tables: dict[str, TableLoad] = {}
    problems: list[str] = []
    warnings: list[str] = []
    rejects: list[pa.Table] = []
    with ScanEngine(work.path) as engine:
        for schema in CONTRACT.values():
            paths = find_sources(data_dir, schema.name)
            if not paths:
                if schema.required:
                    problems.append(
                        f"The required table '{schema.name}' is missing from {data_dir}; "
                        f"add {schema.name}.csv (or .parquet, or a {schema.name}/ folder)."
                    )
                continue
            started = time.perf_counter()
            try:
                checked, opened = _load_table(
                    schema, paths, engine, work, tables, run_day, progress
                )
            except SvsnaError as exc:
                problems.append(str(exc))
                continue
            warnings += [w for s in opened for w in s.warnings]
            warnings += [
                f"{s.path.name} is empty; it adds no rows to '{schema.name}'."
                for s in opened
                if s.kind == "empty"
            ]
            table_rejects = pa.concat_tables(
                [REJECT_SCHEMA.empty_table(), *checked.rejects]
            )
            rejects.append(table_rejects)
            tables[schema.name] = _table_load(
                schema.name,
                opened,
                checked,
                table_rejects,
                time.perf_counter() - started,
                work,
            )
    frame = pa.concat_tables([REJECT_SCHEMA.empty_table(), *rejects]).to_pandas()
    return LoadResult(data_dir, tables, frame[REJECT_COLUMNS], problems, warnings)


def _load_table(
    schema: TableSchema,
    paths: list[Path],
    engine: ScanEngine,
    work: WorkFolder,
    loaded: dict[str, TableLoad],
    today: object,
    progress: ProgressFactory | None,
) -> tuple[Checked, list[Source]]:
    opened = [open_source(path, engine, work.path) for path in paths]
    checked = check_table(
        schema,
        opened,
        engine,
        work.path / "tables" / schema.name,
        today=today,  # type: ignore[arg-type]
        bar=None if progress is None else _bar(progress),
    )
    reject_duplicates(schema, checked, engine)
    reject_orphans(schema, checked, engine, {n: t.parts for n, t in loaded.items()})
    return checked, opened


def _table_load(
    name: str,
    opened: list[Source],
    checked: Checked,
    rejects: pa.Table,
    seconds: float,
    work: WorkFolder,
) -> TableLoad:
    unknown = pc.sum(
        pc.equal(rejects.column("action"), Action.VALUE_SET_TO_UNKNOWN.value).cast(
            pa.int64()
        )
    ).as_py()
    return TableLoad(
        name=name,
        files=[FileRecord(str(s.path), s.sha256, s.rows_read) for s in opened],
        rows_read=checked.rows_read,
        rows_loaded=checked.rows_read - checked.rows_rejected,
        rows_rejected=checked.rows_rejected,
        seconds=seconds,
        parts=checked.parts,
        extra_columns=checked.extra_columns,
        values_set_to_unknown=int(unknown or 0),
        work=work,
    )


def _bar(
    progress: ProgressFactory,
) -> Callable[[str, int], Callable[[int], None] | None]:
    """A progress bar for reads of more than :data:`PROGRESS_BYTES`."""

    def make(label: str, size: int) -> Callable[[int], None] | None:
        return progress(label, size) if size > PROGRESS_BYTES else None

    return make
