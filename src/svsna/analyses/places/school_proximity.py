"""Chapter 8: violence against school-age victims at or near a school.

The reference SNA's rule, read from the definition: a victim aged 5 to 16; the
offence committed Monday to Friday between 08:00 and 16:00 (inclusive, known
time only); and either at an education establishment (``location_type``) or,
otherwise, within 500 m of any school, measured in British National Grid
metres. It is counted for serious violence, knife crime and lower-level
violence (ABH and violence without injury) over the three 12-month periods
ending with the latest month of data. The domestic-abuse exclusion applies to
serious violence and knife crime only (it is part of their definition).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import shapely

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql, persons_sql
from svsna.analyses.core.figures import interval_words, pct
from svsna.analyses.core.maps import area_geometries, map_chart, too_big, with_geojson
from svsna.analyses.core.sql import (
    UNKNOWN,
    district_sql,
    in_list,
    literal,
    materialise,
    minute_of_day_sql,
    minutes,
    weekday_sql,
)
from svsna.analyses.core.windows import add_months
from svsna.analyses.places.spatial_sql import has_geometry, weekday_numbers
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

MEASURES = ("serious violence", "knife crime", "lower-level violence")
COLUMNS = [
    "measure",
    "period_end",
    "school_age_victim",
    "at_or_near_school",
    "at_school",
    "near_school",
    "pct",
]


def periods(latest_month: dt.date, count: int) -> list[tuple[dt.date, dt.date, str]]:
    """The ``count`` 12-month periods ending with ``latest_month``, oldest first.

    Each is (first day, day after the last, ``YYYY-MM`` of its last month).
    """
    out = []
    for back in range(count - 1, -1, -1):
        last = add_months(latest_month, -12 * back)
        out.append((add_months(last, -11), add_months(last, 1), f"{last:%Y-%m}"))
    return out


def school_cells_sql(cell: float) -> str:
    """SQL: every school with a point, once in each of the 3 x 3 grid cells around its own.

    With cells at least as wide as the distance, a point within the distance
    of a school lies in one of those nine cells, so "near a school" becomes an
    equality join on the cell (fast on any engine) followed by the exact
    distance test, instead of comparing every offence with every school.
    """
    shifts = "SELECT -1 AS v UNION ALL SELECT 0 AS v UNION ALL SELECT 1 AS v"
    return f"""
    SELECT s.urn, s.easting, s.northing,
           CAST(FLOOR(s.easting / {cell}) AS BIGINT) + dx.v AS cx,
           CAST(FLOOR(s.northing / {cell}) AS BIGINT) + dy.v AS cy
    FROM schools s CROSS JOIN ({shifts}) dx CROSS JOIN ({shifts}) dy
    WHERE s.easting IS NOT NULL AND s.northing IS NOT NULL
    """


def _within_sql(a: str, b: str, distance: float) -> str:
    """SQL: the points of aliases ``a`` and ``b`` lie within ``distance`` metres."""
    return (
        f"({a}.easting - {b}.easting) * ({a}.easting - {b}.easting) "
        f"+ ({a}.northing - {b}.northing) * ({a}.northing - {b}.northing) "
        f"<= {distance * distance}"
    )


def flagged_sql(ctx: Context) -> str:
    """SQL: one row per occurrence and measure, with its period and at/near flags.

    Also carries the point and grid cell of occurrences near a school, for
    :func:`by_school`.
    """
    definition = ctx.definition
    rule = definition.school_proximity
    spans = periods(ctx.latest_month, rule.periods)
    period_case = " ".join(
        f"WHEN c.committed_date >= {literal(start)} AND c.committed_date < {literal(end)} "
        f"THEN {literal(label)}"
        for start, end, label in spans
    )
    minute = minute_of_day_sql("c.committed_time")
    school_time = (
        f"(c.committed_time IS NOT NULL "
        f"AND {weekday_sql('c.committed_date')} IN {in_list(weekday_numbers(rule.weekdays))} "
        f"AND {minute} >= {minutes(rule.start_time)} "
        f"AND {minute} <= {minutes(rule.end_time)})"
    )
    at_types = in_list(t.strip().lower() for t in rule.at_school_location_types)
    at_school = f"COALESCE(LOWER(TRIM(c.location_type)) IN {at_types}, FALSE)"
    distance = float(rule.distance_m)
    cell = distance + 1.0  # wider than the distance, whatever the rounding
    knife = f"COALESCE(c.{definition.knife_crime.flag}, FALSE)"
    return f"""
    WITH c AS (
        SELECT c.*, CASE {period_case} END AS period_end
        FROM ({classified_occurrences_sql(definition)}) c
        WHERE c.committed_date >= {literal(spans[0][0])}
          AND c.committed_date < {literal(spans[-1][1])}
          AND EXISTS (
              SELECT 1 FROM ({persons_sql()}) p
              WHERE p.occurrence_id = c.occurrence_id AND p.person_role = 'victim'
                AND p.age >= {rule.victim_min_age} AND p.age <= {rule.victim_max_age})
    ),
    timed AS (
        SELECT c.occurrence_id, c.period_end, c.easting, c.northing,
               {district_sql("c.district")} AS district,
               c.is_sv, {knife} AS is_knife,
               c.group_id IN {in_list(rule.lower_level_groups)} AS is_lower,
               {school_time} AS school_time, {at_school} AS at_school,
               CAST(FLOOR(c.easting / {cell}) AS BIGINT) AS cx,
               CAST(FLOOR(c.northing / {cell}) AS BIGINT) AS cy
        FROM c
    ),
    near AS (
        SELECT DISTINCT t.occurrence_id
        FROM timed t JOIN ({school_cells_sql(cell)}) s ON s.cx = t.cx AND s.cy = t.cy
        WHERE t.school_time AND {_within_sql("s", "t", distance)}
    ),
    flagged AS (
        SELECT t.occurrence_id, t.period_end, t.district, t.is_sv, t.is_knife,
               t.is_lower, t.school_time AND t.at_school AS at_school,
               t.school_time AND NOT t.at_school AND n.occurrence_id IS NOT NULL
                   AS near_school,
               t.easting, t.northing, t.cx, t.cy,
               n.occurrence_id IS NOT NULL AS by_a_school
        FROM timed t LEFT JOIN near n ON n.occurrence_id = t.occurrence_id
    )
    SELECT occurrence_id, period_end, district, 'serious violence' AS measure,
           at_school, near_school, easting, northing, cx, cy, by_a_school
    FROM flagged WHERE is_sv
    UNION ALL
    SELECT occurrence_id, period_end, district, 'knife crime' AS measure,
           at_school, near_school, easting, northing, cx, cy, by_a_school
    FROM flagged WHERE is_sv AND is_knife
    UNION ALL
    SELECT occurrence_id, period_end, district, 'lower-level violence' AS measure,
           at_school, near_school, easting, northing, cx, cy, by_a_school
    FROM flagged WHERE is_lower
    """


def flagged(ctx: Context) -> str:
    """SQL reading :func:`flagged_sql`'s rows, computed once per run (a few per offence)."""
    return materialise(ctx, flagged_sql(ctx), "svsna_school_flagged")


