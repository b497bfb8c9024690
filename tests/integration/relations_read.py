"""The relations an outsider reads off the published tables, by their meaning.

Each function adds to an :class:`~outsider.Attack` the equations (or
inequalities) that one kind of relation gives: total rows, sums across tables,
shares printed beside counts, rates beside populations. Tables a build does not
have are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from outsider import Attack, C, number, rows

if TYPE_CHECKING:
    from collections.abc import Sequence

SV, KNIFE = "serious violence", "knife crime"


def _has(at: Attack, *tables: str) -> bool:
    return all(t in at.public for t in tables)


def total_rows(
    at: Attack,
    table: str,
    columns: Sequence[str],
    label: str,
    total: str,
    keys: Sequence[str] = (),
) -> None:
    """Rows labelled ``total`` in ``label`` add up the other rows with the same ``keys``."""
    if not _has(at, table):
        return
    frame = at.public[table]
    for t in rows(frame, **{label: total}):
        same = {k: frame[k].iloc[t] for k in keys}
        members = [i for i in rows(frame, **same) if frame[label].iloc[i] != total]
        for column in columns:
            at.relation(
                [((table, i, column), 1.0) for i in members]
                + [((table, t, column), -1.0)]
            )


def sum_to(
    at: Attack,
    table: str,
    column: str,
    *,
    by: Sequence[str],
    into: str,
    into_column: str,
    into_where: dict[str, str],
    where: dict[str, str | Sequence[str]] | None = None,
    rename: dict[str, str] | None = None,
) -> None:
    """``table``'s rows (``where``), added within ``by``, are a row of ``into``."""
    if not _has(at, table, into):
        return
    frame, target = at.public[table], at.public[into]
    picked = rows(frame, **(where or {}))
    keys = sorted({tuple(frame[b].iloc[i] for b in by) for i in picked})
    for key in keys:
        members = [i for i in picked if tuple(frame[b].iloc[i] for b in by) == key]
        labels = {(rename or {}).get(b, b): v for b, v in zip(by, key, strict=True)}
        found = rows(target, **{**labels, **into_where})
        if len(found) != 1:
            continue
        at.relation(
            [((table, i, column), 1.0) for i in members]
            + [((into, found[0], into_column), -1.0)]
        )


def sum_to_unprinted(
    at: Attack,
    name: str,
    table: str,
    column: str,
    *,
    by: Sequence[str],
    where: dict[str, str | Sequence[str]] | None = None,
) -> None:
    """``table``'s rows added within ``by`` are a total printed nowhere (``name``)."""
    if not _has(at, table):
        return
    frame = at.public[table]
    picked = rows(frame, **(where or {}))
    for key in sorted({tuple(frame[b].iloc[i] for b in by) for i in picked}):
        members = [i for i in picked if tuple(frame[b].iloc[i] for b in by) == key]
        at.relation(
            [((table, i, column), 1.0) for i in members]
            + [(("unprinted", f"{name}{key}"), -1.0)]
        )


def share(
    at: Attack,
    table: str,
    pct: str,
    count: str,
    *,
    by: Sequence[str],
    where: dict[str, str | Sequence[str]] | None = None,
    of: str | None = None,
) -> None:
    """A printed percentage of a count within its group: ``100·count ≈ pct·group``.

    The group is the rows sharing ``by`` (those ``where`` picks) or, with
    ``of``, the row's own ``of`` column (a ratio of two counts in a row).
    """
    if not _has(at, table):
        return
    frame = at.public[table]
    picked = [i for i in rows(frame, **(where or {})) if frame[pct].iloc[i] != ""]
    for i in picked:
        printed = frame[pct].iloc[i]
        if printed == C:
            continue
        p = float(printed)
        half = 0.5 * 10.0 ** -_decimals(frame[pct], picked)
        if of is not None:
            group = [((table, i, of), 1.0)]
        else:
            same = {b: frame[b].iloc[i] for b in by}
            group = [
                ((table, j, count), 1.0)
                for j in picked
                if all(frame[b].iloc[j] == v for b, v in same.items())
            ]
        mine = ((table, i, count), 100.0)
        at.relation([mine, *((c, -(p + half) * w) for c, w in group)], at_most=True)
        at.relation(
            [((table, i, count), -100.0), *((c, (p - half) * w) for c, w in group)],
            at_most=True,
        )


