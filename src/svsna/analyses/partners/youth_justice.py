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
    change_finding,
    complete,
    level_finding,
    total_rows,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import TOTAL, UNKNOWN
from svsna.analyses.partners.base import (
    by_total,
    callouts_for,
    counts_by,
    largest,
    series,
    share_of,
    table_years,
    unknown_last,
    with_all,
    with_share,
)
from svsna.results import Chart, Finding, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "youth_justice"


def analyse(ctx: Context, heading: Heading) -> Section:
    """Youth justice offences by type, authority, sex and age, per year."""
    section = Section(*heading)
    years = table_years(ctx, TABLE, "offence_date")
    year_sql = fy_label("offence_date", ctx.definition.financial_year_start_month)

    def count(column: str, sql: str) -> pd.DataFrame:
        return counts_by(ctx, TABLE, {column: sql}, year_sql=year_sql, years=years)

    offences = count("offence_type", "TRIM(offence_type)")
    offence_table = complete(
        offences, {"offence_type": by_total(offences, "offence_type"), "year": years}
    )
    offence_table = with_all(offence_table, "offence_type", ["year"], label=TOTAL)
    authority = count("authority", f"COALESCE(authority, '{UNKNOWN}')")
    authority = complete(
        authority,
        {
            "authority": _present(authority, "authority", ["city", "county"]),
            "year": years,
        },
    )
    sex = count("sex", f"COALESCE(sex, '{UNKNOWN}')")
    sex = with_share(
        complete(sex, {"sex": _present(sex, "sex", ["male", "female"]), "year": years}),
        ["year"],
    )
    ages = count("age", f"COALESCE(CAST(age AS VARCHAR), '{UNKNOWN}')")
    numeric = sorted(a for a in set(ages["age"]) if a != UNKNOWN)
    age_levels = unknown_last(sorted(numeric, key=int), ages["age"])
    ages = complete(ages, {"age": age_levels, "year": years})
    tables = (
        Table(
            id="youth_justice_offences",
            title="Youth justice serious violence offences by type and year",
            data=offence_table,
            count_columns=("count",),
            total_rows=total_rows(offence_table, "offence_type"),
        ),
        Table(
            id="youth_justice_authority",
            title="Youth justice offences by local authority and year",
            data=authority,
            count_columns=("count",),
        ),
        Table(
            id="youth_justice_sex",
            title="Youth justice offences by sex and year",
            data=sex,
            caption="Percentages of each year's offences.",
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
        ),
        Table(
            id="youth_justice_age",
            title="Youth justice offences by age and year",
            data=ages,
            count_columns=("count",),
        ),
    )
    return replace(
        section,
        tables=tables,
        charts=(
            Chart(
                id="youth_justice_sex",
                title="Offences by sex and year",
                kind="bar",
                data=sex,
                x="year",
                y="count",
                color="sex",
                alt_text="Bar chart of youth justice offences by sex in each year.",
            ),
            Chart(
                id="youth_justice_age",
                title="Offences by age and year",
                kind="bar",
                data=ages,
                x="age",
                y="count",
                color="year",
                alt_text="Bar chart of youth justice offences by the child's age "
                "in each year.",
            ),
        ),
        findings=tuple(_findings(ctx, offence_table, sex, ages, years)),
        callouts=callouts_for(ctx, ("youth_justice",)),
    )


def _present(frame: pd.DataFrame, column: str, first: list[str]) -> list[str]:
    """The expected values first, then any others found, ``unknown`` last."""
    found = set(frame[column])
    return unknown_last([*first, *sorted(found - {*first, UNKNOWN})], found)


def _findings(
    ctx: Context,
    offences: pd.DataFrame,
    sex: pd.DataFrame,
    ages: pd.DataFrame,
    years: tuple[str, ...],
) -> list[Finding]:
    found: list[Finding] = []
    totals = series(offences[offences["offence_type"] == TOTAL], "year", years)
    all_years = sum(totals.values())
    if years:
        found.append(
            level_finding(
                "youth_justice_total",
                f"Youth justice services recorded {all_years:,} serious violence "
                f"offences from {years[0]} to {years[-1]}, {totals[years[-1]]:,} "
                f"in {years[-1]}.",
                all_years,
            )
        )
    change = change_finding(
        "youth_justice_change",
        "Youth justice serious violence offences",
        totals,
        alpha=ctx.definition.trends.alpha,
    )
    if change:
        found.append(change)
    top_offence = largest(offences[offences["offence_type"] != TOTAL], "offence_type")
    if top_offence:
        top, count = top_offence
        found.append(
            level_finding(
                "youth_justice_top_offence",
                f"The most common offence was '{top}'.",
                count,
            )
        )
    value = share_of(sex, "sex", "male", ["male", "female"])
    if value is not None:
        found.append(
            level_finding(
                "youth_justice_male_share",
                f"{value}% of offences with a recorded sex were committed by boys.",
                value,
                unit="%",
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
    return found


CHAPTER = Chapter(
    id="youth_justice",
    title="Youth justice: serious violence offences",
    compute=analyse,
    needs=(TABLE,),
    reference="15",
)
