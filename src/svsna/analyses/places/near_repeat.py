"""Near repeats: whether one serious-violence offence predicts another nearby within days.

The Knox test (:func:`svsna.stats.knox.knox`) of the report period's serious
violence with coordinates, in the bands of Ratcliffe's Near Repeat Calculator:
pairs of offences by distance and days apart, each band's count against the
mean of random permutations of the dates (the same places and dates,
unrelated). A ratio above 1 that permutations rarely reach says that, after
one offence, another within that distance and time is more likely than
chance: the window in which patrols or a targeted response count most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.sql import period_sv_sql
from svsna.results import Cells, Chart, Finding, Section, Table
from svsna.results.numbers import p_clause
from svsna.stats.knox import Knox, band_labels, knox
from svsna.stats.multiple import bh_adjust

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COLUMNS = ["distance_band", "time_band", "observed", "expected", "ratio", "p_value"]


def events(ctx: Context) -> pd.DataFrame:
    """Serious violence of the report period with a point: ``easting``, ``northing``, ``day``.

    ``day`` counts days from 1 January 1970, so that differences are days apart.
    """
    frame = ctx.query(f"""
        SELECT occurrence_id, MIN(easting) AS easting, MIN(northing) AS northing,
               MIN(committed_date) AS committed_date
        FROM ({period_sv_sql(ctx)}) s
        WHERE easting IS NOT NULL AND northing IS NOT NULL
        GROUP BY occurrence_id ORDER BY occurrence_id
    """)
    dates = pd.to_datetime(frame["committed_date"])
    frame["day"] = (dates - pd.Timestamp("1970-01-01")).dt.days.astype("int64")
    return frame


def knox_table(result: Knox, distance: list[str], time: list[str]) -> pd.DataFrame:
    """The ``near_repeat`` rows: every distance band by every time band.

    The p-value is the permutation p-value adjusted by Benjamini-Hochberg
    across all the bands, because a table of thirty tests would show one or
    two "significant" by chance alone.
    """
    rows = len(distance) * len(time)
    return pd.DataFrame(
        {
            "distance_band": np.repeat(distance, len(time)),
            "time_band": np.tile(time, len(distance)),
            "observed": result.observed.ravel().astype("int64"),
            "expected": result.expected.ravel().round(2),
            "ratio": result.ratio.ravel().round(2),
            "p_value": bh_adjust(result.p.ravel()).round(4) if rows else np.array([]),
        }
    )[COLUMNS]


def _finding(data: pd.DataFrame, ctx: Context, test: str) -> Finding:
    """The highest significant ratio within the bands, or that none stands out."""
    alpha = ctx.definition.near_repeat.alpha
    close = data[
        ~data["distance_band"].str.startswith("more")
        & ~data["time_band"].str.startswith("more")
    ]
    significant = close[(close["p_value"] <= alpha) & (close["ratio"] > 1)]
    if significant.empty:
        return Finding(
            "near_repeat_highest",
            "No band of distance and days apart held significantly more pairs of "
            f"serious-violence offences than chance would give (at the {alpha:.0%} "
            "level): no near-repeat pattern was found.",
            significant=False,
            test=test,
        )
    top = significant.sort_values(["ratio", "p_value"], ascending=[False, True]).iloc[0]
    return Finding(
        "near_repeat_highest",
        f"Within {top['distance_band']} m and {top['time_band']} days of a serious-"
        f"violence offence, pairs of offences were {top['ratio']:.2f} times as many "
        f"as chance would give ({int(top['observed']):,} against "
        f"{top['expected']:,.1f} expected, {p_clause(top['p_value'])}): the highest "
        "significant near-repeat ratio.",
        current=float(top["ratio"]),
        significant=True,
        cites={
            column: Cells(
                "near_repeat",
                column,
                {"distance_band": top["distance_band"], "time_band": top["time_band"]},
            )
            for column in ("ratio", "observed")
        },
        p_value=float(top["p_value"]),
        test=test,
        unit="times",
    )


def _heat_map(data: pd.DataFrame) -> Chart:
    frame = data[["distance_band", "time_band", "ratio", "observed", "p_value"]].copy()
    return Chart(
        "near_repeat_heatmap",
        "Near repeats: observed over expected pairs by distance and days apart",
        "heatmap",
        frame,
        x="time_band", y="distance_band", color="ratio",
        x_title="days apart", y_title="metres apart",
        tooltip=("observed", "p_value"),
        table="near_repeat",
        alt_text=(
            "Heat map of the Knox ratio (pairs of serious-violence offences "
            "observed over expected) by distance band and days apart; darker "
            "cells hold more pairs than chance; the near_repeat table lists them."
        ),
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """The Knox table, its heat map and a sentence on the strongest near repeat."""
    rule = ctx.definition.near_repeat
    points = events(ctx)
    result = knox(
        points["easting"].to_numpy(float),
        points["northing"].to_numpy(float),
        points["day"].to_numpy(),
        distance_band=rule.distance_band_m,
        distance_bands=rule.distance_bands,
        time_band=rule.time_band_days,
        time_bands=rule.time_bands,
        permutations=rule.permutations,
        seed=rule.seed,
    )
    distance = band_labels(rule.distance_band_m, rule.distance_bands)
    time = band_labels(rule.time_band_days, rule.time_bands)
    data = knox_table(result, distance, time)
    period = f"{ctx.years[0]} to {ctx.years[-1]}" if ctx.years else "no complete year"
    test = (
        f"Knox test: pairs of the {result.events:,} serious-violence offences with "
        f"coordinates in {period}, by distance and days apart, against "
        f"the mean of {rule.permutations:,} random permutations of the dates "
        "(fixed seed); one-sided permutation p-values adjusted by Benjamini-Hochberg "
        "across the bands."
    )
    table = Table(
        "near_repeat",
        "Near repeats: pairs of serious-violence offences by distance and days apart",
        data,
        caption=(
            f"{test} Distance bands in metres (BNG), time bands in days; ratio = "
            "observed / expected."
        ),
        count_columns=("observed",),
        derived_columns={"ratio": ("observed",)},
        fixed_form=True,
    )
    summary = (
        "Pairs of serious-violence offences close in both space and time, against "
        "what the same places and dates would give if unrelated (Knox test, as "
        "Ratcliffe's Near Repeat Calculator).",
    )
    charts = (_heat_map(data),) if result.events >= 2 else ()
    return Section(
        *heading,
        summary=summary,
        tables=(table,),
        charts=charts,
        findings=(_finding(data, ctx, test),),
    )


CHAPTER = Chapter(
    "near_repeat", "Near repeats of serious violence", analyse, needs=("occurrences",),
)
