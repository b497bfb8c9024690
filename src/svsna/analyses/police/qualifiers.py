"""Chapter 6: qualifiers — serious violence flagged as involving alcohol or drugs.

Qualifiers are optional on police records, so these shares are lower bounds;
an empty flag counts as "not recorded", never as "no".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import (
    complete,
    level_finding,
    pct,
    pct_value,
    total_rows,
)
from svsna.analyses.core.sql import (
    TOTAL,
    category_order,
    period_sv_sql,
    sv_groups_in_period,
)
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COUNTS = ("occurrences", "alcohol", "drugs", "alcohol_or_drugs")


def analyse(ctx: Context, heading: Heading) -> Section:
    """Alcohol and/or drugs share by offence category and year."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    frame = qualifiers(ctx)
    table = Table(
        "qualifiers", "Serious violence with an alcohol and/or drugs qualifier",
        frame,
        caption="Qualifiers are optional when a crime is recorded.",
        count_columns=COUNTS,
        derived_columns={"pct": ("alcohol_or_drugs", "occurrences")},
        total_rows=total_rows(frame, "offence", TOTAL),
        margins=_yearly_margins(ctx),
    )
    totals = frame[frame["offence"] == TOTAL]
    findings: list[Finding] = []
    occurrences = int(totals["occurrences"].sum())
    if occurrences:
        flagged = int(totals["alcohol_or_drugs"].sum())
        share = pct_value(flagged, occurrences)
        found = level_finding(
            "alcohol_or_drugs_share",
            f"Over the period {share}% of serious-violence occurrences involved "
            "alcohol, drugs or both.",
            float(share or 0),
            unit="%",
        )
        cites = {
            c: Cells("qualifiers", c, {"offence": TOTAL})
            for c in ("alcohol_or_drugs", "occurrences")
        }
        findings.append(replace(found, cites=cites))
    chart = Chart(
        "qualifiers_chart", "Alcohol and/or drugs share by offence", "bar",
        frame[frame["offence"] != TOTAL],
        x="offence", y="pct", color="year",
        alt_text="Bar chart of the percentage of serious-violence occurrences with "
        "an alcohol or drugs qualifier, by offence and financial year.",
        y_title="% of occurrences", table="qualifiers",
    )
    return Section(*heading, tables=(table,), charts=(chart,), findings=tuple(findings))


def _yearly_margins(ctx: Context) -> tuple[Margin, ...]:
    """Occurrences are sv_yearly's: each family's categories add up to its count."""
    families: dict[str, list[str]] = {TOTAL: [TOTAL]}
    family_of = {g.id: g.family for g in ctx.definition.offence_groups}
    for category in ctx.definition.offence_categories:
        owners = {family_of.get(g) for g in category.groups}
        if len(owners) == 1 and None not in owners:
            families.setdefault(str(owners.pop()), []).append(category.label)
    return tuple(
        Margin(
            "sv_yearly",
            by=("year",), column="occurrences", total_column="all",
            where={"offence": tuple(labels)},
            at={"measure": "serious violence", "group": family},
        )
        for family, labels in families.items()
    )


def qualifiers(ctx: Context) -> pd.DataFrame:
    """Occurrences, alcohol, drugs, either, and % either by offence category and year."""
    sql = f"""
    SELECT category AS offence, fy AS year, COUNT(*) AS occurrences,
           SUM(CASE WHEN COALESCE(alcohol_flag, FALSE) THEN 1 ELSE 0 END) AS alcohol,
           SUM(CASE WHEN COALESCE(drugs_flag, FALSE) THEN 1 ELSE 0 END) AS drugs,
           SUM(CASE WHEN COALESCE(alcohol_flag, FALSE) OR COALESCE(drugs_flag, FALSE)
                    THEN 1 ELSE 0 END) AS alcohol_or_drugs
    FROM ({period_sv_sql(ctx)}) s GROUP BY category, fy
    """
    raw = ctx.query(sql)
    totals = raw.groupby("year", as_index=False)[list(COUNTS)].sum()
    totals["offence"] = TOTAL
    categories = category_order(ctx.definition, sv_groups_in_period(ctx))
    frame = complete(
        pd.concat([raw, totals], ignore_index=True),
        {"offence": [*categories, TOTAL], "year": list(ctx.years)},
        values=COUNTS,
    )
    frame["pct"] = pct(frame["alcohol_or_drugs"], frame["occurrences"])
    return frame


CHAPTER = Chapter(
    "qualifiers", "Qualifiers", analyse, needs=("occurrences",), reference="6",
)
