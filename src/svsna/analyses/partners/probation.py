"""Chapter 16: serious violence cases supervised by the probation service.

Cases starting each year by district, age group, sex and sentence (custody or
community). The reference SNA counts probation cases by calendar year; the
definition's ``partners.probation_years`` chooses calendar or financial years.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import (
    level_finding,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import TOTAL, UNKNOWN, age_band_sql, band_labels
from svsna.analyses.partners.base import (
    calendar_years,
    callouts_for,
    most_common_finding,
    partner_change,
    series,
    sex_share_finding,
    table_years,
)
from svsna.analyses.partners.breakdown import Breakdown, Counted, Drawn, build
from svsna.results import Cells, Finding, Margin, Section
from svsna.stats import rate

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "probation"

#: Each year's cases by district, age group and sex add up to its total.
EACH_YEAR = (Margin("probation_by_year", by=("year",), at={"sentence_type": TOTAL}),)
#: The total cases of each year, which findings cite.
TOTALS = Cells("probation_by_year", "count", {"sentence_type": TOTAL})


def analyse(ctx: Context, heading: Heading) -> Section:
    """Probation cases by district, age group, sex and sentence, per year."""
    definition = ctx.definition
    counted = _counted(ctx)
    bands = definition.age_bands.probation
    sentences, districts, ages, sex = (
        build(ctx, counted, spec)
        for spec in (
            Breakdown(
                "probation_by_year",
                "Serious violence probation cases by sentence and year",
                "sentence_type",
                "sentence_type",
                first=("custody", "community"),
                total=True,
                drawn=Drawn(
                    "stacked_bar",
                    "Probation cases by sentence and year",
                    "Stacked bar chart of serious violence probation cases by "
                    "custodial and community sentence in each year.",
                ),
            ),
            Breakdown(
                "probation_district",
                "Serious violence probation cases by district and year",
                "district",
                "NULLIF(TRIM(district), '')",
                caption="Rates per 1,000 residents with exact 95% Poisson limits, "
                "where the districts input gives a population.",
                margins=EACH_YEAR,
            ),
            Breakdown(
                "probation_age_group",
                "Serious violence probation cases by age group and year",
                "age_group",
                age_band_sql("age", bands),
                first=tuple(band_labels(bands)),
                drawn=Drawn(
                    "bar",
                    "Probation cases by age group",
                    "Bar chart of serious violence probation cases by age "
                    "group in each year.",
                    along="column",
                ),
                margins=EACH_YEAR,
            ),
            Breakdown(
                "probation_sex",
                "Serious violence probation cases by sex and year",
                "sex",
                "sex",
                first=("male", "female"),
                share=True,
                caption="Percentages of each year's cases.",
                margins=EACH_YEAR,
            ),
        )
    )
    rated = with_rates(ctx, districts.data)
    district_table = replace(
        districts.table,
        data=rated,
        derived_columns={
            c: ("count",) for c in ("per_1000", "lower", "upper") if c in rated
        },
    )
    built = (sentences, districts, ages, sex)
    return Section(
        *heading,
        summary=(
            f"Years are {definition.partners.probation_years} years of the case "
            "start date.",
        ),
        tables=(sentences.table, district_table, ages.table, sex.table),
        charts=tuple(b.chart for b in built if b.chart is not None),
        findings=tuple(
            _findings(ctx, sentences.data, ages.data, sex.data, counted.years)
        ),
        callouts=callouts_for(ctx, ("probation",)),
    )


def _counted(ctx: Context) -> Counted:
    """Probation cases counted by calendar or financial year of their start date."""
    if ctx.definition.partners.probation_years == "calendar":
        return Counted(
            TABLE,
            "CAST(CAST(EXTRACT(YEAR FROM start_date) AS INTEGER) AS VARCHAR)",
            calendar_years(ctx, TABLE, "start_date"),
        )
    return Counted(
        TABLE,
        fy_label("start_date", ctx.definition.financial_year_start_month),
        table_years(ctx, TABLE, "start_date"),
    )


def with_rates(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """Cases per 1,000 residents of each district, with exact Poisson limits.

    Needs the ``districts`` input; districts without a population keep no rate.
    """
    if not ctx.has("districts"):
        return frame
    people = ctx.query(
        "SELECT TRIM(district) AS district, SUM(population) AS population "
        "FROM districts GROUP BY TRIM(district)"
    )
    out = frame.merge(people, on="district", how="left")
    level = ctx.definition.trends.confidence_level
    rates = [
        rate(int(n), float(p), per=1000, level=level) if p and p > 0 else None
        for n, p in zip(out["count"], out["population"].fillna(0), strict=True)
    ]
    out["per_1000"] = [None if r is None else round(r.value, 2) for r in rates]
    out["lower"] = [None if r is None else round(r.lower, 2) for r in rates]
    out["upper"] = [None if r is None else round(r.upper, 2) for r in rates]
    return out


def _findings(
    ctx: Context,
    sentences: pd.DataFrame,
    ages: pd.DataFrame,
    sex: pd.DataFrame,
    years: tuple[str, ...],
) -> list[Finding]:
    found: list[Finding | None] = []
    totals = series(sentences[sentences["sentence_type"] == TOTAL], "year", years)
    if totals and any(totals.values()):
        top = max(totals, key=lambda y: totals[y])
        found.append(
            replace(
                level_finding(
                    "probation_highest_year",
                    f"{top} saw the most serious violence probation cases "
                    f"({totals[top]:,}).",
                    totals[top],
                    label=top,
                ),
                cites={"current": TOTALS.at(year=top)},
            )
        )
    change = partner_change(
        ctx,
        "probation_change",
        "Serious violence probation cases",
        totals,
        TOTALS,
        (TABLE, "start_date"),
        calendar=ctx.definition.partners.probation_years == "calendar",
    )
    if change:
        found.append(change)
    found.append(
        most_common_finding(
            "probation_top_age_group",
            ages[ages["age_group"] != UNKNOWN],
            "age_group",
            "The most common age group was {top}.",
        )
    )
    if years:
        found.append(
            sex_share_finding(
                "probation_male_share",
                sex[sex["year"] == years[-1]],
                "male",
                f"In {years[-1]}, {{value}}% of cases with a recorded sex were male.",
                label=years[-1],
            )
        )
    return [f for f in found if f is not None]


CHAPTER = Chapter(
    "probation", "Probation: serious violence cases", analyse, needs=(TABLE,),
    reference="16",
)
