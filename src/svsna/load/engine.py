"""The loader's DuckDB session: where input files are scanned and the rules run as SQL.

Why DuckDB below the warehouse: checking every value of a national extract in
Python, row by row, takes far longer than reading it. DuckDB reads CSV and
Parquet in parallel, streams the result, and evaluates every contract rule
as a SQL expression over the raw text (``svsna.load.checks`` writes them), so
a load runs near the speed of a plain scan and never holds a whole input in
memory. This is the only loader module that imports DuckDB (an import-linter
contract in ``pyproject.toml`` says so); it holds no tables of its own, only
streams, and spills to ``work_dir`` when a query needs more memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from pathlib import Path

    import pyarrow as pa

#: Rows per Arrow batch streamed out of a query.
BATCH_ROWS = 500_000


class EngineError(Exception):
    """A query failed (an unreadable file, usually); the message is DuckDB's."""


class ScanEngine:
    """A DuckDB connection for one load: run a query, stream its rows as Arrow batches."""

    def __init__(self, work_dir: Path, *, memory_limit: str = "1GB") -> None:
        spill = work_dir / "spill"
        spill.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(
            config={
                "memory_limit": memory_limit,
                "temp_directory": str(spill),
                "preserve_insertion_order": True,
            }
        )
        self._con.execute("SET enable_progress_bar = false")

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def __enter__(self) -> ScanEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def batches(self, sql: str, rows: int = BATCH_ROWS) -> pa.RecordBatchReader:
        """Stream the rows of ``sql``, in order, as Arrow record batches."""
        try:
            return self._con.execute(sql).fetch_record_batch(rows)
        except duckdb.Error as exc:
            raise EngineError(_first_line(exc)) from exc

    def table(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """All rows of a (small) result as one Arrow table."""
        try:
            return self._con.execute(sql, params or []).fetch_arrow_table()
        except duckdb.Error as exc:
            raise EngineError(_first_line(exc)) from exc

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """All rows of a (small) result as tuples."""
        try:
            return self._con.execute(sql, params or []).fetchall()
        except duckdb.Error as exc:
            raise EngineError(_first_line(exc)) from exc

    def run(self, sql: str) -> None:
        """Run a statement that returns nothing (DROP, SET)."""
        try:
            self._con.execute(sql)
        except duckdb.Error as exc:
            raise EngineError(_first_line(exc)) from exc

    def register(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table queryable as ``name`` (no copy)."""
        self._con.register(name, table)

    def unregister(self, name: str) -> None:
        """Forget a table registered with :meth:`register`."""
        self._con.unregister(name)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


__all__ = ["BATCH_ROWS", "EngineError", "ScanEngine"]
