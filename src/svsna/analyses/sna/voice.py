"""Community voice: what people said, by source and theme (the optional ``voice`` input).

The reference SNA reports a focus group's findings (89 young people aged 15
to 21; themes of education, social media, poverty and inequality, racism,
health and the police) as a list of statements. Here each statement is one
row of the ``voice`` input with its source, date, participants, age range and
theme; the chapter summarises the themes by source and lists the statements
as written, as plain text (never markup). Statements are counted, not
weighed: a theme raised often in one focus group is that group's view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import join_words
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

NO_THEME = "no theme given"


def statements(ctx: Context) -> pd.DataFrame:
    """Every statement with its source, date (text), participants, ages and theme."""
    frame = ctx.query(
        "SELECT source, date, participants, age_range, theme, statement FROM voice "
        "ORDER BY date NULLS LAST, source, theme NULLS LAST"
    )
    frame["date"] = frame["date"].map(
        lambda d: "" if pd.isna(d) else pd.Timestamp(d).date().isoformat()
    )
    frame["theme"] = frame["theme"].fillna("").str.strip().replace("", NO_THEME)
    frame["age_range"] = frame["age_range"].fillna("")
    return frame


def _dates(values: pd.Series) -> str:
    known = sorted(v for v in values if v)
    if not known:
        return ""
    return known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"


def sources_table(frame: pd.DataFrame) -> Table:
    """``voice_sources``: each source's dates, participants, ages, statements and themes.

    A source's participants are the largest number given on any of its rows
    for a date (every row of a focus group repeats it), added over its dates.
    """
    sessions = frame.groupby(["source", "date"], sort=False)["participants"].max()
    participants = sessions.groupby(level="source", sort=False).sum(min_count=1)
    rows = []
    for source, group in frame.groupby("source", sort=False):
        themes = group["theme"].value_counts(sort=True)
        rows.append(
            {
                "source": source,
                "dates": _dates(group["date"]),
                "participants": participants.get(source),
                "age_range": join_words(sorted(set(group["age_range"]) - {""})),
                "statements": len(group),
                "themes": ", ".join(themes.index),
            }
        )
    data = pd.DataFrame(
        rows,
        columns=[
            "source",
            "dates",
            "participants",
            "age_range",
            "statements",
            "themes",
        ],
    )
    data["participants"] = [
        None if pd.isna(v) else int(v) for v in data["participants"]
    ]
    return Table(
        id="voice_sources", title="Community voice: sources", data=data,
        caption="themes: the themes of its statements, most often raised first.",
        count_columns=("participants",),
    )


def themes_table(frame: pd.DataFrame) -> Table:
    """``voice_themes``: statements by source and theme, most raised first."""
    counts = (
        frame.groupby(["source", "theme"], sort=False)
        .size()
        .reset_index(name="statements")
    )
    order = {s: i for i, s in enumerate(frame["source"].drop_duplicates())}
    counts = counts.sort_values(
        ["source", "statements", "theme"],
        ascending=[True, False, True],
        key=lambda c: c.map(order) if c.name == "source" else c,
    ).reset_index(drop=True)
    return Table(
        id="voice_themes", title="Community voice: themes by source", data=counts,
        caption="Statements (not people) by theme: every statement is listed in "
        "the next table.",
    )


def _summary(frame: pd.DataFrame) -> list[str]:
    sources = frame["source"].drop_duplicates().tolist()
    lines = [
        f"{len(frame)} statement{'s' if len(frame) != 1 else ''} from "
        f"{len(sources)} source{'s' if len(sources) != 1 else ''} of community voice."
    ]
    for source in sources:
        themes = frame.loc[frame["source"] == source, "theme"].value_counts()
        words = join_words([f"{t} ({n})" for t, n in themes.items()])
        lines.append(f"{source}: the themes raised, most often first: {words}.")
    return lines


def analyse(ctx: Context, heading: Heading) -> Section:
    """Themes by source, then every statement as written."""
    frame = statements(ctx)
    listed = Table(
        id="voice_statements", title="Community voice: statements",
        data=frame[["source", "date", "theme", "statement"]],
        caption="As recorded, one row per statement.",
    )
    return Section(
        *heading,
        summary=tuple(_summary(frame)),
        tables=(sources_table(frame), themes_table(frame), listed),
    )


CHAPTER = Chapter(
    "voice", "Community voice", analyse, needs=("voice",), reference="21.2",
)
