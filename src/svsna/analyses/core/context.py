"""What every chapter is given: the warehouse, the definition and the report's periods.

The periods are worked out once from the data (the complete financial years,
the report period, the latest month) so that no chapter decides them alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.area import force_name
from svsna.analyses.core.classify import register_definition
from svsna.analyses.core.months import months_label
from svsna.analyses.core.periods import fy_bounds, fy_label_of, last_complete_month
from svsna.analyses.core.sql import month_label_sql
from svsna.config.environment import today

if TYPE_CHECKING:
    import datetime as dt

    from svsna.config import Definition
    from svsna.config.sna_settings import SnaSettings
    from svsna.results import Section
    from svsna.results.previous import PreviousBuild
    from svsna.warehouse import Warehouse


@dataclass(frozen=True)
class Context:
    """A run's warehouse, definition and periods, as every chapter sees them.

    ``years`` are the financial-year labels of the report period (oldest
    first); ``complete_years`` every complete financial year in the data;
    ``latest_month`` the first day of the last *complete* month (the data
    reach its last day, or the definition's extract date is on or after it):
    every year and window ends with it, so a short last month never reads as
    a fall.

    ``settings`` are the partnership's own words (``sna.yaml``), ``previous``
    an earlier build to compare with (``--previous``); both None when not
    given. ``sections`` holds the report's other chapters, given only to a
    chapter that reads the report itself (``Chapter.after_others``).
    """

    warehouse: Warehouse
    definition: Definition
    years: tuple[str, ...]
    complete_years: tuple[str, ...]
    latest_month: dt.date
    tables: frozenset[str]
    settings: SnaSettings | None = None
    previous: PreviousBuild | None = None
    sections: tuple[Section, ...] = ()

    def has(self, *tables: str) -> bool:
        """Whether every named contract table was loaded."""
        return all(t in self.tables for t in tables)

    def missing(self, *tables: str) -> tuple[str, ...]:
        """The named contract tables that were not loaded."""
        return tuple(t for t in tables if t not in self.tables)

    def query(self, sql: str) -> pd.DataFrame:
        """Run analysis SQL on the warehouse."""
        return self.warehouse.query(sql)


def make_context(
    warehouse: Warehouse,
    definition: Definition,
    tables: frozenset[str],
    *,
    settings: SnaSettings | None = None,
    previous: PreviousBuild | None = None,
) -> Context:
    """Work out the report period from the data and register the definition."""
    context = _periods(warehouse, definition, tables)
    return replace(context, settings=settings, previous=previous)


def _periods(
    warehouse: Warehouse, definition: Definition, tables: frozenset[str]
) -> Context:
    register_definition(warehouse, definition)
    start = definition.financial_year_start_month
    bounds = warehouse.query(
        "SELECT MIN(committed_date) AS first_day, MAX(committed_date) AS last_day "
        "FROM occurrences"
    ).to_dict("records")[0]
    if pd.isna(bounds["first_day"]):
        latest = today().replace(day=1)
        return Context(warehouse, definition, (), (), latest, tables)
    first = pd.Timestamp(bounds["first_day"]).date()
    last = pd.Timestamp(bounds["last_day"]).date()
    period = definition.report_period
    latest_month = last_complete_month(
        last, extract_date=period.extract_date, whole_months=period.whole_months
    )
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
    ending = [y for y in complete if period.end_year is None or y <= period.end_year]
    years = tuple(ending[-period.years :])
    return Context(warehouse, definition, years, tuple(complete), latest_month, tables)


def report_labels(ctx: Context) -> tuple[str, str]:
    """The report's area name and period label.

    The definition's ``area_name`` may hold ``{force}``, filled with the force
    named in the data (data.police.uk's ``Reported by``). Public data
    (``data_source: police_uk``) cover the months present, so their period is
    those months in words with every gap shown (``January to April 2024 and
    January to December 2025``); otherwise it is the report's financial years,
    or with none complete, the span of months in the data.
    """
    area = ctx.definition.area_name
    if "{force}" in area:
        area = area.replace("{force}", force_name(ctx) or "the force area")
    if not ctx.has("occurrences"):
        return area, "no data"
    if ctx.definition.data_source == "police_uk":
        months = ctx.query(
            f"SELECT DISTINCT {month_label_sql('committed_date')} AS month "
            "FROM occurrences WHERE committed_date IS NOT NULL"
        )["month"]
        return area, months_label(str(m) for m in months)
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
