"""District profiles of the public-data edition: each own district beside the force.

The full SNA's profile shows days, hours and people; public data hold none of
them, so this template follows the public-data chapters instead: crime by type
in the latest 12 months, the change between the same two periods the trends
chapter compares (:mod:`svsna.analyses.public_data.periods`), rates per 1,000
residents with exact limits, violence, robbery and weapons possession by month
(missing months left as gaps), the LSOAs with most of it, and last outcomes.

Only the force's own districts get a profile: rows whose point was snapped
over the boundary fall in other forces' districts and are left out, as in
every public-data table. Each query groups by district once; pandas then
splits the results into one :class:`~svsna.results.Section` per district.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.area import district_populations, place_rate
from svsna.analyses.core.figures import pct
from svsna.analyses.core.months import months_label
from svsna.analyses.core.sql import is_in
from svsna.analyses.public_data.base import (
    CATEGORY,
    crimes_sql,
    latest_months,
    months_present,
    plain_tables,
    stage_sql,
    window,
)
from svsna.analyses.public_data.periods import (
    Comparison,
    comparison,
    modelled_change_table,
    period_change,
)
from svsna.results import Chart, Finding, Section, Table, unique_slugs

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

FORCE = "force (own districts)"
PROXY = "violence, robbery and weapons possession"
ALL_CRIME = "all crime (excluding anti-social behaviour)"
LSOAS_SHOWN = 5
CHART_MONTHS = 36


@dataclass(frozen=True)
class ForceFrames:
    """What every profile is cut from: the force's counts, grouped by district once."""

    counts: pd.DataFrame  # district, month, crime_type, is_proxy, is_crime, count
    lsoas: pd.DataFrame  # district, lsoa_code, lsoa_name, count (latest window)
    stages: pd.DataFrame  # district, stage, count (latest window)
    populations: dict[str, float]
    months: list[str]
    latest: list[str]
    compared: Comparison | None


def force_frames(ctx: Context) -> ForceFrames:
    """The grouped counts of the force's own rows that every profile needs."""
    crimes = crimes_sql(ctx)
    months = months_present(ctx)
    latest = latest_months(ctx, months)
    counts = ctx.query(
        f"SELECT district, month_label AS month, crime_type, is_proxy, is_crime, "
        f"COUNT(*) AS count FROM ({crimes}) t WHERE district IS NOT NULL "
        f"GROUP BY district, month_label, crime_type, is_proxy, is_crime"
    )
    name = (
        "MAX(extra_lsoa_name)"
        if "extra_lsoa_name" in ctx.warehouse.columns("occurrences")
        else "NULL"
    )
    lsoas = ctx.query(
        f"SELECT district, lsoa_code, {name} AS lsoa_name, COUNT(*) AS count "
        f"FROM ({crimes}) t WHERE district IS NOT NULL AND is_proxy "
        f"AND lsoa_code IS NOT NULL AND {is_in('month_label', latest)} "
        f"GROUP BY district, lsoa_code"
    )
    return ForceFrames(
        counts=counts,
        lsoas=lsoas,
        stages=_stages(ctx, latest),
        populations=district_populations(ctx),
        months=months,
        latest=latest,
        compared=comparison(months, ctx.definition.public_data.trend_months),
    )


def _stages(ctx: Context, latest: list[str]) -> pd.DataFrame:
    if CATEGORY not in ctx.warehouse.columns("occurrences"):
        return pd.DataFrame(columns=["district", "stage", "count"])
    stage = stage_sql(ctx.definition.public_data.outcome_stages, CATEGORY)
    return ctx.query(
        f"SELECT district, {stage} AS stage, COUNT(*) AS count "
        f"FROM ({crimes_sql(ctx)}) t WHERE district IS NOT NULL AND is_crime "
        f"AND {is_in('month_label', latest)} GROUP BY district, {stage}"
    )


def analyse_public_profiles(ctx: Context) -> tuple[Section, ...]:
    """One profile per own district of the force, in name order."""
    if not ctx.has("occurrences"):
        return ()
    frames = force_frames(ctx)
    districts = sorted(str(d) for d in frames.counts["district"].unique())
    keys = unique_slugs(districts, prefix="profile_")
    return tuple(district_profile(ctx, (d, keys[d]), frames) for d in districts)


