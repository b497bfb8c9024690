"""What the people chapters share: each record's linked person, and who is in which dataset.

The linkage (:mod:`svsna.warehouse.linkage`) leaves ``person_links`` in the
warehouse: each linkable record of ``persons``, ``youth_justice``,
``probation``, ``ed_attendances`` and ``school_exclusions`` with the person
it belongs to. A record it did not link (no quasi-identifiers, or no
linkage run) is a person of its own, named by its dataset and record key, so
counts never depend on whether a partner shared identifiers. Nothing here
leaves the warehouse but counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from svsna.analyses.core.classify import classified_occurrences_sql, sv_occurrences_sql
from svsna.analyses.core.periods import fy_bounds
from svsna.analyses.core.sql import (
    category_sql,
    in_list,
    involved_sql,
    literal,
    period_sv_sql,
)
from svsna.contract.tables import LINKED_RECORDS, QUASI_IDENTIFIERS
from svsna.stats.linkage import record_key_sql
from svsna.warehouse.linkage import IDENTIFYING, LINKS

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

TRUTH = "linkage_truth"
SUSPECTS, VICTIMS = "police suspects", "police victims"


@dataclass(frozen=True)
class Partner:
    """A partner dataset of the cohorts: its table, its label and the date it is counted by."""

    label: str
    table: str
    date_sql: str


#: Partner datasets in the order the cohort tables list them (after the police).
PARTNERS = (
    Partner("youth justice", "youth_justice", "offence_date"),
    Partner("probation", "probation", "start_date"),
    Partner(
        "excluded pupils",
        "school_exclusions",
        # An academic year is counted by its first day, 1 September.
        "CAST(CONCAT(SUBSTRING(academic_year, 1, 4), '-09-01') AS DATE)",
    ),
    Partner("ED patients", "ed_attendances", "arrival_date"),
)


def has_links(ctx: Context) -> bool:
    """Whether the linkage ran and left its links in the warehouse."""
    return ctx.warehouse.has_table(LINKS)


def period(ctx: Context) -> tuple[dt.date, dt.date]:
    """The report period's first and last day."""
    start = ctx.definition.financial_year_start_month
    return fy_bounds(ctx.years[0], start)[0], fy_bounds(ctx.years[-1], start)[1]


def person_sql(ctx: Context, table: str, alias: str) -> tuple[str, str]:
    """SQL joining a row of ``table`` (as ``alias``) to its person: (join clause, person).

    The person is the record's linked person, else ``table:record key``.
    """
    columns = ctx.warehouse.columns(table)
    key = record_key_sql(LINKED_RECORDS[table], columns, QUASI_IDENTIFIERS, alias)
    own = f"CONCAT({literal(table + ':')}, {key})"
    if not has_links(ctx):
        return "", own
    link = f"lk_{alias}"
    join = (
        f"LEFT JOIN {LINKS} {link} ON {link}.dataset = {literal(table)} "
        f"AND {link}.record_id = {key}"
    )
    return join, f"COALESCE({link}.person_key, {own})"


def police_people_sql(ctx: Context, occurrences: str | None = None) -> str:
    """SQL: one row per person per occurrence (``involved_sql``'s columns) and their ``person``.

    ``occurrences`` defaults to the report period's serious violence.
    """
    sv = period_sv_sql(ctx) if occurrences is None else occurrences
    join, person = person_sql(ctx, "persons", "i")
    return f"SELECT i.*, {person} AS person FROM ({involved_sql(sv)}) i {join}"


def offences_sql(ctx: Context, which: str, *, in_period: bool) -> str:
    """SQL: occurrences of ``any`` offence or of ``serious_violence``, as ``involved_sql`` reads.

    ``in_period`` keeps the report period's; otherwise every date in the data.
    """
    d = ctx.definition
    if which == "serious_violence":
        inner = sv_occurrences_sql(d)
    else:
        inner = f"SELECT c.*, FALSE AS is_knife FROM ({classified_occurrences_sql(d)}) c"
    period = f" WHERE s.fy IN {in_list(ctx.years)}" if in_period else ""
    return f"SELECT s.*, {category_sql(d, 's')} AS category FROM ({inner}) s{period}"


def partner_people_sql(ctx: Context, partner: Partner) -> str:
    """SQL: the distinct people of a partner dataset whose record falls in the report period."""
    first, last = period(ctx)
    join, person = person_sql(ctx, partner.table, "t")
    pupils = ""
    if partner.table == "school_exclusions":
        named = [c for c in IDENTIFYING if c in ctx.warehouse.columns(partner.table)]
        pupils = (
            " AND ("
            + " OR ".join(f"t.{c} IS NOT NULL" for c in named or ["NULL"])
            + ")"
        )
    return (
        f"SELECT DISTINCT {literal(partner.label)} AS dataset, {person} AS person "
        f"FROM {partner.table} t {join} "
        f"WHERE {partner.date_sql} >= {literal(first)} "
        f"AND {partner.date_sql} <= {literal(last)}{pupils}"
    )


def membership_sql(ctx: Context) -> str:
    """SQL: who is in which dataset (``dataset``, ``person``) over the report period.

    Police suspects and victims of serious violence, then each partner dataset
    the data hold.
    """
    police = (
        f"SELECT DISTINCT CASE WHEN person_role = 'victim' THEN {literal(VICTIMS)} "
        f"ELSE {literal(SUSPECTS)} END AS dataset, person FROM ({police_people_sql(ctx)}) p"
    )
    parts = [police] + [
        partner_people_sql(ctx, p) for p in PARTNERS if ctx.has(p.table)
    ]
    return " UNION ALL ".join(parts)


def datasets(ctx: Context) -> list[str]:
    """The datasets of the cohorts, police first, partners whose table was loaded."""
    return [SUSPECTS, VICTIMS, *(p.label for p in PARTNERS if ctx.has(p.table))]
