"""District profiles: each district's serious violence beside the whole area's.

The reference SNA ships an area profile per district (its section 2.1): the
trend, the district's share of the area, its hotspots, when violence happens,
who is involved, and how it compares with the area. The public-data edition
has its own template (no days, hours or people). Each query groups by
district once (no loop over occurrences); pandas then splits the results into
one :class:`~svsna.results.Section` per district, which the report renders as
``profiles/<district>.html`` and ``.pdf``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.area import district_populations, place_rate
from svsna.analyses.core.comparisons import sv_change, sv_counts, sv_span
from svsna.analyses.core.figures import pct, pct_value
from svsna.analyses.core.multiplicity import adjust_findings
from svsna.analyses.core.sql import (
    UNKNOWN,
    age_band_sql,
    band_labels,
    district_sql,
    literal,
    period_sv_sql,
    weekday_sql,
)
from svsna.analyses.core.windows import hotspot_occurrences_sql, hotspot_window
from svsna.analyses.public_data.profiles import analyse_public_profiles
from svsna.results import Cells, Chart, Finding, Margin, Section, Table, unique_slugs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.analyses.core.context import Context

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
AREA = "whole area"
HOTSPOTS_SHOWN = 5
#: The id of the day-by-hour counts of every district that the heat maps draw.
DAY_HOUR = "profile_day_hour"
#: The hour of the day-by-hour table's rows of occurrences without a time.
UNKNOWN_HOUR = -1


def _yearly(ctx: Context, sv: str) -> pd.DataFrame:
    return ctx.query(
        f"SELECT {district_sql('district')} AS district, fy AS year, COUNT(*) AS count "
        f"FROM ({sv}) s GROUP BY 1, 2"
    )


def _by_day(ctx: Context, sv: str) -> pd.DataFrame:
    return ctx.query(
        f"SELECT {district_sql('district')} AS district, "
        f"{weekday_sql('committed_date')} AS wd, "
        "CASE WHEN committed_time IS NULL THEN NULL "
        "ELSE EXTRACT(HOUR FROM committed_time) END AS hour, COUNT(*) AS count "
        f"FROM ({sv}) s GROUP BY 1, 2, 3"
    )


def _people(ctx: Context, sv: str) -> pd.DataFrame:
    bands = ctx.definition.age_bands.involved_summary
    return ctx.query(
        f"""
        SELECT {district_sql("o.district")} AS district,
               CASE WHEN p.role = 'offender' THEN 'suspect' ELSE p.role END AS role,
               COALESCE({age_band_sql("p.age", bands)}, {literal(UNKNOWN)}) AS age_band,
               COUNT(DISTINCT p.person_id) AS people
        FROM ({sv}) o JOIN persons p ON p.occurrence_id = o.occurrence_id
        GROUP BY 1, 2, 3
        """
    )


def _hotspots(ctx: Context) -> pd.DataFrame:
    """Hotspot offences by district and neighbourhood, in the hotspot chapter's window.

    The same offence set and the same months (ending with the last complete
    month) as the hotspot chapter, whatever the report period: a profile's
    "last 12 months" never covers fewer months or other offences.
    """
    start, end, _ = hotspot_window(ctx)
    occurrences = hotspot_occurrences_sql(ctx.definition, start, end)
    return ctx.query(
        f"SELECT {district_sql('district')} AS district, "
        f"COALESCE(NULLIF(TRIM(neighbourhood), ''), {literal(UNKNOWN)}) AS neighbourhood, "
        f"COUNT(*) AS count FROM ({occurrences}) s GROUP BY 1, 2"
    )


def analyse_profiles(
    ctx: Context, sections: Sequence[Section] = ()
) -> tuple[Section, ...]:
    """One profile section per district with serious violence in the period.

    Public data (``data_source: police_uk``) have no days, hours or people
    and no financial years: their profiles come from the public-data template
    (:mod:`svsna.analyses.public_data.profiles`), for the force's own
    districts only. Each profile's tested change is adjusted with the other
    districts' (Benjamini-Hochberg), as the SNA's profiles are. ``sections``
    are the report's computed chapters: a
    district's emerging hot spots are read from their table rather than
    computed twice.
    """
    if ctx.definition.data_source == "police_uk":
        return tuple(adjust_findings(analyse_public_profiles(ctx), ctx.definition))
    if not ctx.has("occurrences") or not ctx.years:
        return ()
    sv = period_sv_sql(ctx)
    yearly = _yearly(ctx, sv)
    districts = sorted(set(yearly["district"]) - {UNKNOWN})
    if not districts:
        return ()
    timing = _by_day(ctx, sv)
    people = _people(ctx, sv) if ctx.has("persons") else pd.DataFrame()
    spots = _hotspots(ctx)
    populations = district_populations(ctx)
    emerging = _report_table(sections, "emerging_hotspots")
    keys = unique_slugs(districts, prefix="profile_")
    heat = _day_hour_table(timing, keys)
    changes = _changes(ctx, keys)
    profiles = [
        _profile(
            ctx,
            (d, keys[d]),
            yearly,
            timing,
            people,
            spots,
            populations,
            heat,
            changes.get(d),
            emerging,
        )
        for d in districts
    ]
    return tuple(adjust_findings(profiles, ctx.definition))


def _report_table(sections: Sequence[Section], table_id: str) -> pd.DataFrame | None:
    """The data of a table the report's chapters computed, or None."""
    for section in sections:
        for table in section.tables:
            if table.id == table_id:
                return table.data
    return None


