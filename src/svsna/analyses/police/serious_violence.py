"""Chapter 4: serious violence — who is involved, where and when.

Over the report period: the involved-people summary, districts, the monthly
series with its trend, day × hour, victims and suspects by age, sex and
offence, repeat victims and suspects, the most involved individuals,
relationships, victim × suspect tables, suspects' ethnicity and warning markers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.comparisons import report_basis, sv_change, sv_counts, sv_span
from svsna.analyses.core.figures import (
    level_finding,
    pct_value,
)
from svsna.analyses.core.sql import (
    UNKNOWN,
    category_order,
    materialise,
    period_sv_sql,
    sv_groups_in_period,
)
from svsna.analyses.police import people, relations, temporal
from svsna.analyses.police.yearly import SV, TOTAL, by_district, yearly_row
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.results.numbers import month_name

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def analyse(ctx: Context, heading: Heading) -> Section:
    """Every serious-violence table of chapter 4."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    p = _gather(ctx)
    return Section(
        *heading,
        tables=(*_place_and_victim_tables(ctx, p), *_pair_and_suspect_tables(ctx, p)),
        charts=(
            *_charts(p.monthly, p.day_hour, p.districts, temporal.break_marks(ctx)),
            *_people_charts(p.victims_age, p.victims_sex, "victims"),
            *_people_charts(p.suspects_age, p.suspects_sex, "suspects"),
        ),
        findings=_findings(ctx, p),
    )


@dataclass(frozen=True)
class _Parts:
    """The chapter's frames, computed once over the report period's serious violence."""

    occ: str
    summary: pd.DataFrame
    districts: pd.DataFrame
    monthly: pd.DataFrame
    day_hour: pd.DataFrame
    repeat_v: pd.DataFrame
    repeat_s: pd.DataFrame
    top: dict[str, dict[str, int]]
    relationship: pd.DataFrame
    pairs_age: pd.DataFrame
    ethnicity: pd.DataFrame
    markers: pd.DataFrame
    victims_age: pd.DataFrame
    victims_sex: pd.DataFrame
    suspects_age: pd.DataFrame
    suspects_sex: pd.DataFrame


def _gather(ctx: Context) -> _Parts:
    occ = materialise(ctx, period_sv_sql(ctx), "svsna_sv_period")
    bands = ctx.definition.age_bands
    return _Parts(
        occ=occ,
        summary=people.people_summary(ctx, occ, bands.involved_summary),
        districts=by_district(ctx, occ),
        monthly=temporal.monthly(ctx, occ),
        day_hour=temporal.day_hour(ctx, occ),
        repeat_v=people.repeat_table(ctx, occ, "victim"),
        repeat_s=people.repeat_table(ctx, occ, "suspect"),
        top={role: people.top_share(ctx, occ, role) for role in people.ROLES},
        relationship=relations.relationship_table(ctx, occ),
        pairs_age=relations.victim_suspect_age(ctx, occ),
        ethnicity=relations.suspect_ethnicity(ctx, occ),
        markers=relations.warning_markers(ctx, occ),
        victims_age=people.age_by_year(ctx, occ, "victim", bands.victims),
        victims_sex=people.sex_by_year(ctx, occ, "victim"),
        suspects_age=people.age_by_year(ctx, occ, "suspect", bands.suspects),
        suspects_sex=people.sex_by_year(ctx, occ, "suspect"),
    )


def _place_and_victim_tables(ctx: Context, p: _Parts) -> tuple[Table, ...]:
    occ, count = p.occ, ("count",)
    summary, districts, monthly = p.summary, p.districts, p.monthly
    day_hour = p.day_hour
    repeat_v, top = p.repeat_v, p.top
    return (
        Table(
            "sv_people_summary", "People involved in serious violence",
            summary,
            caption="Distinct people over the report period; 'both' = a victim in "
            "one occurrence and a suspect in another. Percentages are of people "
            "whose age (or sex) is recorded.",
            count_columns=count,
            derived_columns={"pct": count},
            **people.summary_relations("sv_people_summary", repeat_tables=True),
        ),
        Table(
            "sv_by_district", "Serious violence by district",
            districts,
            count_columns=count, fixed_form=True,
            margins=(AREA_TOTAL,),
        ),
        _monthly_table(ctx, monthly),
        Table(
            "sv_day_hour", "Serious violence by day and hour",
            day_hour,
            caption="Occurrences with a known time, whole report period.",
            count_columns=count, fixed_form=True,
        ),
        *_role_tables(ctx, occ, "victim", p.victims_age, p.victims_sex),
        _repeat("repeat_victims", "Repeat victims", repeat_v),
        _top_table(top),
    )


