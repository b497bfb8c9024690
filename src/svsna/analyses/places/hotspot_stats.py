"""The spatial statistics of chapter 5: Gi* classes, concentration, stray points.

Built on :mod:`svsna.stats.gistar` and :mod:`svsna.stats.concentration`; this
module only gathers the values per area and shapes the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.maps import area_geometries, shapes_table
from svsna.analyses.places.spatial_sql import (
    area_assignment_sql,
    one_decimal,
    point_sql,
)
from svsna.results import Table
from svsna.stats.concentration import concentration
from svsna.stats.gistar import gi_star

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

GI_COLUMNS = [
    "level",
    "area",
    "district",
    "total",
    "per_1000",
    "gi_z",
    "p_value",
    "gi_bin",
    "class",
]
#: How many example occurrence ids a data-quality note lists.
EXAMPLES = 10


def lsoa_totals(ctx: Context, occurrences: str, shapes: str | None) -> pd.DataFrame:
    """Every LSOA (``area``) with its district, population and count of ``occurrences``.

    Occurrences count in the LSOA they name or, failing that and with
    ``shapes``, the one whose polygon holds their point.
    """
    assigned = area_assignment_sql(
        occurrences, table="lsoas", key="lsoa_code", column="lsoa_code", shapes=shapes
    )
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
    """Gi* of the rate per 1,000 at each level (``area``, ``rate``, ``shape`` given).

    Areas without population (no rate) are left out of the statistic and noted.
    """
    spots = ctx.definition.hotspots
    parts = []
    notes = []
    for level, values in levels:
        usable = values[values["rate"].notna()].reset_index(drop=True)
        dropped = len(values) - len(usable)
        if dropped:
            notes.append(
                f"{dropped} {level} areas without population are left out of Gi*."
            )
        if len(usable) < 3:
            notes.append(f"Gi* needs at least three {level} areas with geometry.")
            continue
        result = gi_star(
            usable["rate"].to_numpy(),
            list(usable["shape"]),
            contiguity=spots.gistar_contiguity,
            fdr=spots.gistar_fdr,
        )
        part = usable[["area", "district", "total"]].copy()
        part.insert(0, "level", level)
        part["per_1000"] = one_decimal(usable["rate"])
        part["gi_z"] = result.z.round(3)
        part["p_value"] = result.p.round(4)
        part["gi_bin"] = result.gi_bin
        part["class"] = result.labels
        parts.append(part.sort_values(["gi_z", "area"], ascending=[False, True]))
    data = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=GI_COLUMNS)
    )
    correction = (
        "p-values corrected for the false discovery rate (Benjamini-Hochberg)"
        if spots.gistar_fdr
        else "p-values not corrected for multiple testing"
    )
    table = Table(
        id="hotspots_gi",
        title="Getis-Ord Gi* hot and cold spots of the rate per 1,000 residents",
        data=data[GI_COLUMNS],
        caption=(
            f"Gi* z-scores on {spots.gistar_contiguity} contiguity of the hotspot "
            f"offence rate; two-sided {correction}; classes as in ArcGIS "
            "(hot/cold spot at 99, 95 or 90% confidence)."
        ),
        count_columns=("total",),
        derived_columns={"per_1000": ("total",)},
    )
    return table, notes


def concentration_table(
    ctx: Context,
    neighbourhoods: pd.DataFrame,
    occurrences: str,
    lsoa_shapes: str | None,
) -> Table:
    """The share of hotspot offences in the top 5% and 10% of places, per level."""
    top = ctx.definition.hotspots.concentration_top_pct
    levels = [("neighbourhood", neighbourhoods["total"])]
    if ctx.has("lsoas"):
        levels.append(("lsoa", lsoa_totals(ctx, occurrences, lsoa_shapes)["total"]))
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
    ctx.warehouse.enable_spatial()
    outside = ctx.query(f"""
        WITH areas AS (SELECT ST_GeomFromText(wkt) AS geom FROM {shapes_table(table)}),
        points AS (
            SELECT o.occurrence_id, o.easting, o.northing FROM occurrences o
            WHERE o.easting IS NOT NULL AND o.northing IS NOT NULL
        ),
        inside AS (
            SELECT DISTINCT p.occurrence_id FROM points p
            JOIN areas a ON ST_Intersects(a.geom, {point_sql("p")})
        )
        SELECT p.occurrence_id FROM points p
        WHERE p.occurrence_id NOT IN (SELECT occurrence_id FROM inside)
        ORDER BY p.occurrence_id
    """)
    counts = ctx.query(
        "SELECT COUNT(*) AS all_rows, "
        "SUM(CASE WHEN easting IS NULL OR northing IS NULL THEN 1 ELSE 0 END) "
        "AS no_point FROM occurrences"
    ).iloc[0]
    examples = ", ".join(outside["occurrence_id"].astype(str).head(EXAMPLES))
    data = pd.DataFrame(
        {
            "check": ["no coordinates", "outside the area"],
            "occurrences": [int(counts["no_point"] or 0), len(outside)],
            "of_all": [int(counts["all_rows"]), int(counts["all_rows"])],
            "examples": ["", examples],
        }
    )
    return Table(
        id="data_quality_points",
        title="Data quality: occurrence locations",
        data=data,
        caption=(
            f"Every occurrence in the data; the area is the union of the {table} "
            "geometries (a point on its edge is inside). Examples list the first "
            f"{EXAMPLES} occurrence ids outside."
        ),
    )
