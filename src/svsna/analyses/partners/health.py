"""Chapter 13.1–13.2: assault-related emergency department attendances (ISTV).

Most violence that reaches an emergency department is never reported to the
police (the Cardiff Model's starting point), so the ISTV return shows when,
where and how people are hurt: by year and month, day of the week, hour of
arrival, age group, assault method (body part or weapon) and location, for
each hospital and for all together, with the children's subset. The headline
shares use the windows of the definition's ``emergency_department`` block
(Friday to Sunday, 18:00 to 04:00, adults 18–30). ED data keep domestic abuse,
unlike the police serious-violence definition; the notes say so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import (
    change_finding,
    complete,
    level_finding,
    pct_value,
)
from svsna.analyses.core.periods import fy_label
from svsna.analyses.core.sql import (
    age_band_sql,
    band_labels,
    in_list,
    literal,
    minute_of_day_sql,
    month_label_sql,
    weekday_sql,
)
from svsna.analyses.partners.base import (
    ALL,
    callouts_for,
    mark_totals,
    monthly_of,
    months_to_years,
    series,
    sum_counts,
    table_years,
    window_sql,
    with_all,
    with_share,
)
from svsna.config import WEEKDAYS
from svsna.config.definition import band_label
from svsna.results import Cells, Chart, Finding, Margin, Section, Table, slug
from svsna.stats.linked import matches

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "ed_attendances"
#: Method groups of the data contract: these are body parts, ``other`` is
#: neither, every other method is a weapon.
BODY_PART_METHODS = ("fist", "feet", "head", "combination of body parts", "pushed")
NEITHER_METHODS = ("other",)
NOT_KNOWN = "not known"
NOTE = (
    "Emergency department data include domestic abuse, which the police "
    "serious-violence definition excludes, so the two do not match."
)
#: Each hospital's attendances over the years, which several tables add up to.
EACH_HOSPITAL = Margin("ED attendances of each hospital", by=("hospital",))


def analyse(ctx: Context, heading: Heading) -> Section:
    """Emergency department attendances by time, person, method and place."""
    section = Section(*heading)
    years = table_years(ctx, TABLE, "arrival_date")
    ed = EdQuery(ctx, years)
    built = (
        _by_year(ed, years),
        _by_month(ed, years),
        _day_of_week(ed),
        _hour(ed),
        _age_group(ed),
        _method(ed),
        _method_group(ed, years),
        _location(ed),
    )
    tables = tuple(mark_totals(t, hospital=ALL, year="all years") for t in built)
    return replace(
        section,
        summary=(NOTE,),
        tables=tables,
        charts=_charts(tables),
        findings=tuple(_findings(ed, tables, years)),
        callouts=callouts_for(ctx, ("ed", "health")),
    )


class EdQuery:
    """Counts of attendances in the chapter's years, per hospital and in all."""

    def __init__(self, ctx: Context, years: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.years = years
        definition = ctx.definition
        ed = definition.emergency_department
        self.child = ed.child_band
        self.child_label = band_label(ed.child_band)
        self.bands = definition.age_bands.ed
        minute = minute_of_day_sql("e.arrival_time")
        weekend = [WEEKDAYS.index(d) for d in ed.weekend_days]
        low, high = ed.young_adult_band
        young = f"e.age >= {low}" + ("" if high is None else f" AND e.age <= {high}")
        child_low, child_high = ed.child_band
        child = f"e.age >= {child_low}" + (
            "" if child_high is None else f" AND e.age <= {child_high}"
        )
        start = definition.financial_year_start_month
        self.base = f"""
        SELECT e.hospital,
               {fy_label("e.arrival_date", start)} AS fy,
               {month_label_sql("e.arrival_date")} AS month,
               {weekday_sql("e.arrival_date")} AS weekday,
               EXTRACT(HOUR FROM e.arrival_time) AS hour,
               {age_band_sql("e.age", self.bands)} AS age_group,
               e.age,
               COALESCE(e.assault_location, {literal(NOT_KNOWN)}) AS location,
               e.assault_method AS method,
               {method_group_sql("e.assault_method")} AS method_group,
               CASE WHEN {child} THEN TRUE ELSE FALSE END AS is_child,
               CASE WHEN {weekday_sql("e.arrival_date")} IN {in_list(weekend)}
                    THEN 1 ELSE 0 END AS is_weekend,
               CASE WHEN e.arrival_time IS NULL THEN NULL
                    WHEN {window_sql(minute, ed.night_start, ed.night_end)}
                    THEN 1 ELSE 0 END AS is_night,
               CASE WHEN e.age IS NULL THEN NULL WHEN {young} THEN 1 ELSE 0 END
                    AS is_young_adult
        FROM {TABLE} e
        """

    def counts(self, *dims: str, where: str = "TRUE") -> pd.DataFrame:
        """Attendances by hospital and ``dims``, with ``all`` hospitals added."""
        keys = ", ".join(["hospital", *dims])
        frame = self.ctx.query(
            f"SELECT {keys}, COUNT(*) AS count FROM ({self.base}) b "
            f"WHERE b.fy IN {in_list(self.years)} AND {where} "
            f"GROUP BY {keys}"
        )
        frame["count"] = frame["count"].astype("int64")
        return with_all(frame, "hospital", list(dims))

    def hospitals(self) -> list[str]:
        """Every hospital in the years, then ``all``."""
        frame = self.ctx.query(
            f"SELECT DISTINCT hospital FROM ({self.base}) b "
            f"WHERE b.fy IN {in_list(self.years)} ORDER BY hospital"
        )
        return [*frame["hospital"], ALL]


def method_group_sql(column: str) -> str:
    """SQL: ``body part``, ``weapon`` or ``other`` for an assault method."""
    return (
        f"(CASE WHEN {column} IS NULL THEN NULL "
        f"WHEN {column} IN {in_list(BODY_PART_METHODS)} THEN 'body part' "
        f"WHEN {column} IN {in_list(NEITHER_METHODS)} THEN 'other' "
        "ELSE 'weapon' END)"
    )


def _by_year(ed: EdQuery, years: tuple[str, ...]) -> Table:
    frame = complete(
        ed.counts("fy").rename(columns={"fy": "year"}),
        {"hospital": ed.hospitals(), "year": years},
    )
    frame["avg_per_month"] = (frame["count"] / 12).round(1)
    return Table(
        id="ed_by_year", title="Assault-related ED attendances by hospital and year",
        data=frame,
        caption="Attendances per financial year and the average per month.",
        notes=(NOTE,),
        count_columns=("count",),
        derived_columns={"avg_per_month": ("count",)},
        margins=(EACH_HOSPITAL,),
    )


def _months(years: tuple[str, ...], start_month: int) -> list[str]:
    months = []
    for year in years:
        first = pd.Timestamp(int(year[:4]), start_month, 1)
        months += [
            (first + pd.DateOffset(months=i)).strftime("%Y-%m") for i in range(12)
        ]
    return months


def _by_month(ed: EdQuery, years: tuple[str, ...]) -> Table:
    start = ed.ctx.definition.financial_year_start_month
    months = _months(years, start)
    frame = complete(ed.counts("month"), {"hospital": ed.hospitals(), "month": months})
    return Table(
        id="ed_by_month", title="Assault-related ED attendances by month", data=frame,
        notes=(NOTE,),
        count_columns=("count",),
        # A hospital's months add up to its year in ed_by_year.
        margins=months_to_years("ed_by_year", years, start, by=("hospital",)),
    )


def _day_of_week(ed: EdQuery) -> Table:
    frame = ed.counts("weekday")
    frame["day"] = frame["weekday"].astype(int).map(dict(enumerate(WEEKDAYS)))
    frame = complete(frame, {"hospital": ed.hospitals(), "day": list(WEEKDAYS)})
    return _shares_of_each_hospital(
        "ed_day_of_week",
        "day of the week",
        frame,
        "Percentages of each hospital's attendances.",
        margins=(EACH_HOSPITAL,),
    )


def _hour(ed: EdQuery) -> Table:
    frame = ed.counts("hour", where="b.hour IS NOT NULL")
    frame["hour"] = frame["hour"].astype(int)
    frame = complete(frame, {"hospital": ed.hospitals(), "hour": list(range(24))})
    return _shares_of_each_hospital(
        "ed_hour",
        "hour of arrival",
        frame,
        "Attendances with a known arrival time; percentages of each "
        "hospital's attendances with a known time.",
    )


def _age_group(ed: EdQuery) -> Table:
    frame = ed.counts("age_group", where="b.age_group IS NOT NULL")
    frame = complete(
        frame, {"hospital": ed.hospitals(), "age_group": band_labels(ed.bands)}
    )
    return _shares_of_each_hospital(
        "ed_age_group",
        "age group",
        frame,
        "Patients with a recorded age; percentages of each hospital's "
        "attendances with a known age.",
    )


def _shares_of_each_hospital(
    table_id: str,
    by: str,
    frame: pd.DataFrame,
    caption: str,
    margins: tuple[Margin, ...] = (),
) -> Table:
    """Attendances by one column, each count with its share of its hospital's.

    Day, hour and age group are the same table: counts per hospital, shares
    within the hospital (declared so, for disclosure control).
    """
    return Table(
        id=table_id, title=f"Assault-related ED attendances by {by}",
        data=with_share(frame, ["hospital"]),
        caption=caption,
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ("hospital",)},
        margins=margins,
    )


