"""Chapter 13.3: assault patients seen by the ambulance service.

How the ambulance service answered calls about assaults (hear and treat, see
and treat, see and convey) by sex and year, and where conveyed patients were
taken: a share taken to hospitals outside the area is violence that the
area's own emergency departments never see.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import (
    complete,
    level_finding,
    pct,
    pct_value,
    total_rows,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import TOTAL, in_list
from svsna.analyses.partners.base import (
    ALL,
    callouts_for,
    partner_change,
    series,
    sex_share_finding,
    sum_counts,
    table_years,
)
from svsna.contract.vocabularies import AMBULANCE_RESPONSE
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "ambulance"
RESPONSES = tuple(dict.fromkeys(AMBULANCE_RESPONSE.values()))
SEXES = (ALL, "male", "female", "unknown")


def analyse(ctx: Context, heading: Heading) -> Section:
    """Ambulance responses by sex and year, and conveyed patients' destinations."""
    section = Section(*heading)
    years = table_years(ctx, TABLE, "call_date")
    base = f"""
    SELECT a.response, COALESCE(a.sex, 'unknown') AS sex, a.destination,
           a.destination_in_area,
           {fy_label("a.call_date", ctx.definition.financial_year_start_month)} AS fy
    FROM {TABLE} a
    """
    responses = _responses(ctx, base, years)
    destinations = _destinations(ctx, base, years)
    return replace(
        section,
        summary=(
            "Ambulance data include domestic abuse, which the police "
            "serious-violence definition excludes.",
        ),
        tables=(responses, destinations, _outside(destinations.data, years)),
        charts=(
            Chart(
                id="ambulance_response",
                title="Assault patients by ambulance response and year",
                kind="stacked_bar",
                data=responses.data[
                    (responses.data["sex"] == ALL)
                    & (responses.data["response"] != TOTAL)
                ],
                x="year", y="count", color="response",
                alt_text="Stacked bar chart of assault patients by the ambulance "
                "service's response in each year.",
                table="ambulance_response",
            ),
        ),
        findings=tuple(_findings(ctx, responses.data, destinations.data, years)),
        callouts=callouts_for(ctx, ("ambulance",)),
    )


def _responses(ctx: Context, base: str, years: tuple[str, ...]) -> Table:
    frame = ctx.query(
        f"SELECT sex, response, fy AS year, COUNT(*) AS count FROM ({base}) b "
        f"WHERE fy IN {in_list(years)} GROUP BY sex, response, fy"
    )
    every = sum_counts(frame, ["response", "year"])
    every.insert(0, "sex", ALL)
    frame = pd.concat([every, frame], ignore_index=True)
    totals = sum_counts(frame, ["sex", "year"])
    totals.insert(1, "response", TOTAL)
    frame = complete(
        pd.concat([frame, totals], ignore_index=True),
        {"sex": SEXES, "response": [*RESPONSES, TOTAL], "year": years},
    )
    return Table(
        id="ambulance_response",
        title="Assault patients by ambulance response, sex and year",
        data=frame,
        caption="Hear and treat: advice by phone; see and treat: treated at the "
        "scene; see and convey: taken to a healthcare provider.",
        count_columns=("count",),
        total_rows=tuple(
            int(i)
            for i in frame.index[(frame["response"] == TOTAL) | (frame["sex"] == ALL)]
        ),
    )


def _destinations(ctx: Context, base: str, years: tuple[str, ...]) -> Table:
    frame = ctx.query(
        "SELECT COALESCE(destination, 'not recorded') AS destination, "
        "CASE WHEN destination_in_area IS NULL THEN 'unknown' "
        "WHEN destination_in_area THEN 'yes' ELSE 'no' END AS in_area, "
        f"fy AS year, COUNT(*) AS count FROM ({base}) b "
        f"WHERE fy IN {in_list(years)} AND response = 'see and convey' "
        "GROUP BY destination, destination_in_area, fy"
    )
    # A row per destination and in-area flag (a destination recorded with both
    # flags gets two rows), the busiest first, every year present.
    frame["key"] = list(zip(frame["destination"], frame["in_area"], strict=True))
    order = sum_counts(frame, "key").sort_values(
        ["count", "key"], ascending=[False, True]
    )
    long = complete(frame, {"key": list(order["key"]), "year": years})
    long["destination"] = [k[0] for k in long["key"]]
    long["in_area"] = [k[1] for k in long["key"]]
    total = sum_counts(long, "year")
    total.insert(0, "destination", TOTAL)
    total.insert(1, "in_area", None)
    data = pd.concat([long, total], ignore_index=True)
    data["count"] = data["count"].astype("int64")
    return Table(
        id="ambulance_destinations",
        title="Hospitals that conveyed assault patients were taken to",
        data=data[["destination", "in_area", "year", "count"]],
        caption="See-and-convey patients; in_area says whether the hospital is "
        "inside the assessment area.",
        count_columns=("count",),
        total_rows=total_rows(data, "destination", TOTAL),
        margins=(
            Margin(
                "ambulance_response",
                by=("year",),
                where={"destination": TOTAL},
                at={"sex": ALL, "response": "see and convey"},
            ),
            Margin(
                "ambulance_outside_area",
                by=("year",),
                total_column="conveyed",
                where={"in_area": ("yes", "no")},
            ),
            Margin(
                "ambulance_outside_area",
                by=("year",),
                total_column="outside_area",
                where={"in_area": "no"},
            ),
        ),
    )


