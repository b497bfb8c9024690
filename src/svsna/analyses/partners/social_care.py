"""Chapter 18: children's social care.

Referrals, child protection plans, admissions to care and care leavers by
financial year, sex and local authority, each with its change since the first
year shown: rising need among children is an early sign of the vulnerability
that criminal exploitation feeds on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import change_finding, complete, total_rows
from svsna.analyses.core.sql import UNKNOWN
from svsna.analyses.partners.aggregates import aggregate_counts
from svsna.analyses.partners.base import (
    ALL,
    callouts_for,
    series,
    unknown_last,
    with_all,
)
from svsna.contract.vocabularies import SOCIAL_CARE_MEASURE
from svsna.results import Cells, Chart, Finding, Section, Table
from svsna.results.numbers import share

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "social_care"
MEASURES = tuple(SOCIAL_CARE_MEASURE.values())


def analyse(ctx: Context, heading: Heading) -> Section:
    """Each social care measure by year, sex and authority, with its change."""
    section = Section(*heading)
    raw, years = aggregate_counts(
        ctx, TABLE, "TRIM(year)",
        {
            "authority": "TRIM(authority)",
            "measure": "measure",
            "sex": f"COALESCE(sex, '{UNKNOWN}')",
        },
    )
    sexes = unknown_last([ALL, "male", "female"], raw["sex"])
    frame = complete(
        with_all(raw, "sex", ["authority", "measure", "year"]),
        {
            "authority": sorted(set(raw["authority"])),
            "measure": [m for m in MEASURES if m in set(raw["measure"])],
            "sex": sexes,
            "year": years,
        },
    )
    frame = with_change(frame, ["authority", "measure", "sex"])
    return replace(
        section,
        tables=(
            Table(
                id="social_care_measures",
                title="Children's social care by measure, sex, authority and year",
                data=frame,
                caption=f"change_from_first and pct_change_from_first compare each "
                f"year with {years[0]}."
                if years
                else "",
                count_columns=("count",),
                total_rows=total_rows(frame, "sex", ALL),
                derived_columns={
                    "change_from_first": ("count",),
                    "pct_change_from_first": ("count",),
                },
                # A change since the first year is built on that year's count too.
                derived_within={
                    c: ("authority", "measure", "sex")
                    for c in ("change_from_first", "pct_change_from_first")
                },
            ),
        ),
        charts=(
            Chart(
                id="social_care_measures",
                title="Children's social care by measure and year",
                kind="line", data=frame[frame["sex"] == ALL],
                x="year", y="count", color="measure",
                alt_text="Line chart of referrals, child protection plans, "
                "admissions to care and care leavers in each year.",
                table="social_care_measures",
            ),
        ),
        findings=tuple(_findings(ctx, frame, years)),
        callouts=callouts_for(ctx, ("social_care",)),
    )


def with_change(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each count's change (and % change, two decimals) since its first year."""
    out = frame.copy()
    first = out.groupby(keys, sort=False)["count"].transform("first")
    out["change_from_first"] = (out["count"] - first).astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(first > 0, out["change_from_first"] / first * 100, np.nan)
    out["pct_change_from_first"] = np.round(share.astype(float), 2)
    return out


def _findings(
    ctx: Context, frame: pd.DataFrame, years: tuple[str, ...]
) -> list[Finding]:
    found: list[Finding] = []
    every = frame[frame["sex"] == ALL]
    for (authority, measure), rows in every.groupby(
        ["authority", "measure"], sort=False
    ):
        key = "_".join(f"{authority} {measure}".lower().split())
        counts = series(rows, "year", years)
        cells = Cells(
            "social_care_measures",
            "count",
            {"authority": str(authority), "measure": str(measure), "sex": ALL},
        )
        if len(years) >= 2:
            first, last = counts[years[0]], counts[years[-1]]
            pct = rows["pct_change_from_first"].iloc[-1]
            text = (
                f"{str(measure).capitalize()} in {authority}: {last:,} in {years[-1]}"
                f" against {first:,} in {years[0]}"
                + (f" ({share(pct, signed=True)})." if pd.notna(pct) else ".")
            )
            found.append(
                Finding(
                    id=f"social_care_{key}_since_first",
                    text=text,
                    current=last, previous=first,
                    current_label=years[-1], previous_label=years[0],
                    cites={
                        "previous": cells.at(year=years[0]),
                        "current": cells.at(year=years[-1]),
                    },
                )
            )
        change = change_finding(
            f"social_care_{key}_change",
            f"{str(measure).capitalize()} in {authority}",
            counts,
            alpha=ctx.definition.trends.alpha,
            cells=cells,
        )
        if change:
            found.append(change)
    return found


CHAPTER = Chapter(
    "social_care", "Children's social care", analyse, needs=(TABLE,), reference="18",
)
