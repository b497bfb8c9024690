"""The habitual knife carrier index: who carries knives, how recently, how often, how gravely.

The reference SNA asks to "improve the Habitual Knife Carrier Index". Each
linked person who was the suspect of a knife-flagged occurrence in the
definition's look-back window (ending with the last complete month) gets a
score from recency, frequency and gravity (:mod:`svsna.stats.knife_index`,
weights in the definition). The public edition shows only how many people
score in each band (``knife_carrier_scores``) and the cohort's sex, age and
district (``knife_carrier_profile``), protected like every other count; the
restricted edition also lists the top people by their pseudonymous person id
with each component (``knife_carriers_top``, a person-level table that never
reaches the public edition).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.sql import age_band_sql, band_labels, district_sql, literal
from svsna.analyses.core.windows import month_window
from svsna.analyses.people.linked import police_people_sql
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.stats.knife_index import hkci, score_bands

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

SCORES, PROFILE, TOP = "knife_carrier_scores", "knife_carrier_profile", "knife_carriers_top"
ALL, AGE_UNKNOWN = "all", "age unknown"


def window(ctx: Context) -> tuple[str, str, str]:
    """The look-back window's first day, the day after its last, and in words."""
    months = ctx.definition.people_over_time.knife_carriers.lookback_months
    start, end = month_window(ctx.latest_month, months)
    return start.isoformat(), end.isoformat(), f"{start:%B %Y} to {ctx.latest_month:%B %Y}"


def _gravity_sql(ctx: Context) -> str:
    settings = ctx.definition.people_over_time.knife_carriers
    whens = " ".join(
        f"WHEN {literal(group)} THEN {float(weight)!r}"
        for group, weight in settings.gravity.items()
    )
    default = float(settings.default_gravity)
    return f"(CASE group_id {whens} ELSE {default!r} END)" if whens else repr(default)


def carriers(ctx: Context) -> pd.DataFrame:
    """Each knife carrier: person, occurrences, latest date, gravity, sex, age band, district."""
    settings = ctx.definition.people_over_time.knife_carriers
    start, end, _ = window(ctx)
    flag = ctx.definition.knife_crime.flag
    knife = (
        "SELECT c.*, c.group_label AS category, TRUE AS is_knife "
        f"FROM ({classified_occurrences_sql(ctx.definition)}) c "
        f"WHERE COALESCE(c.{flag}, FALSE) AND c.committed_date >= DATE {literal(start)} "
        f"AND c.committed_date < DATE {literal(end)}"
    )
    sql = f"""
    WITH r AS (
      SELECT person, occurrence_id, committed_date, group_id, age, sex, district,
             ROW_NUMBER() OVER (PARTITION BY person, occurrence_id ORDER BY age) AS k
      FROM ({police_people_sql(ctx, knife)}) p WHERE person_role = 'suspect'),
    one AS (SELECT * FROM r WHERE k = 1),
    latest AS (
      SELECT person, age, sex, district FROM (
        SELECT one.*, ROW_NUMBER() OVER (PARTITION BY person
            ORDER BY committed_date DESC, occurrence_id DESC) AS n FROM one) q
      WHERE n = 1)
    SELECT one.person, COUNT(*) AS occurrences, MAX(one.committed_date) AS latest,
           SUM({_gravity_sql(ctx)}) AS gravity,
           MIN(l.sex) AS sex, MIN({age_band_sql("l.age", settings.age_bands)}) AS age_band,
           MIN({district_sql("l.district")}) AS district
    FROM one JOIN latest l ON l.person = one.person
    GROUP BY one.person ORDER BY one.person
    """
    frame = ctx.query(sql)
    latest = pd.to_datetime(frame["latest"])
    last = ctx.latest_month.year * 12 + ctx.latest_month.month
    frame["months_since"] = last - (latest.dt.year * 12 + latest.dt.month)
    frame["age_band"] = frame["age_band"].fillna(AGE_UNKNOWN)
    return frame


def top_table(ctx: Context, scored: pd.DataFrame) -> Table:
    """``knife_carriers_top``: the top people by pseudonymous id (restricted edition only)."""
    settings = ctx.definition.people_over_time.knife_carriers
    top = scored.head(settings.top_n).copy()
    top.insert(0, "rank", range(1, len(top) + 1))
    top["latest"] = pd.to_datetime(top["latest"]).dt.strftime("%Y-%m-%d")
    columns = ["rank", "person", "occurrences", "latest", "months_since", "recency",
               "frequency", "gravity", "score"]
    return Table(
        TOP,
        f"The {settings.top_n} highest knife carrier scores (restricted)",
        top[columns],
        caption="Person: the pseudonymous id of the linked person (never published). "
        "recency: points by months since the latest knife-flagged occurrence as "
        "suspect; frequency: those occurrences; gravity: the sum of their offence "
        "weights; score: 0-100, each component divided by the cohort's largest and "
        "weighted as the definition says.",
        person_level=True,
    )


