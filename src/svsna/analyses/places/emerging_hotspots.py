"""Emerging hot spots: which hot spots are new, intensifying, persistent or fading.

Chapter 5 finds where violence clusters over one window. This chapter asks how
each place has changed, as ArcGIS Pro's Emerging Hot Spot Analysis does: a
space-time cube of the hotspot offences by area and slice (a quarter by
default, :mod:`svsna.analyses.places.space_time`), Gi* on every slice exactly
as chapter 5 computes it (empirical-Bayes smoothed rates, the same neighbours,
conditional permutations, Benjamini-Hochberg), the Mann-Kendall trend test on
each area's series of z-scores, and Esri's categories
(:mod:`svsna.stats.emerging`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.maps import map_chart, too_big, with_geojson
from svsna.analyses.places.space_time import Cube, cube, data_slices, slice_label
from svsna.results import Chart, Finding, Section, Table
from svsna.stats.emerging import (
    CATEGORIES,
    NO_PATTERN,
    gi_star_slices,
    mann_kendall,
    pattern,
)
from svsna.stats.gistar import class_label, neighbour_weights, smoothed_rates

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COLUMNS = [
    "level",
    "area",
    "district",
    "category",
    "slices_hot",
    "slices_cold",
    "trend_tau",
    "trend_p",
    "last_class",
]
LEVEL_NAMES = {"neighbourhood": "neighbourhoods", "lsoa": "LSOAs"}
#: How many area names a finding lists before "and N more".
NAMED = 5


def slice_gi(ctx: Context, data: Cube) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gi* z-scores, published p-values and ArcGIS bins of every area and slice.

    The neighbours are found once (the areas do not move); each slice's
    empirical-Bayes smoothed rates get chapter 5's Gi* (its neighbours, seed
    and FDR) with the cube's number of permutations, one set of random draws
    serving every slice (:func:`~svsna.stats.emerging.gi_star_slices`). A
    slice without any offence has no cluster: z 0, p 1.
    """
    spots = ctx.definition.hotspots
    method = "knn" if spots.gistar_weights == "knn" else spots.gistar_contiguity
    w, islands = neighbour_weights(
        list(data.areas["shape"]), method=method, k=spots.gistar_neighbours
    )
    population = data.areas["population"].to_numpy(float)
    smoothed = np.zeros(data.counts.shape)
    for t in np.flatnonzero(data.counts.any(axis=0)):
        smoothed[:, t] = smoothed_rates(data.counts[:, t], population)
    results = gi_star_slices(
        smoothed,
        w,
        fdr=spots.gistar_fdr,
        permutations=ctx.definition.emerging_hotspots.permutations,
        seed=spots.gistar_seed,
        islands=islands,
    )
    z = np.column_stack([r.z for r in results])
    p = np.column_stack([r.published_p for r in results])
    bins = np.column_stack([r.gi_bin for r in results])
    return z, p, bins


