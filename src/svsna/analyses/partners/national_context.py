"""Chapter 12: the national context, shown as call-outs beside local results.

National figures (prison safety, knife crime, hospital admissions, school
exclusions, NEET) come from the optional ``national_context`` input, each
with its source and date, and are never mixed into local tables. Figures whose
``section`` names a partner section (``ed``, ``health``, ``ambulance``,
``fire``, ``youth_justice``, ``probation``, ``schools``, ``social_care``,
``neet``, ``hidden_violence``, and ``reoffending`` in the reoffending
chapter) are shown there; every other figure is shown
here, and all of them are listed in the ``national_context`` table with their
sources.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.national import callouts_for
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

TABLE = "national_context"
#: Sections that show their own national figures.
PARTNER_SECTIONS = (
    "ed",
    "health",
    "ambulance",
    "hidden_violence",
    "fire",
    "youth_justice",
    "probation",
    "schools",
    "social_care",
    "neet",
    "reoffending",
)


def analyse(ctx: Context, heading: Heading) -> Section:
    """Every national figure with its source; the ones no partner section shows."""
    section = Section(*heading)
    data = ctx.query(
        "SELECT TRIM(section) AS section, figure, value, unit, period, source, "
        f"CAST(source_date AS VARCHAR) AS source_date FROM {TABLE}"
    )
    # Words for symbols: spreadsheet tables must not hold a cell that is only
    # a symbol (Analysis Function guidance); blanks stay empty (null).
    data["unit"] = data["unit"].replace({"%": "per cent"})
    sections = [
        s
        for s in dict.fromkeys(data["section"].str.lower())
        if s not in PARTNER_SECTIONS
    ]
    return replace(
        section,
        summary=(
            "National figures for context, with their sources; they are not part "
            "of the local counts.",
        ),
        tables=(
            Table(
                id="national_context", title="National figures and their sources",
                data=data,
            ),
        ),
        callouts=callouts_for(ctx, sections),
    )


CHAPTER = Chapter(
    "national_context", "National context", analyse, needs=(TABLE,), reference="12",
)