def _role_tables(
    ctx: Context, occ: str, role: str, by_age: pd.DataFrame, by_sex: pd.DataFrame
) -> tuple[Table, Table, Table]:
    """A role's (victim's or suspect's) tables by age, by age and offence, and by sex.

    The age and sex tables each add up, year by year, to the role's people
    in the summary table, which the public edition's protection is told.
    """
    plural, count = f"{role.capitalize()}s", ("count",)
    bands = getattr(ctx.definition.age_bands, f"{role}s")
    categories = category_order(ctx.definition, sv_groups_in_period(ctx))
    each_year = (people.each_year(role),)
    return (
        Table(
            f"sv_{role}s_age", f"{plural} by age group and year",
            by_age,
            count_columns=count,
            margins=each_year,
        ),
        Table(
            f"sv_{role}s_age_offence", f"{plural} by age group and offence",
            people.age_by_category(ctx, occ, role, bands, categories),
            count_columns=count,
        ),
        Table(
            f"sv_{role}s_sex", f"{plural} by sex and year",
            by_sex,
            count_columns=count,
            margins=each_year,
        ),
    )


def _pair_and_suspect_tables(ctx: Context, p: _Parts) -> tuple[Table, ...]:
    occ, count = p.occ, ("count",)
    relationship, pairs_age = p.relationship, p.pairs_age
    ethnicity, markers = p.ethnicity, p.markers
    repeat_s = p.repeat_s
    return (
        Table(
            "relationship", "Suspect's relationship to the victim",
            relationship,
            count_columns=count,
            derived_columns={"pct": count},
            shares={"pct": ("year",)},
            fixed_form=True,
        ),
        Table(
            "relationship_by_district", "Stranger and acquaintance share by district",
            relations.relationship_by_district(ctx, occ),
            count_columns=("count", "total"),
            derived_columns={"pct": ("count", "total")},
        ),
        Table(
            "victim_suspect_sex", "Occurrences by victim sex and suspect sex",
            relations.victim_suspect_sex(ctx, occ),
            count_columns=count,
        ),
        Table(
            "victim_suspect_age", "Victim age group by suspect age group",
            pairs_age,
            caption="Victim–suspect pairs of the same occurrence, known ages.",
            count_columns=count,
        ),
        *_role_tables(ctx, occ, "suspect", p.suspects_age, p.suspects_sex),
        Table(
            "suspect_ethnicity",
            "Suspects by self-defined ethnicity, authority and year",
            ethnicity,
            count_columns=count,
            derived_columns={"pct": count},
            shares={"pct": ("authority", "year")},
        ),
        _repeat("repeat_suspects", "Repeat suspects", repeat_s),
        Table(
            "warning_markers", "Occurrences whose suspects carry warning markers",
            markers,
            count_columns=("count", "occurrences"),
            derived_columns={"pct": ("count", "occurrences")},
        ),
    )


def _findings(ctx: Context, p: _Parts) -> tuple[Finding, ...]:
    occ, districts, monthly, day_hour = p.occ, p.districts, p.monthly, p.day_hour
    repeat_v, repeat_s, top, pairs_age = p.repeat_v, p.repeat_s, p.top, p.pairs_age
    ethnicity, markers = p.ethnicity, p.markers
    findings: list[Finding | None] = [
        *_district_findings(ctx, districts),
        *_monthly_findings(ctx, monthly),
        _weekend_night_finding(ctx, day_hour),
        *(_age_finding(ctx, occ, role) for role in people.ROLES),
        _repeat_finding("repeat_victims", "victims", repeat_v),
        _repeat_finding("repeat_suspects", "suspects", repeat_s),
        *_top_findings(ctx, top),
        _same_age_finding(pairs_age),
        _not_recorded_finding(ctx, ethnicity),
        _markers_finding(markers),
    ]
    return tuple(f for f in findings if f is not None)


