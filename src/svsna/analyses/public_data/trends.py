"""Public data: crime by type and month, and whether it changed beyond chance.

The monthly counts by crime type (``puk_monthly``) are the backbone of every
public-data SNA. A year-on-year change is compared between two equal, complete
periods a year apart, both in the data and neither spanning a missing month
(:mod:`svsna.analyses.public_data.periods`), and tested on their monthly
counts (quasi-Poisson with a term for each calendar month, so over-dispersion
is estimated). The table's verdicts follow Benjamini-Hochberg adjusted
p-values across its crime types; the two findings are the report's (the proxy
is a headline measure, declared in the definition). Every caption and
sentence names the two periods. With no such pair, nothing is compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import count_label, join_words, months_label
from svsna.analyses.public_data.base import (
    crimes_sql,
    months_present,
    plain_tables,
    window,
)
from svsna.analyses.public_data.periods import (
    TESTED_COLUMNS,
    Comparison,
    comparison,
    judged,
    modelled_change_table,
    period_change,
)
from svsna.results import Chart, Finding, Section, Table

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


TEST_COLUMNS = ["crime_type", *TESTED_COLUMNS, "p_value_bh", "significant", "direction"]


def monthly(ctx: Context) -> pd.DataFrame:
    """Own rows by month (``YYYY-MM``) and crime type as written, every month."""
    return ctx.query(
        f"SELECT month_label AS month, crime_type, COUNT(*) AS count "
        f"FROM ({crimes_sql(ctx)}) t GROUP BY month_label, crime_type "
        f"ORDER BY month_label, crime_type"
    )


def combined(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts by crime type, plus all crime and the proxy as two more types."""
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
    return pd.concat([frame, totals, proxy], ignore_index=True)[list(frame.columns)]


def trend_tests(
    ctx: Context, every: pd.DataFrame, compared: Comparison | None
) -> pd.DataFrame:
    """One modelled test per crime type of ``every`` (:func:`combined`), judged together."""
    if compared is None:
        return pd.DataFrame(columns=TEST_COLUMNS)
    alpha = ctx.definition.trends.alpha
    rows = [
        {"crime_type": crime_type, **compared.tested(group, alpha=alpha)}
        for crime_type, group in every.groupby("crime_type", sort=True)
    ]
    return judged(pd.DataFrame(rows, columns=TEST_COLUMNS[:-3]), alpha=alpha)[
        TEST_COLUMNS
    ]


def trend_findings(
    ctx: Context, every: pd.DataFrame, compared: Comparison | None
) -> list[Finding]:
    """The two report-level changes (proxy and all crime), each naming the two periods.

    Their p-values are each test's own: the report then adjusts the ones that
    are not headline measures together with its other tests.
    """
    if compared is None:
        return []
    return [
        period_change(
            finding_id,
            subject,
            every[every["crime_type"] == crime_type],
            compared,
            alpha=ctx.definition.trends.alpha,
        )
        for crime_type, (finding_id, subject) in FINDINGS.items()
    ]


def monthly_charts(by_type: pd.DataFrame) -> tuple[Chart, ...]:
    """Line charts of the proxy types by month; small types get their own chart.

    A type whose monthly mean is under a fifth of the largest type's would be a
    flat line on the same axis, so it is drawn on a second chart. Months
    missing from the data are drawn as breaks in the lines, not joined over.
    """
    if by_type.empty:
        return ()
    means = by_type.groupby("crime_type")["count"].mean()
    large = set(means[means >= means.max() / 5].index)
    shown = months_label(by_type["month"])
    parts = [
        ("puk_monthly_chart", by_type[by_type["crime_type"].isin(large)]),
        ("puk_monthly_chart_small", by_type[~by_type["crime_type"].isin(large)]),
    ]
    charts = []
    for chart_id, data in parts:
        if data.empty:
            continue
        named = join_words(sorted(data["crime_type"].unique()))
        charts.append(
            Chart(
                chart_id,
                f"{named} by month",
                "line",
                data.reset_index(drop=True),
                x="month", y="count", color="crime_type",
                x_title="Month", y_title="Crimes",
                alt_text=(
                    f"Line chart of monthly counts of {named.lower()}, {shown}; "
                    "missing months are gaps in the lines; puk_monthly lists them."
                ),
            )
        )
    return tuple(charts)


def tables_of(
    frame: pd.DataFrame,
    tests: pd.DataFrame,
    months: list[str],
    compared: Comparison | None,
) -> tuple[Table, ...]:
    """The monthly fixed-form table and the table of trend tests."""
    tested = (
        f"Counts compared: {compared.sentence}."
        if compared
        else "No change is tested: the data hold no month whose month a year "
        "earlier is also present."
    )
    return (
        Table(
            "puk_monthly", "Crimes and anti-social behaviour by month and type",
            frame,
            caption=(
                f"Every month imported ({count_label(len(months))}: "
                f"{months_label(months)}), rows in the force's own districts, "
                "crime type as written in the files."
            ),
            count_columns=("count",), fixed_form=True,
        ),
        modelled_change_table(
            "puk_trend_tests", "Change by crime type: modelled monthly counts",
            tests,
            tested,
            "Two equal, complete periods a year apart, each one run of months "
            "present in the data (never across a missing month). Each change is "
            "tested on the periods' monthly counts: a quasi-Poisson model with a "
            "term for each calendar month and the days of each month as "
            "exposure (rate_ratio: the later period's rate over the earlier's; "
            "dispersion: month-to-month variation beyond chance, 1 for pure "
            "chance; the standard error is widened when it is above 1). One "
            "month against one month cannot estimate that variation and is not "
            "tested. p_value is each test's own; significant and direction "
            "follow p_value_bh, adjusted across the crime types of this table "
            "(Benjamini-Hochberg); 'up' or 'down' only when it is below the "
            "definition's alpha.",
        ),
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Monthly counts by crime type, with year-on-year trend tests."""
    frame = monthly(ctx)
    months = months_present(ctx)
    compared = comparison(months, ctx.definition.public_data.trend_months)
    every = combined(ctx, frame)
    tests = trend_tests(ctx, every, compared)
    proxy_types = ctx.query(
        f"SELECT DISTINCT crime_type FROM ({crimes_sql(ctx)}) t WHERE is_proxy"
    )["crime_type"]
    by_type = frame[
        frame["crime_type"].isin(proxy_types) & frame["month"].isin(window(months, 36))
    ]
    summary = (
        f"{int(frame['count'].sum()):,} rows in the force's own districts over "
        f"{count_label(len(months))}: {months_label(months)}.",
        f"Changes compare {compared.sentence}."
        if compared
        else "No change is tested: no month's month a year earlier is in the data.",
    )
    return Section(
        *heading,
        summary=summary,
        tables=plain_tables(tables_of(frame, tests, months, compared)),
        charts=monthly_charts(by_type),
        findings=tuple(trend_findings(ctx, every, compared)),
    )


CHAPTER = Chapter(
    "puk_trends", "Crime by type and month", analyse, needs=("occurrences",),
)
