"""Analysis SQL, written once in DuckDB's dialect, as each engine needs it.

SQLGlot transpiles the text; the few places where the same words mean
different things on Spark are rewritten here, in one place, so that no chapter
knows which engine runs it:

* ``SUM`` of integers is a 128-bit integer in DuckDB and comes back as a float;
  on Spark it is cast to DOUBLE so that both give the same column.
* ``EXTRACT`` gives BIGINT in DuckDB and INT on Spark: cast to BIGINT.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The dialect analyses write.
SOURCE = "duckdb"


def bind(sql: str, params: Sequence[Any] | None) -> str:
    """``sql`` with each ``?`` replaced by the next parameter as a literal."""
    if not params:
        return sql
    values = iter(params)

    def fill(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Placeholder):
            return cast("exp.Expression", exp.convert(next(values)))
        return node

    return sqlglot.parse_one(sql, read=SOURCE).transform(fill).sql(dialect=SOURCE)


@lru_cache(maxsize=4096)
def transpile(sql: str, dialect: str) -> str:
    """``sql`` (DuckDB) in ``dialect``, with the rewrites that keep results the same."""
    if dialect == SOURCE:
        return sql
    tree = sqlglot.parse_one(sql, read=SOURCE).transform(_same_types)
    return tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)


def _same_types(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Window) and isinstance(node.this, exp.Sum):
        return exp.cast(node, exp.DataType.Type.DOUBLE)
    if isinstance(node, exp.Sum) and not isinstance(node.parent, exp.Window):
        return exp.cast(node, exp.DataType.Type.DOUBLE)
    if isinstance(node, exp.Extract) and not isinstance(node.parent, exp.Cast):
        return exp.cast(node, exp.DataType.Type.BIGINT)
    return node