def district_profile(
    ctx: Context, named: tuple[str, str], frames: ForceFrames
) -> Section:
    """The public-data profile of one district (its name and its profile's key)."""
    district, key = named
    span = months_label(frames.latest)
    mine = frames.counts[frames.counts["district"] == district]
    tables = [types_table(key, district, mine, frames)]
    findings = [share_finding(key, district, mine, frames)]
    if frames.compared is not None:
        tables.append(change_table(key, district, mine, frames.compared, ctx))
        findings.append(
            period_change(
                f"{key}_change",
                f"Violence, robbery and weapons possession in {district}",
                mine[mine["is_proxy"].astype(bool)],
                frames.compared,
                alpha=ctx.definition.trends.alpha,
            )
        )
    rates = rates_table(key, district, mine, frames, ctx)
    tables += [rates] if rates is not None else []
    tables.append(lsoa_table(key, district, frames, span))
    if len(frames.stages):
        tables.append(outcomes_table(key, district, frames.stages, span))
    return Section(
        id=key,
        number="",
        title=district,
        summary=(
            f"Street-level crime recorded in {district} (data.police.uk), "
            f"{months_label(frames.months)}, beside the force's own districts "
            "together.",
            "Public data carry no day, time, victim or suspect, so this profile "
            "has none; places are LSOAs, the smallest area they support.",
        ),
        tables=plain_tables(tables),
        charts=(monthly_chart(key, district, mine, frames.months),),
        findings=tuple(f for f in findings if f is not None),
    )


def _latest(counts: pd.DataFrame, latest: list[str]) -> pd.DataFrame:
    return counts[counts["month"].isin(latest)]


def types_table(
    key: str, district: str, mine: pd.DataFrame, frames: ForceFrames
) -> Table:
    """Crime by type in the latest window: the district's count and share of the force."""
    own = _latest(mine, frames.latest).groupby("crime_type")["count"].sum()
    force = _latest(frames.counts, frames.latest).groupby("crime_type")["count"].sum()
    frame = pd.DataFrame({"count": own}).join(
        pd.DataFrame({"force_count": force}), how="outer"
    )
    frame = frame.fillna(0).astype("int64").rename_axis("crime_type").reset_index()
    frame["pct_of_force"] = pct(frame["count"], frame["force_count"])
    return Table(
        f"{key}_types", f"Crimes and anti-social behaviour in {district} by type",
        frame.sort_values(["count", "crime_type"], ascending=[False, True]),
        caption=(
            f"{months_label(frames.latest)}; crime type as written in the files; "
            "share of the force's own districts' count of each type."
        ),
        count_columns=("count", "force_count"),
        derived_columns={"pct_of_force": ("count", "force_count")},
    )


def share_finding(
    key: str, district: str, mine: pd.DataFrame, frames: ForceFrames
) -> Finding | None:
    """The district's share of the force's violence, robbery and weapons possession."""
    own = int(_latest(mine, frames.latest).query("is_proxy")["count"].sum())
    force = int(_latest(frames.counts, frames.latest).query("is_proxy")["count"].sum())
    if not force:
        return None
    share = round(100 * own / force, 1)
    span = months_label(frames.latest)
    return Finding(
        f"{key}_share",
        f"{district} had {share:.1f}% of the force's violence, robbery and weapons "
        f"possession ({own:,} of {force:,}) in {span}.",
        current=share,
        current_label=span,
        unit="%",
    )


def change_table(
    key: str, district: str, mine: pd.DataFrame, compared: Comparison, ctx: Context
) -> Table:
    """The same two periods as the trends chapter: proxy and all crime, modelled."""
    alpha = ctx.definition.trends.alpha
    rows = []
    for measure, column in ((PROXY, "is_proxy"), (ALL_CRIME, "is_crime")):
        counted = mine[mine[column].astype(bool)]
        rows.append({"measure": measure, **compared.tested(counted, alpha=alpha)})
    return modelled_change_table(
        f"{key}_change", f"Change in {district}: modelled monthly counts",
        pd.DataFrame(rows),
        f"Counts compared: {compared.sentence}.",
        "Tested on the periods' monthly counts (quasi-Poisson with a term for "
        "each calendar month, days of each month as exposure). p_value is the "
        "test's own; the profile's sentence carries the verdict, adjusted "
        "across the districts' profiles (Benjamini-Hochberg).",
    )


