"""Chapter 5: serious violence hotspots, Gi* hot spots and concentration.

The reference SNA ranks neighbourhoods by the sum of two ranks (volume and rate
per 1,000 residents) over the last 12 months. That ranking is reproduced to the
letter (table ``hotspots``) and then taken further with the statistics crime
analysts trust: Getis-Ord Gi* with a false-discovery-rate correction, which
says where high rates cluster beyond chance (``hotspots_gi``), and the share of
offences in the top 5% and 10% of places (``concentration``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.maps import (
    area_geometries,
    gi_class_map,
    map_chart,
    too_big,
    with_geojson,
)
from svsna.analyses.core.windows import hotspot_occurrences_sql, hotspot_window
from svsna.analyses.places.hotspot_stats import (
    concentration_table,
    gi_table,
    lsoa_totals,
    outside_area_table,
    with_rate,
)
from svsna.analyses.places.spatial_sql import (
    has_geometry,
    neighbourhood_assignment_sql,
    one_decimal,
)
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.stats.concentration import concentration

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context
    from svsna.results.relations import Label

HOTSPOT_COLUMNS = [
    "rank",
    "district",
    "neighbourhood",
    "total",
    "volume_rank",
    "population",
    "per_1000",
    "rate_rank",
    "score",
]


def rank_hotspots(areas: pd.DataFrame, /) -> pd.DataFrame:
    """The hotspot ranking of the reference SNA.

    ``areas`` has ``district``, ``neighbourhood``, ``total`` and ``population``.
    Volume rank and rate rank give equal values the best rank they share
    (1, 2, 2, 4); score = volume rank + rate rank; the final rank orders by
    score, then rate rank, then name. Rates are ranked unrounded and shown to
    one decimal; an area without population has no rate and ranks last on it.
    """
    frame = areas.copy()
    frame["total"] = frame["total"].fillna(0).astype("int64")
    population = frame["population"].astype("float64")
    frame["rate"] = (frame["total"] / population * 1000).where(population > 0)
    frame["volume_rank"] = (
        frame["total"].rank(method="min", ascending=False).astype("int64")
    )
    frame["rate_rank"] = (
        frame["rate"]
        .rank(method="min", ascending=False, na_option="bottom")
        .astype("int64")
    )
    frame["score"] = frame["volume_rank"] + frame["rate_rank"]
    frame = frame.sort_values(
        ["score", "rate_rank", "neighbourhood"], kind="mergesort"
    ).reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    frame["per_1000"] = one_decimal(frame["rate"])
    return frame[HOTSPOT_COLUMNS]


def neighbourhood_totals(ctx: Context, occurrences: str) -> tuple[pd.DataFrame, int]:
    """Every neighbourhood with its count of ``occurrences``, and the count placed nowhere.

    Occurrences count in the neighbourhood they name or, failing that, the one
    whose polygon holds their point (placed when the warehouse was built).
    """
    assigned = neighbourhood_assignment_sql(ctx, occurrences)
    totals = ctx.query(f"""
        WITH assigned AS ({assigned}),
        counts AS (
            SELECT area, COUNT(DISTINCT occurrence_id) AS total
            FROM assigned GROUP BY area
        )
        SELECT n.district, n.neighbourhood, COALESCE(c.total, 0) AS total,
               n.population
        FROM neighbourhoods n
        LEFT JOIN counts c ON c.area = n.neighbourhood
    """)
    unplaced = ctx.query(f"""
        SELECT COUNT(DISTINCT o.occurrence_id) AS n FROM ({occurrences}) o
        WHERE o.occurrence_id NOT IN (SELECT occurrence_id FROM ({assigned}) a)
    """)
    return totals, int(unplaced["n"].iloc[0])


def analyse(ctx: Context, heading: Heading) -> Section:
    """The hotspot ranking, Gi* classes, concentration and maps."""
    spots = ctx.definition.hotspots
    start, end, window = hotspot_window(ctx)
    occurrences = hotspot_occurrences_sql(ctx.definition, start, end)
    shapes = {
        table: area_geometries(ctx, table, key)
        for table, key in (("neighbourhoods", "neighbourhood"), ("lsoas", "lsoa_code"))
        if has_geometry(ctx, table)
    }
    totals, unmatched = neighbourhood_totals(ctx, occurrences)
    ranking = rank_hotspots(totals)
    summary = [
        f"Hotspots rank every neighbourhood by the hotspot offences of the "
        f"{spots.months} months {window}: volume rank plus rate-per-1,000 rank."
    ]
    if unmatched:
        summary.append(
            f"{unmatched} hotspot offences of the window have neither a neighbourhood "
            "of the neighbourhoods table nor a point inside one, and are not ranked."
        )
    tables = [_ranking_table(ctx, ranking, window)]
    charts: list[Chart] = []
    findings = _top_finding(ranking, window)
    geometry_tables, geometry_charts, notes = _spatial(
        ctx, ranking, occurrences, shapes
    )
    tables += geometry_tables
    charts += geometry_charts
    summary += notes
    tables.append(concentration_table(ctx, ranking, occurrences))
    return Section(
        *heading,
        summary=tuple(summary),
        tables=tuple(tables),
        charts=tuple(charts),
        findings=tuple(findings),
    )


def _ranking_table(ctx: Context, ranking: pd.DataFrame, window: str) -> Table:
    """The ranking; its ranks and score are built on the totals, withheld with them."""
    return Table(
        id="hotspots", title=f"Serious violence hotspots, {window}", data=ranking,
        caption=(
            "Score = volume rank + rate-per-1,000 rank; ranked by score, then "
            "rate rank, then name. Equal totals or rates share the best rank."
        ),
        count_columns=("total",),
        derived_columns={
            "per_1000": ("total",),
            "volume_rank": ("total",),
            "rate_rank": ("total",),
            "score": ("total",),
        },
        fixed_form=True,
        margins=_hotspot_margins(ctx, ranking),
    )


def _top_finding(ranking: pd.DataFrame, window: str) -> list[Finding]:
    """The first-ranked neighbourhood, citing its cells of the ranking."""
    if not len(ranking):
        return []
    top = ranking.iloc[0]
    return [
        Finding(
            id="hotspots_top",
            text=(
                f"{top['neighbourhood']} ({top['district']}) ranks first, with "
                f"{top['total']} offences ({top['per_1000']} per 1,000 residents)."
            ),
            current=float(top["total"]),
            current_label=window,
            unit="offences",
            cites={
                column: Cells("hotspots", column, {"rank": 1})
                for column in ("total", "per_1000")
            },
        )
    ]


def _hotspot_margins(ctx: Context, ranking: pd.DataFrame) -> tuple[Margin, ...]:
    """Neighbourhoods add up to concentration's totals and are hotspots_gi's again.

    Every neighbourhood's total adds up to ``all_offences`` of each
    neighbourhood row of ``concentration``, and those of its busiest places
    (the top N% by total) to ``offences``.
    """
    margins = [
        Margin(
            "hotspots_gi",
            by=("neighbourhood",), column="total",
            rename={"neighbourhood": "area"},
            at={"level": "neighbourhood"},
        )
    ]
    busiest = ranking.sort_values("total", ascending=False, kind="mergesort")
    for row in concentration(ranking["total"].to_numpy(), top_pct=_top_pct(ctx)):
        at: dict[str, Label] = {"level": "neighbourhood", "top_pct": row.pct}
        top = tuple(busiest["neighbourhood"].head(row.places))
        margins += [
            Margin("concentration", column="total", total_column="all_offences", at=at),
            Margin(
                "concentration",
                column="total",
                total_column="offences",
                where={"neighbourhood": top},
                at=at,
            ),
        ]
    return tuple(margins)


def _top_pct(ctx: Context) -> tuple[float, ...]:
    return tuple(ctx.definition.hotspots.concentration_top_pct)


def _spatial(
    ctx: Context,
    ranking: pd.DataFrame,
    occurrences: str,
    shapes: dict[str, pd.DataFrame],
) -> tuple[list[Table], list[Chart], list[str]]:
    """Gi* table, data-quality points and the maps, where geometries exist."""
    tables: list[Table] = []
    charts: list[Chart] = []
    notes: list[str] = []
    levels: list[tuple[str, pd.DataFrame]] = []
    if "neighbourhoods" in shapes:
        values = ranking.merge(shapes["neighbourhoods"], on="neighbourhood")
        note = too_big(ctx, len(values), "neighbourhoods")
        if note:
            notes.append(note)
        else:
            charts.append(_rate_map(values, ctx.definition.maps.simplify_m))
        values = values.rename(columns={"neighbourhood": "area"})
        levels.append(("neighbourhood", with_rate(values)))
    if "lsoas" in shapes:
        lsoa_shapes = shapes["lsoas"].rename(columns={"lsoa_code": "area"})
        totals = lsoa_totals(ctx, occurrences)
        levels.append(("lsoa", with_rate(totals.merge(lsoa_shapes, on="area"))))
    if not levels:
        notes.append(
            "Gi* hot spots and maps need neighbourhood or LSOA geometries "
            "(geometry_wkt), which the data does not hold."
        )
        return tables, charts, notes
    gi, gi_notes = gi_table(ctx, levels)
    notes += gi_notes
    tables.append(gi)
    for level, values in levels:
        part = gi.data[gi.data["level"] == level]
        note = too_big(ctx, len(part), f"Gi* classes of {level} areas")
        if note:
            notes.append(note)
        elif len(part):
            data = part.merge(values[["area", "shape"]])
            charts.append(_gi_map(level, data, ctx.definition.maps.simplify_m))
    quality = outside_area_table(ctx)
    if quality is not None:
        tables.append(quality)
        outside = int(quality.data["occurrences"].iloc[1])
        if outside:
            notes.append(
                f"{outside} occurrences have coordinates outside the area's "
                "boundary (data quality; see data_quality_points)."
            )
    return tables, charts, notes


def _rate_map(values: pd.DataFrame, simplify_m: float) -> Chart:
    data = with_geojson(
        values[["neighbourhood", "district", "total", "per_1000", "shape"]],
        simplify_m=simplify_m,
    )
    return map_chart(
        "hotspots_rate_map",
        "Hotspot offences per 1,000 residents by neighbourhood",
        data,
        "Map of neighbourhoods shaded by hotspot offences per 1,000 residents; "
        "the hotspots table lists the same values.",
        label="neighbourhood", value="per_1000", colour="per_1000",
        table="hotspots",
    )


def _gi_map(level: str, data: pd.DataFrame, simplify_m: float) -> Chart:
    name = "neighbourhoods" if level == "neighbourhood" else "LSOAs"
    return gi_class_map(
        f"hotspots_gi_{level}_map",
        f"Getis-Ord Gi* hot and cold spots of {name}",
        data[["level", "area", "district", "per_1000", "gi_z", "class", "shape"]],
        f"Map of {name} coloured by Gi* class (hot or cold spot at 99, 95 or "
        "90% confidence, or not significant); the hotspots_gi table lists them.",
        label="area",
        classes="class",
        simplify_m=simplify_m,
        tooltip=("per_1000",),
        table="hotspots_gi",
    )


CHAPTER = Chapter(
    "hotspots", "Serious violence hotspots", analyse,
    needs=("occurrences", "neighbourhoods"), uses=("lsoas",), reference="5",
)
