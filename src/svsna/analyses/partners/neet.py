"""Chapter 19: young people not in education, employment or training (NEET).

The share of the 16–17 cohort who are NEET, by year and local authority, with
its change since the first year shown in the table: young people outside
education and work are more exposed to exploitation and to offending. The
finding compares the last two years' shares (Wilson intervals) and tests that
same comparison (Fisher's exact test of NEET and not NEET in the two years).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import share_change_finding
from svsna.analyses.core.national import callouts_for
from svsna.analyses.partners.base import label_years
from svsna.results import Cells, Chart, Finding, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "neet"


def analyse(ctx: Context, heading: Heading) -> Section:
    """NEET counts and shares by year and authority, with change since the first."""
    section = Section(*heading)
    frame = ctx.query(
        "SELECT TRIM(authority) AS authority, TRIM(year) AS year, "
        f"SUM(cohort) AS cohort, SUM(neet) AS neet FROM {TABLE} "
        "GROUP BY TRIM(authority), TRIM(year)"
    )
    years = label_years(frame["year"], ctx.definition.report_period.years)
    frame = frame[frame["year"].isin(years)].sort_values(["authority", "year"])
    frame = frame.reset_index(drop=True)
    for column in ("cohort", "neet"):
        frame[column] = frame[column].astype("int64")
    frame["pct"] = _pct2(frame["neet"], frame["cohort"])
    group = frame.groupby("authority", sort=False)
    frame["change_from_first"] = frame["neet"] - group["neet"].transform("first")
    frame["pct_points_from_first"] = (
        frame["pct"] - frame.groupby("authority", sort=False)["pct"].transform("first")
    ).round(2)
    return replace(
        section,
        tables=(
            Table(
                id="neet_by_year", title="Young people NEET by authority and year",
                data=frame,
                caption="pct = NEET as a percentage of the cohort (two decimals); "
                "changes compare each year with the authority's first year.",
                count_columns=("cohort", "neet"),
                derived_columns={
                    "pct": ("neet", "cohort"),
                    "change_from_first": ("neet",),
                    "pct_points_from_first": ("neet", "cohort"),
                },
                # Changes are built on the authority's first year too.
                derived_within={
                    "change_from_first": ("authority",),
                    "pct_points_from_first": ("authority",),
                },
            ),
        ),
        charts=(
            Chart(
                id="neet_by_year", title="Share of the cohort NEET by authority",
                kind="line", data=frame,
                x="year", y="pct", color="authority",
                alt_text="Line chart of the percentage of young people who are "
                "NEET in each year, by local authority.",
                table="neet_by_year",
            ),
        ),
        findings=tuple(_findings(ctx, frame)),
        callouts=callouts_for(ctx, ("neet",)),
    )


def _pct2(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Percentages to two decimals (half up), as the NEET tables publish them."""
    num = numerator.astype("int64").to_numpy()
    den = denominator.astype("int64").to_numpy()
    safe = np.where(den > 0, den, 1)
    hundredths = (20000 * num + safe) // (2 * safe)
    return pd.Series(np.where(den > 0, hundredths / 100, np.nan), index=numerator.index)


def _findings(ctx: Context, frame: pd.DataFrame) -> list[Finding]:
    """Each authority's NEET share in its last two years, compared as shares."""
    found: list[Finding] = []
    for authority, rows in frame.groupby("authority", sort=False):
        if len(rows) < 2:
            continue
        prev, last = rows.iloc[-2], rows.iloc[-1]
        change = share_change_finding(
            f"neet_{'_'.join(str(authority).lower().split())}_change",
            f"In {authority}, the share of the cohort NEET",
            (int(prev["neet"]), int(prev["cohort"])),
            (int(last["neet"]), int(last["cohort"])),
            (str(prev["year"]), str(last["year"])),
            alpha=ctx.definition.trends.alpha,
            level=ctx.definition.trends.confidence_level,
            decimals=1,
        )
        if change is not None:
            found.append(replace(change, cites=_cites(str(authority), prev, last)))
    return found


def _cites(authority: str, prev: pd.Series, last: pd.Series) -> dict[str, Cells]:
    """The ``neet_by_year`` cells a change sentence repeats (both years' counts)."""
    return {
        f"{column}_{when}": Cells(
            "neet_by_year", column, {"authority": authority, "year": str(row["year"])}
        )
        for when, row in (("previous", prev), ("last", last))
        for column in ("neet", "cohort", "pct")
    }


CHAPTER = Chapter(
    "neet", "Not in education, employment or training", analyse, needs=(TABLE,),
    reference="19",
)
