"""Every SQL string the partner chapters run transpiles to Spark SQL.

The partner chapters run over the synthetic partner tables (every optional
partner input present) with a recording warehouse; each statement must parse
as DuckDB, use no function SQLGlot does not know, and come out as Spark SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from partner_helpers import PARTNER_CHAPTERS
from police_fixtures import context
from sql_recorder import assert_spark_sql, recorded_statements

from svsna.synth.partners import write_partner_tables

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context


def test_every_partner_statement_transpiles_to_spark(tmp_path: Path) -> None:
    ctx = every_partner_context(tmp_path)
    statements = recorded_statements(ctx, PARTNER_CHAPTERS)
    assert len(statements) > 20
    for sql in statements:
        assert_spark_sql(sql)


def every_partner_context(tmp_path: Path) -> Context:
    """Every optional partner table (synthetic), over occurrences of six years."""
    write_partner_tables(tmp_path, rng=np.random.default_rng(3))
    occurrences = "occurrence_id,committed_date,offence_code\n" + "\n".join(
        f"o{i},{year}-0{month}-15,8N"
        for i, (year, month) in enumerate(
            (y, m) for y in range(2020, 2026) for m in range(1, 6)
        )
    )
    return context(tmp_path, occurrences=occurrences)