#: The area's serious-violence total of each year, which districts add up to.
AREA_TOTAL = yearly_row(SV)


def _months_to_years(ctx: Context) -> tuple[Margin, ...]:
    """The months of each financial year add up to the year's total."""
    return tuple(
        Margin(
            "sv_yearly",
            where={"month": tuple(months)},
            total_column="all",
            at={"measure": SV, "group": TOTAL, "year": year},
        )
        for year, months in temporal.months_by_year(ctx).items()
    )


def _repeat(table_id: str, title: str, frame: pd.DataFrame) -> Table:
    counts = (
        "occurrences_with_person",
        "individuals",
        "repeat_individuals",
        "repeat_occurrences",
    )
    return Table(
        table_id,
        title,
        frame,
        caption="A repeat individual is in two or more occurrences of the period.",
        count_columns=counts,
        derived_columns={
            "pct_repeat_occurrences": ("repeat_occurrences", "occurrences_with_person")
        },
        total_rows=(len(frame) - 1,),
        fixed_form=True,
    )


def _top_table(top: dict[str, dict[str, int]]) -> Table:
    frame = pd.DataFrame(
        [
            {
                "role": f"{role}s",
                "individuals": t["individuals"],
                "occurrences": t["occurrences"],
                "all_occurrences": t["all_occurrences"],
                "pct": pct_value(t["occurrences"], t["all_occurrences"]),
            }
            for role, t in top.items()
        ]
    )
    return Table(
        "top_individuals", "Occurrences involving the most often involved individuals",
        frame,
        count_columns=("individuals", "occurrences", "all_occurrences"),
        derived_columns={"pct": ("occurrences", "all_occurrences")},
        # Occurrences with anyone in the role are the repeat table's of all
        # years; with fewer people than the top n, so are the individuals.
        margins=tuple(
            Margin(
                f"repeat_{role}",
                column=column,
                total_column=total,
                where={"role": role},
                at={"period": people.ALL_YEARS},
            )
            for role in ("victims", "suspects")
            for column, total in (
                ("all_occurrences", "occurrences_with_person"),
                ("individuals", "individuals"),
            )
        ),
    )


def _district_findings(ctx: Context, districts: pd.DataFrame) -> list[Finding | None]:
    """Each district's like-for-like change between the last two years."""
    compared = sv_span(ctx)
    if compared is None:
        return []
    span, basis = compared
    counts = sv_counts(ctx, span, basis)
    return [
        sv_change(
            counts[counts["district"] == name],
            span,
            basis,
            finding_id=f"sv_district_change/{name}",
            subject=f"Serious violence in {name}"
            if name != UNKNOWN
            else "Serious violence with no district recorded",
            alpha=ctx.definition.trends.alpha,
            cells=Cells("sv_by_district", "count", {"district": str(name)}),
        )
        for name in districts["district"].drop_duplicates()
    ]


def _monthly_table(ctx: Context, monthly: pd.DataFrame) -> Table:
    """Serious violence by month; across a definition change, also like for like.

    ``count`` follows the definition in force each month (its months add up
    to the year's total); ``like_for_like`` counts only the groups in serious
    violence throughout, so the months either side of the change compare.
    """
    basis = report_basis(ctx)
    caption = "With the least-squares linear trend."
    if basis.broken:
        caption = (
            f"{basis.words()}: count follows the definition in force each month; "
            f"like_for_like leaves out {basis.labels()} throughout. The trend is "
            "fitted separately on each side of the change."
        )
    counts = tuple(c for c in ("count", "like_for_like") if c in monthly.columns)
    return Table(
        "sv_monthly", "Serious violence by month",
        monthly,
        caption=caption,
        count_columns=counts,
        # The fitted line is built from every month together.
        derived_columns={"trend": counts},
        derived_within={"trend": ()},
        margins=_months_to_years(ctx),
    )


