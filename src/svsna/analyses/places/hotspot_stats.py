"""The spatial statistics of chapter 5: Gi* classes, concentration, stray points.

Built on :mod:`svsna.stats.gistar` and :mod:`svsna.stats.concentration`; this
module only gathers the values per area and shapes the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.maps import area_geometries
from svsna.analyses.places.spatial_sql import lsoa_assignment_sql, one_decimal
from svsna.results import Margin, Table
from svsna.stats.concentration import concentration
from svsna.stats.gistar import gi_star, smoothed_rates
from svsna.warehouse import LOCATED, LOCATED_COLUMNS

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

GI_KEYS = ["level", "area", "district", "total", "population", "per_1000"]
GI_STATS = ["smoothed_per_1000", "neighbours", "gi_z", "gi_bin", "class"]
#: How many example occurrence ids a data-quality note lists.
EXAMPLES = 10


def lsoa_totals(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Every LSOA (``area``) with its district, population and count of ``occurrences``.

    Occurrences count in the LSOA they name or, failing that, the one whose
    polygon holds their point (placed when the warehouse was built).
    """
    assigned = lsoa_assignment_sql(ctx, occurrences)
    return ctx.query(f"""
        WITH assigned AS ({assigned}),
        counts AS (
            SELECT area, COUNT(DISTINCT occurrence_id) AS total
            FROM assigned GROUP BY area
        )
        SELECT l.lsoa_code AS area, l.district, COALESCE(c.total, 0) AS total,
               l.population
        FROM lsoas l LEFT JOIN counts c ON c.area = l.lsoa_code
    """)


def with_rate(values: pd.DataFrame) -> pd.DataFrame:
    """``values`` with ``rate`` per 1,000 (unrounded; NaN without population)."""
    out = values.copy()
    population = out["population"].astype("float64")
    out["rate"] = (out["total"] / population * 1000).where(population > 0)
    return out


def gi_table(
    ctx: Context, levels: list[tuple[str, pd.DataFrame]]
) -> tuple[Table, list[str]]:
    """Gi* of the smoothed rate per 1,000 at each level of areas.

    Each level gives ``area``, ``district``, ``total``, ``population``, ``rate``
    and ``shape``. Areas without population (no rate) are left out and noted;
    so are islands joined to their nearest area.
    """
    spots = ctx.definition.hotspots
    parts = []
    notes = []
    p_column = "p_value_bh" if spots.gistar_fdr else "p_value_permutation"
    for level, values in levels:
        # Sorted so that the seeded permutations meet the areas in a fixed order.
        usable = (
            values[values["rate"].notna()].sort_values("area").reset_index(drop=True)
        )
        dropped = len(values) - len(usable)
        if dropped:
            notes.append(
                f"{dropped} {level} areas without population are left out of Gi*."
            )
        if len(usable) < 3:
            notes.append(f"Gi* needs at least three {level} areas with geometry.")
            continue
        part, islands = _gi_level(ctx, level, usable, p_column)
        if islands:
            notes.append(
                f"{islands} {level} area(s) touch no other area; each was given its "
                "nearest area as a neighbour for Gi*."
            )
        parts.append(part)
    level_wide = ("smoothed_per_1000", "gi_z", p_column)
    columns = [*GI_KEYS, *GI_STATS[:3], p_column, *GI_STATS[3:]]
    data = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    )
    table = Table(
        id="hotspots_gi",
        title="Getis-Ord Gi* hot and cold spots of the smoothed rate per 1,000 residents",
        data=data[columns],
        caption=_gi_caption(ctx, p_column),
        count_columns=("total",),
        # A smoothed rate, z-score and p-value move with every count of their
        # level (the smoothing shrinks to the level's mean; Gi* adds up
        # neighbours): each is withheld across its level whenever one count is.
        derived_columns={c: ("total",) for c in ("per_1000", *level_wide)},
        derived_within={c: ("level",) for c in level_wide},
        margins=tuple(
            Margin(
                "concentration",
                column="total",
                total_column="all_offences",
                where={"level": "lsoa"},
                at={"level": "lsoa", "top_pct": pct},
            )
            for pct in spots.concentration_top_pct
        ),
    )
    return table, notes


