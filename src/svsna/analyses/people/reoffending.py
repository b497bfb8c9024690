"""Reoffending and revictimisation over time: Kaplan-Meier from the first serious violence.

The reference SNA asks to "examine the pattern and causes of reoffending"
and could only quote prison data (31.5 % of reoffences within three months,
56.2 % within six). Here each linked person's first serious-violence
occurrence as suspect in the report period is their index; their next
occurrence as suspect on a later day (of any offence, or of serious violence,
as the definition says) is the event; people without one are censored at
the end of the last complete month, so a person indexed late counts only for
the months they could be seen. ``reoffending_survival`` gives the share
reoffended by 3, 6, 9 and 12 months with its Greenwood interval, for everyone
(cohort ``all``) and by sex and age band at the index;
``revictimisation_survival`` does the same for victims. National figures
(``national_context`` section ``reoffending``) are shown beside, not mixed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.national import callouts_for
from svsna.analyses.core.sql import age_band_sql, band_labels, literal
from svsna.analyses.core.windows import month_window
from svsna.analyses.people.linked import offences_sql, police_people_sql
from svsna.results import Cells, Chart, DerivedFrom, Finding, Margin, Section, Table
from svsna.stats.survival import (
    COLUMNS,
    COUNT_COLUMNS,
    counts_at,
    months_between,
    shares_at,
)

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

ALL, AGE_UNKNOWN = "all", "age unknown"
ROLES = {"suspect": "reoffending_survival", "victim": "revictimisation_survival"}


def censor_date(ctx: Context) -> dt.date:
    """The last day of the last complete month: nobody is followed beyond it."""
    _, after = month_window(ctx.latest_month, 1)
    return after.fromordinal(after.toordinal() - 1)


def follow_end(ctx: Context) -> dt.date:
    """The day after :func:`censor_date`: a person is followed through its whole day."""
    return month_window(ctx.latest_month, 1)[1]


def follow_up(ctx: Context, role: str) -> pd.DataFrame:
    """Each person's index date, age and sex at the index, and next event date (or none).

    Only dates and groups leave the warehouse: no person id.
    """
    bands = ctx.definition.people_over_time.reoffending.age_bands
    end = censor_date(ctx)
    which = ctx.definition.people_over_time.reoffending.next_event
    later = offences_sql(ctx, which, in_period=False)
    sql = f"""
    WITH firsts AS (
      SELECT person, committed_date AS index_date, age, sex FROM (
        SELECT p.*, ROW_NUMBER() OVER (PARTITION BY person
                                       ORDER BY committed_date, occurrence_id) AS n
        FROM ({police_people_sql(ctx)}) p WHERE person_role = {literal(role)}) q
      WHERE n = 1),
    later AS (
      SELECT person, committed_date FROM ({police_people_sql(ctx, later)}) l
      WHERE person_role = {literal(role)} AND committed_date <= {literal(end)})
    SELECT f.index_date, f.sex, {age_band_sql("f.age", bands)} AS age_band,
           MIN(l.committed_date) AS next_date
    FROM firsts f LEFT JOIN later l
      ON l.person = f.person AND l.committed_date > f.index_date
    GROUP BY f.person, f.index_date, f.sex, f.age
    """
    frame = ctx.query(sql)
    index = pd.to_datetime(frame["index_date"])
    event = pd.to_datetime(frame["next_date"])
    stop = event.fillna(pd.Timestamp(follow_end(ctx)))
    frame["months"] = months_between(index.to_numpy(), stop.to_numpy())
    frame["event"] = event.notna().to_numpy()
    frame["age_band"] = frame["age_band"].fillna(AGE_UNKNOWN)
    return frame[["sex", "age_band", "months", "event"]]


def cohorts(ctx: Context, people: pd.DataFrame) -> list[tuple[str, pd.Series]]:
    """Cohort label and its rows: everyone, each sex, each age band (with people)."""
    bands = [*band_labels(ctx.definition.people_over_time.reoffending.age_bands), AGE_UNKNOWN]
    sexes = sorted(set(people["sex"]), key=lambda s: (s not in ("male", "female"), s))
    out = [(ALL, pd.Series(True, index=people.index))]
    out += [(str(s), people["sex"] == s) for s in sexes]
    out += [(b, people["age_band"] == b) for b in bands if (people["age_band"] == b).any()]
    return out


def survival_tables(ctx: Context, role: str) -> tuple[Table, Table]:
    """The role's shares (per cent by each month) and the counts they are built on."""
    settings = ctx.definition.people_over_time.reoffending
    people = follow_up(ctx, role)
    groups = cohorts(ctx, people)
    shares, counts = [], []
    for label, rows in groups:
        chosen = people[rows]
        shares.append(
            shares_at(
                chosen["months"], chosen["event"], settings.months,
                level=settings.confidence_level,
            ).assign(cohort=label)
        )
        counts.append(
            counts_at(chosen["months"], chosen["event"], settings.months).assign(
                cohort=label
            )
        )
    labels = [c for c, _ in groups]
    sexes = tuple(s for s in labels[1:] if s in set(people["sex"].astype(str)))
    ages = tuple(s for s in labels[1:] if s not in sexes)
    split = tuple(group for group in (sexes, ages) if group)
    counts_table = _counts_table(ctx, role, pd.concat(counts, ignore_index=True), split)
    frame = pd.concat(shares, ignore_index=True)
    return Table(
        ROLES[role],
        _title(role),
        frame[["cohort", *COLUMNS]],
        caption=_caption(ctx, role),
        count_columns=("at_risk",),
        derived_columns={c: ("at_risk",) for c in ("share", "lower", "upper")},
        fixed_form=role == "suspect",
        margins=tuple(
            Margin(ROLES[role], by=("months",), column="at_risk",
                   where={"cohort": group}, at={"cohort": ALL})
            for group in split
        ),
        derived_from=(
            DerivedFrom(
                counts_table.id, ("share", "lower", "upper"),
                sources=tuple(COUNT_COLUMNS[1:]), on=("cohort", "months"),
            ),
        ),
    ), counts_table


