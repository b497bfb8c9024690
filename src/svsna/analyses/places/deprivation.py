"""Chapter 20: serious violence by deprivation (IMD decile of the LSOA).

Serious violence is strongly associated with deprivation. Each serious-violence
occurrence of the report period takes the Index of Multiple Deprivation decile
of its LSOA (1 = most deprived; the recorded LSOA, or else the LSOA polygon
holding its point); the rate is per 1,000 residents per year,
with exact Poisson 95% confidence intervals (:func:`svsna.stats.rate`), so that
deciles with few residents are not over-read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import sv_occurrences_sql
from svsna.analyses.core.sql import in_list
from svsna.analyses.places.spatial_sql import (
    lsoa_assignment_sql,
    one_decimal,
)
from svsna.results import Cells, Chart, Finding, Section, Table
from svsna.results.numbers import number, whole
from svsna.stats import rate

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COLUMNS = [
    "imd_decile",
    "lsoas",
    "population",
    "count",
    "per_1000",
    "lower_95",
    "upper_95",
]


def period_sv_sql(ctx: Context) -> str:
    """SQL: serious-violence occurrences of the report period."""
    return (
        f"SELECT s.* FROM ({sv_occurrences_sql(ctx.definition)}) s "
        f"WHERE s.fy IN {in_list(ctx.years)}"
    )


def assigned_sql(ctx: Context) -> str:
    """SQL: (occurrence_id, area = LSOA code) by the recorded LSOA, else by location."""
    return lsoa_assignment_sql(ctx, period_sv_sql(ctx))


def decile_counts(ctx: Context, assigned: str) -> pd.DataFrame:
    """LSOAs, residents and serious violence of the report period per IMD decile."""
    return ctx.query(f"""
        WITH sv AS (
            SELECT area, COUNT(DISTINCT occurrence_id) AS count
            FROM ({assigned}) a GROUP BY area
        )
        SELECT l.imd_decile, COUNT(*) AS lsoas, SUM(l.population) AS population,
               SUM(COALESCE(sv.count, 0)) AS count
        FROM lsoas l LEFT JOIN sv ON sv.area = l.lsoa_code
        WHERE l.imd_decile IS NOT NULL
        GROUP BY l.imd_decile
        ORDER BY l.imd_decile
    """)


def unplaced(ctx: Context, assigned: str) -> int:
    """Serious violence of the period in no LSOA, or in one without an IMD decile."""
    found = ctx.query(f"""
        SELECT COUNT(DISTINCT s.occurrence_id) AS n FROM ({period_sv_sql(ctx)}) s
        WHERE s.occurrence_id NOT IN (
            SELECT a.occurrence_id FROM ({assigned}) a
            JOIN lsoas l ON l.lsoa_code = a.area
            WHERE l.imd_decile IS NOT NULL)
    """)
    return int(found["n"].iloc[0])


def with_rates(counts: pd.DataFrame, years: int, level: float) -> pd.DataFrame:
    """Rates per 1,000 residents per year with exact Poisson limits."""
    rows: list[dict[str, float | int | None]] = []
    for record in counts.to_dict("records"):
        known = pd.notna(record["population"])  # NULL when no LSOA gives one
        population = float(record["population"]) if known else 0.0
        count = int(record["count"])
        row: dict[str, float | int | None] = {
            "imd_decile": int(record["imd_decile"]),
            "lsoas": int(record["lsoas"]),
            "population": int(population) if known else None,
            "count": count,
            "per_1000": None,
            "lower_95": None,
            "upper_95": None,
        }
        if population > 0 and years:
            result = rate(count, population * years, level=level)
            row.update(
                per_1000=result.value, lower_95=result.lower, upper_95=result.upper
            )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("per_1000", "lower_95", "upper_95"):
        frame[column] = one_decimal(frame[column].astype("float64"))
    return frame


def _ratio_finding(data: pd.DataFrame) -> Finding | None:
    """The most deprived decile's rate as a multiple of the least deprived's."""
    ends = data.dropna(subset=["per_1000"])
    if len(ends) < 2 or not ends["per_1000"].iloc[-1] > 0:
        return None
    most, least = ends.iloc[0], ends.iloc[-1]
    # The ratio of the unrounded rates (the same number of years on both sides).
    ratio = (most["count"] / most["population"]) / (
        least["count"] / least["population"]
    )
    return Finding(
        id="imd_ratio",
        text=(
            f"The serious violence rate in decile {whole(most['imd_decile'])} "
            f"({number(most['per_1000'], decimals=1)} per 1,000) is {ratio:.1f} "
            f"times that in decile {whole(least['imd_decile'])} "
            f"({number(least['per_1000'], decimals=1)} per 1,000)."
        ),
        current=float(most["per_1000"]), previous=float(least["per_1000"]),
        current_label=f"decile {whole(most['imd_decile'])}",
        previous_label=f"decile {whole(least['imd_decile'])}",
        unit="per 1,000",
        cites={
            name: Cells(
                "sv_by_imd_decile", "per_1000", {"imd_decile": row["imd_decile"]}
            )
            for name, row in (("current", most), ("previous", least))
        },
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Serious violence rate by IMD decile, with intervals and a chart."""
    level = ctx.definition.trends.confidence_level
    assigned = assigned_sql(ctx)
    data = with_rates(decile_counts(ctx, assigned), len(ctx.years), level)
    period = f"{ctx.years[0]} to {ctx.years[-1]}" if ctx.years else "no complete year"
    summary = [
        f"Serious violence of {period} by the IMD decile of its LSOA "
        "(1 = most deprived), per 1,000 residents per year."
    ]
    missing = unplaced(ctx, assigned)
    if missing:
        summary.append(
            f"{missing} serious-violence occurrences have no LSOA with an IMD decile "
            "and are left out."
        )
    findings = []
    ratio_finding = _ratio_finding(data)
    if ratio_finding is not None:
        summary.append(ratio_finding.text)
        findings.append(ratio_finding)
    table = Table(
        id="sv_by_imd_decile", title="Serious violence by IMD decile", data=data,
        caption=(
            f"Rate per 1,000 residents per year over {period}; "
            f"{level:.0%} exact Poisson confidence interval. Decile 1 = most deprived."
        ),
        count_columns=("count",),
        derived_columns={
            "per_1000": ("count",),
            "lower_95": ("count",),
            "upper_95": ("count",),
        },
    )
    chart = Chart(
        id="sv_by_imd_decile_chart",
        title="Serious violence per 1,000 residents by IMD decile",
        kind="bar", data=data[["imd_decile", "per_1000", "lower_95", "upper_95"]],
        x="imd_decile", y="per_1000",
        x_title="IMD decile (1 = most deprived)",
        y_title="Serious violence per 1,000 residents per year",
        alt_text=(
            "Bar chart of the serious violence rate per 1,000 residents by IMD "
            "decile, 1 (most deprived) to 10; the table beside it lists the rates "
            "and their confidence intervals."
        ),
        table="sv_by_imd_decile",
    )
    return Section(
        *heading,
        summary=tuple(summary),
        tables=(table,),
        charts=(chart,),
        findings=tuple(findings),
    )


CHAPTER = Chapter(
    "deprivation", "Indices of multiple deprivation (IMD)", analyse,
    needs=("occurrences", "lsoas"), reference="20",
)
