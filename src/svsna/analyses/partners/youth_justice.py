"""Chapter 15: serious violence offences dealt with by youth justice services.

Which offences the children known to youth justice committed, by year, by
local authority (city or county), sex and single year of age: the age and
offence profile that prevention work in schools and communities targets.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import (
    level_finding,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import TOTAL, UNKNOWN
from svsna.analyses.partners.base import (
    callouts_for,
    largest,
    most_common_finding,
    partner_change,
    series,
    sex_share_finding,
    table_years,
)
from svsna.analyses.partners.breakdown import Breakdown, Counted, Drawn, build
from svsna.results import Cells, Finding, Margin, Section

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "youth_justice"

#: Each year's offences by authority, sex and age add up to its total.
EACH_YEAR = (
    Margin("youth_justice_offences", by=("year",), at={"offence_type": TOTAL}),
)
#: The total offences of each year, which findings cite.
TOTALS = Cells("youth_justice_offences", "count", {"offence_type": TOTAL})


def analyse(ctx: Context, heading: Heading) -> Section:
    """Youth justice offences by type, authority, sex and age, per year."""
    years = table_years(ctx, TABLE, "offence_date")
    counted = Counted(
        TABLE,
        fy_label("offence_date", ctx.definition.financial_year_start_month),
        years,
    )
    offences, authority, sex, ages = (
        build(ctx, counted, spec)
        for spec in (
            Breakdown(
                "youth_justice_offences",
                "Youth justice serious violence offences by type and year",
                "offence_type",
                "TRIM(offence_type)",
                order="by_total",
                total=True,
            ),
            Breakdown(
                "youth_justice_authority",
                "Youth justice offences by local authority and year",
                "authority",
                "authority",
                first=("city", "county"),
                margins=EACH_YEAR,
            ),
            Breakdown(
                "youth_justice_sex",
                "Youth justice offences by sex and year",
                "sex",
                "sex",
                first=("male", "female"),
                share=True,
                caption="Percentages of each year's offences.",
                drawn=Drawn(
                    "bar",
                    "Offences by sex and year",
                    "Bar chart of youth justice offences by sex in each year.",
                ),
                margins=EACH_YEAR,
            ),
            Breakdown(
                "youth_justice_age",
                "Youth justice offences by age and year",
                "age",
                "CAST(age AS VARCHAR)",
                order="numeric",
                drawn=Drawn(
                    "bar",
                    "Offences by age and year",
                    "Bar chart of youth justice offences by the child's age in each year.",
                    along="column",
                ),
                margins=EACH_YEAR,
            ),
        )
    )
    built = (offences, authority, sex, ages)
    return Section(
        *heading,
        tables=tuple(b.table for b in built),
        charts=tuple(b.chart for b in built if b.chart is not None),
        findings=tuple(_findings(ctx, offences.data, sex.data, ages.data, years)),
        callouts=callouts_for(ctx, ("youth_justice",)),
    )


def _findings(
    ctx: Context,
    offences: pd.DataFrame,
    sex: pd.DataFrame,
    ages: pd.DataFrame,
    years: tuple[str, ...],
) -> list[Finding]:
    found: list[Finding | None] = []
    totals = series(offences[offences["offence_type"] == TOTAL], "year", years)
    all_years = sum(totals.values())
    if years:
        found.append(
            replace(
                level_finding(
                    "youth_justice_total",
                    f"Youth justice services recorded {all_years:,} serious violence "
                    f"offences from {years[0]} to {years[-1]}, {totals[years[-1]]:,} "
                    f"in {years[-1]}.",
                    all_years,
                ),
                cites={"all": TOTALS, "current": TOTALS.at(year=years[-1])},
            )
        )
    change = partner_change(
        ctx,
        "youth_justice_change",
        "Youth justice serious violence offences",
        totals,
        TOTALS,
        (TABLE, "offence_date"),
    )
    if change:
        found.append(change)
    found.append(
        most_common_finding(
            "youth_justice_top_offence",
            offences[offences["offence_type"] != TOTAL],
            "offence_type",
            "The most common offence was '{top}'.",
        )
    )
    found.append(
        sex_share_finding(
            "youth_justice_male_share",
            sex,
            "male",
            "{value}% of offences with a recorded sex were committed by boys.",
        )
    )
    top_ages = largest(ages[ages["age"] != UNKNOWN], "age")
    if top_ages:
        top_age = top_ages[0]
        found.append(
            level_finding(
                "youth_justice_top_age",
                f"{top_age}-year-olds committed the most offences.",
                int(str(top_age)),
            )
        )
    return [f for f in found if f is not None]


CHAPTER = Chapter(
    "youth_justice", "Youth justice: serious violence offences", analyse,
    needs=(TABLE,), reference="15",
)