def summarise(ctx: Context, by: list[str], rows: str) -> pd.DataFrame:
    """Counts per measure, period and ``by`` columns of the flagged ``rows``."""
    keys = ", ".join(["measure", "period_end", *by])
    return ctx.query(f"""
        SELECT {keys},
               COUNT(DISTINCT occurrence_id) AS school_age_victim,
               COUNT(DISTINCT CASE WHEN at_school THEN occurrence_id END) AS at_school,
               COUNT(DISTINCT CASE WHEN near_school THEN occurrence_id END)
                   AS near_school
        FROM ({rows}) f
        GROUP BY {keys}
    """)


def by_school(ctx: Context, period_end: str, rows: str) -> Table:
    """Offences at or near each school in the 12 months to ``period_end``.

    An offence counts at every school within the distance of its point (so one
    offence may count at two neighbouring schools); ``at_school`` are those
    recorded at an education establishment. Serious violence and lower-level
    violence (knife crime is part of serious violence); schools with none are
    left out. ``rows`` are the flagged rows (:func:`flagged`).
    """
    distance = float(ctx.definition.school_proximity.distance_m)
    data = ctx.query(f"""
        WITH f AS (
            SELECT occurrence_id, MAX(CASE WHEN at_school THEN 1 ELSE 0 END) AS at_school,
                   MIN(easting) AS easting, MIN(northing) AS northing,
                   MIN(cx) AS cx, MIN(cy) AS cy
            FROM ({rows}) f
            WHERE period_end = {literal(period_end)} AND (at_school OR near_school)
              AND by_a_school
              AND measure IN ('serious violence', 'lower-level violence')
            GROUP BY occurrence_id
        ),
        near AS (
            SELECT c.urn, f.occurrence_id, f.at_school
            FROM f JOIN ({school_cells_sql(distance + 1.0)}) c
              ON c.cx = f.cx AND c.cy = f.cy
            WHERE {_within_sql("c", "f", distance)}
        )
        SELECT s.urn, s.name, s.phase,
               COUNT(DISTINCT n.occurrence_id) AS offences,
               COUNT(DISTINCT CASE WHEN n.at_school = 1 THEN n.occurrence_id END)
                   AS at_school
        FROM schools s JOIN near n ON n.urn = s.urn
        GROUP BY s.urn, s.name, s.phase
        ORDER BY offences DESC, s.name, s.urn
    """)
    return Table(
        id="school_proximity_by_school",
        title=f"Offences at or near each school, 12 months to {period_end}",
        data=data[["urn", "name", "phase", "offences", "at_school"]],
        caption=(
            f"Serious and lower-level violence with a school-age victim in school "
            f"hours within {distance:g} m of the school (at_school: recorded at an "
            "education establishment); an offence near two schools counts at both."
        ),
        count_columns=("offences", "at_school"),
    )


