"""Changes between the last two years: monthly counts, like for like.

A change between two years is tested on the 24 monthly counts behind it
(:func:`svsna.stats.trends.modelled_change`), so these helpers turn any SQL
with a date into monthly counts of the two years, zeros included. For serious
violence, :func:`sv_counts` counts the last two years once, split by
everything a chapter compares (district, family, group, knife, young people)
and by whether the group is on the common basis of the two years
(:mod:`svsna.analyses.core.series_break`); :func:`sv_change` then gives the
like-for-like finding of any part of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.figures import change_finding, thousands
from svsna.analyses.core.periods import fy_bounds
from svsna.analyses.core.series_break import Basis, sv_basis
from svsna.analyses.core.sql import district_sql, in_list, literal, period_sv_sql

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.analyses.core.context import Context
    from svsna.results import Cells, Finding


@dataclass(frozen=True)
class TwoPeriods:
    """The two periods a change compares: labels and first/last days (inclusive)."""

    previous: str
    current: str
    previous_first: dt.date
    current_first: dt.date
    current_last: dt.date

    @property
    def months(self) -> pd.DatetimeIndex:
        """First day of every month of both periods."""
        return pd.date_range(self.previous_first, self.current_last, freq="MS")

    @property
    def labels(self) -> tuple[str, str]:
        """(previous, current)."""
        return (self.previous, self.current)


def financial_years(labels: Sequence[str], start_month: int) -> TwoPeriods | None:
    """The last two financial years of ``labels`` (None with fewer than two)."""
    if len(labels) < 2:
        return None
    previous, current = labels[-2], labels[-1]
    previous_first, _ = fy_bounds(previous, start_month)
    current_first, current_last = fy_bounds(current, start_month)
    return TwoPeriods(previous, current, previous_first, current_first, current_last)


def calendar_years(labels: Sequence[str]) -> TwoPeriods | None:
    """The last two calendar years of ``labels`` (``2023``, ``2024``)."""
    if len(labels) < 2:
        return None
    previous, current = str(labels[-2]), str(labels[-1])
    return TwoPeriods(
        previous,
        current,
        dt.date(int(previous), 1, 1),
        dt.date(int(current), 1, 1),
        dt.date(int(current), 12, 31),
    )


def monthly_frame(raw: pd.DataFrame, span: TwoPeriods) -> pd.DataFrame:
    """``raw`` counts by ``y``/``m`` as the 24 months of ``span`` (zeros filled).

    Columns ``month`` (first day), ``count`` and ``current`` (the later period).
    """
    months = span.months
    counts = (
        {(int(y), int(m)): int(c) for y, m, c in raw[["y", "m", "count"]].to_numpy()}
        if len(raw)
        else {}
    )
    current_first = pd.Timestamp(span.current_first)
    return pd.DataFrame(
        {
            "month": months,
            "count": [counts.get((d.year, d.month), 0) for d in months],
            "current": months >= current_first,
        }
    )


def monthly_counts_sql(source: str, date_sql: str, span: TwoPeriods) -> str:
    """SQL: rows of ``source`` by year ``y`` and month ``m`` of ``date_sql`` within ``span``."""
    return f"""
    SELECT EXTRACT(YEAR FROM {date_sql}) AS y, EXTRACT(MONTH FROM {date_sql}) AS m,
           COUNT(*) AS count
    FROM ({source}) src
    WHERE {date_sql} >= {literal(span.previous_first)}
      AND {date_sql} <= {literal(span.current_last)}
    GROUP BY EXTRACT(YEAR FROM {date_sql}), EXTRACT(MONTH FROM {date_sql})
    """


def monthly_counts(
    ctx: Context, source: str, date_sql: str, span: TwoPeriods
) -> pd.DataFrame:
    """The 24 monthly counts of ``source`` over ``span`` (see :func:`monthly_frame`)."""
    return monthly_frame(ctx.query(monthly_counts_sql(source, date_sql, span)), span)


#: What :func:`sv_counts` splits serious violence by.
SV_KEYS = [
    "district",
    "family",
    "group_id",
    "is_knife",
    "young_victim",
    "young_suspect",
    "year",
    "y",
    "m",
    "common",
]


def sv_span(ctx: Context) -> tuple[TwoPeriods, Basis] | None:
    """The last two report years and their common basis (None with fewer than two)."""
    span = financial_years(ctx.years, ctx.definition.financial_year_start_month)
    if span is None:
        return None
    return span, sv_basis(ctx.definition, span.previous_first, span.current_last)


def report_basis(ctx: Context) -> Basis:
    """The common basis of serious violence over the whole report period."""
    if not ctx.years:
        return Basis(())
    start = ctx.definition.financial_year_start_month
    first, _ = fy_bounds(ctx.years[0], start)
    _, last = fy_bounds(ctx.years[-1], start)
    return sv_basis(ctx.definition, first, last)


def sv_counts(ctx: Context, span: TwoPeriods, basis: Basis) -> pd.DataFrame:
    """Serious violence of the two years by :data:`SV_KEYS` (``common``: on the basis).

    ``young_victim``/``young_suspect``: at least one victim (suspect or
    offender) aged ``young_person_max_age`` or under (False without persons).
    """
    max_age = ctx.definition.young_person_max_age

    def young(roles: tuple[str, ...]) -> str:
        if not ctx.has("persons"):
            return "FALSE"
        return (
            "EXISTS (SELECT 1 FROM persons p WHERE p.occurrence_id = s.occurrence_id "
            f"AND p.role IN {in_list(roles)} AND p.age <= {max_age})"
        )

    sql = f"""
    SELECT district, family, group_id, is_knife, young_victim, young_suspect,
           year, y, m, common, COUNT(*) AS count FROM (
        SELECT {district_sql("s.district")} AS district, s.family, s.group_id,
               s.is_knife, {young(("victim",))} AS young_victim,
               {young(("suspect", "offender"))} AS young_suspect, s.fy AS year,
               EXTRACT(YEAR FROM s.committed_date) AS y,
               EXTRACT(MONTH FROM s.committed_date) AS m,
               s.group_id IN {in_list(basis.common)} AS common
        FROM ({period_sv_sql(ctx, years=span.labels)}) s) t
    GROUP BY {", ".join(SV_KEYS)}
    """
    frame = ctx.query(sql)
    for column in ("is_knife", "young_victim", "young_suspect", "common"):
        frame[column] = frame[column].astype(bool)
    return frame


def sv_change(
    counts: pd.DataFrame,
    span: TwoPeriods,
    basis: Basis,
    *,
    finding_id: str,
    subject: str,
    alpha: float,
    cells: Cells | None = None,
) -> Finding | None:
    """The like-for-like change of ``counts`` (a part of :func:`sv_counts`).

    Both years count only the groups of the common basis; when the definition
    changed, the sentence says so and gives the offences of the changed groups
    in each year separately (never compared, never tested). ``cells`` are the
    table cells of the two years' counts; they are cited only when the
    definition did not change (then the counts are the table's).
    """
    common = counts[counts["common"]]
    yearly = common.groupby("year")["count"].sum()
    series = {y: int(yearly.get(y, 0)) for y in span.labels}
    monthly = monthly_frame(
        common.groupby(["y", "m"])["count"].sum().reset_index(), span
    )
    if not basis.broken:
        return change_finding(
            finding_id, subject, series, alpha=alpha, monthly=monthly, cells=cells
        )
    added = counts[~counts["common"]].groupby("year")["count"].sum()
    extra = [
        f"{thousands(int(added[y]))} in {y}"
        for y in span.labels
        if int(added.get(y, 0))
    ]
    counted = (
        f"its serious-violence offences ({' and '.join(extra)}) are given here "
        "apart and not compared"
        if extra
        else "it counted no serious-violence offence in either year"
    )
    note = (
        f"Both years are counted without {basis.labels()} ({basis.words()}); {counted}."
    )
    return change_finding(
        finding_id,
        subject,
        series,
        alpha=alpha,
        monthly=monthly,
        qualifier="like for like",
        note=note,
    )


__all__ = [
    "SV_KEYS",
    "TwoPeriods",
    "calendar_years",
    "financial_years",
    "monthly_counts",
    "monthly_counts_sql",
    "monthly_frame",
    "report_basis",
    "sv_change",
    "sv_counts",
    "sv_span",
]
