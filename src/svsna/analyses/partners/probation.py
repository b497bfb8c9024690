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
    change_finding,
    complete,
    level_finding,
    total_rows,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import TOTAL, UNKNOWN, age_band_sql, band_labels
from svsna.analyses.partners.base import (
    calendar_years,
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
from svsna.stats import rate

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "probation"


def analyse(ctx: Context, heading: Heading) -> Section:
    """Probation cases by district, age group, sex and sentence, per year."""
    section = Section(*heading)
    definition = ctx.definition
    if definition.partners.probation_years == "calendar":
        years = calendar_years(ctx, TABLE, "start_date")
        year_sql = "CAST(CAST(EXTRACT(YEAR FROM start_date) AS INTEGER) AS VARCHAR)"
    else:
        years = table_years(ctx, TABLE, "start_date")
        year_sql = fy_label("start_date", definition.financial_year_start_month)

    def count(column: str, sql: str) -> pd.DataFrame:
        return counts_by(ctx, TABLE, {column: sql}, year_sql=year_sql, years=years)

    sentences = count("sentence_type", f"COALESCE(sentence_type, '{UNKNOWN}')")
    levels = unknown_last(["custody", "community"], sentences["sentence_type"])
    sentences = complete(sentences, {"sentence_type": levels, "year": years})
    sentences = with_all(sentences, "sentence_type", ["year"], label=TOTAL)
    districts = count("district", f"COALESCE(NULLIF(TRIM(district), ''), '{UNKNOWN}')")
    names = sorted(set(districts["district"]) - {UNKNOWN})
    districts = complete(
        districts,
        {"district": unknown_last(names, districts["district"]), "year": years},
    )
    districts = with_rates(ctx, districts)
    bands = definition.age_bands.probation
    ages = count("age_group", f"COALESCE({age_band_sql('age', bands)}, '{UNKNOWN}')")
    ages = complete(
        ages,
        {
            "age_group": unknown_last(band_labels(bands), ages["age_group"]),
            "year": years,
        },
    )
    sex = count("sex", f"COALESCE(sex, '{UNKNOWN}')")
    sex = with_share(
        complete(
            sex, {"sex": unknown_last(["male", "female"], sex["sex"]), "year": years}
        ),
        ["year"],
    )
    tables = (
        Table(
            id="probation_by_year",
            title="Serious violence probation cases by sentence and year",
            data=sentences,
            count_columns=("count",),
            total_rows=total_rows(sentences, "sentence_type"),
        ),
        Table(
            id="probation_district",
            title="Serious violence probation cases by district and year",
            data=districts,
            caption="Rates per 1,000 residents with exact 95% Poisson limits, "
            "where the districts input gives a population.",
            count_columns=("count",),
            derived_columns={
                c: ("count",) for c in ("per_1000", "lower", "upper") if c in districts
            },
        ),
        Table(
            id="probation_age_group",
            title="Serious violence probation cases by age group and year",
            data=ages,
            count_columns=("count",),
        ),
        Table(
            id="probation_sex",
            title="Serious violence probation cases by sex and year",
            data=sex,
            caption="Percentages of each year's cases.",
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
        ),
    )
    return replace(
        section,
        summary=(
            f"Years are {definition.partners.probation_years} years of the case "
            "start date.",
        ),
        tables=tables,
        charts=(
            Chart(
                id="probation_by_year",
                title="Probation cases by sentence and year",
                kind="stacked_bar",
                data=sentences[sentences["sentence_type"] != TOTAL],
                x="year",
                y="count",
                color="sentence_type",
                alt_text="Stacked bar chart of serious violence probation cases by "
                "custodial and community sentence in each year.",
            ),
            Chart(
                id="probation_age_group",
                title="Probation cases by age group",
                kind="bar",
                data=ages,
                x="age_group",
                y="count",
                color="year",
                alt_text="Bar chart of serious violence probation cases by age "
                "group in each year.",
            ),
        ),
        findings=tuple(_findings(ctx, sentences, ages, sex, years)),
        callouts=callouts_for(ctx, ("probation",)),
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
    found: list[Finding] = []
    totals = series(sentences[sentences["sentence_type"] == TOTAL], "year", years)
    if totals and any(totals.values()):
        top = max(totals, key=lambda y: totals[y])
        found.append(
            level_finding(
                "probation_highest_year",
                f"{top} saw the most serious violence probation cases ({totals[top]:,}).",
                totals[top],
                label=top,
            )
        )
    change = change_finding(
        "probation_change",
        "Serious violence probation cases",
        totals,
        alpha=ctx.definition.trends.alpha,
    )
    if change:
        found.append(change)
    top_age_group = largest(ages[ages["age_group"] != UNKNOWN], "age_group")
    if top_age_group:
        top_band, count = top_age_group
        found.append(
            level_finding(
                "probation_top_age_group",
                f"The most common age group was {top_band}.",
                count,
            )
        )
    if years:
        last = sex[sex["year"] == years[-1]]
        value = share_of(last, "sex", "male", ["male", "female"])
        if value is not None:
            found.append(
                level_finding(
                    "probation_male_share",
                    f"In {years[-1]}, {value}% of cases with a recorded sex were male.",
                    value,
                    label=years[-1],
                    unit="%",
                )
            )
    return found


CHAPTER = Chapter(
    id="probation",
    title="Probation: serious violence cases",
    compute=analyse,
    needs=(TABLE,),
    reference="16",
)