def _monthly_findings(ctx: Context, monthly: pd.DataFrame) -> list[Finding]:
    """Peak, lowest and mean month (like for like when the definition changed)."""
    if monthly.empty:
        return []
    column, basis = "count", ""
    if "like_for_like" in monthly.columns:
        column = "like_for_like"
        basis = f" (like for like: without {report_basis(ctx).labels()})"
    counts = monthly[column].to_numpy()
    peak = monthly.iloc[int(counts.argmax())]
    low = monthly.iloc[int(counts.argmin())]
    mean = float(counts.mean())
    months = Cells("sv_monthly", column)
    return [
        _month_finding(
            "sv_monthly_peak",
            f"Serious violence{basis} peaked at {int(peak[column]):,} occurrences "
            f"in {month_name(str(peak['month']))}.",
            peak[column],
            cells=months.at(month=str(peak["month"])),
        ),
        _month_finding(
            "sv_monthly_lowest",
            f"The lowest month{basis} was {month_name(str(low['month']))} with "
            f"{int(low[column]):,} occurrences.",
            low[column],
            cells=months.at(month=str(low["month"])),
            withheld_text=f"The lowest month{basis} was "
            f"{month_name(str(low['month']))} with " + "{current} occurrences.",
        ),
        replace(
            level_finding(
                "sv_monthly_mean",
                f"On average there were {round(mean):,} occurrences a month{basis}.",
                round(mean, 1),
            ),
            cites={"all": months},
        ),
    ]


def _month_finding(
    finding_id: str, text: str, count: int, *, cells: Cells, withheld_text: str = ""
) -> Finding:
    """One month's count (the peak or the lowest), citing its cell of ``sv_monthly``."""
    month = str(cells.where["month"])
    found = level_finding(finding_id, text, int(count), label=month)
    return replace(found, cites={"current": cells}, withheld_text=withheld_text)


def _age_finding(ctx: Context, occurrences: str, role: str) -> Finding | None:
    found = people.most_common_age(ctx, occurrences, role)
    if found is None:
        return None
    age, count = found
    return level_finding(
        f"{role}_most_common_age",
        f"The most common age of {role}s was {age} ({count:,} {role}"
        f"{'' if count == 1 else 's'}).",
        age,
        label=f"{count}",
    )


def _weekend_night_finding(ctx: Context, day_hour: pd.DataFrame) -> Finding | None:
    nights, known = temporal.weekend_night_share(ctx, day_hour)
    if not known:
        return None
    share = pct_value(nights, known)
    setting = ctx.definition.weekend_nights
    days = " and ".join(setting.days)
    return replace(
        level_finding(
            "sv_weekend_nights",
            f"{share}% of serious violence with a known time ({nights:,} of "
            f"{known:,}) happened on {days} nights between "
            f"{setting.start_hour:02d}:00 and {setting.end_hour:02d}:00.",
            float(share or 0),
            unit="%",
        ),
        cites=temporal.weekend_night_cells(ctx, "sv_day_hour"),
    )


def _repeat_finding(fid: str, noun: str, frame: pd.DataFrame) -> Finding | None:
    row = frame.iloc[-1]
    if not row["individuals"]:
        return None
    period = {"period": str(row["period"])}
    return replace(
        level_finding(
            fid,
            f"Over the period {int(row['repeat_individuals']):,} repeat {noun} "
            f"({pct_value(int(row['repeat_individuals']), int(row['individuals']))}% "
            f"of {noun}) were involved in {row['pct_repeat_occurrences']}% of "
            f"occurrences with {noun}.",
            float(row["pct_repeat_occurrences"]),
            unit="%",
        ),
        cites={
            column: Cells(fid, column, period)
            for column in (
                "repeat_individuals",
                "individuals",
                "pct_repeat_occurrences",
            )
        },
    )


def _top_findings(ctx: Context, top: dict[str, dict[str, int]]) -> list[Finding]:
    n = ctx.definition.top_n_individuals
    words = {
        "victim": "most victimised individuals",
        "suspect": "most frequent suspects",
    }
    return [
        replace(
            level_finding(
                f"top_{role}s",
                f"The {n} {words[role]} were involved in {t['occurrences']:,} "
                f"occurrences ({pct_value(t['occurrences'], t['all_occurrences'])}%).",
                t["occurrences"],
            ),
            cites={
                column: Cells("top_individuals", column, {"role": f"{role}s"})
                for column in ("occurrences", "all_occurrences")
            },
        )
        for role, t in top.items()
        if t["all_occurrences"]
    ]


