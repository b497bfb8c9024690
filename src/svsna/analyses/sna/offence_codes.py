"""Appendix: every offence group of the definition with its Home Office codes.

Chapter 2 says which groups are serious violence; this appendix says which
codes make each group, so a partner can check the definition against their
own recording system. It is read from the definition in force, never typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.sna.definition_words import status
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def analyse(ctx: Context, heading: Heading) -> Section:
    """One row per offence group: its family, whether it is serious violence, its codes."""
    definition = ctx.definition
    rows = [
        {
            "group": g.label,
            "family": g.family,
            "serious_violence": status(definition, g.id),
            "codes": ", ".join(g.codes),
        }
        for g in definition.offence_groups
    ]
    table = Table(
        id="offence_codes",
        title="Offence groups of the definition and their Home Office codes",
        data=pd.DataFrame(
            rows, columns=["group", "family", "serious_violence", "codes"]
        ),
        caption="Codes are matched after trimming and upper-casing ('4.1' is read as "
        "'4/1'); a code no group lists is counted as 'other' and listed under data "
        "quality.",
    )
    return Section(
        *heading,
        summary=(
            f"The definition '{definition.name}' maps {len(rows)} offence groups to "
            "Home Office offence codes.",
        ),
        tables=(table,),
    )


CHAPTER = Chapter(
    "offence_codes", "Appendix: offence groups and Home Office codes", analyse,
)
