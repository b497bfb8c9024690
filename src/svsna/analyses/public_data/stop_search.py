"""Public data: stop and search, its find rates and disproportionality by ethnicity.

A search "finds" when its outcome is anything but a no-further-action
disposal (the definition's ``public_data.no_find_outcomes``); searches with
no outcome recorded are left out of find rates. Resident populations by
ethnicity are not part of the data, so the Home Office measure (searches per
1,000 people of each group) cannot be computed here. What the data do
support is the outcome test :cite:`knowles2001racial`: if one group's
searches find something less often than the reference group's, the searches
of that group were made on weaker grounds. Each group's find rate is compared
with the reference group's as a ratio with Katz log 95% limits
(:func:`svsna.stats.ratios.proportion_ratio`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import months_label
from svsna.analyses.core.sql import is_in, month_label_sql, not_in
from svsna.analyses.public_data.base import plain_tables
from svsna.results import Finding, Section, Table
from svsna.stats.ratios import proportion_ratio

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

SELF_DEFINED = (
    "CASE WHEN self_defined_ethnicity IS NULL THEN 'Not stated' "
    "WHEN LOWER(self_defined_ethnicity) LIKE '%not stated%' THEN 'Not stated' "
    "WHEN LOWER(self_defined_ethnicity) LIKE 'white%' THEN 'White' "
    "WHEN LOWER(self_defined_ethnicity) LIKE 'black%' THEN 'Black' "
    "WHEN LOWER(self_defined_ethnicity) LIKE 'asian%' THEN 'Asian' "
    "WHEN LOWER(self_defined_ethnicity) LIKE 'mixed%' THEN 'Mixed' "
    "ELSE 'Other' END"
)
OFFICER_DEFINED = "COALESCE(officer_defined_ethnicity, 'Not recorded')"


def searches_sql(ctx: Context) -> str:
    """SQL: every search with its month, whether it found, and ethnicity groups."""
    no_finds = [o.lower() for o in ctx.definition.public_data.no_find_outcomes]
    weapon_objects = [o.lower() for o in ctx.definition.stop_search.weapon_objects]
    outcome = "LOWER(TRIM(s.outcome))"
    return f"""
    SELECT s.*, {month_label_sql("s.date")} AS month_label,
           CASE WHEN s.outcome IS NULL THEN NULL
                WHEN {is_in(outcome, no_finds)} THEN 0 ELSE 1 END AS found,
           CASE WHEN s.outcome IS NOT NULL
                 AND {not_in(outcome, no_finds)}
                 AND COALESCE(s.outcome_linked_to_object_of_search, FALSE)
                THEN 1 ELSE 0 END AS found_linked,
           ({is_in("LOWER(TRIM(s.object_of_search))", weapon_objects)}) AS for_weapons,
           {SELF_DEFINED.replace("self_defined_ethnicity", "s.self_defined_ethnicity")}
             AS self_defined_group,
           {OFFICER_DEFINED.replace("officer_defined", "s.officer_defined")}
             AS officer_defined_group
    FROM stop_search s
    """


def _grouped(ctx: Context, by: str) -> pd.DataFrame:
    return ctx.query(
        f"SELECT {by} AS value, COUNT(*) AS searches, "
        f"SUM(CASE WHEN found IS NOT NULL THEN 1 ELSE 0 END) AS with_outcome, "
        f"SUM(COALESCE(found, 0)) AS finds, SUM(found_linked) AS linked_finds "
        f"FROM ({searches_sql(ctx)}) t GROUP BY {by} ORDER BY searches DESC, value"
    )


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    counts = ["searches", "with_outcome", "finds", "linked_finds"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    known = frame["with_outcome"].where(frame["with_outcome"] > 0)
    frame["find_rate"] = (100 * frame["finds"] / known).round(1)
    frame["linked_find_rate"] = (100 * frame["linked_finds"] / known).round(1)
    return frame


def disproportionality(ctx: Context) -> pd.DataFrame:
    """Share of searches and find-rate ratio to the reference group, both bases."""
    reference = ctx.definition.public_data.reference_ethnicity
    parts = []
    for basis, column in (
        ("self-defined", "self_defined_group"),
        ("officer-defined", "officer_defined_group"),
    ):
        frame = _rates(_grouped(ctx, column)).rename(columns={"value": "ethnicity"})
        frame.insert(0, "basis", basis)
        frame["pct_of_searches"] = (
            100 * frame["searches"] / frame["searches"].sum()
        ).round(1)
        ref = frame[frame["ethnicity"] == reference]
        ratios: list[tuple[float | None, ...]] = []
        for row in frame.to_dict("records"):
            if row["ethnicity"] == reference:
                ratios.append((1.0, None, None))
                continue
            if ref.empty or row["with_outcome"] == 0:
                ratios.append((None, None, None))
                continue
            r = proportion_ratio(
                int(row["finds"]),
                int(row["with_outcome"]),
                int(ref["finds"].iloc[0]),
                int(ref["with_outcome"].iloc[0]),
            )
            ratios.append(
                tuple(
                    None if v is None else round(v, 2)
                    for v in (r.value, r.lower, r.upper)
                )
            )
        frame[["find_rate_ratio", "lower", "upper"]] = pd.DataFrame(
            ratios, index=frame.index
        )
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)[
        [
            "basis",
            "ethnicity",
            "searches",
            "pct_of_searches",
            "with_outcome",
            "finds",
            "find_rate",
            "find_rate_ratio",
            "lower",
            "upper",
        ]
    ]


RATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "find_rate": ("finds",),
    "linked_find_rate": ("linked_finds",),
}
COUNTS = ("searches", "with_outcome", "finds", "linked_finds")


def breakdowns(ctx: Context) -> dict[str, pd.DataFrame]:
    """Searches with find rates by month, object of search and age range."""
    monthly = _rates(_grouped(ctx, "month_label")).rename(columns={"value": "month"})
    objects = _rates(
        _grouped(ctx, "COALESCE(object_of_search, 'not recorded')")
    ).rename(columns={"value": "object_of_search"})
    ages = _rates(_grouped(ctx, "COALESCE(age_range, 'not recorded')")).rename(
        columns={"value": "age_range"}
    )
    return {
        "month": monthly.sort_values("month").reset_index(drop=True),
        "object": objects,
        "age": ages,
    }


def search_tables(
    ctx: Context, parts: dict[str, pd.DataFrame], ethnicity: pd.DataFrame, span: str
) -> tuple[Table, ...]:
    """The tables of searches by month, object, age and ethnicity."""
    reference = ctx.definition.public_data.reference_ethnicity
    plain = (
        ("puk_ss_monthly", "Searches and find rate by month", "month",
         f"{span}; every search of the force."),
        ("puk_ss_by_object", "Searches by object of search", "object", f"{span}."),
        ("puk_ss_by_age", "Searches by age range", "age", f"{span}."),
    )  # fmt: skip
    return (
        *(
            Table(
                table_id,
                title,
                parts[key],
                caption=caption,
                count_columns=COUNTS,
                derived_columns=RATE_COLUMNS,
            )
            for table_id, title, key, caption in plain
        ),
        Table(
            "puk_ss_ethnicity", "Searches and find rates by ethnicity",
            ethnicity,
            caption=(
                f"{span}; find-rate ratio to the {reference} group with Katz "
                "log 95% limits."
            ),
            notes=(
                "Resident populations by ethnicity are not in the data, so search "
                "rates per 1,000 people of each group cannot be shown; a find-rate "
                "ratio below 1 means that group's searches found something less often "
                f"than the {reference} group's (the outcome test).",
            ),
            count_columns=("searches", "with_outcome", "finds"),
            derived_columns={"find_rate": ("finds",), "pct_of_searches": ("searches",)},
        ),
    )


def search_findings(
    ctx: Context, monthly: pd.DataFrame, ethnicity: pd.DataFrame, span: str
) -> list[Finding]:
    """The overall find rate, and each group found less often than the reference."""
    findings = []
    total = int(monthly["searches"].sum())
    with_outcome = int(monthly["with_outcome"].sum())
    finds = int(monthly["finds"].sum())
    if with_outcome:
        findings.append(
            Finding(
                "puk_ss_find_rate",
                f"{total:,} searches in {span}; {100 * finds / with_outcome:.1f}% of "
                "those with an outcome found something (an outcome other than no "
                "further action).",
                current=round(100 * finds / with_outcome, 1),
                unit="%",
            )
        )
    reference = ctx.definition.public_data.reference_ethnicity
    stated = ~ethnicity["ethnicity"].isin(["Not stated", "Not recorded"])
    low = ethnicity[
        (ethnicity["basis"] == "self-defined") & stated & (ethnicity["upper"] < 1)
    ]
    for row in low.to_dict("records"):
        findings.append(
            Finding(
                f"puk_ss_ratio_{row['ethnicity'].lower().replace(' ', '_')}",
                f"Searches of {row['ethnicity']} people (self-defined) found something "
                f"{row['find_rate_ratio']:.2f} times as often as searches of "
                f"{reference} people (95% CI {row['lower']:.2f} to "
                f"{row['upper']:.2f}).",
                current=row["find_rate_ratio"],
                unit="ratio",
            )
        )
    return findings


def weapon_summary(ctx: Context) -> list[str]:
    """How many searches were for weapons and how many found what was sought."""
    weapons = _rates(_grouped(ctx, "for_weapons")).rename(
        columns={"value": "for_weapons"}
    )
    row = weapons[weapons["for_weapons"].fillna(False).astype(bool)]
    if row.empty:
        return []
    found = row.iloc[0]
    return [
        f"{int(found['searches']):,} searches for weapons; "
        f"{int(found['linked_finds']):,} found what was searched for."
    ]


def analyse(ctx: Context, heading: Heading) -> Section:
    """Searches by month, object, age and ethnicity; find rates and their ratios."""
    parts = breakdowns(ctx)
    span = months_label(parts["month"]["month"])
    ethnicity = disproportionality(ctx)
    summary = [
        "Stop and search has no LSOA: every search of the force is counted, "
        "wherever its point fell.",
        *weapon_summary(ctx),
    ]
    return Section(
        *heading,
        summary=tuple(summary),
        tables=plain_tables(search_tables(ctx, parts, ethnicity, span)),
        findings=tuple(search_findings(ctx, parts["month"], ethnicity, span)),
    )


CHAPTER = Chapter("puk_stop_search", "Stop and search", analyse, needs=("stop_search",))
