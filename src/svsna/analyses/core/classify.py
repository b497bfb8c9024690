"""The definition as SQL: each occurrence classified by the definition in force on its date.

The definition becomes small lookup tables registered in the warehouse
(offence code → group, serious-violence versions by date); the SQL below joins
them so that each occurrence is classified by the definition in force on its
own date. The SQL is plain ANSI (CASE, EXISTS, joins) so that SQLGlot can
transpile it to Spark SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.periods import fy_label

if TYPE_CHECKING:
    from svsna.config import Definition
    from svsna.warehouse import Warehouse

OFFENCE_MAP = "svsna_offence_map"
SV_VERSIONS = "svsna_sv_versions"
FAR_FUTURE = dt.date(9999, 12, 31)


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
    # Dates stay Python dates: pandas before 3 cannot hold 9999-12-31 as a timestamp.
    warehouse.register(SV_VERSIONS, pd.DataFrame(rows))


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
