"""Runs a definition's chapters in order and numbers them by that order.

Numbers are positions in the definition (1, 2, 3 …); consecutive chapters that
share a ``part`` share one number and are told apart by a second (``11.1``,
``11.2``). Appendices follow, unnumbered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.analyses.core.multiplicity import adjust_findings
from svsna.analyses.registry import APPENDICES, chapters_of

if TYPE_CHECKING:
    from svsna.analyses.core.chapter import Chapter
    from svsna.analyses.core.context import Context
    from svsna.results import Section


def numbered(chapters: tuple[Chapter, ...]) -> list[tuple[Chapter, str]]:
    """Each chapter with its number.

    >>> from svsna.analyses.registry import CHAPTERS as C
    >>> [n for _, n in numbered((C["qualifiers"], C["ed"], C["ambulance"], C["fire"]))]
    ['1', '2.1', '2.2', '3']
    """
    result: list[tuple[Chapter, str]] = []
    top, sub, part = 0, 0, None
    for item in chapters:
        if item.part is not None and item.part == part:
            sub += 1
        else:
            top += 1
            sub = 1 if item.part is not None else 0
        part = item.part
        result.append((item, f"{top}.{sub}" if sub else str(top)))
    return result


def run_all(ctx: Context) -> list[Section]:
    """Every chapter of the context's definition, numbered, then the appendices.

    Changes that are not the definition's headline measures are adjusted for
    the many tests of the report (:func:`adjust_findings`).
    """
    sections = [
        item.run(ctx, number) for item, number in numbered(chapters_of(ctx.definition))
    ]
    every = [*sections, *(appendix.run(ctx) for appendix in APPENDICES)]
    return adjust_findings(every, ctx.definition)