def _cohorts(ed: EdQuery, *dims: str, where: str = "TRUE") -> pd.DataFrame:
    """Counts for every patient and for the children's subset."""
    every = ed.counts(*dims, where=where)
    every.insert(1, "cohort", ALL)
    child = ed.counts(*dims, where=f"{where} AND b.is_child")
    child.insert(1, "cohort", ed.child_label)
    return pd.concat([every, child], ignore_index=True)


def _ranked_with_total(
    frame: pd.DataFrame, label: str, order: list[str]
) -> tuple[pd.DataFrame, tuple[int, ...]]:
    """Rows by count (largest first) within hospital and cohort, then a total row."""
    shared = with_share(frame, ["hospital", "cohort"])
    parts: list[pd.DataFrame] = []
    totals: list[int] = []
    position = 0
    for hospital in order:
        for cohort in dict.fromkeys(shared["cohort"]):
            part = shared[
                (shared["hospital"] == hospital) & (shared["cohort"] == cohort)
            ].sort_values(["count", label], ascending=[False, True])
            if part.empty:
                continue
            total: dict[str, object] = dict.fromkeys(part.columns)
            total.update(
                {
                    "hospital": hospital,
                    "cohort": cohort,
                    label: "total",
                    "count": int(part["count"].sum()),
                    "pct": 100.0,
                }
            )
            parts += [part, pd.DataFrame([total])]
            position += len(part) + 1
            totals.append(position - 1)
    if not parts:
        return shared, ()
    return pd.concat(parts, ignore_index=True), tuple(totals)


