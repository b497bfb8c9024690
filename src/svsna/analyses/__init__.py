"""Analyses: one module per report chapter, each returning a Section of results."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from svsna.analyses.base import Context, make_context

if TYPE_CHECKING:
    from svsna.results import Section

#: Chapter modules in report order; each defines ``analyse(ctx) -> Section``.
#: Planned names, added here as each module lands (keep this order):
#: ch03_serious_violence, ch04_serious_violence, ch05_hotspots, ch06_qualifiers,
#: ch07_knife_crime, ch08_school_proximity, ch09_night_time_economy,
#: ch10_stop_search, ch11_outcomes, ch12_national_context, ch13_health,
#: ch13_ambulance, ch13_hidden_violence, ch14_fire, ch15_youth_justice,
#: ch16_probation, ch17_schools,
#: ch18_social_care, ch19_neet, ch20_deprivation.
CHAPTERS: tuple[str, ...] = (
    "ch03_serious_violence",
    "ch04_serious_violence",
    "ch05_hotspots",
    "ch06_qualifiers",
    "ch07_knife_crime",
    "ch08_school_proximity",
    "ch09_night_time_economy",
    "ch10_stop_search",
    "ch11_outcomes",
    "ch12_national_context",
    "ch13_health",
    "ch13_ambulance",
    "ch13_hidden_violence",
    "ch14_fire",
    "ch15_youth_justice",
    "ch16_probation",
    "ch17_schools",
    "ch18_social_care",
    "ch19_neet",
    "ch20_deprivation",
)


def run_all(ctx: Context) -> list[Section]:
    """Run the definition's chapters (default: every chapter) in report order."""
    chapters = ctx.definition.chapters
    sections = []
    for name in (*(CHAPTERS if chapters is None else chapters), "data_quality"):
        module = import_module(f"svsna.analyses.{name}")
        sections.append(module.analyse(ctx))
    return sections


__all__ = ["CHAPTERS", "Context", "make_context", "run_all"]
