"""Public data: LSOA hotspots, Gi*, the deprivation gradient and crime near schools.

Points in public data are snapped to anonymous map points, so places are
analysed at LSOA level (domain reference, section 1.6). Over the latest
``hotspots.months`` months, the serious-violence proxy (the definition's
hotspot groups) is counted per LSOA of the force's own districts.

Gi* (:func:`svsna.stats.gistar.gi_star`) needs neighbouring areas; public
data come with no LSOA boundaries, so each LSOA is placed at the mean of its
crime points (every month, every type) and neighbours are the LSOAs whose
Thiessen (Voronoi) cells touch, i.e. Delaunay neighbours, a standard
point-based contiguity :cite:`okabe2000spatial`. The deprivation gradient
compares rates per 1,000 residents by IMD decile (exact rate ratio of the
most to the least deprived decile); crime near schools counts proxy offences
within ``school_proximity.distance_m`` of a school, at any time: public data
have neither the time nor the victim's age.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.maps import gi_class_map
from svsna.analyses.core.months import months_label
from svsna.analyses.core.sql import is_in
from svsna.analyses.public_data.base import (
    crimes_sql,
    latest_months,
    plain_tables,
)
from svsna.geometry import to_bng_points
from svsna.results import Chart, Finding, Section, Table
from svsna.stats import rate
from svsna.stats.gistar import gi_star, smoothed_rates
from svsna.stats.ratios import rate_ratio
from svsna.warehouse import SCHOOL_DISTANCE

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def lsoa_counts(ctx: Context, months: list[str]) -> pd.DataFrame:
    """Proxy offences per LSOA of the own districts in ``months``, zeros included."""
    crimes = crimes_sql(ctx)
    counts = ctx.query(
        f"SELECT lsoa_code, MAX(district) AS district, "
        f"SUM(CASE WHEN is_proxy AND {is_in('month_label', months)} THEN 1 ELSE 0 "
        f"END) AS count, AVG(latitude) AS latitude, AVG(longitude) AS longitude, "
        f"COUNT(latitude) AS points "
        f"FROM ({crimes}) t WHERE lsoa_code IS NOT NULL GROUP BY lsoa_code"
    )
    window_codes = ctx.query(
        f"SELECT DISTINCT lsoa_code FROM ({crimes}) t "
        f"WHERE {is_in('month_label', months)} AND lsoa_code IS NOT NULL"
    )["lsoa_code"]
    if not ctx.has("lsoas"):
        frame = counts[counts["lsoa_code"].isin(window_codes)].copy()
        frame["lsoa_name"], frame["population"], frame["imd_decile"] = (
            None,
            np.nan,
            None,
        )
        return frame.reset_index(drop=True)
    columns = ctx.warehouse.columns("lsoas")
    vintage = "extra_vintage" if "extra_vintage" in columns else "NULL"
    lsoas = ctx.query(
        f"SELECT lsoa_code, lsoa_name, district AS lsoa_district, population, "
        f"imd_decile, {vintage} AS vintage FROM lsoas"
    )
    in_window = lsoas[lsoas["lsoa_code"].isin(window_codes)]
    tally = in_window["vintage"].value_counts()
    chosen = "2011" if tally.get("2011", 0) > tally.get("2021", 0) else "2021"
    own = set(counts.loc[counts["lsoa_code"].isin(window_codes), "district"])
    universe = lsoas[
        lsoas["lsoa_code"].isin(window_codes)
        | (
            lsoas["lsoa_district"].isin(own)
            & (lsoas["vintage"].isin([chosen, "both"]) | lsoas["vintage"].isna())
        )
    ]
    frame = universe.merge(counts, on="lsoa_code", how="left")
    frame["district"] = frame["district"].fillna(frame["lsoa_district"])
    frame["count"] = frame["count"].fillna(0).astype(int)
    return frame.drop(columns=["lsoa_district", "vintage"]).reset_index(drop=True)


def gistar_cells(frame: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, str]:
    """Gi* z-score, class and Thiessen cell of each placed LSOA, and the values used.

    Cells are clipped to the placed LSOAs' extent (convex hull, 1 km margin)
    so that the outermost cells do not run to infinity on the map.
    """
    spots = ctx.definition.hotspots
    p_column = "p_value_bh" if spots.gistar_fdr else "p_value_permutation"
    out = frame.assign(
        smoothed_per_1000=np.nan, gi_z=np.nan, gi_star=None, shape=None,
        **{p_column: np.nan},
    )
    # In a fixed order: the seeded Gi* permutations then give the same classes.
    placed = frame.dropna(subset=["latitude", "longitude"]).sort_values("lsoa_code")
    if len(placed) < 3:
        return out, "too few placed LSOAs for Gi*"
    population = placed["population"].astype(float)
    use_rates = bool(population.gt(0).all())
    values = (
        smoothed_rates(placed["count"].to_numpy(float), population.to_numpy(float))
        if use_rates
        else placed["count"].to_numpy(float)
    )
    points = to_bng_points(
        placed["longitude"].to_numpy(), placed["latitude"].to_numpy()
    )
    cloud = shapely.multipoints(points)
    cells = list(shapely.voronoi_polygons(cloud, ordered=True).geoms)
    result = gi_star(
        values,
        cells,
        contiguity="rook",
        fdr=spots.gistar_fdr,
        permutations=spots.gistar_permutations,
        seed=spots.gistar_seed,
    )
    extent = shapely.convex_hull(cloud).buffer(1000)
    if use_rates:
        out.loc[placed.index, "smoothed_per_1000"] = np.round(values, 1)
    out.loc[placed.index, "gi_z"] = np.round(result.z, 3)
    out.loc[placed.index, "gi_star"] = result.labels
    out.loc[placed.index, p_column] = result.published_p.round(4)
    out.loc[placed.index, "shape"] = pd.Series(
        list(shapely.intersection(np.array(cells, dtype=object), extent)),
        index=placed.index,
    )
    basis = (
        "empirical-Bayes smoothed rates per 1,000 residents (small populations "
        "shrunk towards the force's rate)"
        if use_rates
        else "counts (some LSOAs have no population)"
    )
    return out, basis


def gi_map(frame: pd.DataFrame, span: str) -> Chart:
    """Map of the LSOAs' Thiessen cells coloured by Gi* class."""
    columns = ["lsoa_code", "lsoa_name", "district", "count", "per_1000", "gi_z"]
    return gi_class_map(
        "puk_gistar_map",
        "Getis-Ord Gi* hot and cold spots of LSOAs (approximate areas)",
        frame.dropna(subset=["gi_z"])[[*columns, "gi_star", "shape"]],
        "Map of the force's LSOAs, each drawn as the Thiessen cell around the "
        f"mean of its crime points, coloured by Gi* class, {span}; the "
        "puk_lsoa_hotspots table lists the top LSOAs.",
        label="lsoa_code",
        classes="gi_star",
    )


