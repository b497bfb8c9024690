"""SQL building blocks shared by the chapters.

Everything here returns plain SQL text built from the definition (age bands,
offence categories, ethnicity groups), kept to what SQLGlot transpiles to Spark
SQL: CASE, IN lists, LIKE, COALESCE, joins, window functions. No DuckDB-only
functions, so the same chapter code can run on another engine.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from svsna.analyses.core.classify import persons_sql, sv_occurrences_sql
from svsna.analyses.core.periods import fy_bounds
from svsna.config.definition import band_label

if TYPE_CHECKING:
    from collections.abc import Iterable

    from svsna.analyses.core.context import Context
    from svsna.config import Definition
    from svsna.config.definition import AgeBand

#: The labels every table uses for "not recorded", a total row and everyone.
UNKNOWN, TOTAL, ALL = "unknown", "total", "all"
#: Monday of the week from which weekdays are counted (0 = Monday).
_MONDAY = "DATE '1900-01-01'"


def literal(value: object) -> str:
    """An SQL literal: a quoted string (quotes doubled), a number, a boolean or a date."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def in_list(values: Iterable[object]) -> str:
    """``(a, b, c)`` for an IN clause; ``(NULL)`` when empty, which matches nothing."""
    items = [literal(v) for v in values]
    return "(" + ", ".join(items or ["NULL"]) + ")"


def is_in(column: str, values: Iterable[object]) -> str:
    """SQL ``column IN (…)``; ``FALSE`` for an empty list, so nothing matches.

    >>> is_in("g", ["a", "o'k"]), is_in("g", [])
    ("g IN ('a', 'o''k')", 'FALSE')
    """
    items = [literal(v) for v in values]
    return f"{column} IN ({', '.join(items)})" if items else "FALSE"


def not_in(column: str, values: Iterable[object]) -> str:
    """SQL ``column NOT IN (…)``; ``TRUE`` for an empty list, so every row stays.

    >>> not_in("g", ["a"]), not_in("g", [])
    ("g NOT IN ('a')", 'TRUE')
    """
    items = [literal(v) for v in values]
    return f"{column} NOT IN ({', '.join(items)})" if items else "TRUE"


def age_band_sql(column: str, bands: tuple[AgeBand, ...]) -> str:
    """CASE giving each age its band label (``11-15``, ``66+``); NULL outside every band."""
    whens = " ".join(
        f"WHEN {column} >= {low}"
        + ("" if high is None else f" AND {column} <= {high}")
        + f" THEN {literal(band_label((low, high)))}"
        for low, high in bands
    )
    return f"(CASE {whens} ELSE NULL END)"


def band_labels(bands: tuple[AgeBand, ...]) -> list[str]:
    """The labels of ``bands`` in order."""
    return [band_label(b) for b in bands]


def category_sql(definition: Definition, alias: str = "") -> str:
    """CASE giving an occurrence its display category (``offence_categories``).

    Groups that no category lists keep their own group label.
    """
    prefix = f"{alias}." if alias else ""
    whens = " ".join(
        f"WHEN {prefix}group_id IN {in_list(c.groups)} THEN {literal(c.label)}"
        for c in definition.offence_categories
    )
    if not whens:
        return f"{prefix}group_label"
    return f"(CASE {whens} ELSE {prefix}group_label END)"


def category_order(definition: Definition, group_ids: Iterable[str]) -> list[str]:
    """Display categories of ``group_ids`` in definition order."""
    wanted = set(group_ids)
    order: list[str] = []
    for category in definition.offence_categories:
        if wanted & set(category.groups) and category.label not in order:
            order.append(category.label)
    listed = {g for c in definition.offence_categories for g in c.groups}
    for group in definition.offence_groups:
        if group.id in wanted and group.id not in listed and group.label not in order:
            order.append(group.label)
    return order


def district_sql(column: str) -> str:
    """The district, or ``unknown`` when none is recorded."""
    return f"COALESCE(NULLIF(TRIM({column}), ''), {literal(UNKNOWN)})"


def weekday_sql(date_sql: str) -> str:
    """Day of the week as 0 (Monday) to 6 (Sunday), the same on every engine."""
    return f"(DATE_DIFF('day', {_MONDAY}, {date_sql}) % 7)"


def month_label_sql(date_sql: str) -> str:
    """SQL: the ``YYYY-MM`` month of a date."""
    return f"SUBSTRING(CAST({date_sql} AS VARCHAR), 1, 7)"


def minute_of_day_sql(time_sql: str) -> str:
    """Minutes since midnight of a time (seconds ignored: 16:00:30 is 16:00)."""
    return f"(EXTRACT(HOUR FROM {time_sql}) * 60 + EXTRACT(MINUTE FROM {time_sql}))"


