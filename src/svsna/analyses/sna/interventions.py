"""Interventions: the partnership's register and, where it can, their association with violence.

The reference SNA describes nine programmes in words (chapter 21) with one
pilot's reoffending rate. Here the partnership lists them once (the optional
``interventions`` input); the chapter prints the register as given, each
description as plain text, and for every intervention that names its areas
and start date estimates how serious violence in those areas changed against
the rest of the area (:mod:`svsna.analyses.sna.intervention_effects`), saying
plainly that this is not proof of cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.windows import add_months
from svsna.analyses.sna.intervention_areas import known_names, resolve
from svsna.analyses.sna.intervention_effects import (
    CAUTION,
    Estimate,
    effect_chart,
    effect_finding,
    effects_table,
    estimate,
    events_table,
    windows,
)
from svsna.results import Section, Table

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

TEXT = ("provider", "description", "areas", "measure", "reported_result")
REGISTER = [
    "name", "provider", "areas", "age_range", "start_date", "end_date",
    "participants", "measure", "reported_result",
]  # fmt: skip


def age_range(low: object, high: object) -> str:
    """``13-25``, ``18+``, ``up to 17`` or blank.

    >>> age_range(13, 25), age_range(18, None), age_range(None, 17), age_range(None, None)
    ('13-25', '18+', 'up to 17', '')
    """
    low_, high_ = _whole(low), _whole(high)
    if low_ is not None and high_ is not None:
        return f"{low_}-{high_}"
    if low_ is not None:
        return f"{low_}+"
    return f"up to {high_}" if high_ is not None else ""


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(cast("Any", value)))


def _whole(value: object) -> int | None:
    """A whole number, None when missing."""
    return None if _missing(value) else int(float(str(value)))


def _day(value: object) -> dt.date | None:
    """A date, None when missing."""
    return None if _missing(value) else pd.Timestamp(str(value)).date()


def _date(value: object) -> str:
    day = _day(value)
    return day.isoformat() if day else ""


def register(ctx: Context) -> pd.DataFrame:
    """The interventions as given, oldest start first (undated last)."""
    rows = ctx.query("SELECT * FROM interventions ORDER BY start_date NULLS LAST, name")
    for column in TEXT:
        rows[column] = rows[column].fillna("").astype(str).str.strip()
    return rows


def register_table(rows: pd.DataFrame) -> Table:
    """``interventions``: the register in the fixed form."""
    frame = pd.DataFrame(
        {
            "name": rows["name"],
            "provider": rows["provider"],
            "areas": [
                "; ".join(n.strip() for n in a.split(";") if n.strip())
                for a in rows["areas"]
            ],
            "age_range": [
                age_range(a, b)
                for a, b in zip(rows["age_min"], rows["age_max"], strict=True)
            ],
            "start_date": rows["start_date"].map(_date),
            "end_date": rows["end_date"].map(_date),
            "participants": [_whole(v) for v in rows["participants"]],
            "measure": rows["measure"],
            "reported_result": rows["reported_result"],
        },
        columns=REGISTER,
    )
    return Table(
        id="interventions", title="Interventions", data=frame,
        caption="As the partnership recorded them; reported results are the "
        "providers' own and have not been checked against the data.",
        count_columns=("participants",), fixed_form=True,
    )


def _effects(ctx: Context, rows: pd.DataFrame) -> tuple[list[Estimate], list[str]]:
    """The estimates for interventions with areas and a start, and why others have none."""
    first = ctx.query("SELECT MIN(committed_date) AS d FROM occurrences")["d"].iloc[0]
    if pd.isna(first):
        return [], []
    day = pd.Timestamp(first).date()
    # Only whole months count: data starting mid-month start with the next one.
    first_month = day if day.day == 1 else add_months(day.replace(day=1), 1)
    known = known_names(ctx)
    estimates, reasons = [], []
    for row in rows.to_dict("records"):
        name = str(row["name"])
        if not row["areas"]:
            continue
        areas = resolve(row["areas"], known)
        if areas.unknown:
            reasons.append(
                f"{name}: no estimate, as {', '.join(areas.unknown)} is not an NTE "
                "area, neighbourhood or district of the data."
            )
            continue
        start = _day(row["start_date"])
        if start is None:
            continue
        span = windows(ctx, start, _day(row["end_date"]), first_month)
        result = span if isinstance(span, str) else estimate(ctx, name, areas, span)
        if isinstance(result, str):
            reasons.append(f"{name}: no estimate, as {result}.")
        else:
            estimates.append(result)
    return estimates, reasons


def _summary(rows: pd.DataFrame, estimates: list[Estimate]) -> list[str]:
    count = len(rows)
    lines = [
        f"The partnership recorded {count} intervention{'s' if count != 1 else ''}."
    ]
    for row in rows.to_dict("records"):
        if row["description"]:
            by = f" ({row['provider']})" if row["provider"] else ""
            lines.append(f"{row['name']}{by}: {row['description']}")
    undated = sum(
        1
        for row in rows.to_dict("records")
        if not row["areas"] or _day(row["start_date"]) is None
    )
    if undated:
        lines.append(
            f"{undated} intervention(s) name no areas or no start date, so no change "
            "in serious violence can be estimated for them."
        )
    if estimates:
        lines.append(CAUTION)
    return lines


def analyse(ctx: Context, heading: Heading) -> Section:
    """The register, each description, and the estimates where areas and dates allow."""
    rows = register(ctx)
    estimates, reasons = _effects(ctx, rows) if ctx.has("occurrences") else ([], [])
    alpha = ctx.definition.trends.alpha
    tables = [register_table(rows), effects_table(estimates, tuple(reasons))]
    if estimates:
        tables.append(events_table(estimates))
    return Section(
        *heading,
        summary=tuple(_summary(rows, estimates)),
        tables=tuple(tables),
        charts=tuple(effect_chart(e, i) for i, e in enumerate(estimates, start=1)),
        findings=tuple(effect_finding(e, alpha) for e in estimates),
    )


CHAPTER = Chapter(
    "interventions", "Interventions", analyse, needs=("interventions",),
    uses=("occurrences", "nte_areas", "neighbourhoods", "districts"), reference="21",
)
