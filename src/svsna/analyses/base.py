"""What every chapter shares: the context of a run and the classified occurrences.

The definition becomes small lookup tables registered in the warehouse
(offence code → group, serious-violence versions by date); the SQL below joins
them so that each occurrence is classified by the definition in force on its
own date. The SQL is plain ANSI (CASE, EXISTS, joins) so that SQLGlot can
transpile it to Spark SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from svsna.config import Definition
    from svsna.warehouse import Warehouse

OFFENCE_MAP = "svsna_offence_map"
SV_VERSIONS = "svsna_sv_versions"
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Context:
    """A run's warehouse, definition and periods, as every chapter sees them.

    ``years`` are the financial-year labels of the report period (oldest
    first); ``complete_years`` every complete financial year in the data;
    ``latest_month`` the first day of the latest month with data.
    """

    warehouse: Warehouse
    definition: Definition
    years: tuple[str, ...]
    complete_years: tuple[str, ...]
    latest_month: dt.date
    tables: frozenset[str]

    def has(self, *tables: str) -> bool:
        """Whether every named contract table was loaded."""
        return all(t in self.tables for t in tables)

    def missing(self, *tables: str) -> tuple[str, ...]:
        """The named contract tables that were not loaded."""
        return tuple(t for t in tables if t not in self.tables)

    def query(self, sql: str) -> pd.DataFrame:
        """Run analysis SQL on the warehouse."""
        return self.warehouse.query(sql)


def fy_start_year(date_sql: str, start_month: int) -> str:
    """SQL for the calendar year in which the financial year of ``date_sql`` starts."""
    return (
        f"(CASE WHEN EXTRACT(MONTH FROM {date_sql}) >= {start_month} "
        f"THEN EXTRACT(YEAR FROM {date_sql}) ELSE EXTRACT(YEAR FROM {date_sql}) - 1 END)"
    )


def fy_label(date_sql: str, start_month: int) -> str:
    """SQL for the financial-year label (``2024/25``) of ``date_sql``."""
    start = fy_start_year(date_sql, start_month)
    return (
        f"(CAST(CAST({start} AS INTEGER) AS VARCHAR) || '/' || "
        f"SUBSTRING(CAST(CAST({start} + 1 AS INTEGER) AS VARCHAR), 3, 2))"
    )


def fy_label_of(year: int) -> str:
    """The label of the financial year starting in ``year``."""
    return f"{year}/{str(year + 1)[2:]}"


def fy_bounds(label: str, start_month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year given its label."""
    start = dt.date(int(label[:4]), start_month, 1)
    end = dt.date(start.year + 1, start_month, 1) - dt.timedelta(days=1)
    return start, end


def register_definition(warehouse: Warehouse, definition: Definition) -> None:
    """Register the definition's lookups: the offence map and the SV versions."""
    groups = pd.DataFrame(
        [
            {"code": code, "group_id": g.id, "group_label": g.label, "family": g.family}
            for g in definition.offence_groups
            for code in g.codes
        ]
    )
    warehouse.register(OFFENCE_MAP, groups)
    versions = definition.serious_violence.versions
    rows = []
    for version, following in zip(versions, [*versions[1:], None], strict=True):
        until = following.from_ if following else FAR_FUTURE
        rows += [
            {"group_id": g, "valid_from": version.from_, "valid_until": until}
            for g in version.groups
        ]
    frame = pd.DataFrame(rows)
    frame["valid_from"] = pd.to_datetime(frame["valid_from"]).dt.date
    frame["valid_until"] = pd.to_datetime(frame["valid_until"]).dt.date
    warehouse.register(SV_VERSIONS, frame)


def canonical_code_sql(column: str) -> str:
    """SQL normalising an offence code: trimmed, upper-case, ``4.1`` → ``4/1``."""
    return f"UPPER(TRIM(REPLACE({column}, '.', '/')))"


def classified_occurrences_sql(definition: Definition) -> str:
    """SQL: every occurrence with its group, family, FY and serious-violence flags.

    ``is_sv`` applies the definition in force on the occurrence's date and the
    exclusions; ``is_knife`` is serious violence with the knife flag.
    """
    start = definition.financial_year_start_month
    excl_da = "TRUE" if definition.serious_violence.exclude_domestic_abuse else "FALSE"
    excluded = ", ".join(f"'{g}'" for g in definition.serious_violence.excluded_groups)
    not_excluded = (
        f"AND COALESCE(m.group_id, '') NOT IN ({excluded})" if excluded else ""
    )
    return f"""
    SELECT o.*,
           COALESCE(m.group_id, 'other') AS group_id,
           COALESCE(m.group_label, 'Other') AS group_label,
           COALESCE(m.family, 'other') AS family,
           {fy_label("o.committed_date", start)} AS fy,
           (EXISTS (SELECT 1 FROM {SV_VERSIONS} v
                    WHERE v.group_id = m.group_id
                      AND o.committed_date >= v.valid_from
                      AND o.committed_date < v.valid_until)
            {not_excluded}
            AND NOT ({excl_da} AND COALESCE(o.domestic_abuse_flag, FALSE))) AS is_sv
    FROM occurrences o
    LEFT JOIN {OFFENCE_MAP} m ON m.code = {canonical_code_sql("o.offence_code")}
    """


def sv_occurrences_sql(definition: Definition) -> str:
    """SQL: serious-violence occurrences with ``is_knife``."""
    flag = definition.knife_crime.flag
    return (
        f"SELECT c.*, COALESCE(c.{flag}, FALSE) AS is_knife "
        f"FROM ({classified_occurrences_sql(definition)}) c WHERE c.is_sv"
    )


def persons_sql() -> str:
    """SQL: persons with offenders counted as suspects."""
    return (
        "SELECT p.*, CASE WHEN p.role = 'offender' THEN 'suspect' ELSE p.role END "
        "AS person_role FROM persons p"
    )


def make_context(
    warehouse: Warehouse, definition: Definition, tables: frozenset[str]
) -> Context:
    """Work out the report period from the data and register the definition."""
    register_definition(warehouse, definition)
    start = definition.financial_year_start_month
    bounds = warehouse.query(
        "SELECT MIN(committed_date) AS first_day, MAX(committed_date) AS last_day "
        "FROM occurrences"
    ).to_dict("records")[0]
    if pd.isna(bounds["first_day"]):
        latest = dt.date.today().replace(day=1)
        return Context(warehouse, definition, (), (), latest, tables)
    first = pd.Timestamp(bounds["first_day"]).date()
    last = pd.Timestamp(bounds["last_day"]).date()
    latest_month = last.replace(day=1)
    first_month = first.replace(day=1)
    complete = []
    year = first.year if first.month >= start else first.year - 1
    while True:
        fy_first, fy_last = fy_bounds(fy_label_of(year), start)
        if fy_last.replace(day=1) > latest_month:
            break
        if fy_first >= first_month:
            complete.append(fy_label_of(year))
        year += 1
    period = definition.report_period
    ending = [y for y in complete if period.end_year is None or y <= period.end_year]
    years = tuple(ending[-period.years :])
    return Context(warehouse, definition, years, tuple(complete), latest_month, tables)


def report_labels(ctx: Context) -> tuple[str, str]:
    """The report's area name and period label.

    The definition's ``area_name`` may hold ``{force}``, filled with the force
    named in the data (data.police.uk's ``Reported by``); with no complete
    financial year, the period is the span of months in the data.
    """
    area = ctx.definition.area_name
    if "{force}" in area:
        force = ""
        if ctx.has("occurrences") and "extra_reported_by" in ctx.warehouse.columns(
            "occurrences"
        ):
            names = ctx.query(
                "SELECT DISTINCT extra_reported_by AS name FROM occurrences "
                "WHERE extra_reported_by IS NOT NULL ORDER BY name"
            )["name"]
            force = ", ".join(str(n) for n in names)
        area = area.replace("{force}", force or "the force area")
    if ctx.years:
        return area, f"{ctx.years[0]} to {ctx.years[-1]}"
    bounds = ctx.query(
        "SELECT MIN(committed_date) AS first_day, MAX(committed_date) AS last_day "
        "FROM occurrences"
    ).to_dict("records")[0]
    if pd.isna(bounds["first_day"]):
        return area, "no data"
    first = pd.Timestamp(bounds["first_day"]).strftime("%Y-%m")
    last = pd.Timestamp(bounds["last_day"]).strftime("%Y-%m")
    return area, first if first == last else f"{first} to {last}"
