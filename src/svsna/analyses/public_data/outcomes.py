"""Public data: what happened to the crimes (last outcome category, by stage).

data.police.uk gives each crime's *latest* outcome at publication, so recent
months always show more "Under investigation". Categories are grouped into the
stages of the definition's ``public_data.outcome_stages`` (domain reference,
section 1.5); a category no stage lists is shown as ``other``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import months_label
from svsna.analyses.core.sql import is_in
from svsna.analyses.public_data.base import (
    CATEGORY,
    crimes_sql,
    latest_months,
    plain_tables,
    stage_sql,
)
from svsna.results import Chart, Finding, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context


def by_stage(ctx: Context, months: list[str]) -> pd.DataFrame:
    """Crimes of ``months`` by crime type and last-outcome stage, with shares."""
    stage = stage_sql(ctx.definition.public_data.outcome_stages, CATEGORY)
    frame = ctx.query(
        f"SELECT crime_type, {stage} AS stage, COUNT(*) AS count "
        f"FROM ({crimes_sql(ctx)}) t WHERE is_crime "
        f"AND {is_in('month_label', months)} "
        f"GROUP BY crime_type, {stage} ORDER BY crime_type, count DESC"
    )
    totals = frame.groupby("crime_type")["count"].transform("sum")
    frame["pct"] = (100 * frame["count"] / totals).round(1)
    return frame


def by_category(ctx: Context, months: list[str]) -> pd.DataFrame:
    """Crimes of ``months`` by last outcome category as written, with shares."""
    frame = ctx.query(
        f"SELECT COALESCE({CATEGORY}, '(none)') AS last_outcome_category, "
        f"COUNT(*) AS count FROM ({crimes_sql(ctx)}) t WHERE is_crime "
        f"AND {is_in('month_label', months)} "
        f"GROUP BY COALESCE({CATEGORY}, '(none)') ORDER BY count DESC"
    )
    frame["pct"] = (100 * frame["count"] / frame["count"].sum()).round(1)
    return frame


def violence_finding(frame: pd.DataFrame, span: str) -> list[Finding]:
    """Shares of violence and sexual offences charged and closed for evidence."""
    violence = frame[frame["crime_type"] == "Violence and sexual offences"]
    if violence.empty:
        return []
    shares = violence.set_index("stage")["pct"]
    court = float(shares.get("charged or at court", 0.0))
    evidential = float(shares.get("evidential difficulties", 0.0))
    return [
        Finding(
            "puk_violence_charged",
            f"Of violence and sexual offences recorded in {span}, {court:.1f}% "
            f"had reached a charge or court outcome and {evidential:.1f}% had "
            "closed as 'Unable to prosecute suspect' by the time of publication.",
            current=court,
            unit="%",
        )
    ]


def stage_chart(frame: pd.DataFrame, span: str) -> Chart:
    """Each crime type's crimes by last-outcome stage, as shares."""
    return Chart(
        "puk_outcomes_chart", "Last outcome stage by crime type", "stacked_bar",
        frame,
        x="crime_type", y="pct", color="stage",
        x_title="Crime type", y_title="% of crimes",
        alt_text=(
            f"Bars of the share of each crime type's crimes by last "
            f"outcome stage, {span}; puk_outcomes lists them."
        ),
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Last outcomes of the latest year's crimes, by crime type and stage."""
    if CATEGORY not in ctx.warehouse.columns("occurrences"):
        return Section(
            *heading,
            summary=(
                "No last outcome category: import the files with "
                "'svsna import police-uk'.",
            ),
        )
    latest = latest_months(ctx)
    span = months_label(latest)
    frame = by_stage(ctx, latest)
    tables = (
        Table(
            "puk_outcomes", "Last outcome by crime type and stage",
            frame,
            caption=f"{span}; share of each crime type's crimes.",
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
        ),
        Table(
            "puk_outcome_categories", "Last outcome categories, all crime",
            by_category(ctx, latest),
            caption=f"{span}; categories as written in the files.",
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
        ),
    )
    return Section(
        *heading,
        summary=(
            f"Crimes recorded in {span} (anti-social behaviour has no outcome); the "
            "latest outcome at publication, so recent months are less complete.",
        ),
        tables=plain_tables(tables),
        charts=(stage_chart(frame, span),),
        findings=tuple(violence_finding(frame, span)),
    )


CHAPTER = Chapter("puk_outcomes", "Outcomes of crimes", analyse, needs=("occurrences",))
