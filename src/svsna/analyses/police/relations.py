"""Victims and suspects together, and what is recorded about suspects.

Relationships come from suspect rows (the suspect's relationship to the
victim), one count per occurrence and relationship. Victim × suspect tables pair
every victim with every suspect of the same occurrence. Ethnicity groups come
from the definition (``people.ethnicity_groups``); the authority (city/county)
of an occurrence from the ``districts`` table when it is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.classify import persons_sql
from svsna.analyses.core.figures import complete, pct
from svsna.analyses.core.sql import (
    UNKNOWN,
    age_band_sql,
    band_labels,
    district_sql,
    involved_sql,
    literal,
    person_ethnicity_sql,
)
from svsna.analyses.police.people import SEXES

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def _relationships(occurrences: str) -> str:
    """SQL: one row per occurrence and (non-blank) relationship, with fy and district."""
    return f"""
    SELECT DISTINCT o.occurrence_id, o.fy, o.district,
           LOWER(TRIM(p.relationship)) AS relationship
    FROM ({occurrences}) o
    JOIN ({persons_sql()}) p ON p.occurrence_id = o.occurrence_id
    WHERE p.person_role = 'suspect' AND NULLIF(TRIM(p.relationship), '') IS NOT NULL
    """


def relationship_table(ctx: Context, occurrences: str) -> pd.DataFrame:
    """The fixed-form ``relationship`` table: relationship, year, count, pct."""
    sql = f"""
    SELECT relationship, fy AS year, COUNT(*) AS count
    FROM ({_relationships(occurrences)}) r GROUP BY relationship, fy
    """
    raw = ctx.query(sql)
    columns = ["relationship", "year", "count", "pct"]
    if raw.empty:
        return pd.DataFrame(columns=columns)
    raw["pct"] = pct(raw["count"], raw.groupby("year")["count"].transform("sum"))
    order = {y: i for i, y in enumerate(ctx.years)}
    raw["_year"] = raw["year"].map(order)
    raw = raw.sort_values(
        ["_year", "count", "relationship"], ascending=[True, False, True]
    )
    return raw[columns].reset_index(drop=True)


def relationship_by_district(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Share of each district's relationships that are stranger, acquaintance etc.

    Over the whole report period; the relationships shown come from
    ``people.relationship_by_district``. Columns: district, relationship,
    count, total, pct.
    """
    district = district_sql("r.district")
    sql = f"""
    SELECT {district} AS district, relationship, COUNT(*) AS count
    FROM ({_relationships(occurrences)}) r GROUP BY {district}, relationship
    """
    raw = ctx.query(sql)
    totals = raw.groupby("district")["count"].sum().reset_index()
    districts = sorted(d for d in totals["district"] if d != UNKNOWN)
    if (totals["district"] == UNKNOWN).any():
        districts.append(UNKNOWN)
    shown = list(ctx.definition.people.relationship_by_district)
    frame = complete(raw, {"district": districts, "relationship": shown})
    frame = frame.merge(totals.rename(columns={"count": "total"}), on="district")
    frame["pct"] = pct(frame["count"], frame["total"])
    return frame[["district", "relationship", "count", "total", "pct"]]


def _pairs(occurrences: str) -> str:
    """SQL: every victim paired with every suspect of the same occurrence."""
    return f"""
    SELECT DISTINCT v.occurrence_id, v.person_id AS victim_id, v.age AS victim_age,
           v.sex AS victim_sex, s.person_id AS suspect_id, s.age AS suspect_age,
           s.sex AS suspect_sex
    FROM ({involved_sql(occurrences, role="victim")}) v
    JOIN ({involved_sql(occurrences, role="suspect")}) s
      ON s.occurrence_id = v.occurrence_id AND s.person_id <> v.person_id
    """