def _counts_table(
    ctx: Context, role: str, frame: pd.DataFrame, split: tuple[tuple[str, ...], ...]
) -> Table:
    """The people each share is built on: printed, so protected with the share."""
    table_id = f"{ROLES[role]}_counts"
    again = "suspects" if role == "suspect" else "victims"
    columns = tuple(COUNT_COLUMNS[1:])
    return Table(
        table_id,
        f"People behind the per cent {again} again, by each month",
        frame[["cohort", *COUNT_COLUMNS]],
        caption=(
            f"For each cohort and month: people followed from their index; of them, "
            f"{again} again before that month, no longer followed before it (censored "
            f"at {censor_date(ctx):%d %B %Y}) and still at risk. The per cent in "
            f"{ROLES[role]} is built on these counts, so it is withheld with them."
        ),
        count_columns=columns,
        total_columns={"people": ("again_before", "censored_before", "at_risk")},
        margins=(
            Margin(ROLES[role], by=("cohort", "months"), column="at_risk"),
            *(
                Margin(table_id, by=("months",), column=column,
                       where={"cohort": group}, at={"cohort": ALL})
                for group in split
                for column in columns
            ),
        ),
    )


def _title(role: str) -> str:
    what = "a suspect again" if role == "suspect" else "a victim again"
    return f"Time to being {what}: per cent by each month (Kaplan-Meier)"


def _caption(ctx: Context, role: str) -> str:
    settings = ctx.definition.people_over_time.reoffending
    next_of = "any offence" if settings.next_event == "any" else "serious violence"
    return (
        f"People whose first serious-violence occurrence as {role} in {ctx.years[0]} "
        f"to {ctx.years[-1]} is their index; the event is their next occurrence as "
        f"{role} ({next_of}) on a later day; without one, a person is censored at "
        f"{censor_date(ctx):%d %B %Y}, the end of the last complete month. at_risk: "
        "people still followed, and not yet "
        f"{'suspects' if role == 'suspect' else 'victims'} again, at that month; share: "
        f"per cent by then, with its {settings.confidence_level:.0%} Greenwood interval "
        "(lower, upper). Cohorts: all, by sex and by age band at the index."
    )