def _decimals(column: pd.Series, picked: Sequence[int]) -> int:
    texts = [column.iloc[i] for i in picked if column.iloc[i] not in ("", C)]
    return max((len(t.split(".")[1]) if "." in t else 0 for t in texts), default=0)


def rate(
    at: Attack,
    table: str,
    count: str,
    *,
    per: str = "per_1000",
    population: str = "population",
    scale: float = 1000.0,
    years: int = 1,
) -> None:
    """A printed rate beside a printed population bounds its count."""
    if not _has(at, table):
        return
    frame = at.public[table]
    picked = list(range(len(frame)))
    half = 0.5 * 10.0 ** -_decimals(frame[per], picked)
    for i in picked:
        r, pop = number(frame[per].iloc[i]), number(frame[population].iloc[i])
        if r is None or not pop:
            continue
        k, _ = at.term(table, i, count)
        if k is None:
            continue
        # count <= (r + half)·pop/scale and -count <= -(r - half)·pop/scale
        for bound, sign in ((r + half, 1.0), (r - half, -1.0)):
            at.below.append(({k: sign}, sign * bound * pop * years / scale))


def within_tables(at: Attack) -> None:
    """Total rows and columns of single tables."""
    counts = ("all", "victims_18_under", "suspects_18_under")
    total_rows(at, "sv_yearly", counts, "group", "total", ("measure", "year"))
    total_rows(at, "knife_yearly", counts, "group", "total", ("year",))
    total_rows(at, "sv_cost", ("offences",), "group", "total", ("year",))
    qual = ("occurrences", "alcohol", "drugs", "alcohol_or_drugs")
    total_rows(at, "qualifiers", qual, "offence", "total", ("year",))
    total_rows(at, "nte_crimes", ("count",), "offence_type", "total", ("year",))
    for name in ("repeat_victims", "repeat_suspects"):
        total_rows(at, name, ("occurrences_with_person",), "period", "all years")
    for table, dims in (
        ("ed_by_year", ("year",)),
        ("ed_by_month", ("month",)),
        ("ed_day_of_week", ("day",)),
        ("ed_hour", ("hour",)),
        ("ed_age_group", ("age_group",)),
        ("ed_method", ("cohort", "method")),
        ("ed_location", ("cohort", "location")),
        ("ed_method_group", ("year", "method_group")),
    ):
        total_rows(at, table, ("count",), "hospital", "all", dims)
    total_rows(at, "ed_method", ("count",), "method", "total", ("hospital", "cohort"))
    total_rows(
        at, "ed_location", ("count",), "location", "total", ("hospital", "cohort")
    )
    total_rows(
        at,
        "ed_method_group",
        ("count",),
        "year",
        "all years",
        ("hospital", "method_group"),
    )
    total_rows(
        at, "ambulance_response", ("count",), "response", "total", ("sex", "year")
    )
    total_rows(at, "ambulance_response", ("count",), "sex", "all", ("response", "year"))
    total_rows(
        at, "ambulance_destinations", ("count",), "destination", "total", ("year",)
    )
    total_rows(
        at, "ambulance_outside_area", ("conveyed", "outside_area"), "year", "all years"
    )
    total_rows(at, "probation_by_year", ("count",), "sentence_type", "total", ("year",))
    total_rows(
        at, "youth_justice_offences", ("count",), "offence_type", "total", ("year",)
    )
    total_rows(
        at,
        "schools_exclusions",
        ("count",),
        "phase",
        "all",
        ("authority", "exclusion_type", "year"),
    )
    total_rows(
        at,
        "social_care_measures",
        ("count",),
        "sex",
        "all",
        ("authority", "measure", "year"),
    )
    _row_sums(at)


def _row_sums(at: Attack) -> None:
    """Totals across the columns of a row, and people summaries."""
    if _has(at, "nte_by_district"):
        frame = at.public["nte_by_district"]
        years = [c for c in frame.columns if "/" in c]
        total_rows(at, "nte_by_district", years, "district", "all districts")
    if _has(at, "nte_by_area"):
        frame = at.public["nte_by_area"]
        years = [c for c in frame.columns if "/" in c]
        for i in range(len(frame)):
            at.relation(
                [(("nte_by_area", i, y), 1.0) for y in years]
                + [(("nte_by_area", i, "total"), -1.0)]
            )
    if _has(at, "school_proximity"):
        for i in range(len(at.public["school_proximity"])):
            at.relation(
                [
                    (("school_proximity", i, "at_school"), 1.0),
                    (("school_proximity", i, "near_school"), 1.0),
                    (("school_proximity", i, "at_or_near_school"), -1.0),
                ]
            )
    for name in ("sv_people_summary", "knife_people_summary"):
        if not _has(at, name):
            continue
        frame = at.public[name]
        for role in frame["role"].unique():
            (everyone,) = rows(frame, role=role, characteristic="people")
            for part in ("age", "sex"):
                at.relation(
                    [
                        ((name, i, "count"), 1.0)
                        for i in rows(frame, role=role, characteristic=part)
                    ]
                    + [((name, everyone, "count"), -1.0)]
                )