def minutes(hhmm: str) -> int:
    """Minutes since midnight of an ``HH:MM`` setting."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def ethnicity_group_sql(definition: Definition, column: str) -> str:
    """CASE mapping ethnicity codes and group names to the definition's groups."""
    people = definition.people
    whens = " ".join(
        f"WHEN UPPER(TRIM({column})) IN {in_list(c.upper() for c in codes)} "
        f"THEN {literal(group)}"
        for group, codes in people.ethnicity_groups.items()
    )
    return f"(CASE {whens} ELSE {literal(people.ethnicity_not_recorded)} END)"


def person_ethnicity_sql(definition: Definition) -> str:
    """SQL: ``person_id`` and ``ethnicity`` (a group) for every person with one recorded.

    A person seen on several occurrences is not always recorded alike. Their
    ethnicity is the code recorded most often on their rows (any role, any
    year), because the majority of records is the best evidence; a tie goes
    to the code on their latest occurrence (committed date, then the code
    itself so the answer never depends on row order). Codes that map to no
    group (``NS``, empty) are not a recording. Taking ``MIN`` of the codes
    would pick by alphabet (Asian over White), whatever was recorded.
    """
    group = ethnicity_group_sql(definition, "code")
    missing = literal(definition.people.ethnicity_not_recorded)
    return f"""
    SELECT person_id, {group} AS ethnicity FROM (
        SELECT p.person_id, TRIM(p.ethnicity) AS code, COUNT(*) AS times,
               MAX(o.committed_date) AS last_seen
        FROM persons p LEFT JOIN occurrences o ON o.occurrence_id = p.occurrence_id
        WHERE {ethnicity_group_sql(definition, "p.ethnicity")} <> {missing}
        GROUP BY p.person_id, TRIM(p.ethnicity))
    QUALIFY row_number() OVER (
        PARTITION BY person_id ORDER BY times DESC, last_seen DESC NULLS LAST, code) = 1
    """


def period_sv_sql(ctx: Context, *, years: tuple[str, ...] | None = None) -> str:
    """SQL: serious-violence occurrences committed in ``years`` (the report period)."""
    chosen = ctx.years if years is None else years
    dates = ""
    if chosen:
        # The date range lets the engine skip other years before classifying.
        start = ctx.definition.financial_year_start_month
        first, _ = fy_bounds(min(chosen), start)
        _, last = fy_bounds(max(chosen), start)
        dates = (
            f" AND s.committed_date >= DATE '{first.isoformat()}'"
            f" AND s.committed_date <= DATE '{last.isoformat()}'"
        )
    return (
        f"SELECT s.*, {category_sql(ctx.definition, 's')} AS category "
        f"FROM ({sv_occurrences_sql(ctx.definition)}) s "
        f"WHERE s.fy IN {in_list(chosen)}{dates}"
    )


def involved_sql(occurrences: str, *, role: str | None = None) -> str:
    """SQL: one row per person per occurrence of ``occurrences`` (with its columns).

    ``role`` is ``victim`` or ``suspect`` (offenders count as suspects); None
    keeps every role. Columns: the occurrence's ``occurrence_id``, ``fy``,
    ``group_id``, ``family``, ``category``, ``district``, ``is_knife`` and the
    person's ``person_id``, ``person_role``, ``age``, ``sex``, ``ethnicity``,
    ``relationship``, ``warning_markers``.
    """
    where = "" if role is None else f"WHERE p.person_role = {literal(role)}"
    return f"""
    SELECT o.occurrence_id, o.fy, o.group_id, o.family, o.category, o.district,
           o.is_knife, o.committed_date,
           p.person_id, p.person_role, p.age, COALESCE(p.sex, 'unknown') AS sex,
           p.ethnicity, p.relationship, p.warning_markers
    FROM ({occurrences}) o
    JOIN ({persons_sql()}) p ON p.occurrence_id = o.occurrence_id
    {where}
    """


def sv_groups_in_period(ctx: Context) -> list[str]:
    """Offence groups (definition order) in serious violence during the period.

    A group counts when a definition version in force at some time in the
    report period includes it.
    """
    if not ctx.years:
        return []
    start = ctx.definition.financial_year_start_month
    first, _ = fy_bounds(ctx.years[0], start)
    _, last = fy_bounds(ctx.years[-1], start)
    versions = ctx.definition.serious_violence.versions
    used: set[str] = set()
    for version, following in zip(versions, [*versions[1:], None], strict=True):
        if version.from_ <= last and (following is None or following.from_ > first):
            used.update(version.groups)
    return [g.id for g in ctx.definition.offence_groups if g.id in used]


def sv_families_in_period(ctx: Context) -> list[str]:
    """Families of :func:`sv_groups_in_period`, in alphabetical order."""
    groups = set(sv_groups_in_period(ctx))
    return sorted({g.family for g in ctx.definition.offence_groups if g.id in groups})


def materialise(ctx: Context, sql: str, name: str) -> str:
    """Run ``sql`` once, keep its rows on the engine as ``name``; return SQL reading it.

    Chapters ask many questions of the same occurrences (serious violence of
    the report period); classifying them once instead of in every query makes
    chapter 4 several times faster. ``name`` must be unique to the row set.
    """
    ctx.warehouse.materialise(name, sql)
    return f"SELECT * FROM {name}"
