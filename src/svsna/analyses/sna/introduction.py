"""Chapter 1: the introduction, in the partnership's own words (``sna.yaml``).

Who commissioned the assessment and who wrote it, the strategy it informs,
its purpose and aims and when it will be reviewed cannot come from the data;
the partnership writes them once in ``DATA/sna.yaml`` and svsna prints them
as plain text (never as markup), beside what the build itself knows: the
area, the report period and the definition used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.context import report_labels
from svsna.analyses.core.months import join_words
from svsna.config.sna_settings import INTRODUCTION
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.config.sna_settings import SnaSettings

#: Why an SNA is written, in the Duty's terms (not the partnership's words).
DUTY = (
    "The Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022) "
    "requires the specified authorities of an area to work together to understand "
    "and prevent serious violence. A strategic needs assessment is the evidence for "
    "that work: the kinds of serious violence, where and when it happens, who is "
    "involved, and why."
)


def opening(settings: SnaSettings, area: str) -> str:
    """Who the assessment is for and by whom, from what ``sna.yaml`` gives."""
    subject = f"This Strategic Needs Assessment of serious violence in {area}"
    by = f" was prepared by {settings.partnership}" if settings.partnership else ""
    board = f" for {settings.board}" if settings.board else ""
    if not by and not board:
        return f"{subject} was produced with svsna."
    return f"{subject}{by}{board}."


def about_table(ctx: Context, settings: SnaSettings) -> Table:
    """``sna_about``: the assessment's particulars, one per row."""
    area, period = report_labels(ctx)
    review = settings.review_date.isoformat() if settings.review_date else ""
    rows = [
        ("Partnership", settings.partnership or ""),
        ("Board", settings.board or ""),
        ("Strategy period", settings.strategy_period or ""),
        ("Area", area),
        ("Report period", period),
        ("Definition", ctx.definition.name),
        ("Review date", review),
        ("Authors", join_words(list(settings.authors))),
    ]
    return Table(
        id="sna_about", title="About this assessment",
        data=pd.DataFrame([r for r in rows if r[1]], columns=["item", "value"]),
        caption="From sna.yaml in the data folder, and from the build itself (area, "
        "report period, definition).",
    )


def _lines(ctx: Context, settings: SnaSettings) -> list[str]:
    area, period = report_labels(ctx)
    strategy = (
        f" It informs the serious violence strategy for {settings.strategy_period}."
        if settings.strategy_period
        else ""
    )
    aims = [f"Aim {i}: {aim}" for i, aim in enumerate(settings.aims, start=1)]
    review = (
        [
            f"It covers {period} and is to be reviewed by "
            f"{settings.review_date.isoformat()}."
        ]
        if settings.review_date
        else [f"It covers {period}."]
    )
    return [
        opening(settings, area) + strategy,
        DUTY,
        *settings.purpose,
        *aims,
        *settings.paragraphs_of(INTRODUCTION),
        *review,
    ]


def analyse(ctx: Context, heading: Heading) -> Section:
    """The introduction from ``sna.yaml`` (the runner leaves it out without one)."""
    if ctx.settings is None:  # pragma: no cover - the runner checks ``needs``
        return Section(*heading, missing_inputs=("sna.yaml",))
    return Section(
        *heading,
        summary=tuple(_lines(ctx, ctx.settings)),
        tables=(about_table(ctx, ctx.settings),),
    )


CHAPTER = Chapter(
    "introduction", "Introduction", analyse, needs=("sna.yaml",), reference="2",
)
