"""Chapter 10: stop and search, from the data.police.uk stop-and-search records.

A search "for offensive weapons" has an object of search in
``stop_search.weapon_objects``; a weapon is "found" when, in addition, the
outcome is linked to the object of search. data.police.uk gives age ranges
(``10-17``, ``over 34``…), not ages: each range goes to the configured band
that contains it, and a range that no single band contains keeps a label of
its own (``over 34`` becomes ``35+`` when the bands split at 60).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.comparisons import financial_years, monthly_counts
from svsna.analyses.core.figures import change_finding, complete, share_change_finding
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import in_list
from svsna.config.definition import band_label
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context
    from svsna.config.definition import AgeBand

NOT_RECORDED = "not recorded"
COUNTS = ("searches", "weapon_searches", "weapons_found")


def analyse(ctx: Context, heading: Heading) -> Section:
    """Searches, searches for weapons and weapons found, by year and age group."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    raw = ctx.query(_counts_sql(ctx))
    totals = complete(
        raw.groupby("year", as_index=False)[list(COUNTS)].sum(),
        {"year": list(ctx.years)},
        values=COUNTS,
    )
    ages = _age_table(ctx, raw)
    findings = _findings(ctx, totals)
    tables = (
        Table(
            "stop_search",
            "Stop and search: all searches, searches for offensive weapons, "
            "weapons found",
            totals,
            count_columns=COUNTS,
        ),
        Table(
            "stop_search_weapons_age", "Offensive weapons found by age group",
            ages,
            count_columns=("count",),
            margins=(
                Margin("stop_search", by=("year",), total_column="weapons_found"),
            ),
        ),
    )
    chart = Chart(
        "stop_search_chart", "Stop and searches by year", "bar",
        totals.melt(id_vars="year", var_name="measure", value_name="count"),
        x="year", y="count", color="measure",
        alt_text="Bar chart of stop and searches, searches for offensive weapons "
        "and offensive weapons found, by financial year.",
        table="stop_search", measure_column="measure",
    )
    found = tuple(f for f in findings if f is not None)
    return Section(*heading, tables=tables, charts=(chart,), findings=found)


def _findings(ctx: Context, totals: pd.DataFrame) -> list[Finding | None]:
    """Searches (on their monthly counts) and the weapon find rate (as a share)."""
    span = financial_years(ctx.years, ctx.definition.financial_year_start_month)
    if span is None:
        return []
    counts = {
        str(row["year"]): {c: int(row[c]) for c in COUNTS}
        for row in totals.to_dict("records")
    }
    before, after = (counts[y] for y in span.labels)
    monthly = monthly_counts(
        ctx, "SELECT * FROM stop_search", "CAST(date AS DATE)", span
    )
    return [
        change_finding(
            "stop_search_searches_change",
            "Stop and searches",
            {y: counts[y]["searches"] for y in span.labels},
            alpha=ctx.definition.trends.alpha,
            monthly=monthly,
            cells=Cells("stop_search", "searches"),
        ),
        _cited(
            share_change_finding(
                "stop_search_find_rate_change",
                "The share of searches for offensive weapons that found one",
                (before["weapons_found"], before["weapon_searches"]),
                (after["weapons_found"], after["weapon_searches"]),
                span.labels,
                alpha=ctx.definition.trends.alpha,
                level=ctx.definition.trends.confidence_level,
            ),
            span.labels,
        ),
    ]


def _cited(finding: Finding | None, years: tuple[str, str]) -> Finding | None:
    """The find-rate finding citing the ``stop_search`` counts its sentence repeats."""
    if finding is None:
        return None
    return replace(
        finding,
        cites={
            f"{column}_{when}": Cells("stop_search", column).at(year=year)
            for when, year in zip(("previous", "current"), years, strict=True)
            for column in ("weapons_found", "weapon_searches")
        },
    )