def _finding(table: Table, role: str) -> Finding | None:
    """The share of ``all`` again in the role by the first and last months read."""
    rows = table.data[table.data["cohort"] == ALL].dropna(subset=["share"])
    if len(rows) < 2:
        return None
    first, last = rows.iloc[0], rows.iloc[-1]
    again = "suspects" if role == "suspect" else "victims"
    cites = {
        name: Cells(table.id, "share", {"cohort": ALL, "months": int(row["months"])})
        for name, row in (("first", first), ("last", last))
    }
    part = 100 * float(first["share"]) / float(last["share"]) if last["share"] else None
    of_those = (
        f" Of those {again} again within {int(last['months'])} months, {part:.1f}% "
        f"were within {int(first['months'])}."
        if part is not None
        else ""
    )
    return Finding(
        f"{table.id}_all",
        f"{first['share']}% ({first['lower']}% to {first['upper']}%) of {role}s of "
        f"serious violence were {again} again within {int(first['months'])} months, "
        f"and {last['share']}% within {int(last['months'])} months (Kaplan-Meier)."
        + of_those,
        current=float(last["share"]),
        unit="%",
        lower=float(last["lower"]),
        upper=float(last["upper"]),
        test="Kaplan-Meier estimate with censoring at the end of the last complete "
        "month; Greenwood interval on the log(-log) scale",
        cites=cites,
        withheld_text=f"{{first}}% of {role}s of serious violence were {again} again "
        f"within {int(first['months'])} months, and {{last}}% within "
        f"{int(last['months'])} months (Kaplan-Meier).",
    )


def _chart(table: Table, role: str) -> Chart:
    frame = table.data
    shown = frame[~frame["cohort"].str.match(r"^\d|^age ")]
    again = "suspect" if role == "suspect" else "victim"
    return Chart(
        id=f"{table.id}_chart",
        title=f"Per cent {again}s again by months since their first serious violence",
        kind="line", data=shown[["cohort", "months", "share"]],
        x="months", y="share", color="cohort",
        x_title="Months since the first serious-violence occurrence",
        y_title="Per cent (Kaplan-Meier)",
        alt_text=f"Line chart of the Kaplan-Meier per cent of {again}s of serious "
        f"violence who were {again}s again by each month, for everyone and by sex: "
        "{values}.",
        table=table.id,
    )


def analyse(ctx: Context, heading: Heading) -> Section:
    """Reoffending and revictimisation survival tables, charts and findings."""
    if not ctx.years:
        return Section(*heading, summary=("No complete financial year in the data.",))
    pairs = [survival_tables(ctx, role) for role in ROLES]
    tables = [shares for shares, _ in pairs]
    findings = [f for t, r in zip(tables, ROLES, strict=True) if (f := _finding(t, r))]
    settings = ctx.definition.people_over_time.reoffending
    return Section(
        *heading,
        summary=(
            "How soon people of serious violence are suspects (or victims) again: "
            "Kaplan-Meier estimates from each person's first serious-violence "
            "occurrence of the period, people linked across their records, each "
            "followed only up to the end of the last complete month.",
            "The prison figures the reference SNA quotes (31.5% of reoffences within "
            "three months, 56.2% within six) are shares of reoffences among people "
            "who reoffended after release or sentence; the national figures beside "
            "are shown for context and are not the same measure.",
        ),
        tables=tuple(t for pair in pairs for t in pair),
        charts=tuple(_chart(t, r) for t, r in zip(tables, ROLES, strict=True)),
        findings=tuple(findings),
        callouts=callouts_for(ctx, (settings.national_section,)),
    )


CHAPTER = Chapter(
    "reoffending",
    "Reoffending and revictimisation",
    analyse,
    needs=("occurrences", "persons"),
    uses=("national_context",),
    part="people",
)
