"""Co-offending: suspects joined through the occurrences they share, in aggregate.

Serious violence is often committed by groups. Suspects of one occurrence
are linked; a group is everyone reachable through such links over the
report period (:mod:`svsna.stats.networks`, networkx), with people linked
across their records. ``co_offending_groups`` counts the groups and their
people by size; ``co_offending_share`` gives the serious-violence occurrences
with a known suspect and how many of them had a suspect in a group of the
definition's large size (three or more) or bigger. No one is named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import pct
from svsna.analyses.people.linked import offences_sql, police_people_sql
from svsna.results import Cells, Chart, Finding, Section, Table
from svsna.stats.networks import group_sizes, groups_by_size

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

GROUPS, SHARE = "co_offending_groups", "co_offending_share"


def suspects(ctx: Context) -> pd.DataFrame:
    """Rows of occurrence, person and whether it is serious violence, suspects only."""
    which = ctx.definition.people_over_time.co_offending.offences
    sql = offences_sql(ctx, which, in_period=True)
    return ctx.query(
        "SELECT DISTINCT p.occurrence_id, p.person, p.is_sv "
        f"FROM ({police_people_sql_with_sv(ctx, sql)}) p "
        "WHERE p.person_role = 'suspect' ORDER BY 1, 2"
    )


def police_people_sql_with_sv(ctx: Context, occurrences: str) -> str:
    """``police_people_sql`` keeping each occurrence's serious-violence flag."""
    base = police_people_sql(ctx, occurrences)
    return (
        f"SELECT b.*, o.is_sv FROM ({base}) b "
        f"JOIN (SELECT DISTINCT occurrence_id, is_sv FROM ({occurrences}) x) o "
        "ON o.occurrence_id = b.occurrence_id"
    )


def tables(ctx: Context) -> tuple[Table, Table]:
    """Groups by size, and the share of serious violence within large groups."""
    settings = ctx.definition.people_over_time.co_offending
    rows = suspects(ctx)
    sizes = group_sizes(rows)
    by_size = groups_by_size(sizes, settings.size_bands)
    sv = rows[rows["is_sv"].astype(bool)]
    large = set(sizes[sizes >= settings.large_group].index)
    occurrences = sv["occurrence_id"].nunique()
    within = sv.loc[sv["person"].isin(large), "occurrence_id"].nunique()
    share = pd.DataFrame(
        {
            "offences": ["serious violence"],
            "occurrences": [int(occurrences)],
            "in_large_groups": [int(within)],
        }
    )
    share["pct"] = pct(share["in_large_groups"].astype("float64"), share["occurrences"])
    what = "any offence" if settings.offences == "any" else "serious violence"
    period = f"{ctx.years[0]} to {ctx.years[-1]}"
    return (
        Table(
            GROUPS,
            "Co-offending groups by size",
            by_size,
            caption=f"Suspects linked through occurrences ({what}) of {period} they "
            "share; a group is everyone reachable through such links; size 1 is a "
            "suspect who shared no occurrence. people = groups x their sizes.",
            count_columns=("groups",),
            derived_columns={"people": ("groups",)},
        ),
        Table(
            SHARE,
            f"Serious violence within co-offending groups of {settings.large_group} "
            "or more",
            share,
            caption=f"Serious-violence occurrences of {period} with a known suspect, "
            f"and of those, occurrences with a suspect in a group of "
            f"{settings.large_group} or more people; pct = in_large_groups / "
            "occurrences x 100.",
            count_columns=("occurrences", "in_large_groups"),
            derived_columns={"pct": ("in_large_groups", "occurrences")},
        ),
    )


def _finding(ctx: Context, share: Table) -> Finding | None:
    row = share.data.iloc[0]
    if not row["occurrences"]:
        return None
    large = ctx.definition.people_over_time.co_offending.large_group
    where = {"offences": "serious violence"}
    return Finding(
        "co_offending_large_groups",
        f"{int(row['in_large_groups']):,} of the {int(row['occurrences']):,} "
        f"serious-violence occurrences with a known suspect ({row['pct']}%) involved "
        f"a suspect in a co-offending group of {large} or more people.",
        current=float(row["pct"]),
        unit="%",
        cites={
            "within": Cells(SHARE, "in_large_groups", where),
            "all": Cells(SHARE, "occurrences", where),
        },
        withheld_text=f"{{within}} of the {{all}} serious-violence occurrences with a "
        f"known suspect involved a suspect in a co-offending group of {large} or "
        "more people.",
    )


def _chart(groups: Table) -> Chart:
    return Chart(
        id=f"{GROUPS}_chart", title="Co-offending groups by size",
        kind="bar", data=groups.data[["size", "groups"]],
        x="size", y="groups",
        x_title="People in the group", y_title="Groups",
        alt_text="Bar chart of how many co-offending groups there are of each size: "
        "{values}.",
        table=GROUPS,
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Co-offending groups by size and the share of serious violence within large ones."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    groups, share = tables(ctx)
    found = _finding(ctx, share)
    return Section(
        *heading,
        summary=(
            "Suspects who share an occurrence are linked, and a co-offending group is "
            "everyone reachable through such links (a connected component of the "
            "network of suspects and occurrences, networkx). Only the number and size "
            "of groups are published; no one is named.",
        ),
        tables=(groups, share),
        charts=(_chart(groups),),
        findings=(found,) if found else (),
    )


CHAPTER = Chapter(
    "co_offending",
    "Co-offending networks",
    analyse,
    needs=("occurrences", "persons"),
    part="people",
)
