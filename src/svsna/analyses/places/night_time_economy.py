"""Chapter 9: crime in the night-time economy (NTE).

The reference SNA counts every crime (no serious-violence filter, no
exclusions) of a list of offence types committed between 18:00 and 06:00
(known time only) inside a night-time-economy area, by offence type and
financial year, and by district with a rate per 1,000 residents. An NTE area
is a polygon (``geometry_wkt``, British National Grid; a point on its edge is
inside) or, on rows without a geometry, a list of neighbourhoods or LSOAs; an
occurrence inside several areas counts once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.comparisons import financial_years, monthly_counts
from svsna.analyses.core.figures import change_finding, pct_value
from svsna.analyses.core.maps import nte_membership_sql
from svsna.analyses.core.sql import (
    TOTAL,
    UNKNOWN,
    district_sql,
    in_list,
    literal,
    minute_of_day_sql,
    minutes,
)
from svsna.analyses.places.spatial_sql import (
    one_decimal,
)
from svsna.results import Cells, Finding, Margin, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

ALL_DISTRICTS = "all districts"


def offence_type_sql(ctx: Context, alias: str) -> str:
    """CASE giving a counted group its NTE offence type (or the 'other' label)."""
    nte = ctx.definition.night_time_economy
    whens = " ".join(
        f"WHEN {alias}.group_id IN {in_list(groups)} THEN {literal(label)}"
        for label, groups in nte.offence_types.items()
    )
    other = literal(nte.other_label)
    return f"(CASE {whens} ELSE {other} END)" if whens else other


def offence_types(ctx: Context) -> list[str]:
    """The offence types in report order: the definition's, then 'other'."""
    nte = ctx.definition.night_time_economy
    listed = {g for groups in nte.offence_types.values() for g in groups}
    labels = list(nte.offence_types)
    if set(nte.groups) - listed:
        labels.append(nte.other_label)
    return labels


def nte_pairs_sql(ctx: Context) -> str:
    """SQL: (occurrence, NTE area) pairs of the report period with ``offence_type``.

    An occurrence inside several areas appears once per area.
    """
    nte = ctx.definition.night_time_economy
    minute = minute_of_day_sql("c.committed_time")
    night = (
        f"({minute} >= {minutes(nte.start_time)} OR {minute} < {minutes(nte.end_time)})"
    )
    candidates = f"""
        SELECT c.* FROM ({classified_occurrences_sql(ctx.definition)}) c
        WHERE c.fy IN {in_list(ctx.years)} AND c.committed_time IS NOT NULL
          AND {night} AND c.group_id IN {in_list(nte.groups)}
    """
    inside = nte_membership_sql(ctx, "night")
    return f"""
        WITH night AS ({candidates}),
        inside AS ({inside})
        SELECT n.occurrence_id, i.nte_area, n.fy, n.committed_date,
               {district_sql("n.district")} AS district,
               {offence_type_sql(ctx, "n")} AS offence_type
        FROM night n
        JOIN (SELECT DISTINCT occurrence_id, nte_area FROM inside) i
          ON i.occurrence_id = n.occurrence_id
    """


