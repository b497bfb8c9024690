"""Chapter 13.4: hidden violence, the gap the Cardiff Model exists to close.

Most violence treated in emergency departments never reaches the police
:cite:`shepherd2007cardiff`. Month by month, assault-related ED attendances
are set against police-recorded violence with injury (every occurrence whose
offence family is ``violence with injury``, ABH included, with no
serious-violence filter or exclusion): the ratio is how many ED attendances
there are for each police-recorded injury. Its change between the last two
years is tested as a ratio, not as if the police counts were fixed: Fisher's
exact test of the 2x2 table (ED and police counts in the two years), and the
monthly ratio carries a least-squares trend line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.national import callouts_for
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import in_list, month_label_sql
from svsna.analyses.partners.base import table_years
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.results.numbers import signed
from svsna.stats.trends import ratio_change_test

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

FAMILY = "violence with injury"


def analyse(ctx: Context, heading: Heading) -> Section:
    """ED assault attendances against police violence with injury, by month."""
    section = Section(*heading)
    years = table_years(ctx, "ed_attendances", "arrival_date")
    frame = _monthly(ctx, years)
    yearly = frame.groupby("year", as_index=False, sort=False)[
        ["ed_attendances", "police_violence_with_injury"]
    ].sum()
    yearly["ratio"] = _ratio(
        yearly["ed_attendances"], yearly["police_violence_with_injury"]
    )
    counts = ("ed_attendances", "police_violence_with_injury")
    derived: dict[str, tuple[str, ...]] = {"ratio": counts, "trend": counts}
    return replace(
        section,
        summary=(
            "Emergency department attendances for assault set against police-"
            "recorded violence with injury (ABH included, no serious-violence "
            "filter): a ratio above 1 means more assault injuries reach the "
            "emergency departments than are recorded by the police.",
        ),
        tables=(
            Table(
                id="hidden_violence",
                title="ED assault attendances and police violence with injury, by month",
                data=frame,
                caption="ratio = ED attendances per police-recorded violence with "
                "injury; trend = least-squares line through the monthly ratios.",
                count_columns=counts,
                derived_columns=derived,
                # The trend line is fitted to every month together.
                derived_within={"trend": ()},
                margins=(
                    *(
                        Margin("hidden_violence_by_year", by=("year",), column=c)
                        for c in counts
                    ),
                    Margin(
                        "ed_by_month",
                        by=("month",), column="ed_attendances", total_column="count",
                        at={"hospital": "all"},
                    ),
                ),
            ),
            Table(
                id="hidden_violence_by_year",
                title="ED assault attendances and police violence with injury, by year",
                data=yearly,
                count_columns=counts,
                derived_columns={"ratio": counts},
            ),
        ),
        charts=(
            Chart(
                id="hidden_violence",
                title="ED attendances per police-recorded violence with injury",
                kind="line", data=frame,
                x="month", y="ratio",
                trend_column="trend",
                alt_text="Line chart of the monthly ratio of assault-related "
                "emergency department attendances to police-recorded violence "
                "with injury, with its trend line.",
                table="hidden_violence",
            ),
        ),
        findings=tuple(_findings(ctx, yearly, frame)),
        callouts=callouts_for(ctx, ("hidden_violence",)),
    )


def _monthly(ctx: Context, years: tuple[str, ...]) -> pd.DataFrame:
    """ED attendances and police violence with injury per month, their ratio and its trend."""
    start = ctx.definition.financial_year_start_month
    ed = ctx.query(
        f"SELECT {month_label_sql('arrival_date')} AS month, "
        f"{fy_label('arrival_date', start)} AS year, COUNT(*) AS ed_attendances "
        f"FROM ed_attendances WHERE {fy_label('arrival_date', start)} "
        f"IN {in_list(years)} GROUP BY 1, 2"
    )
    police = ctx.query(
        f"SELECT {month_label_sql('c.committed_date')} AS month, "
        "COUNT(*) AS police_violence_with_injury "
        f"FROM ({classified_occurrences_sql(ctx.definition)}) c "
        f"WHERE c.family = '{FAMILY}' AND c.fy IN {in_list(years)} GROUP BY 1"
    )
    months = _months(years, start)
    frame = pd.DataFrame(
        {
            "month": pd.Series([m for m, _ in months], dtype=object),
            "year": pd.Series([y for _, y in months], dtype=object),
        }
    )
    frame = frame.merge(ed[["month", "ed_attendances"]], on="month", how="left")
    frame = frame.merge(police, on="month", how="left")
    for column in ("ed_attendances", "police_violence_with_injury"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["ratio"] = _ratio(
        frame["ed_attendances"], frame["police_violence_with_injury"]
    )
    frame["trend"] = _trend(frame["ratio"])
    return frame


def _months(years: tuple[str, ...], start_month: int) -> list[tuple[str, str]]:
    months = []
    for year in years:
        first = pd.Timestamp(int(year[:4]), start_month, 1)
        months += [
            ((first + pd.DateOffset(months=i)).strftime("%Y-%m"), year)
            for i in range(12)
        ]
    return months


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``numerator / denominator`` to two decimals; NaN when the denominator is 0."""
    den = denominator.astype("float64").replace(0, np.nan)
    return (numerator.astype("float64") / den).round(2)