def across_police_tables(at: Attack, months: dict[str, list[str]]) -> None:
    """Districts to the area, months to the year, tables printed twice."""
    area = {"measure": SV, "group": "total"}
    sum_to(
        at,
        "sv_by_district",
        "count",
        by=("year",),
        into="sv_yearly",
        into_column="all",
        into_where=area,
    )
    sum_to(
        at,
        "sv_district_share",
        "count",
        by=("district", "year"),
        into="sv_by_district",
        into_column="count",
        into_where={},
    )
    sum_to(
        at,
        "knife_by_district",
        "count",
        by=("year",),
        into="knife_yearly",
        into_column="all",
        into_where={"group": "total"},
    )
    for c in ("all", "victims_18_under", "suspects_18_under"):
        sum_to(
            at,
            "knife_yearly",
            c,
            by=("group", "year"),
            into="sv_yearly",
            into_column=c,
            into_where={"measure": KNIFE},
        )
    for label, column in (
        ("all", "all"),
        ("victims 18 and under", "victims_18_under"),
        ("suspects 18 and under", "suspects_18_under"),
    ):
        for mine, measure in (("serious_violence", SV), ("knife_crime", KNIFE)):
            sum_to(
                at,
                "knife_share",
                mine,
                by=("year",),
                where={"measure": label},
                into="sv_yearly",
                into_column=column,
                into_where={"measure": measure, "group": "total"},
            )
    sum_to(
        at,
        "vwi_breakdown",
        "count",
        by=("year",),
        into="sv_yearly",
        into_column="all",
        into_where={"measure": SV, "group": "violence with injury"},
    )
    sum_to(
        at,
        "sv_cost",
        "offences",
        by=("group", "year"),
        where={
            "group": [
                "homicide",
                "possession of weapons",
                "robbery",
                "violence with injury",
            ]
        },
        into="sv_yearly",
        into_column="all",
        into_where={"measure": SV},
    )
    _cost(at)
    for families, offences in (
        ("homicide", ["Homicide"]),
        ("possession of weapons", ["Possession of weapons"]),
        ("robbery", ["Robbery (business)", "Robbery (personal)"]),
        ("violence with injury", ["Violence with injury"]),
    ):
        sum_to(
            at,
            "qualifiers",
            "occurrences",
            by=("year",),
            where={"offence": offences},
            into="sv_yearly",
            into_column="all",
            into_where={"measure": SV, "group": families},
        )
    for year, in_year in months.items():
        sum_to(
            at,
            "sv_monthly",
            "count",
            by=(),
            where={"month": in_year},
            into="sv_yearly",
            into_column="all",
            into_where={**area, "year": year},
        )
    sum_to(
        at,
        "outcomes",
        "count",
        by=("year",),
        into="sv_yearly",
        into_column="all",
        into_where=area,
    )
    sum_to(
        at,
        "stop_search_weapons_age",
        "count",
        by=("year",),
        into="stop_search",
        into_column="weapons_found",
        into_where={},
    )
    _people_again(at)