def victim_suspect_sex(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Occurrences by victim sex × suspect sex (an occurrence once per pair of sexes)."""
    sql = f"""
    SELECT victim_sex, suspect_sex, COUNT(DISTINCT occurrence_id) AS count
    FROM ({_pairs(occurrences)}) x GROUP BY victim_sex, suspect_sex
    """
    levels = {"victim_sex": list(SEXES), "suspect_sex": list(SEXES)}
    return complete(ctx.query(sql), levels)


def victim_suspect_age(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Victim–suspect pairs by victim age band × suspect age band (known ages)."""
    bands = ctx.definition.age_bands.victim_suspect_matrix
    sql = f"""
    SELECT victim_age, suspect_age, COUNT(*) AS count FROM (
        SELECT {age_band_sql("victim_age", bands)} AS victim_age,
               {age_band_sql("suspect_age", bands)} AS suspect_age
        FROM ({_pairs(occurrences)}) x) b
    WHERE victim_age IS NOT NULL AND suspect_age IS NOT NULL
    GROUP BY victim_age, suspect_age
    """
    labels = band_labels(bands)
    return complete(ctx.query(sql), {"victim_age": labels, "suspect_age": labels})


def suspect_ethnicity(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Suspects by authority (city/county), ethnic group and year.

    With % of the authority's year. A person counts once per year and
    authority, in the group recorded on any of their rows that year ("not
    recorded" only when none has one).
    """
    people = ctx.definition.people
    if ctx.has("districts"):
        authority = f"COALESCE(LOWER(TRIM(d.authority)), {literal(UNKNOWN)})"
        join = (
            "LEFT JOIN districts d ON LOWER(TRIM(d.district)) = LOWER(TRIM(i.district))"
        )
    else:
        authority, join = literal(UNKNOWN), ""
    missing = literal(people.ethnicity_not_recorded)
    sql = f"""
    SELECT authority, ethnicity, year, COUNT(*) AS count FROM (
        SELECT i.person_id, i.fy AS year, {authority} AS authority,
               COALESCE(ANY_VALUE(pe.ethnicity), {missing}) AS ethnicity
        FROM ({involved_sql(occurrences, role="suspect")}) i {join}
        LEFT JOIN ({person_ethnicity_sql(ctx.definition)}) pe
               ON pe.person_id = i.person_id
        GROUP BY i.person_id, i.fy, {authority}) e
    GROUP BY authority, ethnicity, year
    """
    raw = ctx.query(sql)
    authorities = sorted(a for a in raw["authority"].unique() if a != UNKNOWN)
    if (raw["authority"] == UNKNOWN).any() or not authorities:
        authorities.append(UNKNOWN)
    groups = [*people.ethnicity_groups, people.ethnicity_not_recorded]
    frame = complete(
        raw, {"authority": authorities, "ethnicity": groups, "year": list(ctx.years)}
    )
    totals = frame.groupby(["authority", "year"])["count"].transform("sum")
    frame["pct"] = pct(frame["count"], totals)
    return frame


def warning_markers(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Occurrences whose suspects carry each warning marker, with % of all occurrences.

    Markers are matched case-insensitively as whole items of the ``;``-separated
    list; the last row (``any``) counts occurrences with any marker at all.
    """
    markers = ctx.definition.people.warning_markers
    items = (
        "';' || LOWER(REPLACE(REPLACE(TRIM(i.warning_markers), '; ', ';'), "
        "' ;', ';')) || ';'"
    )
    cases = ",\n".join(
        f"COUNT(DISTINCT CASE WHEN {items} LIKE {literal('%;' + m.lower() + ';%')} "
        f"THEN i.occurrence_id END) AS m{n}"
        for n, m in enumerate(markers)
    )
    sql = f"""
    SELECT {cases + "," if cases else ""}
           COUNT(DISTINCT CASE WHEN NULLIF(TRIM(i.warning_markers), '') IS NOT NULL
                 THEN i.occurrence_id END) AS any_marker,
           (SELECT COUNT(*) FROM ({occurrences}) o) AS occurrences
    FROM ({involved_sql(occurrences, role="suspect")}) i
    """
    row = ctx.query(sql).iloc[0]
    counts = [int(row[f"m{n}"]) for n in range(len(markers))]
    frame = pd.DataFrame({"marker": list(markers), "count": counts})
    frame = frame.sort_values("count", ascending=False, kind="stable")
    frame = pd.concat(
        [frame, pd.DataFrame({"marker": ["any"], "count": [int(row["any_marker"])]})],
        ignore_index=True,
    )
    frame["occurrences"] = int(row["occurrences"])
    frame["pct"] = pct(frame["count"], frame["occurrences"])
    return frame
