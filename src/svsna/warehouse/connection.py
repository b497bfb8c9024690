"""The warehouse: the only code in svsna that executes SQL, on either engine.

Analyses build SQL in DuckDB's dialect and hand it here; the warehouse
transpiles it for its engine (:mod:`svsna.warehouse.portable`) and returns
result-sized frames. Which engine runs it (DuckDB in this process, or Spark)
is chosen when the warehouse is opened; no analysis knows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svsna.warehouse.catalog import Catalog, read_catalog
from svsna.warehouse.derive import with_derived
from svsna.warehouse.portable import bind, transpile
from svsna.warehouse.settings import EngineSettings, start_engine

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    import pandas as pd
    import pyarrow as pa

    from svsna.warehouse.engine import Engine


class Warehouse:
    """Tables on an engine, queried with analysis SQL (DuckDB's dialect)."""

    def __init__(self, engine: Engine, catalog: Catalog | None = None) -> None:
        self._engine = engine
        self._catalog = catalog

    @classmethod
    def open(cls, path: Path, *, engine: EngineSettings | None = None) -> Warehouse:
        """Open the warehouse built at ``path`` on ``engine`` (DuckDB by default)."""
        catalog = read_catalog(path)
        running = start_engine(engine or EngineSettings())
        for table in catalog.tables:
            running.attach(table)
        return cls(running, catalog)

    @classmethod
    def in_memory(
        cls,
        tables: Mapping[str, pa.Table],
        *,
        engine: EngineSettings | Engine | None = None,
    ) -> Warehouse:
        """A throwaway warehouse holding ``tables`` (for tests and small runs).

        The tables get the same derived tables (places of points) as a built
        warehouse.
        """
        running = (
            engine
            if engine is not None and not isinstance(engine, EngineSettings)
            else start_engine(engine or EngineSettings())
        )
        for name, table in with_derived(tables).items():
            running.load(name, table)
        return cls(running)

    @property
    def engine(self) -> str:
        """The name of the engine running this warehouse's SQL."""
        return self._engine.name

    def close(self) -> None:
        """Let go of the engine's tables and connections."""
        self._engine.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sql(self, sql: str, params: list[Any] | None = None) -> str:
        """``sql`` as this warehouse's engine runs it."""
        return transpile(bind(sql, params), self._engine.dialect)

    def has_table(self, name: str) -> bool:
        """Whether ``name`` is a table (or registered view)."""
        return self._engine.columns(name) is not None

    def columns(self, name: str) -> list[str]:
        """Column names of a table (empty when there is no such table)."""
        return self._engine.columns(name) or []

    def register(self, name: str, table: pa.Table | pd.DataFrame) -> None:
        """Make a small lookup (e.g. the offence-code map) queryable as ``name``."""
        self._engine.register(name, table)

    def materialise(self, name: str, sql: str) -> None:
        """Keep the rows of ``sql`` as ``name`` on the engine, without fetching them."""
        self._engine.materialise(name, self.sql(sql))

    def store(self, name: str, table: pa.Table) -> None:
        """Keep ``table`` in the warehouse as ``name`` (replacing it): a derived table.

        Only build stages that derive private tables (the linkage) call this;
        chapters only read. A built warehouse gains it as Parquet beside its
        other tables (named in its catalog, so a later open sees it); one in
        memory holds it on its engine.
        """
        if self._catalog is None:
            self._engine.load(name, table)
            return
        self._catalog = self._catalog.with_table(name, table)
        self._engine.attach(self._catalog.table(name))

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run one SELECT and return its rows as a DataFrame."""
        return self._engine.frame(self.sql(sql, params))

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """Run one SELECT and return its rows as an Arrow table."""
        return self._engine.arrow(self.sql(sql, params))

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run a query returning a single value."""
        table = self.arrow(sql, params)
        return table.column(0)[0].as_py() if table.num_rows else None