def _counts_sql(ctx: Context) -> str:
    """SQL: searches by year and age range, with weapon searches and finds."""
    objects = in_list(o.lower() for o in ctx.definition.stop_search.weapon_objects)
    year = fy_label("CAST(s.date AS DATE)", ctx.definition.financial_year_start_month)
    weapon = f"LOWER(TRIM(s.object_of_search)) IN {objects}"
    return f"""
    SELECT year, age_range, COUNT(*) AS searches,
           SUM(CASE WHEN weapon THEN 1 ELSE 0 END) AS weapon_searches,
           SUM(CASE WHEN weapon AND linked THEN 1 ELSE 0 END) AS weapons_found
    FROM (
        SELECT {year} AS year, LOWER(TRIM(s.age_range)) AS age_range,
               COALESCE({weapon}, FALSE) AS weapon,
               COALESCE(s.outcome_linked_to_object_of_search, FALSE) AS linked
        FROM stop_search s) x
    WHERE year IN {in_list(ctx.years)}
    GROUP BY year, age_range
    """


def parse_range(text: str) -> AgeBand | None:
    """The ages a data.police.uk age range covers: ``10-17``, ``under 10``, ``over 34``."""
    text = text.strip().lower()
    if match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):
        return int(match[1]), int(match[2])
    if match := re.fullmatch(r"under (\d+)", text):
        return 0, int(match[1]) - 1
    if match := re.fullmatch(r"(?:over (\d+)|(\d+)\s*\+)", text):
        return (int(match[1]) + 1, None) if match[1] else (int(match[2]), None)
    return None


def _band_of(span: AgeBand | None, bands: tuple[AgeBand, ...]) -> tuple[int, str]:
    """(sort key, label) of the band holding ``span`` or ``span``'s own label."""
    if span is None:
        return 10_000, NOT_RECORDED
    low, high = span
    for b_low, b_high in bands:
        inside_high = b_high is None or (high is not None and high <= b_high)
        if low >= b_low and inside_high:
            return b_low, band_label((b_low, b_high))
    return low, band_label(span)


def _age_table(ctx: Context, raw: pd.DataFrame) -> pd.DataFrame:
    """Weapons found by age group and year, every group and year present.

    Configured bands split by a data range with a label of its own are left
    out (they could never be filled); ``not recorded`` appears when needed.
    """
    bands = ctx.definition.age_bands.stop_search
    spans = {r: parse_range(r) for r in raw["age_range"].dropna().unique()}
    mapping = {r: _band_of(span, bands) for r, span in spans.items()}
    configured = {band_label(b) for b in bands}
    own = [
        spans[r]
        for r, (_, label) in mapping.items()
        if label not in configured and spans[r] is not None
    ]
    keys = {label: key for key, label in mapping.values()}
    for band in bands:
        if not any(span is not None and _overlaps(span, band) for span in own):
            keys.setdefault(band_label(band), band[0])
    found = raw.assign(
        age_group=raw["age_range"].map(lambda r: mapping.get(r, (0, NOT_RECORDED))[1])
    )
    found = found.groupby(["age_group", "year"])["weapons_found"].sum().reset_index()
    found = found.rename(columns={"weapons_found": "count"})
    if not found.loc[found["age_group"] == NOT_RECORDED, "count"].sum():
        keys.pop(NOT_RECORDED, None)
    else:
        keys[NOT_RECORDED] = 10_000
    labels = sorted(keys, key=lambda label: (keys[label], label))
    return complete(found, {"age_group": labels, "year": list(ctx.years)})


def _overlaps(a: AgeBand, b: AgeBand) -> bool:
    """Whether two age spans share an age."""
    a_high = a[1] if a[1] is not None else 10_000
    b_high = b[1] if b[1] is not None else 10_000
    return a[0] <= b_high and b[0] <= a_high


CHAPTER = Chapter(
    "stop_search", "Stop and search", analyse, needs=("stop_search",), reference="10",
)