def deprivation(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Rates per 1,000 by IMD decile (1 = most deprived) with exact limits."""
    known = frame.dropna(subset=["imd_decile", "population"])
    known = known[known["population"] > 0]
    level = ctx.definition.trends.confidence_level
    grouped = known.groupby("imd_decile").agg(
        lsoas=("lsoa_code", "count"),
        population=("population", "sum"),
        count=("count", "sum"),
    )
    rows = []
    for decile, row in grouped.sort_index().iterrows():
        r = rate(int(row["count"]), float(row["population"]), level=level)
        rows.append(
            {
                "imd_decile": int(float(str(decile))),
                "lsoas": int(row["lsoas"]),
                "population": int(row["population"]),
                "count": int(row["count"]),
                "per_1000": round(r.value, 1),
                "lower": round(r.lower, 1),
                "upper": round(r.upper, 1),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "imd_decile",
            "lsoas",
            "population",
            "count",
            "per_1000",
            "lower",
            "upper",
        ],
    )


def placed_schools(ctx: Context) -> int:
    """Schools with a point (easting/northing or latitude/longitude)."""
    columns = set(ctx.warehouse.columns("schools"))
    pairs = [
        f"({a} IS NOT NULL AND {b} IS NOT NULL)"
        for a, b in (("easting", "northing"), ("latitude", "longitude"))
        if {a, b} <= columns
    ]
    if not pairs:
        return 0
    found = ctx.query(f"SELECT COUNT(*) AS n FROM schools WHERE {' OR '.join(pairs)}")
    return int(found["n"].iloc[0])


def near_schools(ctx: Context, months: list[str]) -> pd.DataFrame:
    """Proxy offences and all crime within the school distance of any school.

    Each crime's distance to the nearest school was measured when the
    warehouse was built (``svsna_school_distance``), so only counts come back.
    """
    columns = ["measure", "offences", "near_school", "pct", "schools", "distance_m"]
    if not ctx.has("schools") or not ctx.warehouse.has_table(SCHOOL_DISTANCE):
        return pd.DataFrame(columns=columns)
    distance = ctx.definition.school_proximity.distance_m
    near = f"COALESCE(d.nearest_school_m <= {float(distance)!r}, FALSE)"
    counts = ctx.query(f"""
        SELECT SUM(CASE WHEN t.is_proxy THEN 1 ELSE 0 END) AS proxy,
               SUM(CASE WHEN t.is_proxy AND {near} THEN 1 ELSE 0 END) AS proxy_near,
               SUM(CASE WHEN t.is_crime THEN 1 ELSE 0 END) AS crime,
               SUM(CASE WHEN t.is_crime AND {near} THEN 1 ELSE 0 END) AS crime_near
        FROM ({crimes_sql(ctx)}) t
        JOIN {SCHOOL_DISTANCE} d ON d.occurrence_id = t.occurrence_id
        WHERE {is_in('t.month_label', months)}
    """).fillna(0).iloc[0]
    schools = placed_schools(ctx)
    rows = []
    for measure, key in (
        ("violence, robbery and weapons possession", "proxy"),
        ("all crime (excluding anti-social behaviour)", "crime"),
    ):
        total, close = int(counts[key]), int(counts[f"{key}_near"])
        rows.append(
            {
                "measure": measure,
                "offences": total,
                "near_school": close,
                "pct": round(100 * close / total, 1) if total else None,
                "schools": schools,
                "distance_m": distance,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def ranked(frame: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """The ``top_n`` LSOAs by count (then rate, then code), with their rank."""
    order = frame.sort_values(
        ["count", "per_1000", "lsoa_code"], ascending=[False, False, True]
    ).head(top_n)
    ranks = frame["count"].rank(method="min", ascending=False)
    order.insert(0, "rank", ranks.loc[order.index].astype(int))
    return order[
        [
            "rank",
            "lsoa_code",
            "lsoa_name",
            "district",
            "count",
            "population",
            "per_1000",
            "smoothed_per_1000",
            "imd_decile",
            "gi_star",
            *(c for c in ("p_value_bh", "p_value_permutation") if c in order),
        ]
    ].reset_index(drop=True)


def hotspot_tables(
    frame: pd.DataFrame, ctx: Context, span: str, basis: str
) -> list[Table]:
    """The top LSOAs and the count of LSOAs in each Gi* class."""
    top_n = ctx.definition.public_data.top_lsoas
    classes = (
        frame["gi_star"]
        .fillna("not placed")
        .value_counts()
        .rename_axis("gi_star")
        .reset_index(name="lsoas")
    )
    return [
        Table(
            "puk_lsoa_hotspots",
            "LSOAs with the most violence, robbery and weapons possession",
            ranked(frame, top_n),
            caption=f"{span}; top {top_n} LSOAs of the force's own districts by count.",
            notes=(
                f"Gi* on {basis}, Delaunay (Thiessen-cell) neighbours of LSOAs "
                "placed at the mean of their crime points; "
                f"{ctx.definition.hotspots.gistar_permutations:,} conditional "
                "permutations with a fixed seed. The p-value shown is the one the "
                "class uses: p_value_bh is two-sided and Benjamini-Hochberg "
                "adjusted across LSOAs (p_value_permutation: not adjusted).",
            ),
            count_columns=("count",),
            derived_columns={"per_1000": ("count",), "smoothed_per_1000": ("count",)},
        ),
        Table(
            "puk_gistar_classes", "Gi* hot and cold spots among LSOAs",
            classes,
            caption=f"{span}; Gi* classes at 99/95/90% confidence.",
            count_columns=("lsoas",),
        ),
    ]


def gradient_finding(gradient: pd.DataFrame, span: str) -> Finding | None:
    """The rate ratio of the most to the least deprived decile present."""
    first, last = gradient.iloc[0], gradient.iloc[-1]
    if first["imd_decile"] == last["imd_decile"] or last["population"] <= 0:
        return None
    ratio = rate_ratio(
        int(first["count"]),
        float(first["population"]),
        int(last["count"]),
        float(last["population"]),
    )
    if ratio.value is None or ratio.lower is None:
        return None
    return Finding(
        "puk_deprivation_ratio",
        f"The rate in the most deprived decile ({int(first['imd_decile'])}) "
        f"was {ratio.value:.1f} times that in the least deprived "
        f"({int(last['imd_decile'])}) (95% CI {ratio.lower:.1f} to "
        f"{(ratio.upper or float('nan')):.1f}), {span}.",
        current=round(ratio.value, 2),
        unit="rate ratio",
    )


def gradient_table(gradient: pd.DataFrame, span: str) -> Table:
    """Rates by IMD decile with their exact limits."""
    return Table(
        "puk_deprivation",
        "Violence, robbery and weapons possession by deprivation decile",
        gradient,
        caption=f"{span}; IMD 2019 decile of the LSOA (1 = most deprived).",
        count_columns=("count",),
        derived_columns={
            "per_1000": ("count",),
            "lower": ("count",),
            "upper": ("count",),
        },
    )


def schools_table(schools: pd.DataFrame, span: str) -> Table:
    """Crime within the school distance of a school, at any time of day."""
    return Table(
        "puk_schools", "Crime near schools (any time of day)",
        schools,
        caption=(
            f"{span}; offences whose snapped point lies within "
            f"{schools['distance_m'].iloc[0]:g} m of a school."
        ),
        notes=(
            "No time filter and no victim age: public data have neither, so "
            "this is not the school-hours measure of the full SNA.",
        ),
        count_columns=("offences", "near_school"),
        derived_columns={"pct": ("offences", "near_school")},
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """LSOA hotspots with Gi*, the deprivation gradient and crime near schools."""
    latest = latest_months(ctx)
    span = months_label(latest)
    frame, basis = gistar_cells(lsoa_counts(ctx, latest), ctx)
    population = frame["population"].astype(float)
    frame["per_1000"] = (
        1000 * frame["count"] / population.where(population > 0)
    ).round(1)
    tables = hotspot_tables(frame, ctx, span, basis)
    findings = []
    gradient = deprivation(frame, ctx)
    if len(gradient):
        tables.append(gradient_table(gradient, span))
        finding = gradient_finding(gradient, span)
        findings += [finding] if finding else []
    schools = near_schools(ctx, latest)
    if len(schools):
        tables.append(schools_table(schools, span))
    hot = int(frame["gi_star"].fillna("").str.startswith("hot").sum())
    return Section(
        *heading,
        summary=(f"{len(frame):,} LSOAs, {span}; {hot} Gi* hot spot(s).",),
        tables=plain_tables(tables),
        charts=(gi_map(frame, span),) if frame["gi_z"].notna().any() else (),
        findings=tuple(findings),
    )


CHAPTER = Chapter(
    "puk_hotspots", "Places: LSOA hotspots, deprivation and schools", analyse,
    needs=("occurrences",), uses=("lsoas", "schools"),
)
