"""Chapter 11: police outcomes of serious-violence crimes.

Every complete financial year in the data (outcomes take time, so older years
are shown too). An outcome is positive when its Home Office number is in
``positive_outcomes``; no outcome number means the investigation is not yet
complete. Labels of outcome numbers come from ``outcome_labels``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import complete, level_finding, pct
from svsna.analyses.core.sql import period_sv_sql
from svsna.analyses.police.yearly import SV, yearly_row
from svsna.results import Cells, Chart, Finding, Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

POSITIVE, OTHER, OPEN = "positive", "other", "not yet complete"
TOP_OTHER = 5


def analyse(ctx: Context, heading: Heading) -> Section:
    """Positive, other and open outcomes by year, and the commonest other outcomes."""
    years = ctx.complete_years
    if not years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    raw = ctx.query(
        f"""
        SELECT fy AS year, outcome_code, COUNT(*) AS count
        FROM ({period_sv_sql(ctx, years=years)}) s
        GROUP BY fy, outcome_code
        """
    )
    outcomes = outcome_table(ctx, raw)
    others = top_other(ctx, raw)
    tables = (
        Table(
            "outcomes", "Outcomes of serious-violence crimes",
            outcomes,
            caption="Positive outcomes: Home Office outcome numbers "
            f"{', '.join(str(c) for c in ctx.definition.positive_outcomes)}.",
            count_columns=("count",),
            derived_columns={"pct_positive": ("count",)},
            # One share of the whole year, printed on each of its rows.
            derived_within={"pct_positive": ("year",)},
            fixed_form=True,
            margins=(yearly_row(SV),),
        ),
        Table(
            "outcomes_other_top", f"The {TOP_OTHER} commonest other outcomes",
            others,
            count_columns=("count",),
        ),
    )
    findings: list[Finding] = []
    latest = outcomes[outcomes["year"] == years[-1]]
    if not latest.empty and pd.notna(latest["pct_positive"].iloc[0]):
        share = float(latest["pct_positive"].iloc[0])
        still_open = int(latest.loc[latest["outcome_type"] == OPEN, "count"].iloc[0])
        found = level_finding(
            "outcomes_positive_latest",
            f"{share}% of serious-violence crimes in {years[-1]} had a positive "
            f"outcome; {still_open:,} were not yet complete.",
            share,
            label=years[-1],
            unit="%",
        )
        year = {"year": years[-1]}
        cites = {
            "share": Cells(
                "outcomes", "pct_positive", {**year, "outcome_type": POSITIVE}
            ),
            "open": Cells("outcomes", "count", {**year, "outcome_type": OPEN}),
        }
        findings.append(replace(found, cites=cites))
    chart = Chart(
        "outcomes_chart", "Positive outcome rate by year", "line",
        outcomes[outcomes["outcome_type"] == POSITIVE],
        x="year", y="pct_positive",
        alt_text="Line chart of the percentage of serious-violence crimes with a "
        "positive outcome in each financial year.",
        y_title="% positive", table="outcomes",
    )
    return Section(*heading, tables=tables, charts=(chart,), findings=tuple(findings))


def _outcome_type(codes: pd.Series, positive: tuple[int, ...]) -> pd.Series:
    kinds = pd.Series(OTHER, index=codes.index)
    kinds[codes.isin(positive)] = POSITIVE
    kinds[codes.isna()] = OPEN
    return kinds


def outcome_table(ctx: Context, raw: pd.DataFrame) -> pd.DataFrame:
    """The fixed-form ``outcomes`` table: year, outcome_type, count, pct_positive."""
    typed = raw.assign(
        outcome_type=_outcome_type(
            raw["outcome_code"], ctx.definition.positive_outcomes
        )
    )
    summed = typed.groupby(["year", "outcome_type"])["count"].sum().reset_index()
    frame = complete(
        summed,
        {"year": list(ctx.complete_years), "outcome_type": [POSITIVE, OTHER, OPEN]},
    )
    positive = frame["count"].where(frame["outcome_type"] == POSITIVE, 0)
    by_year = frame.groupby("year")
    frame["pct_positive"] = pct(
        positive.groupby(frame["year"]).transform("sum"),
        by_year["count"].transform("sum"),
    )
    return frame


def top_other(ctx: Context, raw: pd.DataFrame) -> pd.DataFrame:
    """The most common "other" outcome numbers over all years, counted per year.

    Ranked by their total over the complete years (ties by outcome number).
    Columns: rank, outcome_code, outcome, year, count.
    """
    columns = ["rank", "outcome_code", "outcome", "year", "count"]
    positive = ctx.definition.positive_outcomes
    other = raw[raw["outcome_code"].notna() & ~raw["outcome_code"].isin(positive)]
    if other.empty:
        return pd.DataFrame(columns=columns)
    other = other.assign(outcome_code=other["outcome_code"].astype("int64"))
    totals = other.groupby("outcome_code")["count"].sum().reset_index()
    totals = totals.sort_values(["count", "outcome_code"], ascending=[False, True])
    codes = totals["outcome_code"].head(TOP_OTHER).tolist()
    frame = complete(other, {"outcome_code": codes, "year": list(ctx.complete_years)})
    frame["rank"] = frame["outcome_code"].map({c: i + 1 for i, c in enumerate(codes)})
    labels = ctx.definition.outcome_labels
    frame["outcome"] = frame["outcome_code"].map(
        lambda c: labels.get(int(c), f"Outcome {int(c)}")
    )
    return frame[columns]


CHAPTER = Chapter(
    "outcomes", "Serious violence police crime outcomes", analyse,
    needs=("occurrences",), reference="11",
)