def _people_again(at: Attack) -> None:
    """The repeat tables' people, counted again by age band, sex and role.

    A year's victims by sex (or age band) add up to the year's individuals of
    ``repeat_victims`` where each person has one sex (band) in the year; a
    person recorded with two is counted twice, so the sexes add up to at
    least the individuals (not so the bands: an unknown age is in none).
    The people summary's and the top table's totals of the period are the
    repeat table's ``all years`` row.
    """
    for role in ("victims", "suspects"):
        repeat = f"repeat_{role}"
        if not _has(at, repeat):
            continue
        periods = at.public[repeat]["period"]
        for table in (f"sv_{role}_sex", f"sv_{role}_age"):
            if not _has(at, table):
                continue
            frame = at.public[table]
            for year in frame["year"].unique():
                (total,) = [i for i in range(len(periods)) if periods.iloc[i] == year]
                terms = [((table, i, "count"), 1.0) for i in rows(frame, year=year)]
                terms.append(((repeat, total, "individuals"), -1.0))
                if at.holds(terms):
                    at.relation(terms)
                elif table.endswith(
                    "_sex"
                ):  # everyone has a sex: individuals <= the sum
                    at.relation([(c, -w) for c, w in terms], at_most=True)
        (everyone,) = rows(at.public[repeat], period="all years")
        if _has(at, "sv_people_summary"):
            summary = at.public["sv_people_summary"]
            (people,) = rows(summary, role=role, characteristic="people")
            at.relation(
                [
                    (("sv_people_summary", people, "count"), 1.0),
                    ((repeat, everyone, "individuals"), -1.0),
                ]
            )
        if _has(at, "top_individuals"):
            (top,) = rows(at.public["top_individuals"], role=role)
            for column, total in (
                ("all_occurrences", "occurrences_with_person"),
                ("individuals", "individuals"),
            ):
                terms = [
                    (("top_individuals", top, column), 1.0),
                    ((repeat, everyone, total), -1.0),
                ]
                if at.holds(terms):
                    at.relation(terms)


def _cost(at: Attack) -> None:
    """A year's total cost is its offences weighted by the printed unit costs."""
    if not _has(at, "sv_cost"):
        return
    frame = at.public["sv_cost"]
    for year in frame["year"].unique():
        (total,) = rows(frame, year=year, group="total")
        members = [i for i in rows(frame, year=year) if i != total]
        if frame["cost"].iloc[total] == C:
            continue
        at.relation(
            [
                (("sv_cost", i, "offences"), float(frame["unit_cost"].iloc[i] or 0))
                for i in members
            ]
            + [(("sv_cost", total, "cost"), -1.0)]
        )


def across_place_tables(at: Attack) -> None:
    """Hotspots and concentration, school proximity, the night-time economy."""
    if _has(at, "hotspots", "concentration"):
        key = at.key["hotspots"]
        totals = key["total"].astype(int)
        for i in rows(at.public["concentration"], level="neighbourhood"):
            places = int(at.public["concentration"]["places"].iloc[i])
            top = list(
                totals.sort_values(ascending=False, kind="mergesort").index[:places]
            )
            at.relation(
                [(("hotspots", j, "total"), 1.0) for j in range(len(key))]
                + [(("concentration", i, "all_offences"), -1.0)]
            )
            # The busiest places are known from the published ranks.
            at.relation(
                [(("hotspots", j, "total"), 1.0) for j in top]
                + [(("concentration", i, "offences"), -1.0)]
            )
    sum_to(
        at,
        "hotspots",
        "total",
        by=("neighbourhood",),
        into="hotspots_gi",
        into_column="total",
        into_where={"level": "neighbourhood"},
        rename={"neighbourhood": "area"},
    )
    if _has(at, "hotspots_gi", "concentration"):
        for i in rows(at.public["concentration"], level="lsoa"):
            sum_to(
                at,
                "hotspots_gi",
                "total",
                by=(),
                where={"level": "lsoa"},
                into="concentration",
                into_column="all_offences",
                into_where={
                    "level": "lsoa",
                    "top_pct": at.public["concentration"]["top_pct"].iloc[i],
                },
            )
    for c in ("school_age_victim", "at_or_near_school"):
        sum_to(
            at,
            "school_proximity_by_district",
            c,
            by=("measure", "period_end"),
            into="school_proximity",
            into_column=c,
            into_where={},
        )
    if _has(at, "nte_by_district", "nte_crimes"):
        for year in [c for c in at.public["nte_by_district"].columns if "/" in c]:
            sum_to(
                at,
                "nte_by_district",
                year,
                by=(),
                where={"district": "all districts"},
                into="nte_crimes",
                into_column="count",
                into_where={"offence_type": "total", "year": year},
            )


