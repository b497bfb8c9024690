"""Chapter 3: serious violence and knife crime, the yearly picture.

Serious violence is classified per occurrence by the definition in force on its
date (so ABH joins from 2025-09-01 by default); knife crime is serious violence
with the knife flag. Tables: ``sv_yearly``, ``knife_share``, ``vwi_breakdown``,
``abh_yearly``, ``sv_cost`` and ``sv_district_share``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.comparisons import (
    TwoPeriods,
    monthly_counts,
    sv_change,
    sv_counts,
    sv_span,
)
from svsna.analyses.core.figures import (
    change_finding,
    change_sentence,
    complete,
    pct,
    thousands,
    total_rows,
)
from svsna.analyses.core.series_break import Basis, long_date
from svsna.analyses.core.sql import (
    district_sql,
    in_list,
    literal,
    materialise,
    period_sv_sql,
    sv_groups_in_period,
)
from svsna.analyses.police.people import young_counts_sql
from svsna.analyses.police.yearly import (
    COUNTS,
    KNIFE,
    SV,
    TOTAL,
    sv_yearly,
    yearly_row,
    yearly_table,
)
from svsna.results import Cells, Chart, Finding, Margin, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

VWI = "violence with injury"
HOMICIDE = "homicide"
#: The area's serious-violence total of each year, which districts add up to.
AREA_TOTAL = yearly_row(SV)


def analyse(ctx: Context, heading: Heading) -> Section:
    """Yearly serious violence and knife crime, costs, ABH and districts."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    occurrences = materialise(ctx, period_sv_sql(ctx), "svsna_sv_period")
    yearly = sv_yearly(ctx, occurrences)
    share = knife_share(yearly)
    cost = sv_cost(ctx, yearly)
    districts = district_share(ctx, occurrences)
    vwi = vwi_breakdown(ctx, occurrences)
    abh = abh_yearly(ctx)
    tables = (
        yearly_table(
            ctx,
            "sv_yearly",
            "Serious violence and knife crime by offence group and year",
            yearly,
            fixed_form=True,
        ),
        Table(
            "knife_share", "Share of serious violence involving knives",
            share,
            count_columns=("serious_violence", "knife_crime"),
            derived_columns={"pct_knife": ("serious_violence", "knife_crime")},
            margins=_share_margins(),
        ),
        _vwi_table(vwi),
        Table(
            "abh_yearly", "Assault occasioning actual bodily harm (ABH) by year",
            abh,
            caption="All ABH occurrences, whether or not in serious violence on "
            "their date, with the serious-violence exclusions applied.",
            count_columns=COUNTS,
        ),
        _cost_table(ctx, cost),
        Table(
            "sv_district_share", "Serious violence by district, share of the year",
            districts,
            count_columns=("count",),
            derived_columns={"pct": ("count",)},
            shares={"pct": ("year",)},
            margins=(AREA_TOTAL, Margin("sv_by_district", by=("district", "year"))),
        ),
    )
    return Section(
        *heading,
        tables=tables,
        charts=_charts(yearly, districts),
        findings=tuple(
            f
            for f in [*_findings(ctx, yearly, cost), *_more_findings(ctx, vwi, abh)]
            if f is not None
        ),
    )


def _share_margins() -> tuple[Margin, ...]:
    """``knife_share`` repeats the yearly totals of ``sv_yearly``."""
    measures = {
        "all": "all",
        "victims 18 and under": "victims_18_under",
        "suspects 18 and under": "suspects_18_under",
    }
    return tuple(
        Margin(
            "sv_yearly",
            by=("year",), column=column, total_column=total_column,
            where={"measure": label},
            at={"measure": measure, "group": TOTAL},
        )
        for label, total_column in measures.items()
        for column, measure in (("serious_violence", SV), ("knife_crime", KNIFE))
    )


