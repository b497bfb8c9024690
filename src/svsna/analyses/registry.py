"""Every chapter svsna knows, imported statically, and the check of a definition against them.

A chapter is declared once, in its own module (``CHAPTER = Chapter(...)``);
this module lists them so that a definition naming a chapter that does not
exist stops the build before any data are loaded, with the closest real names.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from svsna.analyses.partners import (
    ambulance,
    fire,
    health,
    hidden_violence,
    national_context,
    neet,
    probation,
    schools,
    social_care,
    youth_justice,
)
from svsna.analyses.people import co_offending, cohorts, knife_carriers, reoffending
from svsna.analyses.places import (
    deprivation,
    emerging_hotspots,
    harm,
    hotspots,
    near_repeat,
    night_time_economy,
    school_proximity,
)
from svsna.analyses.police import (
    knife_crime,
    outcomes,
    qualifiers,
    serious_violence,
    serious_violence_knife_crime,
    stop_search,
)
from svsna.analyses.public_data import hotspots as puk_hotspots
from svsna.analyses.public_data import limitations as puk_limitations
from svsna.analyses.public_data import outcomes as puk_outcomes
from svsna.analyses.public_data import places as puk_places
from svsna.analyses.public_data import stop_search as puk_stop_search
from svsna.analyses.public_data import trends as puk_trends
from svsna.analyses.sna import (
    changes,
    definition,
    duty_coverage,
    firearms,
    interventions,
    introduction,
    mental_health,
    offence_codes,
    recommendations,
    school_closing,
    voice,
)
from svsna.analyses.whole_report import data_quality
from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from svsna.analyses.core.chapter import Chapter
    from svsna.config import Definition

#: The full SNA in the reference's order: the chapters a definition runs when it names none.
SNA_CHAPTERS: tuple[Chapter, ...] = (
    introduction.CHAPTER,
    definition.CHAPTER,
    recommendations.CHAPTER,
    changes.CHAPTER,
    serious_violence_knife_crime.CHAPTER,
    serious_violence.CHAPTER,
    hotspots.CHAPTER,
    qualifiers.CHAPTER,
    knife_crime.CHAPTER,
    school_proximity.CHAPTER,
    night_time_economy.CHAPTER,
    stop_search.CHAPTER,
    outcomes.CHAPTER,
    national_context.CHAPTER,
    health.CHAPTER,
    ambulance.CHAPTER,
    hidden_violence.CHAPTER,
    fire.CHAPTER,
    youth_justice.CHAPTER,
    probation.CHAPTER,
    schools.CHAPTER,
    social_care.CHAPTER,
    neet.CHAPTER,
    deprivation.CHAPTER,
    emerging_hotspots.CHAPTER,
    near_repeat.CHAPTER,
    harm.CHAPTER,
    school_closing.CHAPTER,
    firearms.CHAPTER,
    mental_health.CHAPTER,
    interventions.CHAPTER,
    voice.CHAPTER,
    cohorts.CHAPTER,
    reoffending.CHAPTER,
    knife_carriers.CHAPTER,
    co_offending.CHAPTER,
)

#: The public-data (data.police.uk) edition's chapters.
PUBLIC_DATA_CHAPTERS: tuple[Chapter, ...] = (
    puk_limitations.CHAPTER,
    puk_trends.CHAPTER,
    puk_places.CHAPTER,
    puk_hotspots.CHAPTER,
    puk_outcomes.CHAPTER,
    puk_stop_search.CHAPTER,
)

#: Unnumbered sections every report ends with, whatever its definition.
APPENDICES: tuple[Chapter, ...] = (
    data_quality.CHAPTER,
    offence_codes.CHAPTER,
    duty_coverage.CHAPTER,
)

CHAPTERS: dict[str, Chapter] = {
    c.id: c for c in (*SNA_CHAPTERS, *PUBLIC_DATA_CHAPTERS, *APPENDICES)
}


def chapter(chapter_id: str) -> Chapter:
    """The chapter called ``chapter_id``, or one sentence naming the closest real ones."""
    try:
        return CHAPTERS[chapter_id]
    except KeyError:
        raise SvsnaError(_unknown(chapter_id)) from None


def _unknown(chapter_id: str) -> str:
    close = difflib.get_close_matches(chapter_id, CHAPTERS, n=3, cutoff=0.5)
    hint = (
        f"did you mean {' or '.join(repr(c) for c in close)}?"
        if close
        else "run `svsna chapters` to list them."
    )
    return f"The definition names a chapter {chapter_id!r} that svsna does not have; {hint}"


def chapters_of(definition: Definition) -> tuple[Chapter, ...]:
    """The definition's chapters in report order (the full SNA when it names none).

    Raises :class:`SvsnaError` for a name that is not a chapter, so that a
    misspelt definition stops before any data are loaded.
    """
    if definition.chapters is None:
        return SNA_CHAPTERS
    return tuple(chapter(name) for name in definition.chapters)