def across_partner_tables(at: Attack, months: dict[str, list[str]]) -> None:
    """Months to years, and the breakdowns of one partner's total."""
    for year, in_year in months.items():
        sum_to(
            at,
            "ed_by_month",
            "count",
            by=("hospital",),
            where={"month": in_year},
            into="ed_by_year",
            into_column="count",
            into_where={"year": year},
        )
        sum_to(
            at,
            "fire_by_month",
            "count",
            by=("incident_type",),
            where={"month": in_year},
            into="fire_by_year",
            into_column="count",
            into_where={"year": year},
        )
    sum_to_unprinted(at, "ed hospital", "ed_by_year", "count", by=("hospital",))
    sum_to_unprinted(at, "ed hospital", "ed_day_of_week", "count", by=("hospital",))
    sum_to_unprinted(
        at,
        "ed hospital",
        "ed_location",
        "count",
        by=("hospital",),
        where={"cohort": "all", "location": "total"},
    )
    for c in ("ed_attendances", "police_violence_with_injury"):
        sum_to(
            at,
            "hidden_violence",
            c,
            by=("year",),
            into="hidden_violence_by_year",
            into_column=c,
            into_where={},
        )
    sum_to(
        at,
        "hidden_violence",
        "ed_attendances",
        by=("month",),
        into="ed_by_month",
        into_column="count",
        into_where={"hospital": "all"},
    )
    sum_to(
        at,
        "ambulance_destinations",
        "count",
        by=("year",),
        where={"destination": "total"},
        into="ambulance_response",
        into_column="count",
        into_where={"sex": "all", "response": "see and convey"},
    )
    sum_to(
        at,
        "ambulance_destinations",
        "count",
        by=("year",),
        where={"in_area": ["yes", "no"]},
        into="ambulance_outside_area",
        into_column="conveyed",
        into_where={},
    )
    sum_to(
        at,
        "ambulance_destinations",
        "count",
        by=("year",),
        where={"in_area": "no"},
        into="ambulance_outside_area",
        into_column="outside_area",
        into_where={},
    )
    for table in ("youth_justice_authority", "youth_justice_sex", "youth_justice_age"):
        sum_to(
            at,
            table,
            "count",
            by=("year",),
            into="youth_justice_offences",
            into_column="count",
            into_where={"offence_type": "total"},
        )
    for table in ("probation_district", "probation_age_group", "probation_sex"):
        sum_to(
            at,
            table,
            "count",
            by=("year",),
            into="probation_by_year",
            into_column="count",
            into_where={"sentence_type": "total"},
        )


def profiles(at: Attack) -> None:
    """Each district profile repeats the district's counts and adds them up."""
    for name in [
        t[: -len("_trend")]
        for t in at.public
        if t.startswith("profile_") and t.endswith("_trend")
    ]:
        trend = f"{name}_trend"
        district = _profile_district(at, name)
        if district is not None:
            sum_to(
                at,
                trend,
                "count",
                by=("year",),
                into="sv_by_district",
                into_column="count",
                into_where={"district": district},
            )
        sum_to(
            at,
            trend,
            "area_count",
            by=("year",),
            into="sv_yearly",
            into_column="all",
            into_where={"measure": SV, "group": "total"},
        )
        sum_to_unprinted(at, f"{name} period", trend, "count", by=())
        sum_to_unprinted(at, f"{name} period", f"{name}_days", "count", by=())
        if _has(at, f"{name}_rate"):
            latest = at.public[trend]["year"].iloc[-1]
            rate_rows = at.public[f"{name}_rate"]
            if district is not None:
                sum_to(
                    at,
                    f"{name}_rate",
                    "count",
                    by=(),
                    where={"place": district},
                    into=trend,
                    into_column="count",
                    into_where={"year": latest},
                )
            sum_to(
                at,
                f"{name}_rate",
                "count",
                by=(),
                where={"place": rate_rows["place"].iloc[-1]},
                into=trend,
                into_column="area_count",
                into_where={"year": latest},
            )
        share(at, f"{name}_days", "pct", "count", by=())
        share(at, f"{name}_people", "pct", "people", by=("role",))


def _profile_district(at: Attack, name: str) -> str | None:
    frame = at.public.get(f"{name}_rate")
    if frame is not None and len(frame):
        return str(frame["place"].iloc[0])
    return None