def _method(ed: EdQuery) -> Table:
    frame = _cohorts(ed, "method", "method_group", where="b.method IS NOT NULL")
    data, totals = _ranked_with_total(frame, "method", ed.hospitals())
    return Table(
        id="ed_method", title="Detailed assault method",
        data=data[["hospital", "cohort", "method", "method_group", "count", "pct"]],
        caption="Attendances with a recorded method; method group: fist, feet, "
        "head, combination of body parts and pushed are body parts, every other "
        "method but 'other' is a weapon.",
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ("hospital", "cohort")},
        total_rows=totals,
    )


def _method_group(ed: EdQuery, years: tuple[str, ...]) -> Table:
    where = "b.method_group IN ('body part', 'weapon')"
    by_year = ed.counts("fy", "method_group", where=where).rename(
        columns={"fy": "year"}
    )
    period = sum_counts(by_year, ["hospital", "method_group"])
    period.insert(1, "year", "all years")
    frame = complete(
        pd.concat([by_year, period], ignore_index=True),
        {
            "hospital": ed.hospitals(),
            "year": [*years, "all years"],
            "method_group": ["body part", "weapon"],
        },
    )
    return Table(
        id="ed_method_group", title="Assaults by a body part or a weapon, by year",
        data=with_share(frame, ["hospital", "year"]),
        caption="Percentages of attendances whose method was a body part or a "
        "weapon (method 'other' and unrecorded methods are left out).",
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ("hospital", "year")},
    )


def _location(ed: EdQuery) -> Table:
    frame = _cohorts(ed, "location")
    data, totals = _ranked_with_total(frame, "location", ed.hospitals())
    return Table(
        id="ed_location", title="Location of assaults resulting in an ED attendance",
        data=data[["hospital", "cohort", "location", "count", "pct"]],
        caption="Unrecorded locations are counted as 'not known'.",
        count_columns=("count",),
        derived_columns={"pct": ("count",)},
        shares={"pct": ("hospital", "cohort")},
        total_rows=totals,
        margins=(
            Margin(
                EACH_HOSPITAL.table,
                by=("hospital",),
                where={"cohort": ALL, "location": "total"},
            ),
        ),
    )


#: Tables drawn as one bar chart of all hospitals: (table, x, title, alt text).
ALL_HOSPITAL_BARS = (
    (
        "ed_day_of_week",
        "day",
        "Attendances by day of the week",
        "Bar chart of attendances by day of the week, Monday to Sunday.",
    ),
    (
        "ed_hour",
        "hour",
        "Attendances by hour of arrival",
        "Bar chart of attendances by hour of arrival, 0 to 23.",
    ),
    (
        "ed_age_group",
        "age_group",
        "Attendances by age group",
        "Bar chart of attendances by the patient's age group.",
    ),
)


def _charts(tables: tuple[Table, ...]) -> tuple[Chart, ...]:
    by_id = {t.id: t.data for t in tables}
    every = {k: v[v["hospital"] == ALL] for k, v in by_id.items()}
    groups = every["ed_method_group"]
    return (
        Chart(
            id="ed_by_month",
            table="ed_by_month",
            title="Assault-related ED attendances by month and hospital",
            kind="line",
            data=by_id["ed_by_month"][by_id["ed_by_month"]["hospital"] != ALL],
            x="month", y="count", color="hospital",
            alt_text="Line chart of assault-related emergency department "
            "attendances per month at each hospital.",
        ),
        *(
            Chart(
                id=table,
                table=table,
                title=f"{title} (all hospitals)",
                kind="bar", data=every[table],
                x=x, y="count",
                alt_text=alt_text,
            )
            for table, x, title, alt_text in ALL_HOSPITAL_BARS
        ),
        Chart(
            id="ed_method_group",
            table="ed_method_group",
            title="Body part or weapon, by year (all hospitals)",
            kind="stacked_bar",
            data=groups[groups["year"] != "all years"],
            x="year", y="pct", color="method_group",
            alt_text="Stacked bar chart of the share of assaults by a body part "
            "and by a weapon in each year.",
        ),
    )


def _share(frame: pd.DataFrame, hospital: str, flag: str) -> tuple[int, int]:
    part = frame[(frame["hospital"] == hospital) & frame[flag].notna()]
    return int(part.loc[part[flag] == 1, "count"].sum()), int(part["count"].sum())


