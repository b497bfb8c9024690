"""Where an intervention ran: its named areas, found in the data, and their monthly counts.

An intervention's ``areas`` are ``;``-separated names of NTE areas,
neighbourhoods or districts. Each name is matched (trimmed, case-insensitive)
against the NTE areas first, then the neighbourhoods, then the districts, so
that "Ripley" the NTE area wins over a neighbourhood of the same name. Serious
violence (by the definition in force on each day) is then counted by month in
those areas (the target) and in every other place with a known district (the
comparison); occurrences with no district recorded are in neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.classify import sv_occurrences_sql
from svsna.analyses.core.maps import nte_membership_sql
from svsna.analyses.core.months import join_words
from svsna.analyses.core.sql import is_in, literal, month_label_sql

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

#: Kinds of area in the order a name is looked for, with their table and column.
KINDS = (
    ("NTE area", "nte_areas", "nte_area"),
    ("neighbourhood", "neighbourhoods", "neighbourhood"),
    ("district", "districts", "district"),
)


def key(name: str) -> str:
    """A name as it is matched: trimmed and upper-case."""
    return name.strip().upper()


@dataclass(frozen=True)
class Areas:
    """An intervention's areas found in the data, by kind, and the names not found."""

    found: dict[str, tuple[str, ...]]
    unknown: tuple[str, ...]

    def words(self) -> str:
        """``Ripley and Ilkeston (NTE areas); Derby (district)``."""
        parts = []
        for kind, names in self.found.items():
            plural = kind if len(names) == 1 else f"{kind}s"
            parts.append(f"{join_words(list(names))} ({plural})")
        return "; ".join(parts)


def known_names(ctx: Context) -> dict[str, dict[str, str]]:
    """Each kind's names in the data, by their matching key."""
    names: dict[str, dict[str, str]] = {}
    for kind, table, column in KINDS:
        sources = [table] if ctx.has(table) else []
        if kind != "NTE area" and ctx.has("occurrences"):
            sources.append("occurrences")
        found: dict[str, str] = {}
        for source in sources:
            values = ctx.query(
                f"SELECT DISTINCT {column} AS name FROM {source} "
                f"WHERE {column} IS NOT NULL ORDER BY 1"
            )["name"]
            found.update({key(str(v)): str(v) for v in values if str(v).strip()})
        names[kind] = found
    return names


def resolve(text: str | None, known: dict[str, dict[str, str]]) -> Areas:
    """The named areas of ``text`` (``;``-separated), by kind, and those not found."""
    found: dict[str, list[str]] = {}
    unknown = []
    for name in (n.strip() for n in (text or "").split(";")):
        if not name:
            continue
        kind = next((k for k, _, _ in KINDS if key(name) in known.get(k, {})), None)
        if kind is None:
            unknown.append(name)
            continue
        canonical = known[kind][key(name)]
        if canonical not in found.setdefault(kind, []):
            found[kind].append(canonical)
    return Areas({k: tuple(v) for k, v in found.items()}, tuple(unknown))


def _nte_sql(ctx: Context, names: tuple[str, ...]) -> list[str]:
    """SQL selecting the ids (from ``sv``) inside the named NTE areas."""
    wanted = [key(n) for n in names]
    return [
        f"SELECT p.occurrence_id FROM ({nte_membership_sql(ctx, 'sv')}) p "
        f"WHERE {is_in('UPPER(TRIM(p.nte_area))', wanted)}"
    ]


def target_sql(ctx: Context, areas: Areas) -> str:
    """SQL: the ids of ``sv`` rows inside any of the areas."""
    ways = []
    for kind, _, column in KINDS:
        names = areas.found.get(kind, ())
        if not names:
            continue
        if kind == "NTE area":
            ways += _nte_sql(ctx, names)
        else:
            keys = [key(n) for n in names]
            ways.append(
                f"SELECT occurrence_id FROM sv WHERE "
                f"{is_in(f'UPPER(TRIM({column}))', keys)}"
            )
    return " UNION ".join(ways) or "SELECT occurrence_id FROM sv WHERE FALSE"


def monthly_counts(
    ctx: Context, areas: Areas, first: dt.date, last: dt.date
) -> pd.DataFrame:
    """Serious violence by month from ``first`` to ``last`` (first days): target and rest.

    Columns ``month`` (``YYYY-MM``), ``target``, ``comparison``; every month
    present, zeros included.
    """
    until = (pd.Timestamp(last) + pd.offsets.MonthBegin(1)).date()
    columns = (
        "occurrence_id, committed_date, district, neighbourhood, lsoa_code, "
        "easting, northing"
    )
    counts = ctx.query(f"""
        WITH sv AS (
            SELECT {columns} FROM ({sv_occurrences_sql(ctx.definition)}) s
            WHERE s.committed_date >= {literal(first)}
              AND s.committed_date < {literal(until)}
        ),
        target AS ({target_sql(ctx, areas)})
        SELECT {month_label_sql("sv.committed_date")} AS month,
               SUM(CASE WHEN t.occurrence_id IS NULL THEN 0 ELSE 1 END) AS target,
               SUM(CASE WHEN t.occurrence_id IS NULL THEN 1 ELSE 0 END) AS comparison
        FROM sv
        LEFT JOIN (SELECT DISTINCT occurrence_id FROM target) t
          ON t.occurrence_id = sv.occurrence_id
        WHERE t.occurrence_id IS NOT NULL
           OR COALESCE(TRIM(sv.district), '') <> ''
        GROUP BY 1
    """)
    months = pd.period_range(first, last, freq="M").strftime("%Y-%m")
    frame = pd.DataFrame({"month": list(months)}).merge(counts, on="month", how="left")
    for column in ("target", "comparison"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame
