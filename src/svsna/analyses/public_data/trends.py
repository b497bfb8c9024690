"""Public data: crime by type and month, and whether it changed beyond chance.

The monthly counts by crime type (``puk_monthly``) are the backbone of every
public-data SNA. A year-on-year change is tested with the exact conditional
Poisson test (:func:`svsna.stats.poisson_change_test`): the latest
``trend_months`` months against the same calendar months a year before, using
only the months present in both (public downloads often have gaps); with no
such months, the latest half-window is compared with the one before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.sql import is_in
from svsna.analyses.public_data.base import (
    crimes_sql,
    month_span,
    months_present,
    plain_tables,
    window,
)
from svsna.results import Chart, Finding, Section, Table
from svsna.stats import poisson_change_test

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

ALL_CRIME = "All crime (excluding anti-social behaviour)"
PROXY = "Violence, robbery and weapons possession"
FINDINGS = {
    PROXY: ("puk_proxy_change", "Violence, robbery and weapons possession"),
    ALL_CRIME: (
        "puk_all_crime_change",
        "Recorded crime (excluding anti-social behaviour)",
    ),
}


def monthly(ctx: Context) -> pd.DataFrame:
    """Own rows by month (``YYYY-MM``) and crime type as written, every month."""
    return ctx.query(
        f"SELECT month_label AS month, crime_type, COUNT(*) AS count "
        f"FROM ({crimes_sql(ctx)}) t GROUP BY month_label, crime_type "
        f"ORDER BY month_label, crime_type"
    )


def comparison_months(months: list[str], length: int) -> tuple[list[str], list[str]]:
    """The months compared: (earlier, later), paired month by month.

    Examples
    --------
    >>> comparison_months(["2024-01", "2024-02", "2025-01", "2025-02", "2025-03"], 3)
    (['2024-01', '2024-02'], ['2025-01', '2025-02'])
    >>> comparison_months(["2025-01", "2025-02", "2025-03", "2025-04"], 4)
    (['2025-01', '2025-02'], ['2025-03', '2025-04'])
    """
    present = set(months)
    later = [m for m in window(months, length) if m in present]
    year_before = [str(pd.Period(m, freq="M") - 12) for m in later]
    pairs = [(b, m) for b, m in zip(year_before, later, strict=True) if b in present]
    if pairs:
        return [b for b, _ in pairs], [m for _, m in pairs]
    half = max(1, len(later) // 2)
    recent, before = later[-half:], window(later[:-half] or later, half)
    before = [m for m in before if m in present and m not in recent]
    if len(before) != len(recent):
        return [], []
    return before, recent


def year_apart(earlier: list[str], later: list[str]) -> bool:
    """Whether each later month is the same month a year after its earlier one.

    Examples
    --------
    >>> year_apart(["2024-01"], ["2025-01"]), year_apart(["2025-01"], ["2025-07"])
    (True, False)
    """
    return bool(earlier) and all(
        pd.Period(b, freq="M") + 12 == pd.Period(a, freq="M")
        for b, a in zip(earlier, later, strict=True)
    )


def trend_tests(ctx: Context, frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """One exact Poisson test per crime type (and all crime): earlier vs later."""
    months = sorted(frame["month"].unique())
    earlier, later = comparison_months(months, ctx.definition.public_data.trend_months)
    columns = [
        "crime_type",
        "earlier_months",
        "earlier",
        "later_months",
        "later",
        "change_pct",
        "p_value",
        "significant",
        "direction",
    ]
    if not earlier:
        return pd.DataFrame(columns=columns), "no two comparable periods"
    crime = ctx.query(
        f"SELECT DISTINCT crime_type, is_crime, is_proxy FROM ({crimes_sql(ctx)}) t"
    )
    counted = frame.merge(crime, on="crime_type", how="left")
    totals = counted[counted["is_crime"].fillna(True).astype(bool)].assign(
        crime_type=ALL_CRIME
    )
    proxy = counted[counted["is_proxy"].fillna(False).astype(bool)].assign(
        crime_type=PROXY
    )
    both = pd.concat([frame, totals, proxy], ignore_index=True)
    alpha = ctx.definition.trends.alpha
    rows = []
    for crime_type, group in both.groupby("crime_type", sort=True):
        before = int(group.loc[group["month"].isin(earlier), "count"].sum())
        after = int(group.loc[group["month"].isin(later), "count"].sum())
        test = poisson_change_test(before, after, alpha=alpha)
        rows.append(
            {
                "crime_type": crime_type,
                "earlier_months": month_span(earlier),
                "earlier": before,
                "later_months": month_span(later),
                "later": after,
                "change_pct": round(100 * (after - before) / before, 1)
                if before
                else None,
                "p_value": round(test.p_value, 4),
                "significant": test.significant,
                "direction": test.direction,
            }
        )
    label = f"{month_span(later)} against {month_span(earlier)}"
    if not year_apart(earlier, later):
        label += " (consecutive periods, not a year apart: seasons may differ)"
    return pd.DataFrame(rows, columns=columns), label


def monthly_charts(by_type: pd.DataFrame) -> tuple[Chart, ...]:
    """Line charts of the proxy types by month; small types get their own chart.

    A type whose monthly mean is under a fifth of the largest type's would be a
    flat line on the same axis, so it is drawn on a second chart.
    """
    if by_type.empty:
        return ()
    means = by_type.groupby("crime_type")["count"].mean()
    large = set(means[means >= means.max() / 5].index)
    parts = [
        ("puk_monthly_chart", by_type[by_type["crime_type"].isin(large)]),
        ("puk_monthly_chart_small", by_type[~by_type["crime_type"].isin(large)]),
    ]
    charts = []
    for chart_id, data in parts:
        if data.empty:
            continue
        types = sorted(data["crime_type"].unique())
        named = (
            ", ".join(types[:-1]) + " and " + types[-1] if len(types) > 1 else types[0]
        )
        charts.append(
            Chart(
                chart_id,
                f"{named} by month",
                "line",
                data.reset_index(drop=True),
                x="month",
                y="count",
                color="crime_type",
                x_title="Month",
                y_title="Crimes",
                alt_text=(
                    f"Line chart of monthly counts of {named.lower()} "
                    "over the latest 36 months with data; puk_monthly lists them."
                ),
            )
        )
    return tuple(charts)


def analyse(ctx: Context, heading: Heading) -> Section:
    """Monthly counts by crime type, with year-on-year trend tests."""
    frame = monthly(ctx)
    months = months_present(ctx)
    tests, label = trend_tests(ctx, frame)
    caveat = (
        "" if "seasons" not in label else " (consecutive periods: seasons may differ)"
    )
    tables = (
        Table(
            "puk_monthly",
            "Crimes and anti-social behaviour by month and type",
            frame,
            caption=(
                f"Every month imported ({len(months)} month(s), {month_span(months)}), "
                "rows in the force's own districts, crime type as written in the files."
            ),
            count_columns=("count",),
            fixed_form=True,
        ),
        Table(
            "puk_trend_tests",
            "Change by crime type: exact Poisson test",
            tests,
            caption=f"Counts compared: {label}.",
            notes=(
                "Exact conditional test of two Poisson counts over periods of equal "
                "length; 'up' or 'down' only when significant at the definition's "
                "alpha. When no month a year earlier is present, the latest half-window "
                "is compared with the one before it, which mixes seasons.",
            ),
            count_columns=("earlier", "later"),
            derived_columns={"change_pct": ("earlier", "later")},
        ),
    )
    findings = []
    for row in tests[tests["crime_type"].isin(list(FINDINGS))].to_dict("records"):
        finding_id, subject = FINDINGS[row["crime_type"]]
        verb = {"up": "rose", "down": "fell"}.get(row["direction"], "did not change")
        p_text = "p < 0.001" if row["p_value"] < 0.001 else f"p = {row['p_value']:.3f}"
        detail = (
            f" significantly ({p_text})" if row["significant"] else " beyond chance"
        )
        findings.append(
            Finding(
                finding_id,
                f"{subject} {verb}{detail}: {row['later']:,} in {row['later_months']} "
                f"against {row['earlier']:,} in {row['earlier_months']}"
                f"{caveat}.",
                current=row["later"],
                previous=row["earlier"],
                current_label=row["later_months"],
                previous_label=row["earlier_months"],
                significant=bool(row["significant"]),
                p_value=row["p_value"],
                unit="crimes",
            )
        )
    by_type = ctx.query(
        f"SELECT month_label AS month, crime_type, COUNT(*) AS count "
        f"FROM ({crimes_sql(ctx)}) t WHERE is_proxy "
        f"AND {is_in('month_label', window(months, 36))} "
        f"GROUP BY month_label, crime_type ORDER BY month_label, crime_type"
    )
    charts = monthly_charts(by_type)
    summary = (
        f"{int(frame['count'].sum()):,} rows in the force's own districts over "
        f"{len(months)} month(s) ({month_span(months)}).",
    )
    return Section(
        *heading,
        summary=summary,
        tables=plain_tables(tables),
        charts=charts,
        findings=tuple(findings),
    )


CHAPTER = Chapter(
    "puk_trends", "Crime by type and month", analyse, needs=("occurrences",)
)