def _findings(
    ed: EdQuery, tables: tuple[Table, ...], years: tuple[str, ...]
) -> list[Finding]:
    by_id = {t.id: t.data for t in tables}
    definition = ed.ctx.definition
    window = definition.emergency_department
    alpha = definition.trends.alpha
    flags = ed.counts("is_weekend", "is_night", "is_young_adult")
    findings: list[Finding] = []
    for hospital in ed.hospitals():
        key = "all" if hospital == ALL else slug(hospital)
        name = "all hospitals" if hospital == ALL else hospital
        yearly = by_id["ed_by_year"]
        mine = yearly[yearly["hospital"] == hospital]
        total = int(mine["count"].sum())
        cells = Cells("ed_by_year", "count", {"hospital": hospital})
        findings.append(
            replace(
                level_finding(
                    f"ed_{key}_total",
                    f"There were {total:,} assault-related ED attendances at {name} "
                    f"from {years[0]} to {years[-1]}, an average of "
                    f"{total / (12 * len(years)):,.0f} a month."
                    if years
                    else f"There were no assault-related ED attendances at {name}.",
                    total,
                ),
                cites={"current": cells},
            )
        )
        change = change_finding(
            f"ed_{key}_change",
            f"Assault-related ED attendances at {name}",
            series(mine, "year", years),
            alpha=alpha,
            cells=cells,
            monthly=monthly_of(
                ed.ctx,
                TABLE,
                "arrival_date",
                years,
                where="" if hospital == ALL else f"hospital = {literal(hospital)}",
            ),
        )
        if change:
            findings.append(change)
        days = "–".join([window.weekend_days[0], window.weekend_days[-1]])
        young = band_label(window.young_adult_band)
        for flag, what in (
            ("is_weekend", f"arrived {days}"),
            (
                "is_night",
                f"arrived between {window.night_start} and {window.night_end}",
            ),
            ("is_young_adult", f"were aged {young}"),
        ):
            hit, base = _share(flags, hospital, flag)
            value = pct_value(hit, base)
            if value is not None:
                findings.append(
                    level_finding(
                        f"ed_{key}_{flag.removeprefix('is_')}",
                        f"{value}% of attendances at {name} {what}.",
                        value,
                        unit="%",
                    )
                )
        findings += _method_findings(by_id, hospital, key, name, ed.child_label)
    return findings


def _method_findings(
    by_id: dict[str, pd.DataFrame], hospital: str, key: str, name: str, child: str
) -> list[Finding]:
    """The method and place shares the reference quotes for each hospital.

    Assaults by a body part, by a fist (every patient and children) and
    children's assaults at school: one declared cell each, one finding each.
    """
    mine = {"hospital": hospital}
    every = {**mine, "year": "all years"}
    shares = (
        (
            Cells("ed_method_group", "pct", {**every, "method_group": "body part"}),
            "body_part",
            f"seen at {name} with a known body-part or weapon method were carried "
            "out with a body part",
        ),
        *(
            (
                Cells("ed_method", "pct", {**mine, "cohort": cohort, "method": "fist"}),
                f"fist{suffix}",
                f"on patients{who} at {name} were carried out with a fist",
            )
            for cohort, suffix, who in (
                (ALL, "", ""),
                (child, "_child", f" aged {child}"),
            )
        ),
        (
            Cells(
                "ed_location", "pct", {**mine, "cohort": child, "location": "school"}
            ),
            "child_school",
            f"on patients aged {child} seen at {name} happened at a school",
        ),
    )
    found = (
        _pct_finding(by_id, c, f"ed_{key}_{what}", text) for c, what, text in shares
    )
    return [f for f in found if f is not None]


def _pct_finding(
    by_id: dict[str, pd.DataFrame], cell: Cells, finding_id: str, assaults: str
) -> Finding | None:
    """'X% of assaults ...', read from the one cell it cites (none if it is empty).

    Every method and place finding is one share from one table row, so the
    sentence, the value and the citation come from the same cell.
    """
    frame = by_id[cell.table]
    row = frame[matches(frame, cell.where)]
    if row.empty or pd.isna(row[cell.column].iloc[0]):
        return None
    value = row[cell.column].iloc[0]
    return replace(
        level_finding(
            finding_id, f"{value}% of assaults {assaults}.", float(value), unit="%"
        ),
        cites={"current": cell},
    )


CHAPTER = Chapter(
    "ed", "Emergency department attendances for assault (ISTV)", analyse,
    needs=(TABLE,), part="health", reference="13.1",
)
