"""Chapter 2: the definition of serious violence, generated from the definition in force.

The reference SNA describes its definition in words written by hand, which can
drift from what the analysts counted. Here every sentence and table is read
from the definition the build used: the groups counted in each version and
from when (ABH from 2025-09-01 in the shipped one), the exclusions, knife
crime, the hotspot offence set, and which version the report period falls
under. The partnership's own wording (``paragraphs: definition:`` in
``sna.yaml``) comes first when given. The Home Office codes of every group are
in the appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import join_words
from svsna.analyses.core.periods import fy_bounds
from svsna.analyses.sna.definition_words import (
    change_sentences,
    exclusion_sentences,
    label,
    labels,
    status,
    versions,
)
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.config import Definition


def versions_table(definition: Definition) -> Table:
    """``definition_versions``: each version's dates, its groups, what it changed."""
    rows = [
        {
            "from": v.first_day,
            "until": v.ends.isoformat() if v.ends else "",
            "groups": labels(definition, v.groups),
            "added": labels(definition, v.added),
            "removed": labels(definition, v.removed),
        }
        for v in versions(definition)
    ]
    return Table(
        id="definition_versions",
        title="Versions of the definition of serious violence",
        data=pd.DataFrame(
            rows, columns=["from", "until", "groups", "added", "removed"]
        ),
        caption="Each occurrence is counted by the version in force on the day it "
        "was committed.",
    )


def groups_table(definition: Definition) -> Table:
    """``definition_groups``: every group serious violence or the hotspots touch."""
    sv = definition.serious_violence
    touched = {g for v in sv.versions for g in v.groups}
    touched |= set(sv.excluded_groups) | set(definition.hotspots.groups)
    rows = [
        {
            "group": g.label,
            "family": g.family,
            "serious_violence": status(definition, g.id),
            "hotspots": "yes" if g.id in definition.hotspots.groups else "no",
        }
        for g in definition.offence_groups
        if g.id in touched
    ]
    return Table(
        id="definition_groups",
        title="Offence groups in serious violence and in the hotspot ranking",
        data=pd.DataFrame(
            rows, columns=["group", "family", "serious_violence", "hotspots"]
        ),
        caption="Home Office codes of each group: see the appendix on offence codes.",
    )


def period_sentence(ctx: Context) -> str:
    """Which versions the report period falls under, so a reader knows what was counted."""
    if not ctx.years:
        return "No complete financial year is in the data, so no report period is set."
    start = ctx.definition.financial_year_start_month
    first, _ = fy_bounds(ctx.years[0], start)
    _, last = fy_bounds(ctx.years[-1], start)
    used = [
        v
        for v in versions(ctx.definition)
        if v.starts <= last and (v.ends is None or v.ends >= first)
    ]
    spans = join_words([f"the version {v.since}" for v in used])
    return (
        f"Occurrences of the report period ({ctx.years[0]} to {ctx.years[-1]}) are "
        f"counted by {spans}."
    )


def _words(ctx: Context) -> list[str]:
    definition = ctx.definition
    found = versions(definition)
    opening = (
        f"This report counts serious violence by the definition '{definition.name}': "
        "an occurrence is serious violence when its Home Office offence code falls in "
        "one of the groups of the version in force on the day it was committed."
    )
    listed = [
        f"Serious violence {v.since}: {labels(definition, v.groups)}." for v in found
    ]
    knife = (
        "Knife crime is serious violence with the "
        f"{definition.knife_crime.flag.replace('_', ' ')} recorded."
    )
    in_force = [v for v in found if v.starts <= ctx.latest_month][-1:] or found[:1]
    extra = [
        label(definition, g)
        for g in definition.hotspots.groups
        if g not in in_force[0].groups
    ]
    hotspots = (
        "Hotspots rank a wider set than the serious violence in force at the end of "
        f"the data: it adds {join_words(extra)}."
        if extra
        else "Hotspots rank the serious violence in force at the end of the data."
    )
    return [
        opening,
        *listed,
        *change_sentences(definition),
        *exclusion_sentences(definition),
        knife,
        hotspots,
        period_sentence(ctx),
    ]


def analyse(ctx: Context, heading: Heading) -> Section:
    """The definition in force, in the partnership's words and in the definition's."""
    own = ctx.settings.paragraphs_of("definition") if ctx.settings else ()
    return Section(
        *heading,
        summary=(*own, *_words(ctx)),
        tables=(versions_table(ctx.definition), groups_table(ctx.definition)),
    )


CHAPTER = Chapter(
    "definition", "Definition of serious violence", analyse, uses=("sna.yaml",),
    reference="2.3",
)
