"""Hand-made places data for the place-chapter tests, loaded as users load theirs.

Tests write a few CSV rows (only the columns they need); this loads them with
:func:`svsna.load.load_folder` into an in-memory warehouse and returns the
:class:`Context` of a run, with every SQL string recorded so that tests can
check that each transpiles to Spark SQL.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd
import sqlglot
from sql_recorder import RecordingWarehouse

from svsna.analyses import make_context
from svsna.config import load_definition
from svsna.load import load_folder

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.config import Definition
    from svsna.results import Section


def load(folder: Path, definition: Definition | None = None, **tables: str) -> Context:
    """Write each table's CSV text (dedented) to ``folder``, load it, return a Context."""
    folder.mkdir(parents=True, exist_ok=True)
    tables.setdefault("persons", "occurrence_id,person_id,role,age\n")
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(textwrap.dedent(text).strip() + "\n")
    loaded = load_folder(folder)
    assert not loaded.problems, loaded.problems
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    warehouse = RecordingWarehouse.in_memory(loaded.arrow_tables())
    return make_context(
        warehouse, definition or load_definition(), frozenset(loaded.tables)
    )


def table(section: Section, table_id: str) -> pd.DataFrame:
    """The data of one table of a section, by id."""
    for candidate in section.tables:
        if candidate.id == table_id:
            return candidate.data
    raise KeyError(f"{table_id} not in {[t.id for t in section.tables]}")


def assert_spark_sql(ctx: Context) -> None:
    """Every SQL string run transpiles from DuckDB to Spark SQL."""
    statements = ctx.warehouse.__dict__.get("statements", [])
    assert statements
    for sql in statements:
        sqlglot.transpile(sql, read="duckdb", write="spark")


def square(x0: float, y0: float, size: float) -> str:
    """WKT of an axis-aligned square (BNG metres), quoted for a CSV cell."""
    x1, y1 = x0 + size, y0 + size
    return f'"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"'
