"""When serious violence happens: the monthly series with its trend, and day × hour.

The monthly trend is an ordinary least-squares line through the monthly counts
(:func:`numpy.polynomial.polynomial.Polynomial.fit`), the "trendline" of the
reference SNA; it describes, it does not test. Across a change of definition
it is fitted on each side separately, and the chart marks the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.comparisons import report_basis
from svsna.analyses.core.figures import complete
from svsna.analyses.core.periods import fy_bounds
from svsna.analyses.core.sql import in_list, literal, weekday_sql
from svsna.config.definition import WEEKDAYS, band_label
from svsna.results import Cells

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context
    from svsna.analyses.core.series_break import Basis

ALL_COHORT = "all"


def months_of(ctx: Context) -> list[str]:
    """Every month (``YYYY-MM``) of the report period, in order."""
    if not ctx.years:
        return []
    start_month = ctx.definition.financial_year_start_month
    first, _ = fy_bounds(ctx.years[0], start_month)
    _, last = fy_bounds(ctx.years[-1], start_month)
    return [f"{d:%Y-%m}" for d in pd.date_range(first, last, freq="MS")]


def months_by_year(ctx: Context) -> dict[str, list[str]]:
    """The months (``YYYY-MM``) of each financial year of the report period."""
    start_month = ctx.definition.financial_year_start_month
    found = {}
    for year in ctx.years:
        first, last = fy_bounds(year, start_month)
        found[year] = [f"{d:%Y-%m}" for d in pd.date_range(first, last, freq="MS")]
    return found


def monthly(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Occurrences per month with the fitted linear trend (``month``, ``count``, ``trend``).

    When the definition changes during the report period, ``like_for_like``
    counts only the groups in serious violence throughout, and the trend is
    fitted separately on each side of the change (a step, never a slope,
    across it).
    """
    basis = report_basis(ctx)
    sql = f"""
    SELECT EXTRACT(YEAR FROM committed_date) AS y,
           EXTRACT(MONTH FROM committed_date) AS m, COUNT(*) AS count,
           SUM(CASE WHEN group_id IN {in_list(basis.common)} THEN 1 ELSE 0 END)
               AS like_for_like
    FROM ({occurrences}) o GROUP BY EXTRACT(YEAR FROM committed_date),
                                    EXTRACT(MONTH FROM committed_date)
    """
    raw = ctx.query(sql)
    raw["month"] = [
        f"{int(y)}-{int(m):02d}" for y, m in zip(raw["y"], raw["m"], strict=True)
    ]
    values = ("count", "like_for_like") if basis.broken else ("count",)
    frame = complete(raw, {"month": months_of(ctx)}, values=values)
    segments = np.searchsorted(
        [f"{d:%Y-%m}" for d in basis.dates], frame["month"].to_numpy(), side="right"
    )
    trend = pd.Series(0.0, index=frame.index)
    for segment in np.unique(segments):
        rows = segments == segment
        trend[rows] = fitted_trend(frame.loc[rows, "count"].to_numpy())
    frame["trend"] = trend.to_numpy()
    return frame


def fitted_trend(counts: np.ndarray) -> np.ndarray:
    """Least-squares straight line through ``counts`` (index as x), one decimal."""
    if len(counts) < 2:
        return counts.astype("float64")
    x = np.arange(len(counts), dtype="float64")
    line = np.polynomial.Polynomial.fit(x, counts.astype("float64"), 1)
    return np.round(line(x), 1)


def break_marks(ctx: Context) -> tuple[tuple[str, str], ...]:
    """The monthly chart's series breaks: the month of each change, in words."""
    basis = report_basis(ctx)
    return tuple(
        (f"{day:%Y-%m}", f"definition change: {basis_words(basis, day)}")
        for day in basis.dates
    )


def basis_words(basis: Basis, day: dt.date) -> str:
    """``ABH joins`` (the groups that joined or left on ``day``)."""
    return "; ".join(
        f"{c.label} {'joins' if c.joined else 'leaves'}"
        for c in basis.changes
        if c.date == day
    )


def day_hour(ctx: Context, occurrences: str) -> pd.DataFrame:
    """The fixed-form ``sv_day_hour`` table: every cohort × day × hour, zeros included.

    Only occurrences with a known time; a victim cohort holds occurrences with
    at least one victim of that age band.
    """
    weekday = weekday_sql("committed_date")
    cohorts = ctx.definition.age_bands.day_hour_cohorts
    parts = [
        f"""SELECT {literal(ALL_COHORT)} AS cohort, wd, hour, COUNT(*) AS count
        FROM t GROUP BY wd, hour"""
    ]
    for low, high in cohorts:
        upper = "" if high is None else f" AND p.age <= {high}"
        parts.append(
            f"""SELECT {literal("victim " + band_label((low, high)))} AS cohort,
                   wd, hour, COUNT(*) AS count
            FROM t WHERE EXISTS (
                SELECT 1 FROM persons p WHERE p.occurrence_id = t.occurrence_id
                  AND p.role = 'victim' AND p.age >= {low}{upper})
            GROUP BY wd, hour"""
        )
    union = "\nUNION ALL\n".join(parts)
    sql = f"""
    WITH t AS (
        SELECT occurrence_id, {weekday} AS wd,
               EXTRACT(HOUR FROM committed_time) AS hour
        FROM ({occurrences}) o WHERE committed_time IS NOT NULL)
    {union}
    """
    raw = ctx.query(sql)
    raw["day"] = [WEEKDAYS[int(w)] for w in raw["wd"]]
    raw["hour"] = raw["hour"].astype("int64")
    levels: dict[str, list[object]] = {
        "cohort": [ALL_COHORT, *("victim " + band_label(b) for b in cohorts)],
        "day": list(WEEKDAYS),
        "hour": list(range(24)),
    }
    return complete(raw, levels)


def weekend_night_share(ctx: Context, day_hour_table: pd.DataFrame) -> tuple[int, int]:
    """Occurrences (known time) on the definition's weekend nights, and all of them.

    A night runs from ``start_hour`` on one of ``weekend_nights.days`` to
    ``end_hour`` (exclusive) the next morning.
    """
    nights = ctx.definition.weekend_nights
    cells = day_hour_table[day_hour_table["cohort"] == ALL_COHORT]
    evening = cells["day"].isin(nights.days) & (cells["hour"] >= nights.start_hour)
    mornings = [WEEKDAYS[(WEEKDAYS.index(d) + 1) % 7] for d in nights.days]
    morning = cells["day"].isin(mornings) & (cells["hour"] < nights.end_hour)
    return int(cells.loc[evening | morning, "count"].sum()), int(cells["count"].sum())


def weekend_night_cells(ctx: Context, table_id: str) -> dict[str, Cells]:
    """The day-hour cells a weekend-night sentence cites: the nights' and all."""
    nights = ctx.definition.weekend_nights
    mornings = tuple(WEEKDAYS[(WEEKDAYS.index(d) + 1) % 7] for d in nights.days)
    cells = Cells(table_id, "count", {"cohort": ALL_COHORT})
    return {
        "evenings": cells.at(
            day=tuple(nights.days), hour=tuple(range(nights.start_hour, 24))
        ),
        "mornings": cells.at(day=mornings, hour=tuple(range(nights.end_hour))),
        "known": cells,
    }