def _day_hour_table(timing: pd.DataFrame, keys: dict[str, str]) -> Table:
    """Every district's counts by day and hour, which the heat maps draw.

    One table for all districts (the unknown one too), so that the public
    edition protects them together: they add up to the area's ``sv_day_hour``.
    Each district-day also has a row of the occurrences without a time (hour
    ``UNKNOWN_HOUR``): with them, a day's hours add up to the day's count in
    the district's days table, which a reader also has. It is never printed;
    each district's heat map draws its own rows of known hours.
    """
    districts = sorted(set(timing["district"]))
    grid = pd.MultiIndex.from_product(
        [districts, range(7), [*range(24), UNKNOWN_HOUR]],
        names=["district", "wd", "hour"],
    )
    cells = (
        timing.assign(hour=timing["hour"].fillna(UNKNOWN_HOUR).astype(int))
        .groupby(["district", "wd", "hour"])["count"]
        .sum()
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    cells["day"] = [DAYS[int(w)] for w in cells["wd"]]
    days = tuple(
        Margin(f"{key}_days", by=("day",), where={"district": d})
        for d, key in keys.items()
    )
    return Table(
        DAY_HOUR,
        "Serious violence by district, day and hour",
        cells[["district", "day", "hour", "count"]],
        count_columns=("count",),
        margins=(
            Margin("sv_day_hour", by=("day", "hour"), at={"cohort": "all"}),
            *days,
        ),
    )


def _changes(ctx: Context, keys: dict[str, str]) -> dict[str, Finding]:
    """Each district's like-for-like change between the last two years.

    ``keys`` are the districts' profile keys, which name their findings and tables.

    Tested on the district's monthly counts, on the offence groups in serious
    violence in both years, so a definition change never makes a district's
    arrow (:func:`~svsna.analyses.core.comparisons.sv_change`).
    """
    found = sv_span(ctx)
    if found is None:
        return {}
    span, basis = found
    counts = sv_counts(ctx, span, basis)
    changes = {}
    for district, key in keys.items():
        change = sv_change(
            counts[counts["district"] == district],
            span,
            basis,
            finding_id=f"{key}_change",
            subject=f"Serious violence in {district}",
            alpha=ctx.definition.trends.alpha,
            cells=Cells(f"{key}_trend", "count"),
        )
        if change is not None:
            changes[district] = change
    return changes


def _trend(
    ctx: Context, key: str, district: str, yearly: pd.DataFrame, change: Finding | None
) -> tuple[pd.DataFrame, list[Finding]]:
    """The district's yearly counts beside the area's, its change and its share."""
    years = list(ctx.years)
    area = yearly.groupby("year")["count"].sum().reindex(years, fill_value=0)
    mine = (
        yearly[yearly["district"] == district]
        .set_index("year")["count"]
        .reindex(years, fill_value=0)
    )
    trend = pd.DataFrame(
        {
            "year": years,
            "count": mine.to_numpy(),
            "area_count": area.to_numpy(),
        }
    )
    trend["pct_of_area"] = pct(trend["count"], trend["area_count"])
    findings: list[Finding] = [change] if change else []
    latest_share = trend["pct_of_area"].iloc[-1]
    if pd.notna(latest_share):
        findings.append(
            Finding(
                f"{key}_share",
                f"{district} had {latest_share:.1f}% of the area's serious violence "
                f"in {years[-1]}.",
                current=float(latest_share),
                current_label=years[-1],
                unit="%",
                cites={
                    "current": Cells(f"{key}_trend", "pct_of_area", {"year": years[-1]})
                },
            )
        )
    return trend, findings


def _profile(
    ctx: Context,
    named: tuple[str, str],
    yearly: pd.DataFrame,
    timing: pd.DataFrame,
    people: pd.DataFrame,
    spots: pd.DataFrame,
    populations: dict[str, float],
    heat: Table,
    change: Finding | None = None,
    emerging: pd.DataFrame | None = None,
) -> Section:
    district, key = named
    years = list(ctx.years)
    trend, findings = _trend(ctx, key, district, yearly, change)
    tables = [_trend_table(key, district, trend)]
    charts = [
        Chart(
            f"{key}_trend_chart", f"Serious violence in {district} by year", "bar",
            trend[["year", "count"]],
            x="year", y="count",
            y_title="occurrences",
            alt_text=f"Bar chart of serious violence in {district}: {{values}}.",
            table=f"{key}_trend",
        )
    ]
    rates = _rate_table(
        district, trend, populations, ctx.definition.trends.confidence_level
    )
    if rates is not None:
        tables.append(_rates(key, district, years[-1], rates))
    tables.append(_hotspot_table(key, district, spots, hotspot_window(ctx)[2]))
    if emerging is not None:
        tables.append(_emerging_table(key, district, emerging))
    day_table, heat_chart = _when(key, district, timing, heat)
    tables.append(day_table)
    charts.append(heat_chart)
    if not people.empty:
        tables.append(_who(key, district, people, ctx))
    return Section(
        id=key,
        number="",
        title=district,
        summary=(
            f"Serious violence in {district} over {years[0]} to {years[-1]}, "
            "compared with the whole area.",
        ),
        tables=tuple(tables),
        charts=tuple(charts),
        findings=tuple(findings),
    )


def _trend_table(key: str, district: str, trend: pd.DataFrame) -> Table:
    """The district's yearly counts beside the area's.

    Declared to disclosure control: the district's counts are its row of
    ``sv_by_district``, the area's are ``sv_yearly``'s totals, and the years
    add up to the district's period total printed in its days table.
    """
    return Table(
        f"{key}_trend", f"Serious violence in {district} and the whole area, by year",
        trend,
        count_columns=("count", "area_count"),
        derived_columns={"pct_of_area": ("count", "area_count")},
        margins=(
            Margin("sv_by_district", by=("year",), at={"district": district}),
            Margin(
                "sv_yearly",
                by=("year",), column="area_count", total_column="all",
                at={"measure": "serious violence", "group": "total"},
            ),
            Margin(f"{key} over the period"),
        ),
    )


def _rates(key: str, district: str, year: str, rates: pd.DataFrame) -> Table:
    """The latest year's rates; their counts are the trend table's, printed again."""
    return Table(
        f"{key}_rate",
        f"Serious violence per 1,000 residents in {year}: {district} and the area",
        rates,
        notes=(
            "Exact Poisson confidence limits; intervals that do not overlap "
            "suggest a real difference.",
        ),
        count_columns=("count",),
        derived_columns={c: ("count",) for c in ("per_1000", "lower", "upper")},
        margins=(
            Margin(f"{key}_trend", where={"place": district}, at={"year": year}),
            Margin(
                f"{key}_trend",
                total_column="area_count",
                where={"place": AREA},
                at={"year": year},
            ),
        ),
    )


def _rate_table(
    district: str, trend: pd.DataFrame, populations: dict[str, float], level: float
) -> pd.DataFrame | None:
    if district not in populations:
        return None
    return pd.DataFrame(
        [
            place_rate(place, count, population, level)
            for place, count, population in (
                (district, int(trend["count"].iloc[-1]), populations[district]),
                (AREA, int(trend["area_count"].iloc[-1]), sum(populations.values())),
            )
        ]
    )


def _hotspot_table(key: str, district: str, spots: pd.DataFrame, window: str) -> Table:
    mine = spots[spots["district"] == district].sort_values(
        ["count", "neighbourhood"], ascending=[False, True]
    )
    top = mine.head(HOTSPOTS_SHOWN)[["neighbourhood", "count"]].reset_index(drop=True)
    top["pct_of_district"] = pct(
        top["count"], pd.Series(mine["count"].sum(), index=top.index)
    )
    return Table(
        f"{key}_hotspots",
        f"Neighbourhoods of {district} with most hotspot offences, {window}",
        top,
        caption="The hotspot chapter's offences and months (ending with the last "
        "complete month of data).",
        count_columns=("count",),
        derived_columns={"pct_of_district": ("count",)},
    )


def _emerging_table(key: str, district: str, emerging: pd.DataFrame) -> Table:
    """The district's areas with an emerging hot- or cold-spot pattern (chapter order)."""
    mine = emerging[
        (emerging["district"] == district)
        & (emerging["category"] != "no pattern detected")
    ]
    columns = ["level", "area", "category", "slices_hot", "slices_cold", "last_class"]
    return Table(
        f"{key}_emerging", f"Emerging hot and cold spots in {district}",
        mine[columns].reset_index(drop=True),
        caption=(
            "Areas of the district with an emerging hot- or cold-spot pattern; "
            "the emerging hot spots chapter says how they are found."
        ),
    )


def _when(
    key: str, district: str, timing: pd.DataFrame, heat: Table
) -> tuple[Table, Chart]:
    mine = timing[timing["district"] == district]
    by_day = mine.groupby("wd")["count"].sum().reindex(range(7), fill_value=0)
    area_day = timing.groupby("wd")["count"].sum().reindex(range(7), fill_value=0)
    table = pd.DataFrame(
        {
            "day": DAYS,
            "count": by_day.to_numpy(),
            "pct": pct(by_day, pd.Series(by_day.sum(), index=by_day.index)).to_numpy(),
            "area_pct": pct(
                area_day, pd.Series(area_day.sum(), index=area_day.index)
            ).to_numpy(),
        }
    )
    data = heat.data
    cells = data[(data["district"] == district) & (data["hour"] != UNKNOWN_HOUR)]
    cells = cells.reset_index(drop=True)
    busiest = cells.sort_values("count", ascending=False).iloc[0]
    chart = Chart(
        f"{key}_day_hour", f"When serious violence happens in {district}", "heatmap",
        cells,
        x="hour", y="day", color="count",
        alt_text=(
            f"Heat map of serious violence in {district} by day of week and hour "
            f"(known times only); the busiest hour is {busiest['day']} "
            f"{int(busiest['hour']):02d}:00."
        ),
        source=heat,
    )
    return (
        Table(
            f"{key}_days",
            f"Serious violence in {district} by day of the week, with the area's share",
            table,
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
            shares={"pct": ()},
            margins=(Margin(f"{key} over the period"),),
        ),
        chart,
    )


def _who(key: str, district: str, people: pd.DataFrame, ctx: Context) -> Table:
    bands = [*band_labels(ctx.definition.age_bands.involved_summary), UNKNOWN]
    rows = []
    for role in ("victim", "suspect"):
        of_role = people[people["role"] == role]
        mine = (
            of_role[of_role["district"] == district].groupby("age_band")["people"].sum()
        )
        area = of_role.groupby("age_band")["people"].sum()
        for band in bands:
            rows.append(
                {
                    "role": role,
                    "age_band": band,
                    "people": int(mine.get(band, 0)),
                    "pct": pct_value(int(mine.get(band, 0)), int(mine.sum())),
                    "area_pct": pct_value(int(area.get(band, 0)), int(area.sum())),
                }
            )
    return Table(
        f"{key}_people",
        f"Victims and suspects in {district} by age band, with the area's shares",
        pd.DataFrame(rows),
        notes=("People are counted once per age band and role over the period.",),
        count_columns=("people",),
        derived_columns={"pct": ("people",)},
        shares={"pct": ("role",)},
    )