def _same_age_finding(pairs: pd.DataFrame) -> Finding | None:
    same = pairs.loc[pairs["victim_age"] == pairs["suspect_age"], "count"]
    return _share_finding(
        "victim_suspect_same_age",
        "In {share}% of victim–suspect pairs both were in the same age group.",
        int(same.sum()),
        int(pairs["count"].sum()),
    )


def _not_recorded_finding(ctx: Context, ethnicity: pd.DataFrame) -> Finding | None:
    label = ctx.definition.people.ethnicity_not_recorded
    missing = ethnicity.loc[ethnicity["ethnicity"] == label, "count"]
    return _share_finding(
        "suspect_ethnicity_not_recorded",
        "Ethnicity was not recorded for {share}% of suspects.",
        int(missing.sum()),
        int(ethnicity["count"].sum()),
    )


def _share_finding(finding_id: str, words: str, part: int, total: int) -> Finding | None:
    """A share of a total as a finding (``{share}`` in ``words``); None of nothing."""
    if not total:
        return None
    share = pct_value(part, total)
    return level_finding(
        finding_id, words.format(share=share), float(share or 0), unit="%"
    )


def _markers_finding(markers: pd.DataFrame) -> Finding | None:
    row = markers.iloc[-1]
    if not row["occurrences"]:
        return None
    return replace(
        level_finding(
            "warning_markers_any",
            f"{int(row['count']):,} ({row['pct']}%) serious-violence occurrences "
            "involve suspects with warning markers.",
            int(row["count"]),
        ),
        cites={
            "current": Cells("warning_markers", "count", {"marker": "any"}),
            "pct": Cells("warning_markers", "pct", {"marker": "any"}),
        },
    )


def _charts(
    monthly: pd.DataFrame,
    day_hour: pd.DataFrame,
    districts: pd.DataFrame,
    breaks: tuple[tuple[str, str], ...],
) -> tuple[Chart, ...]:
    return (
        Chart(
            "sv_monthly_chart", "Serious violence by month", "line",
            monthly,
            x="month", y="count",
            trend_column="trend",
            alt_text="Line chart of serious-violence occurrences per month over the "
            "report period, with a straight trend line"
            + (
                "; a dashed line marks each change of definition, where the count "
                "steps because offences joined or left serious violence."
                if breaks
                else "."
            ),
            y_title="Occurrences",
            breaks=breaks,
        ),
        Chart(
            "sv_day_hour_chart", "Serious violence by day and hour", "heatmap",
            day_hour[day_hour["cohort"] == temporal.ALL_COHORT],
            x="day", y="hour", color="count",
            alt_text="Heat map of serious-violence occurrences by day of the week "
            "and hour of the day; darker cells hold more occurrences.",
        ),
        Chart(
            "sv_by_district_chart", "Serious violence by district", "bar",
            districts,
            x="district", y="count", color="year",
            alt_text="Bar chart of serious-violence occurrences in each district, "
            "one bar per financial year.",
            y_title="Occurrences",
        ),
    )


def _people_charts(
    ages: pd.DataFrame, sexes: pd.DataFrame, noun: str
) -> tuple[Chart, ...]:
    return (
        Chart(
            f"sv_{noun}_age_chart",
            f"{noun.capitalize()} of serious violence by age group",
            "bar",
            ages,
            x="age_group", y="count", color="year",
            alt_text=f"Bar chart of {noun} of serious violence in each age group, "
            "one bar per financial year.",
            x_title="Age group", y_title=noun.capitalize(),
        ),
        Chart(
            f"sv_{noun}_sex_chart", f"{noun.capitalize()} of serious violence by sex",
            "line",
            sexes[sexes["sex"] != "unknown"],
            x="year", y="count", color="sex",
            alt_text=f"Line chart of male and female {noun} of serious violence "
            "in each financial year.",
            y_title=noun.capitalize(),
        ),
    )


CHAPTER = Chapter(
    "serious_violence", "Serious violence", analyse, needs=("occurrences", "persons"),
    uses=("districts",), reference="4",
)
