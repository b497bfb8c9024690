"""Firearms as a share of possession offences, by year since the data begin.

The reference SNA says "Firearms account for 16% of possession offences.
Firearms possession has increased since 2019 ... this should be explored
further." This chapter counts the serious-violence possession offences of
every complete financial year in the data (not only the report period), and
among them those involving firearms: a firearms code (``sna.firearms.codes``:
10A, 10B, 81 by default) or the firearm flag. Each share carries its Wilson
interval; the first and last years are compared with Fisher's exact test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import canonical_code_sql, sv_occurrences_sql
from svsna.analyses.core.figures import complete, pct
from svsna.analyses.core.sql import in_list, is_in
from svsna.results import Cells, Chart, Finding, Margin, Section, Table
from svsna.stats.proportions import proportion
from svsna.stats.trends import ratio_change_test

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context

TABLE = "firearms_share"
COUNTS = ("possession_offences", "firearms")


def _firearm_sql(ctx: Context) -> str:
    settings = ctx.definition.sna.firearms
    code = is_in(canonical_code_sql("s.offence_code"), settings.codes)
    columns = ctx.warehouse.columns("occurrences")
    if settings.flag and settings.flag in columns:
        return f"({code} OR COALESCE(s.{settings.flag}, FALSE))"
    return f"({code})"


def by_year(ctx: Context) -> pd.DataFrame:
    """Possession offences and those with firearms, every complete year, with shares."""
    settings = ctx.definition.sna.firearms
    raw = ctx.query(f"""
        SELECT s.fy AS year, COUNT(*) AS possession_offences,
               SUM(CASE WHEN {_firearm_sql(ctx)} THEN 1 ELSE 0 END) AS firearms
        FROM ({sv_occurrences_sql(ctx.definition)}) s
        WHERE s.group_id IN {in_list(settings.possession_groups)}
          AND s.fy IN {in_list(ctx.complete_years)}
        GROUP BY s.fy
    """)
    frame = complete(raw, {"year": list(ctx.complete_years)}, values=COUNTS)
    frame["pct"] = pct(frame["firearms"], frame["possession_offences"])
    level = ctx.definition.trends.confidence_level
    limits = [
        proportion(int(f), int(n), level=level) if n else None
        for f, n in zip(frame["firearms"], frame["possession_offences"], strict=True)
    ]
    frame["lower"] = [round(p.lower, 1) if p else None for p in limits]
    frame["upper"] = [round(p.upper, 1) if p else None for p in limits]
    return frame


def _margins(ctx: Context) -> tuple[Margin, ...]:
    """The report years' possession offences are sv_yearly's, when the groups are its own."""
    family = {
        g.id
        for g in ctx.definition.offence_groups
        if g.family == "possession of weapons"
    }
    if set(ctx.definition.sna.firearms.possession_groups) != family:
        return ()
    return (
        Margin(
            "sv_yearly",
            by=("year",), column="possession_offences", total_column="all",
            at={"measure": "serious violence", "group": "possession of weapons"},
        ),
    )


def _finding(ctx: Context, frame: pd.DataFrame) -> Finding | None:
    known = frame[frame["possession_offences"] > 0]
    if len(known) < 2:
        return None
    first, last = known.iloc[0], known.iloc[-1]
    test = ratio_change_test(
        (int(first["firearms"]), int(first["possession_offences"] - first["firearms"])),
        (int(last["firearms"]), int(last["possession_offences"] - last["firearms"])),
        alpha=ctx.definition.trends.alpha,
    )
    cells = {
        f"{name}_{when}": Cells(TABLE, column, {"year": row["year"]})
        for when, row in (("first", first), ("last", last))
        for name, column in (("firearms", "firearms"), ("all", "possession_offences"))
    }
    return Finding(
        id="firearms_share_change",
        text=f"Firearms made up {last['pct']}% of serious-violence possession offences "
        f"in {last['year']} ({int(last['firearms']):,} of "
        f"{int(last['possession_offences']):,}; 95% interval {last['lower']}% to "
        f"{last['upper']}%), against {first['pct']}% in {first['year']}, the first "
        "complete year of the data.",
        current=float(last["pct"]), previous=float(first["pct"]),
        current_label=str(last["year"]), previous_label=str(first["year"]),
        significant=test.significant, p_value=test.p_value,
        unit="%",
        lower=last["lower"],
        upper=last["upper"],
        test=test.words("firearms offences", "other possession offences"),
        cites=cells,
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Possession offences and the firearms among them, every complete year."""
    frame = by_year(ctx)
    table = Table(
        id=TABLE, title="Firearms among serious-violence possession offences, by year",
        data=frame,
        caption="Every complete financial year in the data; firearms: a firearms "
        "offence code or the firearm flag; lower/upper: 95% Wilson interval of pct.",
        count_columns=COUNTS,
        derived_columns={c: COUNTS for c in ("pct", "lower", "upper")},
        margins=_margins(ctx),
    )
    chart = Chart(
        id="firearms_share_chart",
        title="Firearms as a share of possession offences, by year",
        kind="line", data=frame[["year", "pct"]],
        x="year", y="pct",
        y_title="% of possession offences",
        alt_text="Line chart of the percentage of serious-violence possession "
        "offences involving firearms, by financial year: {values}.",
        table=TABLE,
    )
    found = _finding(ctx, frame)
    return Section(
        *heading,
        tables=(table,),
        charts=(chart,),
        findings=(found,) if found else (),
    )


CHAPTER = Chapter(
    "firearms", "Firearms among possession offences", analyse, needs=("occurrences",),
    part="recommended analyses", reference="2.4",
)
