"""Runs a definition's chapters in order and numbers them by that order.

Numbers are positions in the definition (1, 2, 3 …); consecutive chapters that
share a ``part`` share one number and are told apart by a second (``11.1``,
``11.2``). Appendices follow, unnumbered. A chapter whose ``when`` does not
hold is left out before numbering; a chapter that reads the report itself
(``after_others``) is computed last, from the other chapters' sections, and
keeps its place.
"""

from __future__ import annotations

from dataclasses import replace
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


def run_all(ctx: Context, *, strict: bool = True) -> list[Section]:
    """Every chapter of the context's definition, numbered, then the appendices.

    Changes that are not the definition's headline measures are adjusted for
    the many tests of the report (:func:`adjust_findings`). Chapters that read
    the report (``after_others``) are computed after the others, given their
    sections (adjusted) as ``ctx.sections``. Unless ``strict``, a chapter that
    fails on its data is left out with one line saying so, and the others are
    still computed.
    """
    included = tuple(c for c in chapters_of(ctx.definition) if c.included(ctx))
    order = [*numbered(included), *((a, "") for a in APPENDICES if a.included(ctx))]
    first = [
        (i, item.run(ctx, number, strict=strict))
        for i, (item, number) in enumerate(order)
        if not item.after_others
    ]
    adjusted = adjust_findings([s for _, s in first], ctx.definition)
    done = {i: s for (i, _), s in zip(first, adjusted, strict=True)}
    report = replace(ctx, sections=tuple(done[i] for i in sorted(done)))
    for i, (item, number) in enumerate(order):
        if item.after_others:
            done[i] = item.run(report, number, strict=strict)
    return [done[i] for i in range(len(order))]
