"""Chapter 17: school exclusions and suspensions.

Exclusion from school is one of the strongest markers of a child's risk of
being drawn into violence. Permanent exclusions and suspensions by academic
year, phase and local authority, and the most common reasons given, from the
aggregate ``school_exclusions`` input (counts, not pupils).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import change_finding, complete, pct, total_rows
from svsna.analyses.core.sql import UNKNOWN
from svsna.analyses.partners.aggregates import aggregate_counts
from svsna.analyses.partners.base import (
    ALL,
    callouts_for,
    series,
    sum_counts,
    unknown_last,
    with_all,
)
from svsna.contract.vocabularies import EXCLUSION_TYPE, SCHOOL_PHASE
from svsna.results import Cells, Chart, Finding, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "school_exclusions"
TYPES = tuple(EXCLUSION_TYPE.values())
PHASES = tuple(SCHOOL_PHASE.values())
NAMES = {"permanent": "Permanent exclusions", "suspension": "Suspensions"}


def analyse(ctx: Context, heading: Heading) -> Section:
    """Exclusions and suspensions by year, phase and type; the top reasons."""
    section = Section(*heading)
    raw, years = aggregate_counts(
        ctx, TABLE, "TRIM(academic_year)",
        {
            "authority": "TRIM(authority)",
            "phase": f"COALESCE(phase, '{UNKNOWN}')",
            "exclusion_type": "exclusion_type",
            "reason": f"COALESCE(NULLIF(TRIM(reason), ''), '{UNKNOWN}')",
        },
    )
    authorities = sorted(set(raw["authority"]))
    phases = unknown_last(PHASES, raw["phase"])
    by_phase = sum_counts(raw, ["authority", "exclusion_type", "phase", "year"])
    exclusions = complete(
        with_all(by_phase, "phase", ["authority", "exclusion_type", "year"]),
        {
            "authority": authorities,
            "exclusion_type": TYPES,
            "phase": [*phases, ALL],
            "year": years,
        },
    )
    reasons = _reasons(raw, ctx.definition.partners.school_top_reasons)
    every_rows = exclusions[exclusions["phase"] == ALL]
    return replace(
        section,
        summary=(
            "Counts of exclusions and suspensions, not of pupils; a pupil can be "
            "suspended more than once.",
        ),
        tables=(
            Table(
                id="schools_exclusions",
                title="Permanent exclusions and suspensions by authority, phase and year",
                data=exclusions,
                count_columns=("count",),
                total_rows=total_rows(exclusions, "phase", ALL),
            ),
            Table(
                id="schools_reasons",
                title="Most common reasons for exclusions and suspensions",
                data=reasons,
                caption=f"Exclusions and suspensions together, {years[0]} to "
                f"{years[-1]}; percentages of every reason given in the authority."
                if years
                else "",
                count_columns=("count",),
                derived_columns={"pct": ("count",)},
            ),
        ),
        charts=tuple(
            Chart(
                id=f"schools_{kind}", title=f"{NAMES[kind]} by authority and year",
                kind="bar", data=every_rows[every_rows["exclusion_type"] == kind],
                x="year", y="count", color="authority",
                alt_text=f"Bar chart of {NAMES[kind].lower()} in each academic "
                "year by local "
                "authority.",
                table="schools_exclusions",
            )
            for kind in TYPES
        ),
        findings=tuple(_findings(ctx, every_rows, reasons, authorities, years)),
        callouts=callouts_for(ctx, ("schools",)),
    )


def _reasons(raw: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` reasons per authority with their share of every reason."""
    sums = sum_counts(raw, ["authority", "reason"])
    sums["pct"] = pct(
        sums["count"], sums.groupby("authority")["count"].transform("sum")
    )
    known = sums[sums["reason"] != UNKNOWN].sort_values(
        ["authority", "count", "reason"], ascending=[True, False, True]
    )
    known["rank"] = known.groupby("authority").cumcount() + 1
    chosen = known[known["rank"] <= top]
    return chosen[["authority", "rank", "reason", "count", "pct"]].reset_index(
        drop=True
    )


def _findings(
    ctx: Context,
    every: pd.DataFrame,
    reasons: pd.DataFrame,
    authorities: list[str],
    years: tuple[str, ...],
) -> list[Finding]:
    found: list[Finding] = []
    for authority in authorities:
        key = "_".join(authority.lower().split())
        for kind in TYPES:
            rows = every[
                (every["authority"] == authority) & (every["exclusion_type"] == kind)
            ]
            where = {"authority": authority, "exclusion_type": kind, "phase": ALL}
            change = change_finding(
                f"schools_{key}_{kind}_change",
                f"{NAMES[kind]} in {authority}",
                series(rows, "year", years),
                alpha=ctx.definition.trends.alpha,
                cells=Cells("schools_exclusions", "count", where),
            )
            if change:
                found.append(change)
        first = reasons[(reasons["authority"] == authority) & (reasons["rank"] == 1)]
        if not first.empty:
            found.append(
                Finding(
                    id=f"schools_{key}_top_reason",
                    text=f"The most common reason in {authority} was "
                    f"'{first['reason'].iloc[0]}' ({first['pct'].iloc[0]}%).",
                    current=float(first["pct"].iloc[0]),
                    unit="%",
                    cites={
                        "current": Cells(
                            "schools_reasons",
                            "pct",
                            {"authority": authority, "rank": 1},
                        )
                    },
                )
            )
    return found


CHAPTER = Chapter(
    "schools", "Schools: exclusions and suspensions", analyse, needs=(TABLE,),
    reference="17",
)
