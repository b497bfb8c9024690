"""The checked tables side by side in DuckDB, and the tables derived from them at load.

A warehouse built on disk and one built in memory (tests) get the same derived
tables (:mod:`svsna.warehouse.places`) from the same SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import duckdb
import pyarrow as pa

from svsna.errors import SvsnaError
from svsna.warehouse.duckdb_engine import quoted, text
from svsna.warehouse.places import derived_tables

if TYPE_CHECKING:
    from collections.abc import Iterator

#: A checked table: in memory, or the Parquet files the loader wrote (read in order).
CheckedTable: TypeAlias = pa.Table | Sequence[Path]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_name(name: str) -> str:
    """``name`` if it can be a table and folder name on every engine; else an error."""
    if not _NAME.fullmatch(name):
        raise SvsnaError(
            f"'{name}' cannot be a warehouse table name (letters, digits and _ only)."
        )
    return name


def staged(con: duckdb.DuckDBPyConnection, tables: Mapping[str, CheckedTable]) -> None:
    """Make each checked table queryable on ``con`` by its name, without copying."""
    for name, table in tables.items():
        if isinstance(table, pa.Table):
            con.register(check_name(name), table)
        else:
            files = ", ".join(text(p) for p in table)
            con.execute(
                f"CREATE VIEW {quoted(check_name(name))} AS "
                f"SELECT * FROM read_parquet([{files}])"
            )


def derived_on(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, CheckedTable]
) -> Iterator[tuple[str, str]]:
    """Stage ``tables`` on ``con``; yield (name, SQL) of each derived table."""
    staged(con, tables)
    yield from derived_tables(con).items()


def with_derived(tables: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    """``tables`` plus the derived tables, all in memory."""
    with duckdb.connect() as con:
        derived = {
            name: con.execute(sql).fetch_arrow_table()
            for name, sql in derived_on(con, tables)
        }
    return {**tables, **derived}
