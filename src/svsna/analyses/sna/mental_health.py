"""The share of suspects of serious violence with a mental-health warning marker.

The reference SNA recommends investigating "the prevalence of mental health
issues in serious violence perpetrators". The data contract carries police
warning markers on each person (``persons.warning_markers``, ``;``-separated,
e.g. ``weapons;mental health``); this chapter counts the distinct suspects
(offenders included) of each report year and of the whole period, and those
with the definition's marker (``sna.mental_health_marker``) on any of their
rows. A marker is what an officer recorded, not a diagnosis, and its absence
is not evidence of good mental health. Without the column, or with no marker
recorded at all, the chapter says which input would enable it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import complete, pct
from svsna.analyses.core.sql import involved_sql, literal, period_sv_sql
from svsna.results import Cells, Finding, Margin, Section, Table
from svsna.stats.proportions import proportion

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "mental_health_markers"
ALL_YEARS = "all years"
COUNTS = ("suspects", "with_marker")
#: The input that carries the markers, named when it is missing.
COLUMN = "persons.warning_markers"


def _has_markers(ctx: Context) -> bool:
    if "warning_markers" not in ctx.warehouse.columns("persons"):
        return False
    found = ctx.query(
        "SELECT COUNT(*) AS n FROM persons WHERE NULLIF(TRIM(warning_markers), '') "
        "IS NOT NULL"
    )
    return bool(found["n"].iloc[0])


def by_period(ctx: Context) -> pd.DataFrame:
    """Distinct suspects and those with the marker, each report year and all years."""
    marker = ctx.definition.sna.mental_health_marker.strip().lower()
    items = (
        "';' || LOWER(REPLACE(REPLACE(TRIM(i.warning_markers), '; ', ';'), ' ;', ';'))"
        " || ';'"
    )
    flagged = f"{items} LIKE {literal('%;' + marker + ';%')}"
    raw = ctx.query(f"""
        WITH people AS (
            SELECT i.fy, i.person_id,
                   MAX(CASE WHEN {flagged} THEN 1 ELSE 0 END) AS marked
            FROM ({involved_sql(period_sv_sql(ctx), role="suspect")}) i
            GROUP BY i.fy, i.person_id),
        whole AS (
            SELECT person_id, MAX(marked) AS marked FROM people GROUP BY person_id)
        SELECT fy AS period, COUNT(*) AS suspects, SUM(marked) AS with_marker
        FROM people GROUP BY fy
        UNION ALL
        SELECT {literal(ALL_YEARS)} AS period, COUNT(*) AS suspects,
               SUM(marked) AS with_marker
        FROM whole
    """)
    frame = complete(raw, {"period": [*ctx.years, ALL_YEARS]}, values=COUNTS)
    frame["pct"] = pct(frame["with_marker"], frame["suspects"])
    level = ctx.definition.trends.confidence_level
    limits = [
        proportion(int(m), int(n), level=level) if n else None
        for m, n in zip(frame["with_marker"], frame["suspects"], strict=True)
    ]
    frame["lower"] = [round(p.lower, 1) if p else None for p in limits]
    frame["upper"] = [round(p.upper, 1) if p else None for p in limits]
    return frame


def _finding(ctx: Context, frame: pd.DataFrame) -> Finding | None:
    whole = frame[frame["period"] == ALL_YEARS].iloc[0]
    if not whole["suspects"]:
        return None
    marker = ctx.definition.sna.mental_health_marker
    return Finding(
        id="mental_health_marker_share",
        text=f"{whole['pct']}% of the suspects of serious violence from "
        f"{ctx.years[0]} to {ctx.years[-1]} ({int(whole['with_marker']):,} of "
        f"{int(whole['suspects']):,}) had a '{marker}' warning marker (95% interval "
        f"{whole['lower']}% to {whole['upper']}%). A marker is what an officer "
        "recorded, not a diagnosis.",
        current=float(whole["pct"]),
        unit="%",
        lower=whole["lower"],
        upper=whole["upper"],
        cites={
            name: Cells(TABLE, column, {"period": ALL_YEARS})
            for name, column in (("marked", "with_marker"), ("all", "suspects"))
        },
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Suspects with the marker, each year and over the period."""
    if not _has_markers(ctx):
        return Section(*heading, missing_inputs=(COLUMN,))
    frame = by_period(ctx)
    table = Table(
        id=TABLE,
        title="Suspects of serious violence with a mental-health warning marker",
        data=frame,
        caption="Distinct suspects (offenders included) of the year's serious "
        "violence; with_marker: the marker on any of their rows; all years counts "
        "each person once; lower/upper: 95% Wilson interval of pct.",
        count_columns=COUNTS,
        derived_columns={c: COUNTS for c in ("pct", "lower", "upper")},
        margins=(
            Margin(
                "repeat_suspects",
                by=("period",), column="suspects", total_column="individuals",
            ),
        ),
    )
    found = _finding(ctx, frame) if ctx.years else None
    return Section(*heading, tables=(table,), findings=(found,) if found else ())


CHAPTER = Chapter(
    "mental_health_markers", "Suspects with a mental-health warning marker", analyse,
    needs=("occurrences", "persons"), part="recommended analyses", reference="2.4",
)
