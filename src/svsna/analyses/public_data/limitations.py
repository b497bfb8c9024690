"""Public data: what the data.police.uk files can and cannot show, and their coverage.

The public-data edition opens by saying plainly what is missing compared with
a partnership's own records, then which months were imported (gaps named),
how many rows fell outside the force's own districts, and how many rows are
anti-social behaviour, which is not crime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.area import force_name
from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.months import count_label, missing_months, months_label
from svsna.analyses.core.sql import is_in, month_label_sql
from svsna.analyses.public_data.base import (
    FLAG,
    LIMITATIONS,
    plain_tables,
)
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def coverage(ctx: Context) -> pd.DataFrame:
    """Rows per month: all, the force's own, outside, and anti-social behaviour."""
    columns = ctx.warehouse.columns("occurrences")
    own = f"{FLAG} = 'true'" if FLAG in columns else "district IS NOT NULL"
    not_crime = is_in("group_id", ctx.definition.public_data.not_crime_groups)
    frame = ctx.query(
        f"SELECT {month_label_sql('committed_date')} AS month, COUNT(*) AS rows_imported, "
        f"SUM(CASE WHEN {own} THEN 1 ELSE 0 END) AS own_districts, "
        f"SUM(CASE WHEN {own} THEN 0 ELSE 1 END) AS outside, "
        f"SUM(CASE WHEN {not_crime} THEN 1 ELSE 0 END) AS not_crime "
        f"FROM ({classified_occurrences_sql(ctx.definition)}) c "
        f"GROUP BY {month_label_sql('committed_date')} ORDER BY month"
    )
    counts = ["rows_imported", "own_districts", "outside", "not_crime"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    return frame


def analyse(ctx: Context, heading: Heading) -> Section:
    """The limits of public data, and which months and rows were imported."""
    frame = coverage(ctx)
    months = list(frame["month"])
    missing = missing_months(months)
    force = force_name(ctx)
    summary = [
        f"Data: data.police.uk street-level crime{' of ' + force if force else ''}, "
        f"{count_label(len(months))}: {months_label(months)}"
        + (
            f"; {count_label(len(missing))} missing in between "
            f"({months_label(missing)})."
            if missing
            else "."
        ),
        *LIMITATIONS,
        f"{int(frame['outside'].sum()):,} rows fell outside the force's own districts "
        "(points snapped over the boundary): kept in the data, left out of every "
        "table.",
        f"{int(frame['not_crime'].sum()):,} rows are anti-social behaviour: shown "
        "by month and district, never counted as crime.",
    ]
    tables = [
        Table(
            "puk_coverage", "Rows imported by month",
            frame,
            caption="Every month imported; own = in the force's own districts.",
            count_columns=("rows_imported", "own_districts", "outside", "not_crime"),
        )
    ]
    if missing:
        tables.append(
            Table(
                "puk_missing_months", "Months with no street-level file",
                pd.DataFrame({"month": missing}),
                caption="Between the first and the last month imported.",
            )
        )
    return Section(*heading, summary=tuple(summary), tables=plain_tables(tables))


CHAPTER = Chapter(
    "puk_limitations", "What public data can and cannot show", analyse,
    needs=("occurrences",),
)
