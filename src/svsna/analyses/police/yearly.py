"""The yearly serious-violence counts that chapters 3, 4 and 7 all build on.

``sv_yearly`` (by group and year, with the young-person counts) and
``by_district`` are shared by the chapters so that none imports another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.figures import complete, total_rows
from svsna.analyses.core.sql import (
    TOTAL,
    UNKNOWN,
    district_sql,
    period_sv_sql,
    sv_families_in_period,
)
from svsna.analyses.police.people import young_counts_sql
from svsna.results import Margin, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

SV, KNIFE = "serious violence", "knife crime"
COUNTS = ("all", "victims_18_under", "suspects_18_under")


def yearly_caption(ctx: Context) -> str:
    """Caption of the yearly tables (chapters 3 and 7): what '18 and under' counts."""
    return (
        "Occurrences; 18 and under = at least one victim (or suspect) "
        f"aged {ctx.definition.young_person_max_age} or under."
    )


def yearly_table(
    ctx: Context,
    table_id: str,
    title: str,
    yearly: pd.DataFrame,
    *,
    fixed_form: bool = False,
    margins: tuple[Margin, ...] = (),
) -> Table:
    """A table of :func:`sv_yearly`'s rows: its caption, counts and total rows.

    Chapter 3 prints every row and chapter 7 the knife-crime rows again; the
    same words and the same declared counts wherever they are printed.
    """
    return Table(
        table_id,
        title,
        yearly,
        caption=yearly_caption(ctx),
        count_columns=COUNTS,
        total_rows=total_rows(yearly, "group", TOTAL),
        fixed_form=fixed_form,
        margins=margins,
    )


def yearly_row(measure: str, group: str = TOTAL) -> Margin:
    """A table whose counts add up, year by year, to one row of ``sv_yearly``.

    Declared so that the public edition protects a table's cells together
    with the ``sv_yearly`` count (column ``all``) they add up to.
    """
    return Margin(
        "sv_yearly",
        by=("year",),
        total_column="all",
        at={"measure": measure, "group": group},
    )


def sv_yearly(ctx: Context, occurrences: str | None = None) -> pd.DataFrame:
    """The fixed-form ``sv_yearly`` table (measure, group, year, three counts).

    ``occurrences`` is the SQL of the report period's serious violence
    (default: classified afresh).
    """
    sql = young_counts_sql(
        occurrences or period_sv_sql(ctx),
        ctx.definition.young_person_max_age,
        ("fy", "family", "is_knife"),
    )
    raw = ctx.query(sql).rename(
        columns={
            "fy": "year",
            "family": "group",
            "n_all": "all",
            "n_victims": "victims_18_under",
            "n_suspects": "suspects_18_under",
        }
    )
    families = sv_families_in_period(ctx)
    parts = []
    for measure, rows in ((SV, raw), (KNIFE, raw[raw["is_knife"].astype(bool)])):
        by_group = rows.groupby(["group", "year"], as_index=False)[list(COUNTS)].sum()
        totals = rows.groupby("year", as_index=False)[list(COUNTS)].sum()
        totals["group"] = TOTAL
        both = pd.concat([by_group, totals], ignore_index=True)
        filled = complete(
            both, {"group": [*families, TOTAL], "year": list(ctx.years)}, values=COUNTS
        )
        filled.insert(0, "measure", measure)
        parts.append(filled)
    return pd.concat(parts, ignore_index=True)[["measure", "group", "year", *COUNTS]]


def by_district(ctx: Context, occurrences: str) -> pd.DataFrame:
    """The fixed-form ``sv_by_district`` table (district, year, count).

    Districts of the data and of the ``districts`` table, ``unknown`` last when
    any occurrence has none.
    """
    district = district_sql("s.district")
    sql = f"""
    SELECT {district} AS district, fy AS year, COUNT(*) AS count
    FROM ({occurrences}) s GROUP BY {district}, fy
    """
    raw = ctx.query(sql)
    names = set(raw["district"]) - {UNKNOWN}
    if ctx.has("districts"):
        listed = ctx.query(
            "SELECT DISTINCT TRIM(district) AS district FROM districts "
            "WHERE NULLIF(TRIM(district), '') IS NOT NULL"
        )
        names |= set(listed["district"])
    ordered = sorted(names)
    if (raw["district"] == UNKNOWN).any():
        ordered.append(UNKNOWN)
    return complete(raw, {"district": ordered, "year": list(ctx.years)})
