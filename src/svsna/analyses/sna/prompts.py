"""Prompts for recommendations, each built from a finding or a data-quality measure.

svsna does not recommend: the partnership does. What it can do is point at
what the report found that a board should consider: measures that rose
significantly, groups over-represented against population, inputs missing or
poorly recorded, hot spots that persist. Every prompt names its basis (the
finding's id and chapter, or the data-quality row), never invents one, and
repeats no count, so it says no more in the public edition than the finding
does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from svsna.analyses.core.months import join_words
from svsna.analyses.sna.report_reading import (
    report_findings,
    report_table,
    top_hotspots,
)

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.results import Finding, Section

#: A finding's sentence starts with its subject, then how it moved.
SUBJECT = re.compile(r"^(?P<subject>.+?) (?:rose|fell|went from|was unchanged)\b")
#: Labels that name periods (a financial year, a month, a calendar year).
PERIOD = re.compile(r"^(\d{4}/\d{2}|\d{4}-\d{2}|\d{4})$")


@dataclass(frozen=True)
class Prompt:
    """A prompt's sentence and what it rests on."""

    text: str
    basis: str


def _chapter(section: Section) -> str:
    return f"{section.number} {section.title}".strip()


def subject(finding: Finding, section: Section) -> str:
    """What a finding is about: its sentence's subject, else its chapter's title."""
    found = SUBJECT.match(finding.text)
    if found is None:
        return f"the measure '{finding.id}' of {_chapter(section)}"
    words = found.group("subject")
    first = words.split(" ", 1)[0]
    return words if first.isupper() else words[:1].lower() + words[1:]


def rises(ctx: Context) -> list[Prompt]:
    """Every measure that rose significantly (its published direction is ``up``)."""
    prompts = []
    for section, finding, published in report_findings(ctx):
        if published["direction"] != "up":
            continue
        span = " to ".join(published["compared"] or [])
        what = subject(finding, section)
        # "In Derby, the share NEET" reads "why, in Derby, the share NEET rose".
        why = "why, " if re.match(r"^(in|at|for|among) [^,]+, ", what) else "why "
        prompts.append(
            Prompt(
                f"Examine {why}{what} rose significantly"
                f"{f' from {span}' if span else ''}, and what would reverse it.",
                f"Finding '{finding.id}' in {_chapter(section)} (a significant "
                "rise; its test and p-value are in findings.json).",
            )
        )
    return prompts


def over_represented(ctx: Context) -> list[Prompt]:
    """Groups whose rate per population is higher than the group they are compared with."""
    prompts = []
    for section, finding, published in report_findings(ctx):
        compared = published["compared"]
        if not compared or any(PERIOD.match(label) for label in compared):
            continue
        if "per " not in finding.unit or finding.current is None:
            continue
        if finding.previous is None or finding.current <= finding.previous:
            continue
        lower, higher = compared
        prompts.append(
            Prompt(
                f"Consider why the rate in {higher} is higher than in {lower} "
                "against their populations, and whether services reach it.",
                f"Finding '{finding.id}' in {_chapter(section)} (rates per "
                "population compared).",
            )
        )
    return prompts


def poorly_recorded(ctx: Context) -> list[Prompt]:
    """Fields recorded in fewer than the definition's share of records."""
    below = ctx.definition.sna.prompts.completeness_below
    frame = report_table(ctx, "dq_completeness")
    if frame is None or frame.empty:
        return []
    poor = frame[frame["pct"].astype(float) < below]
    return [
        Prompt(
            f"Improve the recording of {row['field']} in {row['input_table']}: it is "
            f"recorded in fewer than {below:g}% of records.",
            f"Data quality: completeness of {row['field']} ({row['input_table']}), "
            "table dq_completeness.",
        )
        for row in poor.to_dict("records")
    ]


def missing_inputs(ctx: Context) -> list[Prompt]:
    """Chapters the report could not produce, for want of an input."""
    return [
        Prompt(
            f"Obtain the {join_words(list(s.missing_inputs))} input"
            f"{'s' if len(s.missing_inputs) != 1 else ''} so that the assessment "
            f"can cover {s.title.lower()}.",
            f"Chapter {_chapter(s)} not produced: it needs "
            f"{join_words(list(s.missing_inputs))}.",
        )
        for s in ctx.sections
        if not s.available
    ]


def persistent_hotspots(ctx: Context) -> list[Prompt]:
    """Areas that the emerging hot spots class as persisting (the definition's categories)."""
    categories = ctx.definition.sna.prompts.hotspot_categories
    frame = report_table(ctx, "emerging_hotspots")
    if frame is None or frame.empty:
        return []
    persisting = frame[frame["category"].isin(categories)]
    prompts = []
    for category, rows in persisting.groupby("category", sort=True):
        areas = [f"{r['area']} ({r['district']})" for r in rows.to_dict("records")]
        prompts.append(
            Prompt(
                f"Sustain the focus on {join_words(areas)}: {category}s of serious "
                "violence over the whole period.",
                f"Table emerging_hotspots: areas in the category '{category}'.",
            )
        )
    return prompts


def hotspots_since_previous(ctx: Context) -> list[Prompt]:
    """Neighbourhoods in the hotspots' top in this build and the earlier one."""
    if ctx.previous is None:
        return []
    top_n = ctx.definition.hotspots.top_n
    now = top_hotspots(report_table(ctx, "hotspots"), top_n)
    before = top_hotspots(ctx.previous.table("hotspots"), top_n)
    both = sorted(now.keys() & before.keys())
    if not both:
        return []
    return [
        Prompt(
            f"Keep {join_words(both)} in focus: in the top {top_n} hotspots in this "
            "and the last edition.",
            f"Table hotspots, top {top_n} in this build and in '{ctx.previous.name}'.",
        )
    ]


#: Every kind of prompt, in the order the chapter lists them.
KINDS = (
    rises,
    over_represented,
    persistent_hotspots,
    hotspots_since_previous,
    poorly_recorded,
    missing_inputs,
)


def prompts(ctx: Context) -> list[Prompt]:
    """Every prompt of the report, by kind, each once."""
    seen: dict[str, Prompt] = {}
    for kind in KINDS:
        for prompt in kind(ctx):
            seen.setdefault(prompt.text, prompt)
    return list(seen.values())