def shares_and_rates(at: Attack) -> None:
    """Percentages beside counts and rates beside populations."""
    share(at, "relationship", "pct", "count", by=("year",))
    share(at, "sv_district_share", "pct", "count", by=("year",))
    share(at, "suspect_ethnicity", "pct", "count", by=("authority", "year"))
    for name in ("sv_people_summary", "knife_people_summary"):
        share(
            at,
            name,
            "pct",
            "count",
            by=("role", "characteristic"),
            where={
                "characteristic": ["age", "sex"],
                "value": [
                    v for v in at.public[name]["value"].unique() if v != "not recorded"
                ],
            }
            if _has(at, name)
            else None,
        )
    for table in ("ed_day_of_week", "ed_hour", "ed_age_group"):
        share(at, table, "pct", "count", by=("hospital",))
    for table in ("ed_method", "ed_location"):
        if _has(at, table):
            frame = at.public[table]
            column = "method" if table == "ed_method" else "location"
            share(
                at,
                table,
                "pct",
                "count",
                by=("hospital", "cohort"),
                where={column: [v for v in frame[column].unique() if v != "total"]},
            )
    share(at, "ed_method_group", "pct", "count", by=("hospital", "year"))
    share(at, "youth_justice_sex", "pct", "count", by=("year",))
    share(at, "probation_sex", "pct", "count", by=("year",))
    share(at, "knife_share", "pct_knife", "knife_crime", by=(), of="serious_violence")
    share(at, "relationship_by_district", "pct", "count", by=(), of="total")
    share(at, "warning_markers", "pct", "count", by=(), of="occurrences")
    share(
        at,
        "school_proximity",
        "pct",
        "at_or_near_school",
        by=(),
        of="school_age_victim",
    )
    share(
        at,
        "school_proximity_by_district",
        "pct",
        "at_or_near_school",
        by=(),
        of="school_age_victim",
    )
    share(at, "qualifiers", "pct", "alcohol_or_drugs", by=(), of="occurrences")
    share(at, "ambulance_outside_area", "pct", "outside_area", by=(), of="conveyed")
    share(at, "neet_by_year", "pct", "neet", by=(), of="cohort")
    share(at, "concentration", "share_pct", "offences", by=(), of="all_offences")
    if _has(at, "outcomes"):
        frame = at.public["outcomes"]
        for year in frame["year"].unique():
            (positive,) = rows(frame, year=year, outcome_type="positive")
            _outcome_share(at, year, positive)
    rate(at, "hotspots", "total")
    rate(at, "probation_district", "count")
    for name in [
        t for t in at.public if t.startswith("profile_") and t.endswith("_rate")
    ]:
        rate(at, name, "count")


def _outcome_share(at: Attack, year: str, positive: int) -> None:
    """pct_positive, printed on every row of a year, is positive ÷ the year's three counts."""
    frame = at.public["outcomes"]
    printed = [frame["pct_positive"].iloc[i] for i in rows(frame, year=year)]
    if any(p in (C, "") for p in printed):
        return
    p = float(printed[0])
    group = [(("outcomes", i, "count"), 1.0) for i in rows(frame, year=year)]
    for sign, bound in ((1.0, p + 0.05), (-1.0, p - 0.05)):
        at.relation(
            [
                (("outcomes", positive, "count"), 100.0 * sign),
                *((c, -bound * sign) for c, _ in group),
            ],
            at_most=True,
        )


def people_over_time(at: Attack) -> None:
    """The knife carriers' bands and profile, the survival tables' cohorts, co-offending."""
    everyone = {"measure": "all", "group": "all"}
    sum_to(at, "knife_carrier_scores", "people", by=(), into="knife_carrier_profile",
           into_column="people", into_where=everyone)
    sum_to(at, "knife_carrier_profile", "people", by=("measure",),
           into="knife_carrier_profile", into_column="people", into_where=everyone,
           where={"measure": ["sex", "age band", "district"]})
    for table in ("reoffending_survival", "revictimisation_survival"):
        if not _has(at, table):
            continue
        cohorts = [c for c in at.public[table]["cohort"].unique() if c != "all"]
        ages = [c for c in cohorts if c[:1].isdigit() or c == "age unknown"]
        sexes = [c for c in cohorts if c not in ages]
        for group in (sexes, ages):
            sum_to(at, table, "at_risk", by=("months",), into=table,
                   into_column="at_risk", into_where={"cohort": "all"},
                   where={"cohort": group})
    share(at, "co_offending_share", "pct", "in_large_groups", by=(), of="occurrences")
    if _has(at, "co_offending_groups"):
        frame = at.public["co_offending_groups"]
        for i, size in enumerate(frame["size"]):
            if str(size).isdigit():
                at.relation([(("co_offending_groups", i, "people"), 1.0),
                             (("co_offending_groups", i, "groups"), -float(size))])
