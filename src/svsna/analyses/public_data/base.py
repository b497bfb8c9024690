"""What the data.police.uk chapters share: the rows they count and the window.

The importer (:mod:`svsna.adapters.police_uk`) keeps every street-file row and
flags those outside the force's own districts (``in_force_area``, loaded as
``extra_in_force_area``); every public-data table counts only the force's own
rows. When the data did not come through the importer, the ``districts``
table, else any known district, stands for the force's area.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.sql import is_in, month_label_sql, not_in

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.results import Table

FLAG = "extra_in_force_area"
CATEGORY = "extra_last_outcome_category"
LIMITATIONS = (
    "No victims or suspects: public data hold no people, so nothing here is about "
    "age, sex, ethnicity, repeat victims or suspects of crime.",
    "No day or time: each crime carries only its month, so there is no "
    "time-of-day, day-of-week or night-time-economy analysis, and crime near "
    "schools cannot be limited to school hours.",
    "No near repeats: the Knox test pairs offences by the days between them, and "
    "public data give only the month of each crime.",
    "Snapped locations: each point is moved to the nearest of about 750,000 "
    "anonymous map points, so places are shown at LSOA level and above only.",
    "No flags: no domestic-abuse, knife, firearm or alcohol flag, so domestic "
    "abuse cannot be taken out and knife crime cannot be shown.",
    "Broad categories: 'Violence and sexual offences' also holds common assault, "
    "harassment and sexual offences; it is far broader than serious violence.",
)


def own_sql(ctx: Context, alias: str = "o") -> str:
    """SQL condition: the row lies in the force's own districts."""
    if ctx.has("occurrences") and FLAG in ctx.warehouse.columns("occurrences"):
        return f"{alias}.{FLAG} = 'true'"
    if ctx.has("districts"):
        return f"{alias}.district IN (SELECT district FROM districts)"
    return f"{alias}.district IS NOT NULL"


def crimes_sql(ctx: Context) -> str:
    """SQL: the force's own rows with month label, crime type, group and crime flag."""
    not_crime = not_in("c.group_id", ctx.definition.public_data.not_crime_groups)
    proxy = is_in("c.group_id", ctx.definition.hotspots.groups)
    return f"""
    SELECT c.*, {month_label_sql("c.committed_date")} AS month_label,
           c.offence_description AS crime_type,
           ({not_crime}) AS is_crime,
           ({proxy}) AS is_proxy
    FROM ({classified_occurrences_sql(ctx.definition)}) c
    WHERE {own_sql(ctx, "c")}
    """


def stage_sql(stages: dict[str, tuple[str, ...]], column: str) -> str:
    """SQL CASE giving the stage of a last-outcome category (lower-cased)."""
    whens = " ".join(
        f"WHEN {is_in(f'LOWER(TRIM({column}))', cats)} THEN '{stage}'"
        for stage, cats in stages.items()
    )
    return (
        f"CASE WHEN {column} IS NULL THEN 'no outcome recorded' {whens} "
        "ELSE 'other' END"
    )


def months_present(ctx: Context) -> list[str]:
    """Every ``YYYY-MM`` with at least one own row, oldest first."""
    frame = ctx.query(
        f"SELECT DISTINCT month_label FROM ({crimes_sql(ctx)}) t ORDER BY month_label"
    )
    return [str(m) for m in frame["month_label"]]


def window(months: list[str], length: int) -> list[str]:
    """The latest ``length`` calendar months ending with the latest month present.

    Examples
    --------
    >>> window(["2024-01", "2025-11", "2025-12"], 3)
    ['2025-10', '2025-11', '2025-12']
    """
    if not months:
        return []
    end = pd.Period(months[-1], freq="M")
    return [str(end - k) for k in range(length - 1, -1, -1)]


def latest_months(ctx: Context, months: list[str] | None = None) -> list[str]:
    """The months present in the latest ``hotspots.months`` calendar months.

    ``months`` are those present when the caller has them already (else they
    are asked of the warehouse, :func:`months_present`).
    """
    present = months_present(ctx) if months is None else months
    return [m for m in window(present, ctx.definition.hotspots.months) if m in present]


def significant_digits(value: float, digits: int = 4) -> float:
    """``value`` to ``digits`` significant digits, so a tiny p-value never reads 0.

    Examples
    --------
    >>> significant_digits(0.0112345), significant_digits(3.2e-27)
    (0.01123, 3.2e-27)
    """
    return float(f"{value:.{digits}g}")


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with nullable (extension) columns as plain objects, NA as None.

    Renderers compare cells with ``!=``, which ``pd.NA`` refuses.

    Examples
    --------
    >>> plain(pd.DataFrame({"n": pd.array([1, None], dtype="Int64")}))["n"].tolist()
    [1, None]
    """
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.api.extensions.ExtensionDtype):
            values = out[column].astype(object)
            out[column] = values.where(values.notna(), None)
    return out


def plain_tables(tables: tuple[Table, ...] | list[Table]) -> tuple[Table, ...]:
    """Every table with :func:`plain` data."""
    return tuple(t.with_data(plain(t.data)) for t in tables)
