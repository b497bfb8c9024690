"""Every SQL string the partner chapters run transpiles to Spark SQL.

The partner chapters run over the synthetic partner tables (every optional
partner input present) with a recording warehouse; each statement must parse
as DuckDB, use no function SQLGlot does not know, and come out as Spark SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import sqlglot
from police_fixtures import RecordingWarehouse, context
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from svsna.analyses import (
    ch12_national_context,
    ch13_ambulance,
    ch13_health,
    ch13_hidden_violence,
    ch14_fire,
    ch15_youth_justice,
    ch16_probation,
    ch17_schools,
    ch18_social_care,
    ch19_neet,
)
from svsna.synth.partners import write_partner_tables

if TYPE_CHECKING:
    from pathlib import Path

MODULES = (
    ch12_national_context,
    ch13_health,
    ch13_ambulance,
    ch13_hidden_violence,
    ch14_fire,
    ch15_youth_justice,
    ch16_probation,
    ch17_schools,
    ch18_social_care,
    ch19_neet,
)


def test_every_partner_statement_transpiles_to_spark(tmp_path: Path) -> None:
    write_partner_tables(tmp_path, rng=np.random.default_rng(3))
    occurrences = "occurrence_id,committed_date,offence_code\n" + "\n".join(
        f"o{i},{year}-0{month}-15,8N"
        for i, (year, month) in enumerate(
            (y, m) for y in range(2020, 2026) for m in range(1, 6)
        )
    )
    ctx = context(tmp_path, occurrences=occurrences)
    warehouse = ctx.warehouse
    assert isinstance(warehouse, RecordingWarehouse)
    warehouse.statements = []
    for module in MODULES:
        section = module.analyse(ctx)
        assert section.available, section.id
        assert section.tables, section.id
    assert len(warehouse.statements) > 20
    for sql in warehouse.statements:
        unknown = [
            f.name
            for f in sqlglot.parse_one(sql, read="duckdb").find_all(exp.Anonymous)
        ]
        assert not unknown, (unknown, sql)
        spark = sqlglot.transpile(
            sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE
        )
        assert spark and spark[0].strip(), sql
