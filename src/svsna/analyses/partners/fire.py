"""Chapter 14: deliberate fires and malicious false alarms.

Deliberate fire-setting and malicious calls are signs of antisocial
behaviour that often comes before violence; the fire and rescue service is a
specified authority of the Serious Violence Duty. Counts by financial year and
by month, with the change between the last two years tested for chance.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import complete, level_finding
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import literal, month_label_sql
from svsna.analyses.partners.base import (
    callouts_for,
    counts_by,
    months_to_years,
    partner_change,
    series,
    table_years,
    year_months,
)
from svsna.analyses.partners.breakdown import Breakdown, Counted, build
from svsna.contract.vocabularies import FIRE_TYPE
from svsna.results import Cells, Chart, Finding, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "fire_incidents"
TYPES = tuple(FIRE_TYPE.values())
TITLE = "Deliberate fires and malicious false alarms"


def analyse(ctx: Context, heading: Heading) -> Section:
    """Deliberate fires and malicious false alarms by year and month."""
    years = table_years(ctx, TABLE, "incident_date")
    start = ctx.definition.financial_year_start_month
    year_sql = fy_label("incident_date", start)
    yearly = build(
        ctx,
        Counted(TABLE, year_sql, years),
        Breakdown(
            "fire_by_year",
            f"{TITLE} by year",
            "incident_type",
            "incident_type",
            first=TYPES,
        ),
    )
    monthly = counts_by(
        ctx,
        TABLE,
        {"incident_type": "incident_type", "month": month_label_sql("incident_date")},
        year_sql=year_sql,
        years=years,
    )
    months = [m for y in years for m in year_months(y, start)]
    monthly = complete(monthly, {"incident_type": TYPES, "month": months})
    return Section(
        *heading,
        tables=(
            yearly.table,
            Table(
                id="fire_by_month", title=f"{TITLE} by month", data=monthly,
                count_columns=("count",),
                margins=months_to_years(
                    "fire_by_year", years, start, by=("incident_type",)
                ),
            ),
        ),
        charts=(
            Chart(
                id="fire_by_month", title="Incidents attended by month",
                kind="line", data=monthly,
                x="month", y="count", color="incident_type",
                alt_text="Line chart of deliberate fires and malicious false alarms "
                "attended each month.",
                table="fire_by_month",
            ),
        ),
        findings=tuple(_findings(ctx, yearly.data, years)),
        callouts=callouts_for(ctx, ("fire",)),
    )


def _findings(
    ctx: Context, yearly: pd.DataFrame, years: tuple[str, ...]
) -> list[Finding]:
    found: list[Finding] = []
    for kind in TYPES:
        counts = series(yearly[yearly["incident_type"] == kind], "year", years)
        key = kind.replace(" ", "_")
        cells = Cells("fire_by_year", "count", {"incident_type": kind})
        change = partner_change(
            ctx,
            f"fire_{key}_change",
            kind.capitalize() + "s",
            counts,
            cells,
            (TABLE, "incident_date"),
            where=f"incident_type = {literal(kind)}",
        )
        if change:
            found.append(change)
        if len(years) >= 3 and counts[years[0]]:
            first, last = counts[years[0]], counts[years[-1]]
            pct = round((last - first) / first * 100)
            word = "fewer" if last < first else "more"
            found.append(
                replace(
                    level_finding(
                        f"fire_{key}_since_first",
                        f"{years[-1]} saw {abs(pct)}% {word} {kind}s than {years[0]} "
                        f"({first:,} to {last:,}).",
                        pct,
                        label=years[-1],
                        unit="%",
                    ),
                    cites={
                        "previous": cells.at(year=years[0]),
                        "current": cells.at(year=years[-1]),
                    },
                )
            )
        if counts and any(counts.values()):
            top = max(counts, key=lambda y: counts[y])
            found.append(
                replace(
                    level_finding(
                        f"fire_{key}_highest",
                        f"{kind.capitalize()}s were highest in {top} "
                        f"({counts[top]:,}).",
                        counts[top],
                        label=top,
                    ),
                    cites={"current": cells.at(year=top)},
                )
            )
    return found


CHAPTER = Chapter(
    "fire", "Fire and rescue service", analyse, needs=(TABLE,), reference="14",
)
