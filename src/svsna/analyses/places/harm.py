"""Harm: where the damage of serious violence concentrates, not just its count.

A neighbourhood with one homicide and a neighbourhood with a dozen robberies
rank very differently by count and by harm. Each serious-violence offence of
the report period is weighted by its offence group: by default the unit cost
of crime its family already carries in the cost-of-crime table (Home Office),
or a crime-harm index (ONS Crime Severity Score, Cambridge Crime Harm Index)
given in the definition with its source. Areas are ranked both ways, and the
chapter says where the two rankings part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import pct
from svsna.analyses.core.maps import (
    area_geometries,
    map_chart,
    too_big,
    with_geojson,
)
from svsna.analyses.core.sql import period_sv_sql
from svsna.analyses.places.spatial_sql import has_geometry, neighbourhood_assignment_sql
from svsna.results import Cells, Chart, Finding, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.config import Definition

COLUMNS = [
    "area",
    "district",
    "offences",
    "harm",
    "harm_share",
    "count_rank",
    "harm_rank",
]
#: How many areas the finding on the two rankings looks at.
TOP = 10


def harm_weights(definition: Definition) -> dict[str, float]:
    """The weight of each offence group: the definition's, else its family's unit cost."""
    if definition.harm.weights:
        return {g: float(w) for g, w in definition.harm.weights.items()}
    costs = definition.unit_costs.by_family
    return {g.id: float(costs.get(g.family, 0)) for g in definition.offence_groups}


def rank_harm(counts: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """The ``harm_by_area`` rows from offences per area and offence group.

    ``counts`` has ``area``, ``district``, ``group_id`` and ``offences`` (a
    ``group_id`` of None for an area without offences). Harm = offences ×
    the group's weight, summed per area (a group without weight adds none);
    harm_share = the area's harm over all areas' harm × 100, one decimal.
    Both ranks give equal values the best rank they share (1, 2, 2, 4); rows
    are ordered by harm rank, then count rank, then name.
    """
    frame = counts.copy()
    frame["offences"] = frame["offences"].fillna(0).astype("int64")
    weight = frame["group_id"].map(weights).fillna(0.0).astype(float)
    frame["harm"] = frame["offences"] * weight
    areas = frame.groupby(["area", "district"], as_index=False, dropna=False)[
        ["offences", "harm"]
    ].sum()
    if np.allclose(areas["harm"], areas["harm"].round()):
        areas["harm"] = areas["harm"].round().astype("int64")
    else:
        areas["harm"] = areas["harm"].round(1)
    total = float(areas["harm"].sum())
    areas["harm_share"] = pct(areas["harm"], pd.Series(total, index=areas.index))
    for column, rank in (("offences", "count_rank"), ("harm", "harm_rank")):
        areas[rank] = areas[column].rank(method="min", ascending=False).astype("int64")
    areas = areas.sort_values(["harm_rank", "count_rank", "area"], kind="mergesort")
    return areas.reset_index(drop=True)[COLUMNS]


def area_counts(ctx: Context) -> tuple[pd.DataFrame, int]:
    """Offences per neighbourhood and offence group, and how many fell in none."""
    sv = period_sv_sql(ctx)
    assigned = neighbourhood_assignment_sql(ctx, sv)
    counts = ctx.query(f"""
        WITH assigned AS ({assigned}),
        grouped AS (
            SELECT a.area, s.group_id, COUNT(DISTINCT s.occurrence_id) AS offences
            FROM ({sv}) s JOIN assigned a ON a.occurrence_id = s.occurrence_id
            GROUP BY a.area, s.group_id
        )
        SELECT n.neighbourhood AS area, n.district, g.group_id, g.offences
        FROM neighbourhoods n LEFT JOIN grouped g ON g.area = n.neighbourhood
    """)
    unplaced = ctx.query(f"""
        SELECT COUNT(DISTINCT s.occurrence_id) AS n FROM ({sv}) s
        WHERE s.occurrence_id NOT IN (SELECT occurrence_id FROM ({assigned}) a)
    """)
    return counts, int(unplaced["n"].iloc[0])


def _disagreement(ranked: pd.DataFrame, unit: str) -> Finding | None:
    """Where the harm ranking and the count ranking part, in one sentence."""
    if ranked.empty or not ranked["harm"].sum():
        return None
    by_harm = set(ranked.head(TOP)["area"])
    by_count = set(ranked.sort_values(["count_rank", "area"]).head(TOP)["area"])
    shared = len(by_harm & by_count)
    moved = ranked[ranked["area"].isin(by_harm)].assign(
        rise=lambda f: f["count_rank"] - f["harm_rank"]
    )
    top = ranked.iloc[0]
    place = _braced(f"{top['area']} ({top['district']})")
    text = (
        f"{place} carries the most harm, {unit}{{top_harm}} ({{top_harm_share}}% of "
        "the area's), ranked {top_count_rank} by count. "
        f"{shared} of the {len(by_harm)} areas with most harm are also among the "
        f"{len(by_count)} with most offences"
    )
    riser = moved.sort_values(["rise", "harm_rank"], ascending=[False, True]).iloc[0]
    if riser["rise"] > 0:
        text += (
            f"; {_braced(riser['area'])} rises furthest, ranked {{riser_harm_rank}} "
            "by harm but {riser_count_rank} by count"
        )
    cites = {
        f"{name}_{column}": Cells("harm_by_area", column, {"area": row["area"]})
        for name, row in (("top", top), ("riser", riser))
        for column in ("harm", "harm_share", "count_rank", "harm_rank")
    }
    told = {"top_harm": f"{top['harm']:,}", "top_harm_share": str(top["harm_share"])}
    for name, row in (("top", top), ("riser", riser)):
        for column in ("count_rank", "harm_rank"):
            told[f"{name}_{column}"] = str(int(row[column]))
    # Public: the area's share is withheld whenever any area's count is (the
    # shares of all areas would give it away), so that form leaves it out.
    return Finding(
        "harm_rankings",
        text.format(**told) + ".",
        withheld_text=text.replace(" ({top_harm_share}% of the area's)", "") + ".",
        current=float(shared),
        current_label=f"top {len(by_harm)}",
        unit="areas",
        cites=cites,
    )


def _map(ranked: pd.DataFrame, shapes: pd.DataFrame, simplify_m: float) -> Chart:
    values = ranked.merge(shapes.rename(columns={"neighbourhood": "area"}), on="area")
    frame = with_geojson(values, simplify_m=simplify_m)
    return map_chart(
        "harm_map",
        "Share of the harm of serious violence by neighbourhood",
        frame,
        (
            "Map of neighbourhoods shaded by their share of the harm of serious "
            "violence; the harm_by_area table lists the same values."
        ),
        label="area", value="harm_share", colour="harm_share",
        tooltip=("district", "offences", "harm", "count_rank", "harm_rank"),
        table="harm_by_area",
    )


def _caption(ctx: Context) -> str:
    harm = ctx.definition.harm
    if harm.weights:
        source = f"weights per offence group from {harm.source or 'the definition'}"
    else:
        costs = ctx.definition.unit_costs
        source = (
            f"each offence weighted by its family's unit cost of crime ({costs.source}, "
            f"{costs.price_base} prices), as in the cost-of-crime table"
        )
    return (
        f"Serious violence of {ctx.years[0]} to {ctx.years[-1]} by neighbourhood; "
        f"harm: {source}. Ranks: 1 = most; equal values share the best rank."
        if ctx.years
        else f"Harm: {source}."
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Harm by neighbourhood, both rankings, a map and where they disagree."""
    shapes = None
    if has_geometry(ctx, "neighbourhoods"):
        shapes = area_geometries(ctx, "neighbourhoods", "neighbourhood")
    counts, unplaced = area_counts(ctx)
    unit = "£" if not ctx.definition.harm.weights else ""
    ranked = rank_harm(counts, harm_weights(ctx.definition))
    table = Table(
        "harm_by_area", "Harm of serious violence by neighbourhood",
        ranked,
        caption=_caption(ctx),
        count_columns=("offences",),
        derived_columns={
            c: ("offences",) for c in ("harm", "harm_share", "count_rank", "harm_rank")
        },
        # Shares of the whole area's harm give a withheld area's harm away by
        # difference: the column is withheld whenever one area's count is.
        derived_within={"harm_share": ()},
        fixed_form=True,
    )
    summary = [
        "Offences weighted by the harm they do, so that one homicide counts for "
        "more than a dozen robberies; neighbourhoods ranked by harm and by count."
    ]
    if unplaced:
        summary.append(
            f"{unplaced:,} serious-violence offences of the period have neither a "
            "neighbourhood of the neighbourhoods table nor a point inside one."
        )
    charts: list[Chart] = []
    if shapes is not None:
        note = too_big(ctx, len(ranked), "neighbourhoods")
        if note:
            summary.append(note)
        else:
            charts.append(_map(ranked, shapes, ctx.definition.maps.simplify_m))
    finding = _disagreement(ranked, unit)
    return Section(
        *heading,
        summary=tuple(summary),
        tables=(table,),
        charts=tuple(charts),
        findings=(finding,) if finding else (),
    )


CHAPTER = Chapter(
    "harm", "Harm of serious violence by place", analyse,
    needs=("occurrences", "neighbourhoods"),
)


def _braced(name: object) -> str:
    """A name from the data, safe inside a sentence filled in with ``str.format``."""
    return str(name).replace("{", "{{").replace("}", "}}")
