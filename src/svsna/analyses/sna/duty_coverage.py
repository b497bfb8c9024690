"""Appendix: what a Serious Violence Duty SNA is expected to cover, and what this one does.

The Duty's guidance expects an assessment to cover the kinds of violence,
where and when it happens, who is affected, causes and risk factors,
partners' data, community voice, interventions, data gaps and a review date.
This appendix reads the report itself: for each element, the chapters that
cover it (computed, not just listed), and for a gap the inputs that would
fill it, so a board sees at once what its data do not yet let it say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import join_words
from svsna.config.sna_settings import SETTINGS_FILE
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COLUMNS = ["element", "covered", "by", "input_needed"]


@dataclass(frozen=True)
class Element:
    """An element of the Duty's SNA, the chapters (by id) that can cover it.

    ``inputs`` name what would fill the gap when none of its chapters is in
    the definition.
    """

    name: str
    chapters: tuple[str, ...]
    inputs: tuple[str, ...] = ()


ELEMENTS = (
    Element(
        "kinds of violence",
        ("serious_violence_knife_crime", "serious_violence", "knife_crime",
         "qualifiers", "firearms", "puk_trends"),
    ),
    Element(
        "where and when",
        ("hotspots", "school_proximity", "night_time_economy", "emerging_hotspots",
         "near_repeat", "harm", "school_closing", "puk_places", "puk_hotspots"),
    ),
    Element(
        "who is affected",
        ("serious_violence", "knife_crime", "youth_justice", "probation",
         "mental_health_markers"),
    ),
    Element(
        "causes and risk factors",
        ("qualifiers", "deprivation", "schools", "social_care", "neet",
         "mental_health_markers"),
    ),
    Element(
        "partners' data",
        ("ed", "ambulance", "hidden_violence", "fire", "youth_justice", "probation",
         "schools", "social_care", "neet"),
    ),
    Element("community voice", ("voice",), ("voice",)),
    Element("interventions", ("interventions",), ("interventions",)),
    Element("data gaps", ("data_quality", "puk_limitations")),
)  # fmt: skip


def _name(section: Section) -> str:
    return f"{section.number} {section.title}".strip()


def coverage(element: Element, sections: tuple[Section, ...]) -> dict[str, str]:
    """One row: covered (yes, partly, no), by which chapters, and what would fill a gap."""
    present = [s for s in sections if s.id in element.chapters]
    done = [s for s in present if s.available]
    needed = sorted({t for s in present for t in s.missing_inputs})
    if not present:
        needed = [*element.inputs, "its chapters in the definition's chapter list"]
    covered = "yes" if done and not needed else "partly" if done else "no"
    return {
        "element": element.name,
        "covered": covered,
        "by": "; ".join(_name(s) for s in done),
        "input_needed": ", ".join(needed),
    }


def review_row(ctx: Context) -> dict[str, str]:
    """The review date: from ``sna.yaml``, printed in the introduction."""
    settings = ctx.settings
    if settings is None or settings.review_date is None:
        return {
            "element": "review date",
            "covered": "no",
            "by": "",
            "input_needed": f"{SETTINGS_FILE} (review_date)",
        }
    intro = [s for s in ctx.sections if s.id == "introduction" and s.available]
    where = _name(intro[0]) if intro else SETTINGS_FILE
    return {
        "element": "review date",
        "covered": "yes",
        "by": f"{where} (review by {settings.review_date.isoformat()})",
        "input_needed": "",
    }


def analyse(ctx: Context, heading: Heading) -> Section:
    """Each element of the Duty's SNA: covered or not, by what, and what would fill it."""
    rows = [coverage(e, ctx.sections) for e in ELEMENTS] + [review_row(ctx)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    gaps = frame.loc[frame["covered"] != "yes", "element"].tolist()
    summary = (
        f"This report covers {len(frame) - len(gaps)} of the {len(frame)} elements a "
        "Serious Violence Duty strategic needs assessment is expected to cover"
        + (f"; not fully: {join_words(gaps)}." if gaps else ".")
    )
    table = Table(
        id="duty_coverage", title="Serious Violence Duty: what this assessment covers",
        data=frame,
        caption="covered: yes (every chapter computed), partly (some chapters lack "
        "an input) or no; input_needed names the inputs of the data contract that "
        "would fill the gap.",
        fixed_form=True,
    )
    return Section(*heading, summary=(summary,), tables=(table,))


CHAPTER = Chapter(
    "duty_coverage", "Appendix: Serious Violence Duty coverage", analyse,
    after_others=True,
)
