"""Victims under 17 around school closing time, by day of week.

The reference SNA recommends exploring "the correlation between school
closing time and the higher incidence of serious violence straight after this
time in victims under 17 years of age", and why it "appears more prevalent on
Mondays". This chapter counts serious violence of the report period with a
victim aged under 17 and a known time, in the window after school closes
(``sna.school_closing``: 15:00 for three hours by default) against the rest
of the day, by day of week, and tests whether the school days differ (a
chi-square test of equal counts). School holidays are not taken out: the
data do not say which days are term days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.figures import complete, pct
from svsna.analyses.core.sql import (
    minute_of_day_sql,
    minutes,
    period_sv_sql,
    weekday_sql,
)
from svsna.config.definition import WEEKDAYS
from svsna.results import Cells, Chart, Finding, Section, Table
from svsna.stats.evenness import even_counts_test

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "school_closing_by_day"
ALL_DAYS = "all days"
COUNTS = ("around_closing", "other_times", "all_known_time")


def window_words(ctx: Context) -> str:
    """``15:00 to 17:59``: the window after closing, in words."""
    settings = ctx.definition.sna.school_closing
    start = minutes(settings.closing_time)
    end = start + settings.window_minutes - 1
    return f"{settings.closing_time} to {end // 60 % 24:02d}:{end % 60:02d}"


def by_day(ctx: Context) -> pd.DataFrame:
    """Occurrences with a victim under 17 by day: around closing, at other times, all."""
    settings = ctx.definition.sna.school_closing
    start = minutes(settings.closing_time)
    minute = minute_of_day_sql("o.committed_time")
    raw = ctx.query(f"""
        SELECT {weekday_sql("o.committed_date")} AS wd,
               CASE WHEN {minute} >= {start}
                     AND {minute} < {start + settings.window_minutes}
                    THEN 1 ELSE 0 END AS around,
               COUNT(*) AS count
        FROM ({period_sv_sql(ctx)}) o
        WHERE o.committed_time IS NOT NULL AND EXISTS (
            SELECT 1 FROM persons p WHERE p.occurrence_id = o.occurrence_id
              AND p.role = 'victim' AND p.age <= {settings.victim_max_age})
        GROUP BY 1, 2
    """)
    raw["day"] = [WEEKDAYS[int(w)] for w in raw["wd"]]
    raw["around"] = raw["around"].astype(int)
    cells = complete(raw, {"day": list(WEEKDAYS), "around": [1, 0]})
    frame = cells.pivot(index="day", columns="around", values="count")
    frame = frame.reindex(list(WEEKDAYS)).reset_index()
    frame.columns = pd.Index(["day", "other_times", "around_closing"])
    total = pd.DataFrame(
        [{"day": ALL_DAYS, **frame[["other_times", "around_closing"]].sum()}]
    )
    frame = pd.concat([frame, total], ignore_index=True)
    frame["all_known_time"] = frame["around_closing"] + frame["other_times"]
    frame["pct_around_closing"] = pct(frame["around_closing"], frame["all_known_time"])
    columns = ["day", *COUNTS, "pct_around_closing"]
    return frame[columns].astype({c: "int64" for c in COUNTS})


def _findings(ctx: Context, frame: pd.DataFrame) -> list[Finding]:
    settings = ctx.definition.sna.school_closing
    cells = Cells(TABLE, "around_closing")
    total = frame[frame["day"] == ALL_DAYS].iloc[0]
    window = window_words(ctx)
    share = Finding(
        id="school_closing_share",
        text=f"{int(total['around_closing']):,} of {int(total['all_known_time']):,} "
        f"serious-violence occurrences with a victim under "
        f"{settings.victim_max_age + 1} and a known time "
        f"({total['pct_around_closing']}%) happened from {window}, after school "
        "closes.",
        current=float(total["pct_around_closing"]),
        unit="%",
        cites={
            "around": cells.at(day=ALL_DAYS),
            "all": Cells(TABLE, "all_known_time", {"day": ALL_DAYS}),
        },
    )
    days = frame[frame["day"].isin(settings.school_days)].set_index("day")
    counts = days["around_closing"]
    if len(counts) < 2 or counts.sum() == 0:
        return [share]
    test = even_counts_test(counts.to_numpy())
    busiest = str(counts.idxmax())
    others = [d for d in counts.index if d != busiest]
    mean = float(counts[others].mean())
    monday = (
        f" Monday had {int(counts['Mon']):,}."
        if "Mon" in counts and busiest != "Mon"
        else ""
    )
    differ = (
        "The school days differ more than chance would give"
        if test.p_value < ctx.definition.trends.alpha
        else "The school days do not differ more than chance would give"
    )
    spread = Finding(
        id="school_closing_days",
        text=f"From {window}, {busiest} had the most ({int(counts[busiest]):,}), "
        f"against {mean:,.1f} on the other school days on average.{monday} {differ}.",
        current=float(counts[busiest]), previous=round(mean, 1),
        current_label=busiest, previous_label="the other school days (mean)",
        significant=test.p_value < ctx.definition.trends.alpha, p_value=test.p_value,
        test=f"Chi-square test that the {len(counts)} school days have equal counts "
        f"from {window} (statistic {test.statistic:.2f} on {test.df} degrees of "
        "freedom); school holidays are not taken out.",
        cites={
            "current": cells.at(day=busiest),
            "previous": cells.at(day=tuple(others)),
            **({"monday": cells.at(day="Mon")} if monday else {}),
        },
    )
    return [share, spread]


def analyse(ctx: Context, heading: Heading) -> Section:
    """The after-school window against the rest of the day, by day of week."""
    frame = by_day(ctx)
    settings = ctx.definition.sna.school_closing
    table = Table(
        id=TABLE,
        title=f"Serious violence with a victim under {settings.victim_max_age + 1}: "
        f"from {window_words(ctx)} and at other times, by day",
        data=frame,
        caption="Occurrences of the report period with a known time and at least one "
        f"victim aged {settings.victim_max_age} or under.",
        count_columns=COUNTS,
        derived_columns={"pct_around_closing": ("around_closing", "all_known_time")},
        total_rows=(len(frame) - 1,),
        total_columns={"all_known_time": ("around_closing", "other_times")},
    )
    days = frame[frame["day"] != ALL_DAYS]
    chart = Chart(
        id="school_closing_chart",
        title=f"Victims under {settings.victim_max_age + 1}: serious violence from "
        f"{window_words(ctx)}, by day",
        kind="bar", data=days[["day", "around_closing"]],
        x="day", y="around_closing",
        alt_text="Bar chart of serious-violence occurrences with a victim under "
        f"{settings.victim_max_age + 1} from {window_words(ctx)}, by day of week: "
        "{values}.",
        table=TABLE,
    )
    return Section(
        *heading,
        tables=(table,),
        charts=(chart,),
        findings=tuple(_findings(ctx, frame)),
    )


CHAPTER = Chapter(
    "school_closing", "Victims under 17 around school closing time", analyse,
    needs=("occurrences", "persons"), part="recommended analyses", reference="2.4",
)
