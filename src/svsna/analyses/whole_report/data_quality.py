"""Data quality: how complete the police data are, and what could not be used.

Partnership data are never perfect (the reference SNA notes 31% of suspect
ethnicity not recorded). Showing completeness next to the findings lets a
reader judge them; nothing rejected or unrecognised is hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import canonical_code_sql, classified_occurrences_sql
from svsna.analyses.core.figures import pct
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

#: (table, column, what a gap means) checked for completeness.
COMPLETENESS = (
    ("occurrences", "committed_time", "time of day"),
    ("occurrences", "district", "district"),
    ("occurrences", "neighbourhood", "neighbourhood"),
    ("occurrences", "lsoa_code", "LSOA"),
    ("occurrences", "location_type", "location type"),
    ("occurrences", "outcome_code", "outcome"),
    ("occurrences", "knife_flag", "knife flag"),
    ("occurrences", "alcohol_flag", "alcohol qualifier"),
    ("occurrences", "drugs_flag", "drugs qualifier"),
    ("persons", "age", "age"),
    ("persons", "sex", "sex"),
    ("persons", "ethnicity", "ethnicity"),
)


def _completeness(ctx: Context) -> pd.DataFrame:
    parts = []
    for table, column, meaning in COMPLETENESS:
        if not ctx.has(table) or column not in ctx.warehouse.columns(table):
            continue
        not_stated = f" AND {column} <> 'NS'" if column == "ethnicity" else ""
        parts.append(
            f"SELECT '{table}' AS input_table, '{meaning}' AS field, COUNT(*) AS records, "
            f"SUM(CASE WHEN {column} IS NOT NULL{not_stated} THEN 1 ELSE 0 END) AS recorded "
            f"FROM {table}"
        )
    if ctx.has("occurrences"):
        parts.append(
            "SELECT 'occurrences' AS input_table, 'location (coordinates)' AS field, "
            "COUNT(*) AS records, SUM(CASE WHEN (easting IS NOT NULL AND northing IS NOT "
            "NULL) OR (latitude IS NOT NULL AND longitude IS NOT NULL) THEN 1 ELSE 0 END) "
            "AS recorded FROM occurrences"
        )
    if not parts:
        return pd.DataFrame(
            columns=["input_table", "field", "records", "recorded", "pct"]
        )
    frame = ctx.query(" UNION ALL ".join(parts))
    frame["recorded"] = frame["recorded"].fillna(0).astype(int)
    frame["pct"] = pct(frame["recorded"], frame["records"])
    return frame


def analyse(ctx: Context, heading: Heading) -> Section:
    """Completeness of key fields, unrecognised offence codes and rejected rows."""
    tables = [
        Table(
            id="dq_completeness", title="Completeness of key fields",
            data=_completeness(ctx),
            caption="Share of records in which each field is recorded.",
            count_columns=("records", "recorded"),
            derived_columns={"pct": ("recorded", "records")},
        )
    ]
    summary: list[str] = []
    for listed in (_unrecognised(ctx), _rejected(ctx)):
        if listed is not None:
            table, sentence = listed
            tables.append(table)
            summary += [sentence] if sentence else []
    return Section(
        *heading,
        summary=tuple(summary),
        tables=tuple(tables),
    )


def _unrecognised(ctx: Context) -> tuple[Table, str] | None:
    """Offence codes the definition does not know, with a sentence when there are any.

    They are counted under 'other', so a reader needs to see them to judge
    whether the definition should name them.
    """
    if not ctx.has("occurrences"):
        return None
    code = canonical_code_sql("offence_code")
    unknown = ctx.query(
        f"SELECT {code} AS code, COUNT(*) AS occurrences "
        f"FROM ({classified_occurrences_sql(ctx.definition)}) c "
        f"WHERE group_id = 'other' GROUP BY {code} "
        "ORDER BY occurrences DESC, code"
    )
    table = Table(
        id="dq_unrecognised_codes",
        title="Offence codes not recognised by the definition",
        data=unknown,
        caption="Counted under 'other'; add them to the definition if they matter.",
        count_columns=("occurrences",),
    )
    return table, (
        f"{len(unknown)} offence code(s) in {int(unknown['occurrences'].sum()):,} "
        "occurrences are not in the definition and were counted as 'other'."
        if len(unknown)
        else ""
    )


def _rejected(ctx: Context) -> tuple[Table, str]:
    """Rejected input values by table and rule, with a sentence when there are any.

    Every crime counts: what the contract turned away is shown, never hidden.
    """
    rejects = (
        ctx.query(
            'SELECT "table" AS input_table, rule, COUNT(*) AS rejected_values FROM rejects '
            'GROUP BY "table", rule ORDER BY input_table, rule'
        )
        if ctx.warehouse.has_table("rejects")
        else pd.DataFrame()
    )
    sentence = (
        f"{int(rejects['rejected_values'].sum()):,} input value(s) broke a rule of the data "
        "contract; their rows were left out and are listed in rejects.csv."
        if len(rejects)
        else ""
    )
    return Table(
        id="dq_rejects", title="Input values rejected, by table and rule", data=rejects,
        caption="Each rejected row is listed with its file, line and column in rejects.csv.",
        count_columns=("rejected_values",),
    ), sentence


CHAPTER = Chapter("data_quality", "Data quality", analyse)
