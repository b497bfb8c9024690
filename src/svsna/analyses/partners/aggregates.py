"""Partner tables that arrive already counted: one row per year, authority and category.

School exclusions and children's social care are sent as counts, not records
(a ``count`` column), with their own year labels (academic or financial
years as text). Both are read the same way: the counts summed by year and
the chapter's columns, over the report's last years present.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.partners.base import label_years

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context


def aggregate_counts(
    ctx: Context, table: str, year_sql: str, columns: dict[str, str]
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """``count`` of ``table`` summed by year and ``columns``, in the report's years.

    ``columns`` maps each output column to its SQL expression; ``year_sql``
    gives a row's year label. The years are the last
    ``report_period.years`` labels present, oldest first, and only their rows
    are kept.
    """
    named = ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
    raw = ctx.query(
        f"SELECT {year_sql} AS year, {named}, SUM(count) AS count FROM {table} "
        f"GROUP BY {year_sql}, {', '.join(columns.values())}"
    )
    raw["count"] = raw["count"].astype("int64")
    years = label_years(raw["year"], ctx.definition.report_period.years)
    return raw[raw["year"].isin(years)], years
