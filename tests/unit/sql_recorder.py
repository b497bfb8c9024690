"""Record the SQL a run executes and check that each statement is portable.

Analyses must write plain SQL that SQLGlot can transpile from DuckDB to Spark.
A :class:`RecordingWarehouse` keeps every statement a run executes, so the
portable-SQL tests can run the chapters over data reaching every code path and
check each statement with :func:`assert_spark_sql`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import ModuleType

    import pandas as pd
    import pyarrow as pa

    from svsna.analyses import Context


class RecordingWarehouse(Warehouse):
    """A warehouse that remembers every SQL string it runs."""

    statements: list[str]

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        self.__dict__.setdefault("statements", []).append(sql)
        return super().query(sql, params)

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        self.__dict__.setdefault("statements", []).append(sql)
        return super().arrow(sql, params)


def recorded_statements(ctx: Context, modules: Iterable[ModuleType]) -> list[str]:
    """The SQL run by analysing each chapter module over ``ctx``.

    ``ctx`` must sit on a :class:`RecordingWarehouse`; statements run before
    (building the context) are dropped. Every chapter must come out available
    and with tables, so that its queries really ran.
    """
    warehouse = ctx.warehouse
    assert isinstance(warehouse, RecordingWarehouse)
    warehouse.statements = []
    for module in modules:
        section = module.run(ctx)
        assert section.available, section.id
        assert section.tables, section.id
    return warehouse.statements


def assert_spark_sql(sql: str) -> None:
    """``sql`` parses as DuckDB and comes out as Spark SQL, engine-neutral.

    A function SQLGlot does not know (``exp.Anonymous``) would pass through
    untranslated: engine-specific, so not allowed; anything SQLGlot cannot
    express in Spark raises.
    """
    unknown = [
        f.name for f in sqlglot.parse_one(sql, read="duckdb").find_all(exp.Anonymous)
    ]
    assert not unknown, (unknown, sql)
    spark = sqlglot.transpile(
        sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE
    )
    assert spark and spark[0].strip(), sql
