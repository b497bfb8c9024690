"""Every SQL string the police chapters run transpiles to Spark SQL.

A recording warehouse keeps each statement of a run over data that reaches
every code path (all optional police tables present); each must parse as
DuckDB and come out as Spark SQL without error. A DuckDB-only function would
fail to parse, be an unknown (anonymous) function, or fail here with
``unsupported``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import POLICE_CHAPTERS, context, filler
from sql_recorder import assert_spark_sql, recorded_statements

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context


def test_every_statement_transpiles_to_spark(tmp_path: Path) -> None:
    ctx = every_path_context(tmp_path)
    statements = recorded_statements(ctx, POLICE_CHAPTERS)
    assert len(statements) > 20
    for sql in statements:
        assert_spark_sql(sql)


def every_path_context(tmp_path: Path) -> Context:
    """Police data reaching every code path: all optional police tables present."""
    header = "occurrence_id,committed_date,committed_time,offence_code,district"
    occurrences = f"""{header},knife_flag,outcome_code
A,2024-04-01,23:30,5D,Derby,yes,1
B,2024-05-01,,34B,,,18
{filler(7)}
"""
    persons = """occurrence_id,person_id,role,age,sex,ethnicity,relationship,warning_markers
A,P1,victim,17,male,,,
A,P2,offender,30,male,W1,stranger,weapons
B,P1,suspect,17,male,,acquaintance,
"""
    stop_search = """Type,Date,Age range,Object of search,Outcome linked to object of search
Person search,2024-05-01T10:00:00+00:00,10-17,Offensive weapons,True
"""
    districts = "district,population,authority\nDerby,260000,city\n"
    return context(
        tmp_path,
        occurrences=occurrences,
        persons=persons,
        stop_search=stop_search,
        districts=districts,
    )