def _trend(ratio: pd.Series) -> pd.Series:
    """Ordinary least-squares line through the known monthly ratios."""
    x = np.arange(len(ratio), dtype=float)
    known = ratio.notna().to_numpy()
    if known.sum() < 2:
        return pd.Series(np.nan, index=ratio.index)
    slope, intercept = np.polyfit(x[known], ratio.to_numpy()[known], 1)
    return pd.Series(np.round(intercept + slope * x, 2), index=ratio.index)


def _findings(
    ctx: Context, yearly: pd.DataFrame, monthly: pd.DataFrame
) -> list[Finding]:
    found: list[Finding] = []
    if len(yearly) >= 1:
        last = yearly.iloc[-1]
        if pd.notna(last["ratio"]):
            found.append(
                Finding(
                    id="hidden_violence_ratio",
                    text=f"In {last['year']} there were {last['ratio']:.2f} assault-"
                    "related ED attendances for every police-recorded violence "
                    f"with injury ({int(last['ed_attendances']):,} against "
                    f"{int(last['police_violence_with_injury']):,}).",
                    current=float(last["ratio"]),
                    current_label=str(last["year"]),
                    cites=_year_cells(str(last["year"])),
                )
            )
    if len(yearly) >= 2:
        change = _ratio_change(ctx, yearly.iloc[-2], yearly.iloc[-1])
        if change is not None:
            found.append(change)
    trend = monthly["trend"].dropna()
    if len(trend) >= 2:
        per_year = float((trend.iloc[-1] - trend.iloc[0]) / (len(trend) - 1) * 12)
        found.append(
            Finding(
                id="hidden_violence_trend",
                text="The monthly ratio's trend line changes by "
                f"{signed(per_year, decimals=2)} per year.",
                current=round(per_year, 3),
                unit="per year",
                cites={
                    "trend": Cells(
                        "hidden_violence", "trend", {"month": monthly["month"].iloc[-1]}
                    )
                },
            )
        )
    return found


def _year_cells(year: str) -> dict[str, Cells]:
    """A year's counts and ratio in ``hidden_violence_by_year``."""
    return {
        c: Cells("hidden_violence_by_year", c, {"year": year})
        for c in ("ed_attendances", "police_violence_with_injury", "ratio")
    }


def _ratio_change(ctx: Context, prev: pd.Series, cur: pd.Series) -> Finding | None:
    """The ratio's change between two years, tested as a ratio (2x2 exact test).

    Police counts vary too, so they are not fixed exposures: given each year's
    ED and police total, the ED count is binomial, and equal ratios mean equal
    binomial shares (Fisher's exact test of the 2x2 table).
    """
    ed = (int(prev["ed_attendances"]), int(cur["ed_attendances"]))
    police = (
        int(prev["police_violence_with_injury"]),
        int(cur["police_violence_with_injury"]),
    )
    if min(police) <= 0 or pd.isna(prev["ratio"]):
        return None
    test = ratio_change_test(
        (ed[0], police[0]), (ed[1], police[1]), alpha=ctx.definition.trends.alpha
    )
    verb = (
        "rose"
        if cur["ratio"] > prev["ratio"]
        else "fell"
        if cur["ratio"] < prev["ratio"]
        else "was unchanged"
    )
    span = f"from {prev['ratio']:.2f} in {prev['year']} to {cur['ratio']:.2f} in {cur['year']}"
    return Finding(
        id="hidden_violence_ratio_change",
        text=f"Assault-related ED attendances per police-recorded violence with injury "
        f"{verb} {span} ({ed[0]:,} against {police[0]:,}, then {ed[1]:,} against "
        f"{police[1]:,}).",
        current=float(cur["ratio"]), previous=float(prev["ratio"]),
        current_label=str(cur["year"]), previous_label=str(prev["year"]),
        significant=test.significant, p_value=test.p_value,
        unit="ratio",
        test=f"The ratio in {cur['year']} against {prev['year']}: "
        + test.words("ED attendances", "police-recorded violence with injury"),
        cites={
            f"{name}{when}": _year_cells(str(row["year"]))[column]
            for when, row in (("previous", prev), ("current", cur))
            for name, column in (
                ("", "ratio"),
                ("ed_", "ed_attendances"),
                ("police_", "police_violence_with_injury"),
            )
        },
        withheld_text="Assault-related ED attendances per police-recorded violence "
        f"with injury went from {{previous}} in {prev['year']} to {{current}} in "
        f"{cur['year']} ({{ed_previous}} against {{police_previous}}, then "
        "{ed_current} against {police_current}).",
    )


CHAPTER = Chapter(
    "hidden_violence", "Hidden violence: emergency departments and police records",
    analyse, needs=("ed_attendances", "occurrences"), part="health", reference="13.4",
)
