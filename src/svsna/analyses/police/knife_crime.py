"""Chapter 7: knife crime — serious violence with the knife flag.

The same measures as chapters 3 and 4, on knife crime: yearly counts with the
young victims and suspects, districts, and the involved-people summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.comparisons import sv_change, sv_counts, sv_span
from svsna.analyses.core.sql import materialise, period_sv_sql
from svsna.analyses.police import people
from svsna.analyses.police.yearly import (
    COUNTS,
    KNIFE,
    TOTAL,
    by_district,
    sv_yearly,
    yearly_row,
    yearly_table,
)
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context


def knife_sql(ctx: Context) -> str:
    """SQL: knife-crime occurrences of the report period."""
    return f"SELECT k.* FROM ({period_sv_sql(ctx)}) k WHERE k.is_knife"


def analyse(ctx: Context, heading: Heading) -> Section:
    """Knife crime by group and year, by district, and the people involved."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    knife = materialise(ctx, knife_sql(ctx), "svsna_knife_period")
    yearly = sv_yearly(ctx)
    yearly = yearly[yearly["measure"] == KNIFE].drop(columns="measure")
    yearly = yearly.reset_index(drop=True)
    districts = by_district(ctx, knife)
    summary = people.people_summary(
        ctx, knife, ctx.definition.age_bands.involved_summary
    )
    tables = _tables(ctx, yearly, districts, summary)
    found = tuple(f for f in _findings(ctx) if f is not None)
    charts = (_yearly_chart(yearly),)
    return Section(*heading, tables=tables, charts=charts, findings=found)


def _yearly_chart(yearly: pd.DataFrame) -> Chart:
    """Knife crime by offence group, stacked, in each year (the total rows left out)."""
    return Chart(
        "knife_yearly_chart", "Knife crime by offence group and year", "stacked_bar",
        yearly[yearly["group"] != TOTAL],
        x="year", y="all", color="group", y_title="Occurrences", table="knife_yearly",
        alt_text="Stacked bar chart of knife-crime occurrences in each financial "
        "year, split by offence group.",
    )


def _tables(
    ctx: Context, yearly: pd.DataFrame, districts: pd.DataFrame, summary: pd.DataFrame
) -> tuple[Table, ...]:
    """The chapter's tables, each declaring the cells it repeats or adds up to.

    ``knife_yearly`` repeats the knife-crime rows of ``sv_yearly``; districts
    add up to each year's total; the people summary's parts add up to its
    people. Declared so that the public edition protects them together.
    """
    return (
        yearly_table(
            ctx,
            "knife_yearly",
            "Knife crime by offence group and year",
            yearly,
            # The knife-crime rows of sv_yearly, printed again.
            margins=tuple(
                Margin(
                    "sv_yearly", by=("group", "year"), column=c, at={"measure": KNIFE}
                )
                for c in COUNTS
            ),
        ),
        Table(
            "knife_by_district", "Knife crime by district",
            districts,
            count_columns=("count",),
            margins=(
                Margin(
                    "knife_yearly",
                    by=("year",),
                    total_column="all",
                    at={"group": TOTAL},
                ),
                yearly_row(KNIFE),
            ),
        ),
        Table(
            "knife_people_summary", "People involved in knife crime",
            summary,
            caption="Distinct people over the report period; 'both' = a victim in "
            "one occurrence and a suspect in another.",
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
            **people.summary_relations("knife_people_summary"),
        ),
    )


def _findings(ctx: Context) -> list[Finding | None]:
    """Knife crime's changes between the last two years, like for like."""
    compared = sv_span(ctx)
    if compared is None:
        return []
    span, basis = compared
    counts = sv_counts(ctx, span, basis)
    knife = counts[counts["is_knife"]]
    return [
        sv_change(
            knife[knife[column]] if column else knife,
            span,
            basis,
            finding_id=f"knife_{name}_change",
            subject=subject,
            alpha=ctx.definition.trends.alpha,
            cells=Cells("knife_yearly", name, {"group": TOTAL}),
        )
        for name, column, subject in (
            ("all", "", "Knife crime"),
            (
                "victims_18_under",
                "young_victim",
                "Knife crime with a victim aged 18 or under",
            ),
            (
                "suspects_18_under",
                "young_suspect",
                "Knife crime with a suspect aged 18 or under",
            ),
        )
    ]


CHAPTER = Chapter(
    "knife_crime", "Knife crime", analyse, needs=("occurrences", "persons"),
    uses=("districts",), reference="7",
)
