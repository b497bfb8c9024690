"""What an engine does for the warehouse: hold tables and run SQL in its own dialect.

The warehouse (:class:`svsna.warehouse.Warehouse`) is written once; an engine
is the small part that differs between DuckDB (in this process) and Spark (a
cluster, or ``local[*]``). Analyses never see an engine: they send SQL to the
warehouse, which transpiles it to the engine's dialect.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from svsna.warehouse.catalog import StoredTable


class Engine(ABC):
    """An engine: tables by name, SQL in ``dialect``, results as pandas or Arrow."""

    #: The name users give on the command line (``--engine``).
    name: ClassVar[str]
    #: The SQLGlot dialect its SQL is written in.
    dialect: ClassVar[str]

    @abstractmethod
    def attach(self, table: StoredTable) -> None:
        """Make a table of the warehouse's Parquet folder queryable by its name."""

    @abstractmethod
    def register(self, name: str, table: pa.Table) -> None:
        """Make a small table held in memory queryable as ``name`` (replacing any)."""

    @abstractmethod
    def load(self, name: str, table: pa.Table) -> None:
        """Hold ``table`` (a checked table built in memory) as ``name``."""

    @abstractmethod
    def materialise(self, name: str, sql: str) -> None:
        """Keep the rows of ``sql`` as ``name`` on the engine; none come back."""

    @abstractmethod
    def frame(self, sql: str) -> pd.DataFrame:
        """Run one SELECT and return its rows as a DataFrame."""

    @abstractmethod
    def arrow(self, sql: str) -> pa.Table:
        """Run one SELECT and return its rows as an Arrow table."""

    @abstractmethod
    def columns(self, name: str) -> list[str] | None:
        """Column names of table ``name`` in order; None when there is no such table."""

    @abstractmethod
    def close(self) -> None:
        """Let go of the tables and connections this engine holds."""