def area_table(ctx: Context, pairs: str) -> Table:
    """``nte_by_area``: NTE crimes per area and year, busiest area first."""
    years = list(ctx.years)
    counts = ctx.query(f"""
        SELECT nte_area, fy AS year, COUNT(DISTINCT occurrence_id) AS count
        FROM ({pairs}) p GROUP BY nte_area, fy
    """)
    areas = sorted(ctx.query("SELECT DISTINCT nte_area FROM nte_areas")["nte_area"])
    wide = (
        counts.pivot_table(
            index="nte_area", columns="year", values="count", aggfunc="sum"
        )
        .reindex(index=areas, columns=years)
        .fillna(0)
        .astype("int64")
    )
    wide.index.name = "nte_area"
    wide.columns.name = None
    frame = wide.reset_index()
    frame["total"] = frame[years].sum(axis=1) if years else 0
    frame = frame.sort_values(
        ["total", "nte_area"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)
    return Table(
        id="nte_by_area", title="Night-time economy crimes by NTE area",
        data=frame[["nte_area", *years, "total"]],
        caption=(
            "Crimes of the NTE offence types in each area's night hours; an "
            "occurrence inside two overlapping areas counts in both."
        ),
        count_columns=(*years, "total"),
        total_columns={"total": tuple(years)},
    )


def crimes_table(ctx: Context, counts: pd.DataFrame) -> Table:
    """``nte_crimes``: every offence type × year, zeros included, then the totals."""
    types = offence_types(ctx)
    grid = pd.DataFrame(
        [(t, y) for t in types for y in ctx.years], columns=["offence_type", "year"]
    )
    by_type = counts.groupby(["offence_type", "year"], as_index=False)["count"].sum()
    data = grid.merge(by_type, on=["offence_type", "year"], how="left")
    data["count"] = data["count"].fillna(0).astype("int64")
    totals = data.groupby("year", as_index=False, sort=False)["count"].sum()
    totals.insert(0, "offence_type", TOTAL)
    data = pd.concat([data, totals], ignore_index=True)  # type: ignore[list-item]
    nte = ctx.definition.night_time_economy
    return Table(
        id="nte_crimes", title="Night-time economy crimes by offence type",
        data=data[["offence_type", "year", "count"]],
        caption=(
            f"Every occurrence of the listed offence types committed from "
            f"{nte.start_time} to before {nte.end_time} (known time only) inside a "
            "night-time-economy area; no serious-violence filter or exclusions."
        ),
        count_columns=("count",),
        total_rows=tuple(range(len(data) - len(totals), len(data))),
        fixed_form=True,
    )


def district_table(ctx: Context, counts: pd.DataFrame) -> tuple[Table, list[str]]:
    """``nte_by_district``: counts per year, the yearly average and its rate."""
    years = list(ctx.years)
    wide = counts.pivot_table(
        index="district", columns="year", values="count", aggfunc="sum"
    ).reindex(columns=years)
    notes = []
    population: dict[str, float] = {}
    names = set(wide.index)
    if ctx.has("districts"):
        known = ctx.query("SELECT district, population FROM districts")
        for record in known.to_dict("records"):
            key = str(record["district"]).strip().upper()
            population[key] = population.get(key, 0.0) + float(record["population"])
        names |= set(known["district"])
    else:
        notes.append("Rates per 1,000 need the districts table (population).")
    ordered = sorted(names - {UNKNOWN}) + ([UNKNOWN] if UNKNOWN in names else [])
    frame = wide.reindex(ordered).fillna(0).astype("int64")
    frame.columns.name = None
    frame.index.name = "district"
    frame = frame.reset_index()
    keys = frame["district"].astype(str).str.strip().str.upper()
    frame.insert(1, "population", [population.get(k, float("nan")) for k in keys])
    total: dict[str, object] = {
        "district": ALL_DISTRICTS,
        "population": frame["population"].sum(min_count=1),
        **{y: int(frame[y].sum()) for y in years},
    }
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    mean = frame[years].mean(axis=1) if years else pd.Series(0.0, index=frame.index)
    frame["average"] = one_decimal(mean)
    frame["per_1000"] = one_decimal(
        (mean / frame["population"] * 1000).where(frame["population"] > 0)
    )
    frame["population"] = frame["population"].astype("Int64")
    table = Table(
        id="nte_by_district", title="Night-time economy crimes by district",
        data=frame[["district", "population", *years, "average", "per_1000"]],
        caption=(
            "District as recorded on the occurrence; average = mean per financial "
            "year; per_1000 = average per 1,000 residents."
        ),
        count_columns=tuple(years),
        derived_columns={"average": tuple(years), "per_1000": tuple(years)},
        total_rows=(len(frame) - 1,),
        # The districts' total of each year is nte_crimes' total of that year.
        margins=tuple(
            Margin(
                "nte_crimes",
                column=year,
                total_column="count",
                where={"district": ALL_DISTRICTS},
                at={"offence_type": TOTAL, "year": year},
            )
            for year in years
        ),
    )
    return table, notes


def analyse(ctx: Context, heading: Heading) -> Section:
    """NTE crimes by offence type and year, and by district with rates."""
    section_id, number, title = heading
    pairs = nte_pairs_sql(ctx)
    counts = ctx.query(f"""
        SELECT offence_type, fy AS year, district, COUNT(DISTINCT occurrence_id) AS count
        FROM ({pairs}) o
        GROUP BY offence_type, fy, district
    """)
    crimes = crimes_table(ctx, counts)
    by_district, notes = district_table(ctx, counts)
    by_area = area_table(ctx, pairs)
    areas = ctx.query("SELECT COUNT(DISTINCT nte_area) AS n FROM nte_areas")["n"].iloc[
        0
    ]
    summary = [f"{int(areas)} night-time-economy areas.", *notes]
    totals = crimes.data[crimes.data["offence_type"] == TOTAL]
    findings = [f for f in [_total_change(ctx, pairs, totals)] if f is not None]
    busiest = _busiest_area(ctx, by_area.data, totals)
    if busiest:
        findings.append(busiest)
        summary.append(busiest.text)
    return Section(
        section_id,
        number,
        title,
        summary=tuple(summary),
        tables=(crimes, by_district, by_area),
        findings=tuple(findings),
    )


def _total_change(ctx: Context, pairs: str, totals: pd.DataFrame) -> Finding | None:
    """NTE crimes in the last two years, tested on their monthly counts."""
    span = financial_years(ctx.years, ctx.definition.financial_year_start_month)
    if span is None:
        return None
    distinct = f"SELECT DISTINCT occurrence_id, committed_date FROM ({pairs}) p"
    by_year = dict(zip(totals["year"], totals["count"].astype(int), strict=True))
    return change_finding(
        "nte_total_change",
        "Crimes in night-time-economy areas at night",
        {y: int(by_year.get(y, 0)) for y in span.labels},
        alpha=ctx.definition.trends.alpha,
        monthly=monthly_counts(ctx, distinct, "committed_date", span),
        cells=Cells("nte_crimes", "count", {"offence_type": TOTAL}),
    )


def _busiest_area(
    ctx: Context, by_area: pd.DataFrame, totals: pd.DataFrame
) -> Finding | None:
    """The NTE area with most crimes in the latest year, and its share of them."""
    if not ctx.years or by_area.empty or totals.empty:
        return None
    latest = ctx.years[-1]
    all_crimes = int(totals.loc[totals["year"] == latest, "count"].sum())
    top = by_area.sort_values([latest, "nte_area"], ascending=[False, True]).iloc[0]
    if not all_crimes or not top[latest]:
        return None
    share = pct_value(int(top[latest]), all_crimes)
    if share is None:
        return None
    return Finding(
        id="nte_busiest_area",
        text=(
            f"{top['nte_area']} had the most night-time-economy crimes in {latest}: "
            f"{int(top[latest]):,}, {share}% of the {all_crimes:,} in all NTE areas."
        ),
        current=float(share),
        current_label=latest,
        unit="%",
        cites={
            "area": Cells("nte_by_area", latest, {"nte_area": str(top["nte_area"])}),
            "all": Cells(
                "nte_crimes", "count", {"offence_type": TOTAL, "year": latest}
            ),
        },
    )


CHAPTER = Chapter(
    "night_time_economy", "Night-time economy crimes", analyse,
    needs=("occurrences", "nte_areas"), uses=("districts",), reference="9",
)
