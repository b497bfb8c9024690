"""Atomic, idempotent warehouse builds.

A build writes every table into a new DuckDB file beside the target and swaps
it in with an atomic rename only when complete, so a load that dies part-way
(killed, bad file, full disk) leaves the previous warehouse untouched. Tables
are created from scratch each time, so loading the same inputs twice gives the
same warehouse.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import duckdb
import pyarrow as pa

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    import pandas as pd

#: A checked table: in memory, or the Parquet parts the loader wrote (read in order).
CheckedTable: TypeAlias = pa.Table | Sequence[Path]


def build_warehouse(
    path: Path,
    tables: Mapping[str, CheckedTable],
    *,
    rejects: pd.DataFrame,
    metadata: dict[str, str],
) -> Path:
    """Write ``tables`` (plus ``rejects`` and a ``load_metadata`` table) to ``path`` atomically.

    Parquet parts are read by DuckDB straight from disk, so a national table
    is never held in Python's memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.building")
    for leftover in path.parent.glob(f".{path.name}.*.building*"):
        leftover.unlink(missing_ok=True)  # left by a build that was killed
    try:
        con = duckdb.connect(str(staging))
        try:
            for name in sorted(tables):
                _create(con, name, tables[name])
            con.register("__rejects", rejects)
            con.execute("CREATE TABLE rejects AS SELECT * FROM __rejects")
            con.unregister("__rejects")
            con.execute("CREATE TABLE load_metadata (key VARCHAR, value VARCHAR)")
            if metadata:
                con.executemany(
                    "INSERT INTO load_metadata VALUES (?, ?)", sorted(metadata.items())
                )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(staging, path)
    except (duckdb.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            staging.unlink(missing_ok=True)
        raise SvsnaError(
            f"Could not write the warehouse {path} ({exc}); the previous warehouse, if any, "
            "is unchanged. Check the disk has space and the folder is writable."
        ) from exc
    return path


def _create(con: duckdb.DuckDBPyConnection, name: str, table: CheckedTable) -> None:
    if isinstance(table, pa.Table):
        con.register("__incoming", table)
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM __incoming')
        con.unregister("__incoming")
        return
    files = [str(p) for p in table]
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [files])