def _outside(destinations: pd.DataFrame, years: tuple[str, ...]) -> Table:
    """Conveyed patients taken outside the area, by year and over all years.

    Patients whose destination has no in-area flag are left out of both counts.
    """
    known = destinations[destinations["in_area"].isin(["yes", "no"])].copy()
    known["outside"] = known["count"].where(known["in_area"] == "no", 0)
    by_year = known.groupby("year").agg(
        conveyed=("count", "sum"), outside_area=("outside", "sum")
    )
    frame = pd.DataFrame({"year": [*years, "all years"]})
    frame["conveyed"] = [
        *(int(by_year["conveyed"].get(y, 0)) for y in years),
        int(by_year["conveyed"].sum()),
    ]
    frame["outside_area"] = [
        *(int(by_year["outside_area"].get(y, 0)) for y in years),
        int(by_year["outside_area"].sum()),
    ]
    frame["pct"] = pct(frame["outside_area"], frame["conveyed"])
    return Table(
        id="ambulance_outside_area",
        title="Conveyed assault patients taken to hospitals outside the area",
        data=frame,
        caption="Conveyed patients whose destination is known to be inside or "
        "outside the area; pct = outside ÷ conveyed × 100.",
        count_columns=("conveyed", "outside_area"),
        derived_columns={"pct": ("conveyed", "outside_area")},
        total_rows=(len(years),),
    )


def _findings(
    ctx: Context,
    responses: pd.DataFrame,
    destinations: pd.DataFrame,
    years: tuple[str, ...],
) -> list[Finding]:
    found: list[Finding] = []
    every = responses[(responses["sex"] == ALL) & (responses["response"] == TOTAL)]
    change = partner_change(
        ctx,
        "ambulance_total_change",
        "Assault patients seen by the ambulance service",
        series(every, "year", years),
        Cells("ambulance_response", "count", {"sex": ALL, "response": TOTAL}),
        (TABLE, "call_date"),
    )
    if change:
        found.append(change)
    every_response = responses[responses["response"] == TOTAL]
    conveyed = responses[responses["response"] == "see and convey"]
    for share in (
        sex_share_finding(
            "ambulance_female_share",
            every_response,
            "female",
            "{value}% of assault patients with a recorded sex were female.",
        ),
        sex_share_finding(
            "ambulance_conveyed_male_share",
            conveyed,
            "male",
            "{value}% of conveyed patients with a recorded sex were male.",
        ),
    ):
        if share is not None:
            found.append(share)
    known = destinations[destinations["in_area"].isin(["yes", "no"])]
    outside = int(known.loc[known["in_area"] == "no", "count"].sum())
    value = pct_value(outside, int(known["count"].sum()))
    if value is not None:
        by_year = known.groupby("year")["count"].sum()
        out_year = known[known["in_area"] == "no"].groupby("year")["count"].sum()
        shares = [
            pct_value(int(out_year.get(y, 0)), int(by_year.get(y, 0))) for y in years
        ]
        shown = ", ".join(
            f"{y}: {s}%" for y, s in zip(years, shares, strict=True) if s is not None
        )
        found.append(
            replace(
                level_finding(
                    "ambulance_outside_area",
                    f"{value}% of conveyed patients were taken to hospitals outside "
                    f"the area ({shown}).",
                    value,
                    unit="%",
                ),
                cites={
                    year: Cells("ambulance_outside_area", "pct", {"year": year})
                    for year in [*years, "all years"]
                },
            )
        )
    return found


CHAPTER = Chapter(
    "ambulance", "Ambulance service", analyse, needs=(TABLE,), part="health",
    reference="13.3",
)
