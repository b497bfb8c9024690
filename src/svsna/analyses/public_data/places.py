"""Public data: crime by district, as counts and rates per 1,000 residents.

``puk_district`` counts every month imported (the fixed form: district, crime
type as written, count, rate per 1,000 residents over all those months); the
district rates of the latest 12 months carry exact Poisson confidence limits
(:func:`svsna.stats.rate`) so that districts are not ranked on noise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.area import district_populations
from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import months_label
from svsna.analyses.core.sql import is_in
from svsna.analyses.public_data.base import (
    crimes_sql,
    latest_months,
    months_present,
    plain_tables,
)
from svsna.results import Chart, Finding, Section, Table
from svsna.stats import rate

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

MEASURES = {
    "violence_robbery_weapons": "violence, robbery and weapons possession",
    "all_crime": "all crime (excluding anti-social behaviour)",
}


def _populations(ctx: Context) -> pd.Series:
    return pd.Series(district_populations(ctx), dtype=float)


def district_counts(ctx: Context) -> pd.DataFrame:
    """Own rows by district and crime type over every month, with rate per 1,000."""
    frame = ctx.query(
        f"SELECT district, crime_type, COUNT(*) AS count FROM ({crimes_sql(ctx)}) t "
        f"WHERE district IS NOT NULL GROUP BY district, crime_type "
        f"ORDER BY district, crime_type"
    )
    population = frame["district"].map(_populations(ctx))
    frame["rate_per_1000"] = (1000 * frame["count"] / population).round(2)
    return frame


def district_rates(ctx: Context, months: list[str]) -> pd.DataFrame:
    """Latest-window rates per 1,000 with exact 95% limits: proxy and all crime."""
    level = ctx.definition.trends.confidence_level
    frame = ctx.query(
        f"SELECT district, "
        f"SUM(CASE WHEN is_proxy THEN 1 ELSE 0 END) AS violence_robbery_weapons, "
        f"SUM(CASE WHEN is_crime THEN 1 ELSE 0 END) AS all_crime "
        f"FROM ({crimes_sql(ctx)}) t WHERE district IS NOT NULL "
        f"AND {is_in('month_label', months)} GROUP BY district ORDER BY district"
    )
    populations = _populations(ctx)
    rows = []
    for record in frame.to_dict("records"):
        population = populations.get(record["district"])
        for measure in ("violence_robbery_weapons", "all_crime"):
            count = int(record[measure])
            row = {
                "district": record["district"],
                "measure": measure.replace("_", " ").replace(
                    "robbery weapons", "robbery, weapons"
                ),
                "count": count,
                "population": population,
                "per_1000": None,
                "lower": None,
                "upper": None,
            }
            if population and population > 0:
                r = rate(count, population, level=level)
                row.update(
                    per_1000=round(r.value, 1),
                    lower=round(r.lower, 1),
                    upper=round(r.upper, 1),
                )
            rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "district",
            "measure",
            "count",
            "population",
            "per_1000",
            "lower",
            "upper",
        ],
    )


def place_tables(
    ctx: Context, counts: pd.DataFrame, rates: pd.DataFrame, months: list[str]
) -> tuple[Table, ...]:
    """Counts over every month imported, and the latest window's rates."""
    latest = latest_months(ctx, months)
    notes: tuple[str, ...] = ()
    if not ctx.has("districts"):
        notes = ("No district populations (import with --lookups): rates are empty.",)
    return (
        Table(
            "puk_district", "Crimes and anti-social behaviour by district and type",
            counts,
            caption=(
                f"Every month imported ({months_label(months)}), the force's own "
                "districts; rate per 1,000 residents over all those months."
            ),
            notes=notes,
            count_columns=("count",),
            derived_columns={"rate_per_1000": ("count",)},
            fixed_form=True,
        ),
        Table(
            "puk_district_rates",
            "Violence, robbery and weapons possession, and all crime, per 1,000",
            rates,
            caption=(
                f"{months_label(latest)}; exact Poisson "
                f"{int(100 * ctx.definition.trends.confidence_level)}% limits."
            ),
            notes=notes,
            count_columns=("count",),
            derived_columns={
                "per_1000": ("count",),
                "lower": ("count",),
                "upper": ("count",),
            },
        ),
    )


def highest_rate(proxy: pd.DataFrame, span: str) -> tuple[Finding, Chart]:
    """The district with the highest proxy rate, and the chart of every district's."""
    top = proxy.sort_values("per_1000", ascending=False).iloc[0]
    finding = Finding(
        "puk_highest_district_rate",
        f"{top['district']} had the highest rate of violence, robbery and "
        f"weapons possession: {top['per_1000']:.1f} per 1,000 residents "
        f"({top['lower']:.1f} to {top['upper']:.1f}) in {span}.",
        current=float(top["per_1000"]),
        current_label=span,
        unit="per 1,000",
    )
    chart = Chart(
        "puk_district_rates_chart",
        "Violence, robbery and weapons possession per 1,000 residents",
        "bar",
        proxy[["district", "per_1000", "lower", "upper"]],
        x="district", y="per_1000",
        x_title="District", y_title="Per 1,000 residents",
        alt_text=(
            "Bar chart of the rate of violence and sexual offences, robbery "
            f"and weapons possession per 1,000 residents by district, {span}."
        ),
    )
    return finding, chart


def analyse(ctx: Context, heading: Heading) -> Section:
    """District counts over every month, and latest-year rates with intervals."""
    months = months_present(ctx)
    latest = latest_months(ctx, months)
    counts = district_counts(ctx)
    rates = district_rates(ctx, latest)
    proxy = rates[rates["measure"].str.startswith("violence")].dropna(
        subset=["per_1000"]
    )
    findings: tuple[Finding, ...] = ()
    charts: tuple[Chart, ...] = ()
    if len(proxy):
        finding, chart = highest_rate(proxy, months_label(latest))
        findings, charts = (finding,), (chart,)
    return Section(
        *heading,
        summary=(f"{counts['district'].nunique()} districts of the force's own area.",),
        tables=plain_tables(place_tables(ctx, counts, rates, months)),
        charts=charts,
        findings=findings,
    )


CHAPTER = Chapter(
    "puk_places", "Crime by district", analyse, needs=("occurrences",),
    uses=("districts",),
)