def rates_table(
    key: str, district: str, mine: pd.DataFrame, frames: ForceFrames, ctx: Context
) -> Table | None:
    """Rates per 1,000 residents in the latest window: the district and the force."""
    if district not in frames.populations:
        return None
    level = ctx.definition.trends.confidence_level
    places = (
        (district, mine, frames.populations[district]),
        (FORCE, frames.counts, sum(frames.populations.values())),
    )
    rows = []
    for measure, column in ((PROXY, "is_proxy"), (ALL_CRIME, "is_crime")):
        for place, counts, population in places:
            latest = _latest(counts, frames.latest)
            count = int(latest.loc[latest[column].astype(bool), "count"].sum())
            rows.append(
                {"measure": measure, **place_rate(place, count, population, level)}
            )
    return Table(
        f"{key}_rates", f"Crime per 1,000 residents: {district} and the force",
        pd.DataFrame(rows),
        caption=(
            f"{months_label(frames.latest)}; exact Poisson "
            f"{level * 100:g}% limits; intervals that do not overlap suggest a "
            "real difference."
        ),
        count_columns=("count",),
        derived_columns={c: ("count",) for c in ("per_1000", "lower", "upper")},
    )


def lsoa_table(key: str, district: str, frames: ForceFrames, span: str) -> Table:
    """The district's LSOAs with most violence, robbery and weapons possession."""
    mine = frames.lsoas[frames.lsoas["district"] == district]
    top = mine.sort_values(["count", "lsoa_code"], ascending=[False, True]).head(
        LSOAS_SHOWN
    )
    top = top[["lsoa_code", "lsoa_name", "count"]].reset_index(drop=True)
    top["pct_of_district"] = pct(top["count"], int(mine["count"].sum()))
    return Table(
        f"{key}_lsoas",
        f"LSOAs of {district} with most violence, robbery and weapons possession",
        top,
        caption=f"{span}; share of the district's count.",
        count_columns=("count",),
        derived_columns={"pct_of_district": ("count",)},
    )


def outcomes_table(key: str, district: str, stages: pd.DataFrame, span: str) -> Table:
    """Last outcome stages of the district's crimes beside the force's."""
    own = stages[stages["district"] == district].groupby("stage")["count"].sum()
    force = stages.groupby("stage")["count"].sum()
    frame = pd.DataFrame({"count": own, "force_count": force}).fillna(0)
    frame = frame.astype("int64").rename_axis("stage").reset_index()
    frame["pct"] = pct(frame["count"], int(frame["count"].sum()))
    frame["force_pct"] = pct(frame["force_count"], int(frame["force_count"].sum()))
    return Table(
        f"{key}_outcomes",
        f"Last outcomes of crimes in {district}, with the force's shares",
        frame.sort_values(["count", "stage"], ascending=[False, True]),
        caption=(
            f"Crimes recorded in {span}; the latest outcome at publication, so "
            "recent months are less complete."
        ),
        count_columns=("count", "force_count"),
        derived_columns={"pct": ("count",), "force_pct": ("force_count",)},
    )


def monthly_chart(
    key: str, district: str, mine: pd.DataFrame, months: list[str]
) -> Chart:
    """The district's violence, robbery and weapons possession by month."""
    shown = window(months, CHART_MONTHS)
    proxy = mine[mine["is_proxy"].astype(bool) & mine["month"].isin(shown)]
    data = (
        proxy.groupby("month")["count"]
        .sum()
        .reindex([m for m in shown if m in months], fill_value=0)
        .rename_axis("month")
        .reset_index()
    )
    return Chart(
        f"{key}_monthly",
        f"Violence, robbery and weapons possession in {district} by month",
        "line",
        data,
        x="month", y="count",
        x_title="Month", y_title="Crimes",
        alt_text=(
            f"Line chart of violence, robbery and weapons possession in {district} "
            f"by month, {months_label(data['month'])}; missing months are gaps."
        ),
    )
