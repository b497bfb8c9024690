"""The warehouse: one DuckDB file, and the only code in svsna that executes SQL.

Analyses build SQL (kept to what SQLGlot transpiles to Spark SQL) and hand it
here; DuckDB-specific calls (extensions, Arrow registration) stay in this
package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import duckdb

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    import pyarrow as pa


class Warehouse:
    """A read-only (or in-memory) DuckDB warehouse that runs analysis SQL."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._con = connection

    @classmethod
    def open(cls, path: Path, *, writable: bool = False) -> Warehouse:
        """Open an existing warehouse file, read-only unless a build stage adds to it."""
        if not path.is_file():
            raise SvsnaError(f"No warehouse at {path}; run 'svsna build' to create it.")
        return cls(duckdb.connect(str(path), read_only=not writable))

    @classmethod
    def in_memory(cls, tables: dict[str, pa.Table]) -> Warehouse:
        """A throwaway warehouse holding ``tables`` (for tests and small runs)."""
        con = duckdb.connect()
        for name, table in tables.items():
            con.register(f"__arrow_{name}", table)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "__arrow_{name}"')
            con.unregister(f"__arrow_{name}")
        return cls(con)

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_table(self, name: str) -> bool:
        """Whether ``name`` is a table (or registered view) with at least its schema."""
        rows = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
            [name],
        ).fetchone()
        return bool(rows and rows[0])

    def columns(self, name: str) -> list[str]:
        """Column names of a table."""
        rows = self._con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [name],
        ).fetchall()
        return [r[0] for r in rows]

    def enable_spatial(self) -> None:
        """Make the ST_ functions (ST_Point, ST_Intersects, ...) available to SQL.

        Loads the DuckDB spatial extension shipped as a package (no download);
        loading it twice is harmless.
        """
        from svsna.warehouse.spatial import load_spatial

        load_spatial(self._con)

    def register(self, name: str, table: pa.Table | pd.DataFrame) -> None:
        """Make a small lookup (e.g. the offence-code map) queryable as ``name``."""
        self._con.register(name, table)

    def store(self, name: str, table: pa.Table) -> None:
        """Keep ``table`` in the warehouse as ``name`` (replacing it): a derived table.

        Only build stages that derive private tables (the linkage) call this,
        on a writable warehouse; chapters only read.
        """
        self._con.register("__incoming", table)
        try:
            self._con.execute(
                f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM __incoming'
            )
        finally:
            self._con.unregister("__incoming")

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run one SELECT and return its rows as a DataFrame."""
        return self._con.execute(sql, params or []).df()

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """Run one SELECT and return its rows as an Arrow table."""
        result = self._con.execute(sql, params or [])
        return result.fetch_arrow_table()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run a query returning a single value."""
        row = self._con.execute(sql, params or []).fetchone()
        return None if row is None else row[0]
