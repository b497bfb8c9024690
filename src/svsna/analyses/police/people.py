"""Who is involved: the victim and suspect tables shared by chapters 3, 4 and 7.

Each function takes the SQL of a set of occurrences (serious violence or knife
crime over the report period, with ``fy``, ``family`` and ``category``) and
counts the people linked to them. Offenders count as suspects. People are
counted by ``person_id``; a person who is a victim in one occurrence and a
suspect in another is "both".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from svsna.analyses.core.classify import persons_sql
from svsna.analyses.core.figures import complete, pct
from svsna.analyses.core.sql import age_band_sql, band_labels, involved_sql, literal
from svsna.results import Margin

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.config.definition import AgeBand

ROLES = ("victim", "suspect")
ALL_YEARS = "all years"
SEXES = ("male", "female", "unknown")
REPEAT_COLUMNS = (
    "period",
    "occurrences_with_person",
    "individuals",
    "repeat_individuals",
    "repeat_occurrences",
    "pct_repeat_occurrences",
)


def young_counts_sql(occurrences: str, max_age: int, by: tuple[str, ...]) -> str:
    """SQL: occurrences by ``by`` with those having a victim / suspect aged ``max_age`` or under.

    Columns: ``by`` …, ``n_all``, ``n_victims``, ``n_suspects``.
    """
    keys = ", ".join(f"o.{c}" for c in by)

    def young(role: str) -> str:
        return (
            f"SELECT DISTINCT p.occurrence_id FROM ({persons_sql()}) p "
            f"WHERE p.person_role = {literal(role)} AND p.age <= {max_age}"
        )

    return f"""
    SELECT {keys}, COUNT(*) AS n_all,
           SUM(CASE WHEN yv.occurrence_id IS NOT NULL THEN 1 ELSE 0 END) AS n_victims,
           SUM(CASE WHEN ys.occurrence_id IS NOT NULL THEN 1 ELSE 0 END) AS n_suspects
    FROM ({occurrences}) o
    LEFT JOIN ({young("victim")}) yv ON yv.occurrence_id = o.occurrence_id
    LEFT JOIN ({young("suspect")}) ys ON ys.occurrence_id = o.occurrence_id
    GROUP BY {keys}
    """


def people_summary(
    ctx: Context, occurrences: str, bands: tuple[AgeBand, ...]
) -> pd.DataFrame:
    """Distinct victims, suspects and people who were both, by age band and sex.

    A person's age and sex are those recorded on their first occurrence in the
    role (for "both": in either role). Percentages are of the people whose age
    (or sex, male or female) is known. Columns: ``role``, ``characteristic``,
    ``value``, ``count``, ``pct``.
    """
    band = age_band_sql("age", bands)
    sql = f"""
    WITH inv AS ({involved_sql(occurrences)}),
    ranked AS (
        SELECT person_id, person_role, age, sex,
               ROW_NUMBER() OVER (PARTITION BY person_id, person_role
                                  ORDER BY committed_date, occurrence_id) AS in_role,
               ROW_NUMBER() OVER (PARTITION BY person_id
                                  ORDER BY committed_date, occurrence_id,
                                           person_role DESC) AS in_any
        FROM inv),
    both_ids AS (
        SELECT person_id FROM inv GROUP BY person_id
        HAVING SUM(CASE WHEN person_role = 'victim' THEN 1 ELSE 0 END) > 0
           AND SUM(CASE WHEN person_role = 'suspect' THEN 1 ELSE 0 END) > 0
           AND COUNT(DISTINCT occurrence_id) > 1),
    people AS (
        SELECT CASE WHEN person_role = 'victim' THEN 'victims' ELSE 'suspects' END
               AS who, age, sex
        FROM ranked WHERE in_role = 1
        UNION ALL
        SELECT 'both' AS who, r.age, r.sex
        FROM ranked r JOIN both_ids b ON b.person_id = r.person_id
        WHERE r.in_any = 1)
    SELECT who, {band} AS age_band, sex, COUNT(*) AS n
    FROM people GROUP BY who, {band}, sex
    """
    raw = ctx.query(sql)
    rows: list[dict[str, object]] = []
    labels = band_labels(bands)
    for who in ("victims", "suspects", "both"):
        part = raw[raw["who"] == who]
        total = int(part["n"].sum())
        rows.append(_row(who, "people", "all", total, None))
        ages = part.groupby("age_band", dropna=True)["n"].sum()
        known_age = int(ages.sum())
        for label in labels:
            rows.append(_row(who, "age", label, int(ages.get(label, 0)), known_age))
        rows.append(_row(who, "age", "not recorded", total - known_age, None))
        sexes = part.groupby("sex")["n"].sum()
        known_sex = int(sexes.get("male", 0) + sexes.get("female", 0))
        for sex in ("male", "female"):
            rows.append(_row(who, "sex", sex, int(sexes.get(sex, 0)), known_sex))
        rows.append(_row(who, "sex", "not recorded", total - known_sex, None))
    frame = pd.DataFrame(rows)
    return frame


def summary_relations(table_id: str, *, repeat_tables: bool = False) -> dict[str, Any]:
    """How a people summary's counts hang together (``Table`` keyword arguments).

    Each role's age bands (``not recorded`` included) add up to its ``all``
    row, and so do its sexes; percentages are shares of the recorded ones.
    With ``repeat_tables`` (the same occurrences' ``repeat_victims`` and
    ``repeat_suspects``), the victims and suspects are those tables' people
    of all years, printed again.
    """
    within = tuple(
        Margin(
            table_id,
            by=("role",),
            where={"characteristic": characteristic},
            at={"characteristic": "people", "value": "all"},
        )
        for characteristic in ("age", "sex")
    )
    again = tuple(
        Margin(
            f"repeat_{role}s",
            total_column="individuals",
            where={"role": f"{role}s", "characteristic": "people"},
            at={"period": ALL_YEARS},
        )
        for role in ROLES
        if repeat_tables
    )
    return {"shares": {"pct": ("role", "characteristic")}, "margins": within + again}


def each_year(role: str) -> Margin:
    """A year's people in ``role`` (by age band or by sex) add up to its repeat table's.

    True when each person has one age band (or sex) in a year; a person
    recorded with two is counted in both, and then the declaration does not
    hold and disclosure control drops it.
    """
    return Margin(
        f"repeat_{role}s",
        by=("year",),
        total_column="individuals",
        rename={"year": "period"},
    )


def _row(
    who: str, characteristic: str, value: str, count: int, of: int | None
) -> dict[str, object]:
    share = None if not of else ((2000 * count + of) // (2 * of)) / 10
    return {
        "role": who,
        "characteristic": characteristic,
        "value": value,
        "count": count,
        "pct": share,
    }


def repeat_table(ctx: Context, occurrences: str, role: str) -> pd.DataFrame:
    """The fixed-form ``repeat_victims`` / ``repeat_suspects`` table.

    One row per report year and one for ``all years``; a repeat individual is in
    two or more occurrences of the period in ``role``.
    """
    sql = f"""
    WITH inv AS (
        SELECT DISTINCT occurrence_id, fy, person_id
        FROM ({involved_sql(occurrences, role=role)}) i),
    inv_p AS (
        SELECT fy AS period, occurrence_id, person_id FROM inv
        UNION ALL
        SELECT {literal(ALL_YEARS)} AS period, occurrence_id, person_id FROM inv),
    per_person AS (
        SELECT period, person_id, COUNT(DISTINCT occurrence_id) AS n
        FROM inv_p GROUP BY period, person_id)
    SELECT i.period,
           COUNT(DISTINCT i.occurrence_id) AS occurrences_with_person,
           COUNT(DISTINCT i.person_id) AS individuals,
           COUNT(DISTINCT CASE WHEN pp.n >= 2 THEN i.person_id END)
               AS repeat_individuals,
           COUNT(DISTINCT CASE WHEN pp.n >= 2 THEN i.occurrence_id END)
               AS repeat_occurrences
    FROM inv_p i
    JOIN per_person pp ON pp.period = i.period AND pp.person_id = i.person_id
    GROUP BY i.period
    """
    counts = list(REPEAT_COLUMNS[1:-1])
    frame = complete(ctx.query(sql), {"period": [*ctx.years, ALL_YEARS]}, values=counts)
    frame["pct_repeat_occurrences"] = pct(
        frame["repeat_occurrences"], frame["occurrences_with_person"]
    )
    return frame[list(REPEAT_COLUMNS)]


def top_share(ctx: Context, occurrences: str, role: str) -> dict[str, int]:
    """The ``top_n_individuals`` people most often in ``role`` and their occurrences.

    Ties at the cut-off are broken by ``person_id`` so the answer is stable.
    Returns ``individuals``, ``occurrences`` (distinct occurrences involving any
    of them) and ``all_occurrences`` (with anyone in ``role``).
    """
    top_n = ctx.definition.top_n_individuals
    sql = f"""
    WITH inv AS (
        SELECT DISTINCT occurrence_id, person_id
        FROM ({involved_sql(occurrences, role=role)}) i),
    counts AS (SELECT person_id, COUNT(*) AS n FROM inv GROUP BY person_id),
    ranked AS (
        SELECT person_id,
               ROW_NUMBER() OVER (ORDER BY n DESC, person_id) AS position
        FROM counts),
    top_people AS (SELECT person_id FROM ranked WHERE position <= {top_n})
    SELECT (SELECT COUNT(*) FROM top_people) AS individuals,
           (SELECT COUNT(DISTINCT occurrence_id) FROM inv
            WHERE person_id IN (SELECT person_id FROM top_people)) AS occurrences,
           (SELECT COUNT(DISTINCT occurrence_id) FROM inv) AS all_occurrences
    """
    row = ctx.query(sql).iloc[0]
    return {k: int(row[k]) for k in ("individuals", "occurrences", "all_occurrences")}


def age_by_year(
    ctx: Context, occurrences: str, role: str, bands: tuple[AgeBand, ...]
) -> pd.DataFrame:
    """People in ``role`` by age band and year (a person once per year and band).

    Columns ``age_group``, ``year``, ``count``; every band and year present.
    """
    band = age_band_sql("age", bands)
    sql = f"""
    SELECT age_group, year, COUNT(*) AS count FROM (
        SELECT DISTINCT person_id, fy AS year, {band} AS age_group
        FROM ({involved_sql(occurrences, role=role)}) i) d
    WHERE age_group IS NOT NULL GROUP BY age_group, year
    """
    levels = {"age_group": band_labels(bands), "year": list(ctx.years)}
    return complete(ctx.query(sql), levels)


def age_by_category(
    ctx: Context,
    occurrences: str,
    role: str,
    bands: tuple[AgeBand, ...],
    categories: list[str],
) -> pd.DataFrame:
    """People in ``role`` by age band and offence category, over the period.

    A person counts once per year in each cell. Columns ``age_group``,
    ``offence``, ``count``.
    """
    band = age_band_sql("age", bands)
    sql = f"""
    SELECT age_group, offence, COUNT(*) AS count FROM (
        SELECT DISTINCT person_id, fy, category AS offence, {band} AS age_group
        FROM ({involved_sql(occurrences, role=role)}) i) d
    WHERE age_group IS NOT NULL GROUP BY age_group, offence
    """
    levels = {"age_group": band_labels(bands), "offence": categories}
    return complete(ctx.query(sql), levels)


def sex_by_year(ctx: Context, occurrences: str, role: str) -> pd.DataFrame:
    """People in ``role`` by sex and year. Columns ``sex``, ``year``, ``count``."""
    sql = f"""
    SELECT sex, year, COUNT(*) AS count FROM (
        SELECT DISTINCT person_id, fy AS year, sex
        FROM ({involved_sql(occurrences, role=role)}) i) d
    GROUP BY sex, year
    """
    return complete(ctx.query(sql), {"sex": list(SEXES), "year": list(ctx.years)})


def most_common_age(
    ctx: Context, occurrences: str, role: str
) -> tuple[int, int] | None:
    """The single year of age with the most people in ``role`` (once per year).

    Ties go to the younger age. None when no age is recorded.
    """
    sql = f"""
    SELECT age, COUNT(*) AS n FROM (
        SELECT DISTINCT person_id, fy, age
        FROM ({involved_sql(occurrences, role=role)}) i WHERE age IS NOT NULL) d
    GROUP BY age ORDER BY n DESC, age LIMIT 1
    """
    rows = ctx.query(sql)
    if rows.empty:
        return None
    return int(rows["age"].iloc[0]), int(rows["n"].iloc[0])
