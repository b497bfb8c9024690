"""Atomic, idempotent warehouse builds: the checked tables as Parquet, once for every engine.

A build writes every table (and the derived tables of
:mod:`svsna.warehouse.places`) into a new generation folder beside the
current one, and only when all are written names it in ``catalog.json`` with
one atomic rename (:mod:`svsna.warehouse.catalog`). A load that dies part-way
(killed, bad file, full disk) leaves the previous warehouse untouched; tables
are written from scratch each time, so the same inputs give the same
warehouse. Tables with a required date are split by financial year.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from svsna.contract import CONTRACT, Kind
from svsna.errors import SvsnaError
from svsna.load import REJECT_COLUMNS
from svsna.warehouse.catalog import (
    PARTITION,
    Catalog,
    StoredTable,
    read_catalog,
    table_folder,
)
from svsna.warehouse.derive import CheckedTable, check_name, derived_on
from svsna.warehouse.duckdb_engine import quoted, text

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

_BUILDING = ".building-"


def build_warehouse(
    path: Path,
    tables: Mapping[str, CheckedTable],
    *,
    rejects: pd.DataFrame,
    metadata: dict[str, str],
    year_start_month: int = 4,
) -> Path:
    """Write ``tables`` (plus ``rejects``, derived tables) as the warehouse at ``path``.

    ``path`` is a folder; ``year_start_month`` is the first month of the
    financial years that split the dated tables.
    """
    if path.exists() and not path.is_dir():
        raise SvsnaError(
            f"The warehouse {path} is a file (an older svsna's); give a folder, "
            "or remove the file."
        )
    path.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    generation = f"g-{uuid.uuid4().hex[:12]}"
    staging = path / f"{_BUILDING}{generation}"
    try:
        stored = _write_tables(staging, tables, rejects, metadata, year_start_month)
        os.replace(staging, path / generation)
        _catalog_at(path, generation, stored, dict(metadata)).write()
    except (duckdb.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging, ignore_errors=True)
        raise SvsnaError(
            f"Could not write the warehouse {path} ({exc}); the previous warehouse, if any, "
            "is unchanged. Check the disk has space and the folder is writable."
        ) from exc
    _remove_leftovers(path, keep=generation)
    return path


def adopt_warehouse(staged: Path, path: Path) -> None:
    """Make the warehouse built at ``staged`` the one at ``path``, then remove ``staged``.

    A build writes its warehouse aside and adopts it only once its report is
    in place, so a build killed before then (rendering included) leaves the
    previous report with the previous warehouse. The new generation is moved
    in first and named in ``catalog.json`` last (an atomic rename): until then
    the old catalog, and its generation, stand.
    """
    catalog = read_catalog(staged)
    path.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    os.replace(staged / catalog.generation, path / catalog.generation)
    _catalog_at(path, catalog.generation, catalog.tables, catalog.metadata).write()
    _remove_leftovers(path, keep=catalog.generation)
    shutil.rmtree(staged, ignore_errors=True)


def _catalog_at(
    path: Path, generation: str, tables: Iterable[StoredTable], metadata: dict[str, str]
) -> Catalog:
    """The catalog naming ``generation`` under ``path`` (tables' folders moved with it)."""
    return Catalog(
        path,
        generation,
        tuple(
            StoredTable(t.name, table_folder(path, generation, t.name), t.partitioned)
            for t in tables
        ),
        metadata,
    )


def _write_tables(
    staging: Path,
    tables: Mapping[str, CheckedTable],
    rejects: pd.DataFrame,
    metadata: dict[str, str],
    year_start_month: int,
) -> list[StoredTable]:
    """Write every table into ``staging``; return them as stored."""
    for name in tables:
        check_name(name)
    staging.mkdir()
    stored: list[StoredTable] = []
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = true")
        derived = dict(derived_on(con, tables))
        con.register("__svsna_rejects", _rejects_frame(rejects))
        con.register(
            "__svsna_metadata",
            pd.DataFrame(sorted(metadata.items()), columns=["key", "value"], dtype=str),
        )
        sources = {name: quoted(name) for name in sorted(tables)}
        sources |= {name: f"({sql})" for name, sql in derived.items()}
        sources |= {"rejects": "__svsna_rejects", "load_metadata": "__svsna_metadata"}
        for name, source in sources.items():
            date = _partition_date(name) if name in tables else None
            stored.append(
                _write(con, staging / name, name, source, date, year_start_month)
            )
    return stored


def _write(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    name: str,
    source: str,
    date: str | None,
    year_start_month: int,
) -> StoredTable:
    """One table as Parquet in ``folder``: one file, or a folder per financial year."""
    if date is None:
        folder.mkdir()
        con.execute(
            f"COPY (SELECT * FROM {source}) TO {text(folder / 'part-0.parquet')} "
            "(FORMAT PARQUET)"
        )
        return StoredTable(name, folder, partitioned=False)
    fy = (
        f"CAST(EXTRACT(YEAR FROM {date}) - CASE WHEN EXTRACT(MONTH FROM {date}) "
        f"< {year_start_month} THEN 1 ELSE 0 END AS INTEGER)"
    )
    con.execute(
        f"COPY (SELECT *, COALESCE({fy}, 0) AS {PARTITION} FROM {source}) "
        f"TO {text(folder)} (FORMAT PARQUET, PARTITION_BY ({PARTITION}))"
    )
    if not any(folder.rglob("*.parquet")):
        # No rows, so no year: one empty file keeps the table's columns, in a
        # year folder as the engines expect (a table of headers only is a table).
        empty = folder / f"{PARTITION}=0"
        empty.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"COPY (SELECT * FROM {source} LIMIT 0) "
            f"TO {text(empty / 'part-0.parquet')} (FORMAT PARQUET)"
        )
    return StoredTable(name, folder, partitioned=True)


def _partition_date(name: str) -> str | None:
    """The required date column of a contract table, which splits it by year."""
    schema = CONTRACT.get(name)
    if schema is None:
        return None
    for column in schema.columns:
        if column.required and column.kind in (Kind.DATE, Kind.TIMESTAMP):
            return quoted(column.name)
    return None


def _rejects_frame(rejects: pd.DataFrame) -> pd.DataFrame:
    """The rejects, with the standard columns when there are none at all."""
    if len(rejects.columns):
        return rejects
    return pd.DataFrame({c: pd.Series(dtype=str) for c in REJECT_COLUMNS})


def _remove_leftovers(path: Path, keep: str | None = None) -> None:
    """Remove generations a killed build left, and (after a swap) the old one."""
    current = keep
    if current is None:
        with contextlib.suppress(SvsnaError):
            current = read_catalog(path).generation
    for child in path.iterdir():
        stale = child.name.startswith(_BUILDING) or (
            child.name.startswith("g-") and child.name != current
        )
        if stale and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