def _complete(frame: pd.DataFrame, grid: pd.DataFrame) -> pd.DataFrame:
    merged = grid.merge(frame, on=list(grid.columns), how="left")
    for column in ("school_age_victim", "at_school", "near_school"):
        merged[column] = merged[column].fillna(0).astype("int64")
    merged["at_or_near_school"] = merged["at_school"] + merged["near_school"]
    merged["pct"] = pct(merged["at_or_near_school"], merged["school_age_victim"])
    return merged


#: The district table's columns, in order.
DISTRICT_COLUMNS = [
    "district",
    "measure",
    "period_end",
    "school_age_victim",
    "at_or_near_school",
    "pct",
]


def analyse(ctx: Context, heading: Heading) -> Section:
    """School proximity by measure and period, by district, and the schools map."""
    section_id, number, title = heading
    rule = ctx.definition.school_proximity
    labels = [label for _, _, label in periods(ctx.latest_month, rule.periods)]
    grid = pd.DataFrame(
        [(m, p) for m in MEASURES for p in labels], columns=["measure", "period_end"]
    )
    rows = flagged(ctx)
    main = _complete(summarise(ctx, [], rows), grid)[COLUMNS]
    by_district = summarise(ctx, ["district"], rows)
    districts = sorted(set(by_district["district"]) - {UNKNOWN})
    if UNKNOWN in set(by_district["district"]):
        districts.append(UNKNOWN)
    district_grid = pd.DataFrame(
        [(m, p, d) for m in MEASURES for p in labels for d in districts],
        columns=["measure", "period_end", "district"],
    )
    district_table = _complete(by_district, district_grid)[DISTRICT_COLUMNS]
    rule_text = (
        f"Victim aged {rule.victim_min_age}-{rule.victim_max_age}; "
        f"{', '.join(rule.weekdays)} {rule.start_time}-{rule.end_time} (known time "
        f"only); at an education establishment, or within {rule.distance_m:g} m of a "
        "school. Periods are the 12 months ending with period_end."
    )
    tables = [
        Table(
            id="school_proximity",
            title="Offences with a school-age victim at or near a school",
            data=main,
            caption=rule_text,
            count_columns=(
                "school_age_victim",
                "at_or_near_school",
                "at_school",
                "near_school",
            ),
            derived_columns={"pct": ("at_or_near_school", "school_age_victim")},
            total_columns={"at_or_near_school": ("at_school", "near_school")},
            fixed_form=True,
        ),
        _district_table(district_table, rule_text),
    ]
    tables.append(by_school(ctx, labels[-1], rows))
    summary, findings = _findings(
        main, labels[-1], ctx.definition.trends.confidence_level
    )
    missing = ctx.query(
        "SELECT COUNT(*) AS n FROM schools WHERE easting IS NULL OR northing IS NULL"
    )["n"].iloc[0]
    if missing:
        summary.append(f"{int(missing)} schools have no location and are not mapped.")
    chart = _schools_map(ctx)
    if isinstance(chart, str):
        summary.append(chart)
    return Section(
        section_id,
        number,
        title,
        summary=tuple(summary),
        tables=tuple(tables),
        charts=() if isinstance(chart, str) else (chart,),
        findings=tuple(findings),
    )


