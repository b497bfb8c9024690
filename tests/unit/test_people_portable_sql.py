"""Every SQL string the people-over-time chapters run transpiles to Spark SQL."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from sql_recorder import RecordingWarehouse, assert_spark_sql, recorded_statements
from test_people_knife_carriers import OCCURRENCES, PERSONS

from svsna.analyses import CHAPTERS, make_context
from svsna.config import load_definition
from svsna.load import load_folder

if TYPE_CHECKING:
    from pathlib import Path


def test_every_statement_transpiles_to_spark(tmp_path: Path) -> None:
    for name, text in (("occurrences", OCCURRENCES), ("persons", PERSONS)):
        (tmp_path / f"{name}.csv").write_text(textwrap.dedent(text).strip() + "\n")
    loaded = load_folder(tmp_path)
    warehouse = RecordingWarehouse.in_memory(loaded.arrow_tables())
    ctx = make_context(warehouse, load_definition(), frozenset(loaded.tables))
    chapters = [CHAPTERS[c] for c in ("reoffending", "knife_carriers", "co_offending")]
    statements = recorded_statements(ctx, chapters)  # type: ignore[arg-type]
    assert len(statements) >= 4
    for sql in statements:
        assert_spark_sql(sql)