def knife_share(yearly: pd.DataFrame) -> pd.DataFrame:
    """% of serious violence that is knife crime, for each count of ``sv_yearly``."""
    totals = yearly[yearly["group"] == TOTAL]
    sv = totals[totals["measure"] == SV].set_index("year")
    knife = totals[totals["measure"] == KNIFE].set_index("year")
    labels = {
        "all": "all",
        "victims_18_under": "victims 18 and under",
        "suspects_18_under": "suspects 18 and under",
    }
    frames = [
        pd.DataFrame(
            {
                "measure": label,
                "year": sv.index,
                "serious_violence": sv[column].to_numpy(),
                "knife_crime": knife[column].reindex(sv.index).to_numpy(),
            }
        )
        for column, label in labels.items()
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["pct_knife"] = pct(frame["knife_crime"], frame["serious_violence"])
    return frame


def vwi_breakdown(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Serious-violence occurrences of each violence-with-injury sub-group by year."""
    groups = [
        g
        for g in ctx.definition.offence_groups
        if g.id in sv_groups_in_period(ctx) and g.family == VWI
    ]
    sql = f"""
    SELECT group_label AS subgroup, fy AS year, COUNT(*) AS count
    FROM ({occurrences}) s
    WHERE s.group_id IN {in_list(g.id for g in groups)}
    GROUP BY group_label, fy
    """
    levels = {"subgroup": [g.label for g in groups], "year": list(ctx.years)}
    return complete(ctx.query(sql), levels)


def abh_sql(ctx: Context) -> str:
    """SQL: every ABH occurrence, in serious violence or not, with its exclusions."""
    definition = ctx.definition
    excluded = definition.serious_violence.exclude_domestic_abuse
    exclusion = " AND NOT COALESCE(c.domestic_abuse_flag, FALSE)" if excluded else ""
    return f"""
    SELECT c.* FROM ({classified_occurrences_sql(definition)}) c
    WHERE c.group_id = {literal(definition.abh_group)}{exclusion}
    """


def abh_yearly(ctx: Context) -> pd.DataFrame:
    """ABH occurrences by year: all, with a victim / suspect aged 18 or under."""
    definition = ctx.definition
    columns = ["year", *COUNTS]
    if definition.abh_group is None:
        return pd.DataFrame(columns=columns)
    occurrences = (
        f"SELECT a.* FROM ({abh_sql(ctx)}) a WHERE a.fy IN {in_list(ctx.years)}"
    )
    raw = ctx.query(
        young_counts_sql(occurrences, definition.young_person_max_age, ("fy",))
    ).rename(
        columns={
            "fy": "year",
            "n_all": "all",
            "n_victims": "victims_18_under",
            "n_suspects": "suspects_18_under",
        }
    )
    return complete(raw, {"year": list(ctx.years)}, values=COUNTS)[columns]


def sv_cost(ctx: Context, yearly: pd.DataFrame) -> pd.DataFrame:
    """Unit cost × serious-violence offences by group and year, with a total per year."""
    costs = ctx.definition.unit_costs.by_family
    rows = yearly[(yearly["measure"] == SV) & (yearly["group"] != TOTAL)].copy()
    rows = rows.rename(columns={"all": "offences"})[["year", "group", "offences"]]
    rows["unit_cost"] = rows["group"].map(lambda g: costs.get(g, 0)).astype("int64")
    rows["cost"] = rows["offences"] * rows["unit_cost"]
    totals = rows.groupby("year", as_index=False)[["offences", "cost"]].sum()
    totals["group"] = TOTAL
    totals["unit_cost"] = None
    frame = pd.concat([rows, totals], ignore_index=True)
    order = {g: i for i, g in enumerate([*rows["group"].drop_duplicates(), TOTAL])}
    frame["_year"] = frame["year"].map({y: i for i, y in enumerate(ctx.years)})
    frame["_group"] = frame["group"].map(order)
    frame = frame.sort_values(["_year", "_group"]).reset_index(drop=True)
    # Whole numbers with an empty total cell (object, not Int64: no pd.NA).
    frame["unit_cost"] = pd.Series(
        [None if pd.isna(v) else int(v) for v in frame["unit_cost"]],
        index=frame.index,
        dtype="object",
    )
    return frame[["year", "group", "offences", "unit_cost", "cost"]]


def district_share(ctx: Context, occurrences: str) -> pd.DataFrame:
    """Serious violence by district and year with its % of the year's total."""
    sql = f"""
    SELECT {district_sql("s.district")} AS district, fy AS year, COUNT(*) AS count
    FROM ({occurrences}) s
    GROUP BY {district_sql("s.district")}, fy
    """
    raw = ctx.query(sql)
    districts = sorted(d for d in raw["district"].unique() if d != "unknown")
    if (raw["district"] == "unknown").any():
        districts.append("unknown")
    frame = complete(raw, {"year": list(ctx.years), "district": districts})
    frame = frame[["district", "year", "count"]]
    year_total = frame.groupby("year")["count"].transform("sum")
    frame["pct"] = pct(frame["count"], year_total)
    return frame


def _series(
    yearly: pd.DataFrame, measure: str, group: str, column: str
) -> dict[str, int]:
    rows = yearly[(yearly["measure"] == measure) & (yearly["group"] == group)]
    return dict(zip(rows["year"], rows[column].astype(int), strict=True))


def _findings(
    ctx: Context, yearly: pd.DataFrame, cost: pd.DataFrame
) -> list[Finding | None]:
    """The headline changes (like for like), the cost and the homicides."""
    latest = ctx.years[-1]
    found: list[Finding | None] = []
    compared = sv_span(ctx)
    if compared is not None:
        span, basis = compared
        counts = sv_counts(ctx, span, basis)
        alpha = ctx.definition.trends.alpha
        for finding_id, subject, rows, cells in (
            ("sv_change", "Serious violence", counts, _yearly_cells(SV, TOTAL)),
            (
                "knife_change",
                "Knife crime",
                counts[counts["is_knife"]],
                _yearly_cells(KNIFE, TOTAL),
            ),
            (
                "vwi_change",
                "Violence with injury",
                counts[counts["family"] == VWI],
                _yearly_cells(SV, VWI),
            ),
        ):
            found.append(
                sv_change(
                    rows,
                    span,
                    basis,
                    finding_id=finding_id,
                    subject=subject,
                    alpha=alpha,
                    cells=cells,
                )
            )
        found.append(_cost_finding(ctx, counts, span, basis))
    homicides = _series(yearly, SV, HOMICIDE, "all").get(latest, 0)
    knife_homicides = _series(yearly, KNIFE, HOMICIDE, "all").get(latest, 0)
    found.append(
        Finding(
            "homicides",
            f"There {'was' if homicides == 1 else 'were'} {homicides} "
            f"homicide{'' if homicides == 1 else 's'} in {latest}; "
            f"{knife_homicides} involved knives.",
            current=homicides,
            current_label=latest,
            cites={
                "current": _yearly_cells(SV, HOMICIDE).at(year=latest),
                "knives": _yearly_cells(KNIFE, HOMICIDE).at(year=latest),
            },
            withheld_text=f"There were {{current}} homicides in {latest}; "
            "{knives} involved knives.",
        )
    )
    return found


def _yearly_cells(measure: str, group: str) -> Cells:
    """The ``sv_yearly`` cells of one measure and group (one a year)."""
    return Cells("sv_yearly", "all", {"measure": measure, "group": group})


def _cost_finding(
    ctx: Context, counts: pd.DataFrame, span: TwoPeriods, basis: Basis
) -> Finding:
    """The estimated cost in the last two years, like for like (never tested)."""
    unit = ctx.definition.unit_costs.by_family
    priced = counts.assign(cost=counts["count"] * counts["family"].map(unit).fillna(0))
    common = priced[priced["common"]].groupby("year")["cost"].sum()
    previous = float(common.get(span.previous, 0))
    current = float(common.get(span.current, 0))
    subject = "The estimated cost of serious violence"
    if basis.broken:
        subject += ", like for like,"
    text = change_sentence(subject, previous, current, span.previous, span.current, "£")
    if basis.broken:
        added = priced[~priced["common"]].groupby("year")["cost"].sum()
        extra = " and ".join(
            f"£{thousands(float(added[y]))} in {y}"
            for y in span.labels
            if float(added.get(y, 0))
        )
        text += f" Both years are costed without {basis.labels()} ({basis.words()})" + (
            f"; its offences add {extra}, not compared." if extra else "."
        )
    return Finding(
        "sv_cost_change",
        text,
        current=current, previous=previous,
        current_label=span.current, previous_label=span.previous,
        unit="£",
        test="Not tested: an estimate (offences times unit costs); the change in "
        "offences behind it is tested in the serious-violence finding.",
        cites={}
        if basis.broken
        else {
            "previous": Cells(
                "sv_cost", "cost", {"group": TOTAL, "year": span.previous}
            ),
            "current": Cells("sv_cost", "cost", {"group": TOTAL, "year": span.current}),
        },
    )


def _charts(yearly: pd.DataFrame, districts: pd.DataFrame) -> tuple[Chart, ...]:
    totals = yearly[yearly["group"] == TOTAL][["measure", "group", "year", "all"]]
    latest = districts[districts["year"] == districts["year"].max()]
    return (
        Chart(
            "sv_yearly_chart", "Serious violence and knife crime by year", "bar",
            totals,
            x="year", y="all", color="measure",
            alt_text="Bar chart of serious-violence and knife-crime occurrences "
            "in each financial year of the report period.",
            y_title="Occurrences", table="sv_yearly",
        ),
        Chart(
            "sv_district_share_chart", "Share of serious violence by district", "bar",
            latest,
            x="district", y="pct",
            alt_text="Bar chart of each district's percentage of serious violence "
            "in the latest financial year.",
            y_title="% of serious violence", table="sv_district_share",
        ),
    )


def _more_findings(
    ctx: Context, vwi: pd.DataFrame, abh: pd.DataFrame
) -> list[Finding | None]:
    """Changes of each violence-with-injury sub-group and of ABH."""
    compared = sv_span(ctx)
    if compared is None:
        return []
    span, basis = compared
    counts = sv_counts(ctx, span, basis)
    alpha = ctx.definition.trends.alpha
    labels = {g.label: g.id for g in ctx.definition.offence_groups}
    found: list[Finding | None] = []
    for name in vwi["subgroup"].drop_duplicates():
        group = labels.get(str(name), "")
        rows = counts[counts["group_id"] == group]
        if group in basis.changed:
            found.append(
                _joined_finding(
                    f"vwi_change/{name}", str(name), group, rows, span, basis
                )
            )
            continue
        found.append(
            sv_change(
                rows,
                span,
                basis,
                finding_id=f"vwi_change/{name}",
                subject=str(name),
                alpha=alpha,
                cells=Cells("vwi_breakdown", "count", {"subgroup": str(name)}),
            )
        )
    if not abh.empty and ctx.definition.abh_group:
        monthly = monthly_counts(ctx, abh_sql(ctx), "committed_date", span)
        found.append(
            change_finding(
                "abh_change",
                "ABH (all, in or out of serious violence)",
                dict(zip(abh["year"], abh["all"].astype(int), strict=True)),
                alpha=alpha,
                monthly=monthly,
                cells=Cells("abh_yearly", "all"),
            )
        )
    return found


def _vwi_table(vwi: pd.DataFrame) -> Table:
    """Violence with injury by sub-group; each year's sub-groups add up to its VWI row."""
    return Table(
        "vwi_breakdown", "Violence with injury in serious violence by sub-group",
        vwi,
        count_columns=("count",), fixed_form=True,
        margins=(yearly_row(SV, VWI),),
    )


def _cost_table(ctx: Context, cost: pd.DataFrame) -> Table:
    """The cost table; its offences are ``sv_yearly``'s, printed again."""
    return Table(
        "sv_cost", "Estimated cost of serious violence",
        cost,
        caption=f"Unit costs: {ctx.definition.unit_costs.source}, "
        f"{ctx.definition.unit_costs.price_base} prices.",
        count_columns=("offences",),
        derived_columns={"cost": ("offences",)},
        # A year's total cost weighs its offences by unit costs: with the
        # unit costs printed, it would give a withheld count away.
        derived_within={"cost": ("year",)},
        total_rows=total_rows(cost, "group", TOTAL),
        fixed_form=True,
        margins=(
            Margin(
                "sv_yearly",
                by=("year", "group"), column="offences", total_column="all",
                at={"measure": SV},
            ),
        ),
    )


def _joined_finding(
    finding_id: str,
    name: str,
    group: str,
    rows: pd.DataFrame,
    span: TwoPeriods,
    basis: Basis,
) -> Finding:
    """A group that joined or left serious violence: its counts, never a change."""
    yearly = rows.groupby("year")["count"].sum()
    counts = ", ".join(
        f"{thousands(int(yearly.get(y, 0)))} in {y}" for y in span.labels
    )
    change = next(c for c in basis.changes if c.group == group)
    return Finding(
        finding_id,
        f"{name} {'joined' if change.joined else 'left'} serious violence on "
        f"{long_date(change.date)}, so its serious-violence counts ({counts}) "
        "reflect the definition, not a change in violence; they are not compared.",
        current=float(yearly.get(span.current, 0)),
        current_label=span.current,
        test="Not tested: the definition changed between the two years.",
    )


CHAPTER = Chapter(
    "serious_violence_knife_crime", "Serious violence and knife crime", analyse,
    needs=("occurrences", "persons"), reference="3",
)