def profile_tables(ctx: Context, scored: pd.DataFrame) -> tuple[Table, Table]:
    """``knife_carrier_scores`` (people by score band) and ``knife_carrier_profile``."""
    settings = ctx.definition.people_over_time.knife_carriers
    _, _, words = window(ctx)
    bands = score_bands(scored["score"], settings.score_band)
    parts = [pd.DataFrame([{"measure": ALL, "group": ALL, "people": len(scored)}])]
    orders = {
        "sex": sorted(set(scored["sex"]), key=lambda s: (s not in ("male", "female"), s)),
        "age band": [*band_labels(settings.age_bands), AGE_UNKNOWN],
        "district": sorted(set(scored["district"])),
    }
    columns = {"sex": "sex", "age band": "age_band", "district": "district"}
    for measure, order in orders.items():
        counts = scored[columns[measure]].value_counts()
        parts.append(pd.DataFrame({
            "measure": measure,
            "group": order,
            "people": [int(counts.get(g, 0)) for g in order],
        }))
    profile = pd.concat(parts, ignore_index=True)
    total = {"measure": ALL, "group": ALL}
    scores = Table(
        SCORES,
        "Knife carriers by score band",
        bands,
        caption=f"People who were suspects of knife-flagged occurrences in {words}, "
        f"by habitual knife carrier score (0-100) in bands of {settings.score_band}.",
        count_columns=("people",),
        margins=(Margin(PROFILE, column="people", at=total),),
    )
    return scores, Table(
        PROFILE,
        "Knife carriers: sex, age and district",
        profile,
        caption=f"The same people by sex, by age band at their latest knife-flagged "
        f"occurrence and by its district ({words}); 'all' is every one of them.",
        count_columns=("people",),
        margins=tuple(
            Margin(PROFILE, column="people", where={"measure": m}, at=total)
            for m in orders
        ),
    )


def _finding(ctx: Context, scored: pd.DataFrame) -> Finding:
    _, _, words = window(ctx)
    where = {"measure": ALL, "group": ALL}
    return Finding(
        "knife_carriers_people",
        f"{len(scored):,} people were suspects of knife-flagged occurrences in {words} "
        "and have a habitual knife carrier score.",
        current=float(len(scored)),
        cites={"people": Cells(PROFILE, "people", where)},
        withheld_text=f"{{people}} people were suspects of knife-flagged occurrences "
        f"in {words} and have a habitual knife carrier score.",
    )


def _chart(scores: Table) -> Chart:
    return Chart(
        id=f"{SCORES}_chart", title="Knife carriers by score band",
        kind="bar", data=scores.data,
        x="score_band", y="people",
        x_title="Habitual knife carrier score", y_title="People",
        alt_text="Bar chart of how many people score in each band of the habitual "
        "knife carrier index: {values}.",
        table=SCORES,
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """The index's distribution and cohort profile; the top people in the restricted edition."""
    settings = ctx.definition.people_over_time.knife_carriers
    scored = hkci(carriers(ctx), settings)
    scores, profile = profile_tables(ctx, scored)
    weights = (
        f"recency {settings.recency_weight:g}, frequency {settings.frequency_weight:g}, "
        f"gravity {settings.gravity_weight:g}"
    )
    return Section(
        *heading,
        summary=(
            "The habitual knife carrier index scores each person who was the suspect "
            "of a knife-flagged occurrence, as police forces' HKCI does: how recently "
            "(points by months since the latest), how often (occurrences) and how "
            "gravely (the sum of the offences' weights), each divided by the cohort's "
            f"largest and weighted ({weights}) into a score from 0 to 100.",
            "Only the distribution of scores and the cohort's profile are published; "
            "the list of people is in the restricted edition only.",
        ),
        tables=(scores, profile, top_table(ctx, scored)),
        charts=(_chart(scores),),
        findings=(_finding(ctx, scored),),
    )


CHAPTER = Chapter(
    "knife_carriers",
    "Habitual knife carriers",
    analyse,
    needs=("occurrences", "persons"),
    part="people",
)