def _gi_level(
    ctx: Context, level: str, usable: pd.DataFrame, p_column: str
) -> tuple[pd.DataFrame, int]:
    """Gi* of one level's areas, sorted hottest first, and its number of islands."""
    spots = ctx.definition.hotspots
    smoothed = smoothed_rates(
        usable["total"].to_numpy(float), usable["population"].to_numpy(float)
    )
    result = gi_star(
        smoothed,
        list(usable["shape"]),
        weights="knn" if spots.gistar_weights == "knn" else spots.gistar_contiguity,
        k=spots.gistar_neighbours,
        fdr=spots.gistar_fdr,
        permutations=spots.gistar_permutations,
        seed=spots.gistar_seed,
    )
    part = usable[["area", "district", "total"]].copy()
    part.insert(0, "level", level)
    part["population"] = usable["population"].astype("int64")
    part["per_1000"] = one_decimal(usable["rate"])
    part["smoothed_per_1000"] = one_decimal(pd.Series(smoothed))
    part["neighbours"] = result.neighbours
    part["gi_z"] = result.z.round(3)
    part[p_column] = result.published_p.round(4)
    part["gi_bin"] = result.gi_bin
    part["class"] = result.labels
    ordered = part.sort_values(["gi_z", "area"], ascending=[False, True])
    return ordered, result.islands


def _gi_caption(ctx: Context, p_column: str) -> str:
    spots = ctx.definition.hotspots
    neighbours = (
        f"each area's {spots.gistar_neighbours} nearest areas"
        if spots.gistar_weights == "knn"
        else f"{spots.gistar_contiguity} contiguity (islands joined to their nearest area)"
    )
    adjusted = (
        "adjusted by Benjamini-Hochberg across the areas of the level"
        if spots.gistar_fdr
        else "not adjusted for the many areas tested"
    )
    return (
        "Gi* of the empirical-Bayes smoothed rate per 1,000 residents (small "
        f"populations pulled towards the area's rate); neighbours: {neighbours}. "
        f"{p_column}: two-sided p-value from {spots.gistar_permutations:,} "
        f"conditional permutations (fixed seed), {adjusted}; the class uses it "
        "(hot/cold spot at 99, 95 or 90% confidence). gi_z: the neighbours' sum "
        "against its permutation distribution."
    )


def concentration_table(
    ctx: Context,
    neighbourhoods: pd.DataFrame,
    occurrences: str,
) -> Table:
    """The share of hotspot offences in the top 5% and 10% of places, per level."""
    top = ctx.definition.hotspots.concentration_top_pct
    levels = [("neighbourhood", neighbourhoods["total"])]
    if ctx.has("lsoas"):
        levels.append(("lsoa", lsoa_totals(ctx, occurrences)["total"]))
    rows = [
        {
            "level": level,
            "top_pct": c.pct,
            "places": c.places,
            "all_places": c.all_places,
            "offences": c.offences,
            "all_offences": c.all_offences,
            "share_pct": round(c.share, 1),
        }
        for level, counts in levels
        for c in concentration(counts.to_numpy(), top_pct=top)
    ]
    return Table(
        id="concentration",
        title="Concentration: share of hotspot offences in the busiest places",
        data=pd.DataFrame(rows),
        caption=(
            "Places ordered from most to fewest offences over the hotspot window; "
            "the top N% of places (rounded up) and their share of all offences."
        ),
        count_columns=("offences", "all_offences"),
        derived_columns={"share_pct": ("offences", "all_offences")},
    )


def outside_area_table(ctx: Context) -> Table | None:
    """Occurrences with no coordinates, and with coordinates outside the area.

    The area is the union of the neighbourhood geometries (or, without them,
    of the LSOA geometries); a point on a boundary counts as inside. Returns
    None when no geometry is available.
    """
    for table, key in (("neighbourhoods", "neighbourhood"), ("lsoas", "lsoa_code")):
        if ctx.has(table) and "geometry_wkt" in ctx.warehouse.columns(table):
            shapes = area_geometries(ctx, table, key)
            if len(shapes):
                break
    else:
        return None
    if not ctx.warehouse.has_table(LOCATED):
        return None
    outside_sql = f"FROM {LOCATED} WHERE {LOCATED_COLUMNS[table]} IS NULL"
    outside_count = int(ctx.query(f"SELECT COUNT(*) AS n {outside_sql}")["n"].iloc[0])
    outside = ctx.query(
        f"SELECT occurrence_id {outside_sql} ORDER BY occurrence_id LIMIT {EXAMPLES}"
    )
    counts = ctx.query(
        "SELECT COUNT(*) AS all_rows, "
        "COUNT(*) FILTER (WHERE easting IS NULL OR northing IS NULL) AS no_point "
        "FROM occurrences"
    ).iloc[0]
    examples = ", ".join(outside["occurrence_id"].astype(str).head(EXAMPLES))
    data = pd.DataFrame(
        {
            "check": ["no coordinates", "outside the area"],
            "occurrences": [int(counts["no_point"] or 0), outside_count],
            "of_all": [int(counts["all_rows"]), int(counts["all_rows"])],
            "examples": ["", examples],
        }
    )
    return Table(
        id="data_quality_points", title="Data quality: occurrence locations", data=data,
        caption=(
            f"Every occurrence in the data; the area is the union of the {table} "
            "geometries (a point on its edge is inside). Examples list the first "
            f"{EXAMPLES} occurrence ids outside."
        ),
    )
