"""DuckDB, the default engine: in this process, reading the warehouse's Parquet in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import duckdb

from svsna.warehouse.engine import Engine

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from svsna.warehouse.catalog import StoredTable


def quoted(name: str) -> str:
    """``name`` as a quoted SQL identifier (inner quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def text(value: object) -> str:
    """``value`` as an SQL string literal (inner quotes doubled), e.g. a file path."""
    return "'" + str(value).replace("'", "''") + "'"


class DuckDBEngine(Engine):
    """Tables as views over Parquet (or over Arrow in memory), SQL run by DuckDB."""

    name: ClassVar[str] = "duckdb"
    dialect: ClassVar[str] = "duckdb"

    def __init__(self, connection: duckdb.DuckDBPyConnection | None = None) -> None:
        self._con = connection or duckdb.connect()

    def attach(self, table: StoredTable) -> None:
        """A view reading the table's Parquet files (no copy into memory)."""
        self._con.execute(
            f"CREATE OR REPLACE VIEW {quoted(table.name)} AS SELECT * FROM "
            f"read_parquet({text(table.files_glob())}, hive_partitioning = false)"
        )

    def register(self, name: str, table: pa.Table | pd.DataFrame) -> None:
        """A view over ``table`` in this process's memory."""
        self._con.register(name, table)

    def load(self, name: str, table: pa.Table) -> None:
        """Copy ``table`` into a table of its own (for warehouses built in memory)."""
        self._con.register("__svsna_incoming", table)
        self._con.execute(
            f"CREATE OR REPLACE TABLE {quoted(name)} AS SELECT * FROM __svsna_incoming"
        )
        self._con.unregister("__svsna_incoming")

    def materialise(self, name: str, sql: str) -> None:
        """A temporary table holding the rows of ``sql``."""
        self._con.execute(f"CREATE OR REPLACE TEMP TABLE {quoted(name)} AS {sql}")

    def frame(self, sql: str) -> pd.DataFrame:
        """Rows of ``sql`` as pandas, DuckDB's own conversion."""
        return self._con.execute(sql).df()

    def arrow(self, sql: str) -> pa.Table:
        """Rows of ``sql`` as Arrow."""
        return self._con.execute(sql).fetch_arrow_table()

    def columns(self, name: str) -> list[str] | None:
        """Column names of a table or view, or None."""
        rows = self._con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [name],
        ).fetchall()
        if rows:
            return [r[0] for r in rows]
        registered = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return [] if registered and registered[0] else None

    def close(self) -> None:
        """Close the connection."""
        self._con.close()