def classify_areas(
    ctx: Context, data: Cube, z: np.ndarray, p: np.ndarray, bins: np.ndarray
) -> pd.DataFrame:
    """One row per area: its category, hot and cold slices, trend and final class."""
    rule = ctx.definition.emerging_hotspots
    states = np.sign(z).astype(int) * (p <= rule.alpha)
    rows = []
    for i, area in enumerate(data.areas.itertuples(index=False)):
        trend = mann_kendall(z[i])
        rows.append(
            {
                "level": data.level,
                "area": area.area,
                "district": area.district,
                "category": pattern(
                    states[i], trend, share=rule.share, alpha=rule.trend_alpha
                ),
                "slices_hot": int((states[i] > 0).sum()),
                "slices_cold": int((states[i] < 0).sum()),
                "trend_tau": round(trend.tau, 3),
                "trend_p": round(trend.p, 4),
                "last_class": class_label(int(bins[i, -1])),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = frame["category"].map({c: i for i, c in enumerate(CATEGORIES)})
    return frame.assign(_o=order).sort_values(["_o", "area"]).drop(columns="_o")


def category_findings(
    table: pd.DataFrame, slices: int, step: str, test: str = ""
) -> list[Finding]:
    """One sentence per category found at each level, naming its areas."""
    findings = []
    for (level, kind), group in table.groupby(["level", "category"], sort=False):
        category = str(kind)
        if category == NO_PATTERN:
            continue
        names = list(group["area"])
        named = ", ".join(names[:NAMED]) + (
            f" and {len(names) - NAMED} more" if len(names) > NAMED else ""
        )
        of_level = int((table["level"] == level).sum())
        findings.append(
            Finding(
                f"emerging_{level}_{category.replace(' ', '_')}",
                f"{len(names)} of {of_level} {LEVEL_NAMES[str(level)]} "
                f"{'is a' if len(names) == 1 else 'are'} {category}"
                f"{'' if len(names) == 1 else 's'} over {slices} {step}s: {named}.",
                current=float(len(names)),
                unit=LEVEL_NAMES[str(level)],
                test=test or None,
            )
        )
    return findings


def _map(level: str, rows: pd.DataFrame, data: Cube, simplify_m: float) -> Chart:
    frame = rows.merge(data.areas[["area", "shape"]], on="area")
    shown = [c for c in COLUMNS if c != "trend_p"] + ["shape"]
    frame = with_geojson(
        frame[shown],
        simplify_m=simplify_m,
    )
    present = [c for c in CATEGORIES if c in set(frame["category"])]
    frame["category"] = pd.Categorical(frame["category"], categories=present)
    name = LEVEL_NAMES[level]
    return map_chart(
        f"emerging_hotspots_{level}_map",
        f"Emerging hot and cold spots of {name}",
        frame,
        (
            f"Map of {name} coloured by emerging hot-spot category (new, "
            "consecutive, intensifying, persistent, diminishing, sporadic, "
            "oscillating or historical hot or cold spot, or no pattern); the "
            "emerging_hotspots table lists them."
        ),
        label="area", value="category", colour="category",
        tooltip=("district", "slices_hot", "slices_cold", "trend_tau", "last_class"),
        table="emerging_hotspots",
    )


def _caption(ctx: Context, slices: int, step: str, period: str) -> str:
    rule = ctx.definition.emerging_hotspots
    return (
        f"Hotspot offences by area and {step}, {slices} complete {step}s ({period}). "
        "Gi* of each slice as in the hotspots chapter (empirical-Bayes smoothed "
        f"rates, the same neighbours, {rule.permutations:,} conditional "
        "permutations per slice, Benjamini-Hochberg); a slice is a hot or cold "
        f"spot at p <= {rule.alpha:g}. slices_hot/slices_cold: significant slices; "
        "trend_tau, trend_p: Mann-Kendall trend of the area's Gi* z-scores "
        f"(significant at {rule.trend_alpha:g}); categories as ArcGIS Pro's "
        f"Emerging Hot Spot Analysis ({rule.share:.0%} rule); last_class: the Gi* "
        "class of the final slice."
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """The emerging hot-spot category of every area, maps and a finding per category."""
    rule = ctx.definition.emerging_hotspots
    spans = data_slices(ctx)
    step = {1: "month", 3: "quarter", 12: "year"}.get(
        rule.step_months, f"{rule.step_months}-month slice"
    )
    if len(spans) < rule.min_slices:
        return Section(
            *heading,
            summary=(
                f"Emerging hot spots need at least {rule.min_slices} complete "
                f"{step}s of data; the data hold {len(spans)}.",
            ),
        )
    period = (
        f"{slice_label(spans[0][0], rule.step_months)} to "
        f"{slice_label(spans[-1][0], rule.step_months)}"
    )
    parts, charts, notes = [], [], []
    for level in rule.levels:
        data = cube(ctx, level, spans)
        if data is None or len(data.areas) < 3:
            notes.append(
                f"No emerging hot spots of {LEVEL_NAMES[level]}: they need "
                "at least three areas with geometry and population."
            )
            continue
        rows = classify_areas(ctx, data, *slice_gi(ctx, data))
        parts.append(rows)
        note = too_big(ctx, len(rows), f"emerging hot spots of {LEVEL_NAMES[level]}")
        if note:
            notes.append(note)
        else:
            charts.append(_map(level, rows, data, ctx.definition.maps.simplify_m))
    table = (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    )
    return Section(
        *heading,
        summary=(
            f"How each place's clustering of violence changed over {len(spans)} "
            f"{step}s ({period}): new, intensifying, persistent, diminishing or "
            "fading hot spots, and their cold equivalents.",
            *notes,
        ),
        tables=(
            Table(
                "emerging_hotspots", "Emerging hot and cold spots",
                table.reset_index(drop=True),
                caption=_caption(ctx, len(spans), step, period),
                fixed_form=True,
            ),
        ),
        charts=tuple(charts),
        findings=tuple(
            category_findings(
                table, len(spans), step, _caption(ctx, len(spans), step, period)
            )
        ),
    )


CHAPTER = Chapter(
    "emerging_hotspots", "Emerging hot spots", analyse, needs=("occurrences",),
    uses=("neighbourhoods", "lsoas"),
)
