"""Recommendations: the partnership's own, then prompts drawn from the report.

The reference SNA lists thirteen recommendations, several of them asking for
analyses the data could already answer. Here the partnership's own come from
``sna.yaml`` (source ``partnership``), followed by prompts svsna draws from
the report's findings and data quality (source ``data``,
:mod:`svsna.analyses.sna.prompts`), each naming the finding or measure it
rests on. A prompt is not a recommendation until the partnership adopts one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.sna.prompts import prompts
from svsna.results import Section, Table

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context

COLUMNS = ["number", "text", "basis", "source"]


def rows(ctx: Context) -> list[dict[str, object]]:
    """The partnership's recommendations, then the data's prompts, numbered."""
    own = ctx.settings.recommendations if ctx.settings else ()
    listed = [(r.text, r.basis, "partnership") for r in own]
    listed += [(p.text, p.basis, "data") for p in prompts(ctx)]
    return [
        {"number": i, "text": text, "basis": basis, "source": source}
        for i, (text, basis, source) in enumerate(listed, start=1)
    ]


def analyse(ctx: Context, heading: Heading) -> Section:
    """Every recommendation with what it rests on."""
    frame = pd.DataFrame(rows(ctx), columns=COLUMNS)
    own = int((frame["source"] == "partnership").sum())
    drawn = len(frame) - own
    summary = (
        f"The partnership makes {own} recommendation{'s' if own != 1 else ''}"
        + ("" if ctx.settings else " (none: there is no sna.yaml)")
        + f"; svsna adds {drawn} prompt{'s' if drawn != 1 else ''} drawn from the "
        "findings and the data quality of this report, each naming what it rests on.",
        "A prompt is not a recommendation until the partnership adopts it: it "
        "points at what the data show, not at what should be done about it.",
    )
    table = Table(
        id="recommendations", title="Recommendations", data=frame,
        caption="source: partnership (sna.yaml) or data (a prompt drawn from this "
        "report); basis: the finding, table or data-quality measure it rests on.",
        fixed_form=True,
    )
    return Section(*heading, summary=summary, tables=(table,))


CHAPTER = Chapter(
    "recommendations", "Recommendations", analyse, uses=("sna.yaml",), reference="2.4",
    after_others=True,
)