def _district_table(data: pd.DataFrame, rule_text: str) -> Table:
    """Districts' counts, declared to add up to the area's row of the same period."""
    return Table(
        id="school_proximity_by_district",
        title="Offences at or near a school by district",
        data=data,
        caption=rule_text + " District as recorded on the occurrence.",
        count_columns=("school_age_victim", "at_or_near_school"),
        derived_columns={"pct": ("at_or_near_school", "school_age_victim")},
        # Districts add up to the area's row of the same measure and period.
        margins=tuple(
            Margin("school_proximity", by=("measure", "period_end"), column=c)
            for c in ("school_age_victim", "at_or_near_school")
        ),
    )


def _findings(
    main: pd.DataFrame, latest: str, level: float
) -> tuple[list[str], list[Finding]]:
    """Shares at or near schools, each with its Wilson interval."""
    total_victims = int(main["school_age_victim"].sum())
    total_near = int(main["at_or_near_school"].sum())
    latest_rows = main[main["period_end"] == latest]
    at = int(latest_rows["at_school"].sum())
    near = int(latest_rows["near_school"].sum())
    summary = []
    findings = []
    if total_victims:
        share = pct(pd.Series([total_near]), pd.Series([total_victims])).iloc[0]
        words, lower, upper = interval_words(total_near, total_victims, level=level)
        summary.append(
            f"Over the three periods, {total_near:,} of {total_victims:,} offences with a "
            f"school-age victim ({share}%; {words}) were at or near a school in school "
            "hours (the three measures added, as the reference SNA does)."
        )
        findings.append(
            Finding(
                id="school_proximity_share",
                text=summary[-1],
                current=float(share),
                unit="%",
                cites={
                    c: Cells("school_proximity", c)
                    for c in ("at_or_near_school", "school_age_victim")
                },
                lower=lower,
                upper=upper,
            )
        )
    if at + near:
        at_share = pct(pd.Series([at]), pd.Series([at + near])).iloc[0]
        words, lower, upper = interval_words(at, at + near, level=level)
        summary.append(
            f"In the 12 months to {latest}, {at_share}% ({words}) of these offences "
            f"were at the school and {round(100 - at_share, 1)}% near it."
        )
        findings.append(
            Finding(
                id="school_proximity_at_school",
                text=summary[-1],
                current=float(at_share),
                current_label=latest,
                unit="%",
                cites={
                    c: Cells("school_proximity", c, {"period_end": latest})
                    for c in ("at_school", "near_school")
                },
                lower=lower,
                upper=upper,
            )
        )
    return summary, findings


def _schools_map(ctx: Context) -> Chart | str:
    """Schools and their proximity rings (plus neighbourhood outlines when known).

    Returns the note saying why the map is left out when it is too big.
    """
    distance = float(ctx.definition.school_proximity.distance_m)
    schools = ctx.query(
        "SELECT name, phase, easting, northing FROM schools "
        "WHERE easting IS NOT NULL AND northing IS NOT NULL ORDER BY name"
    )
    points = shapely.points(schools["easting"], schools["northing"])
    layers = []
    if has_geometry(ctx, "neighbourhoods"):
        areas = area_geometries(ctx, "neighbourhoods", "neighbourhood")
        layers.append(
            pd.DataFrame(
                {
                    "name": areas["neighbourhood"],
                    "layer": "neighbourhood",
                    "phase": None,
                    "shape": areas["shape"],
                }
            )
        )
    base = {"name": schools["name"], "phase": schools["phase"]}
    layers.append(
        pd.DataFrame(
            {
                **base,
                "layer": f"{distance:g} m ring",
                "shape": shapely.buffer(points, distance),
            }
        )
    )
    layers.append(pd.DataFrame({**base, "layer": "school", "shape": points}))
    features = pd.concat(layers, ignore_index=True)
    note = too_big(
        ctx, len(features), "schools", instead="raise it to draw every school"
    )
    if note:
        return note
    frame = with_geojson(features, simplify_m=ctx.definition.maps.simplify_m)
    order = ["neighbourhood", f"{distance:g} m ring", "school"]
    frame["layer"] = pd.Categorical(frame["layer"], categories=order)
    return map_chart(
        "school_proximity_map",
        f"Schools and the {distance:g} m around them",
        frame[["name", "layer", "phase", "geometry"]],
        f"Map of every school with a {distance:g} m ring around it, over the "
        "neighbourhood boundaries; offences inside a ring in school hours count "
        "as near a school.",
        label="name", value="layer", colour="layer",
    )


CHAPTER = Chapter(
    "school_proximity", "School proximity analysis", analyse,
    needs=("occurrences", "persons", "schools"), reference="8",
)
