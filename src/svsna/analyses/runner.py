"""Runs a definition's chapters in order and numbers them by that order.

Numbers are positions in the definition (1, 2, 3 …); consecutive chapters that
share a ``part`` share one number and are told apart by a second (``11.1``,
``11.2``). Appendices follow, unnumbered. A chapter whose ``when`` does not
hold is left out before numbering; a chapter that reads the report itself
(``after_others``) is computed last, from the other chapters' sections, and
keeps its place.
"""

from __future__ import annotations

from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from svsna.analyses.core.classify import register_definition
from svsna.analyses.core.maps import with_places
from svsna.analyses.core.multiplicity import adjust_findings
from svsna.analyses.registry import APPENDICES, CHAPTERS, chapters_of
from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future
    from pathlib import Path

    from svsna.analyses.core.chapter import Chapter
    from svsna.analyses.core.context import Context
    from svsna.results import Section

#: The family whose chapters a helper process computes: the spatial
#: statistics (Gi*, the Knox test, space-time cubes), about half the analyses'
#: time, beside the rest in this process.
HELPED_FAMILY = "svsna.analyses.places."


@dataclass(frozen=True)
class Helper:
    """A second process that computes chapters, and the warehouse file it opens."""

    pool: Executor
    warehouse: Path


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


def run_all(
    ctx: Context, helper: Helper | None = None, *, strict: bool = True
) -> list[Section]:
    """Every chapter of the context's definition, numbered, then the appendices.

    Changes that are not the definition's headline measures are adjusted for
    the many tests of the report (:func:`adjust_findings`). Chapters that read
    the report (``after_others``) are computed after the others, given their
    sections (adjusted) as ``ctx.sections``. Unless ``strict``, a chapter that
    fails on its data is left out with one line saying so, and the others are
    still computed. With a ``helper``, the places family is computed in its
    process meanwhile (the same sections: each chapter reads only the
    warehouse and the context).
    """
    included = tuple(c for c in chapters_of(ctx.definition) if c.included(ctx))
    order = [*numbered(included), *((a, "") for a in APPENDICES if a.included(ctx))]
    first = _first_sections(
        ctx,
        [(i, c, n) for i, (c, n) in enumerate(order) if not c.after_others],
        helper,
        strict=strict,
    )
    adjusted = adjust_findings([s for _, s in first], ctx.definition)
    done = {i: s for (i, _), s in zip(first, adjusted, strict=True)}
    report = replace(ctx, sections=tuple(done[i] for i in sorted(done)))
    for i, (item, number) in enumerate(order):
        if item.after_others:
            done[i] = item.run(report, number, strict=strict)
    return with_places([done[i] for i in range(len(order))], ctx)


def _first_sections(
    ctx: Context,
    items: list[tuple[int, Chapter, str]],
    helper: Helper | None,
    *,
    strict: bool,
) -> list[tuple[int, Section]]:
    """The sections of ``items`` (position, chapter, number), in their order."""
    away = [
        (i, c.id, n)
        for i, c, n in items
        if helper is not None and c.compute.__module__.startswith(HELPED_FAMILY)
    ]
    waiting = _submitted(helper, ctx, [(c, n) for _, c, n in away], strict)
    moved = {i for i, _, _ in away}
    done = {i: c.run(ctx, n, strict=strict) for i, c, n in items if i not in moved}
    try:
        away_sections = waiting.result() if waiting is not None else None
    except BrokenExecutor:  # the helper died (e.g. out of memory): compute here
        away_sections = None
    if away_sections is None:
        away_sections = [CHAPTERS[c].run(ctx, n, strict=strict) for _, c, n in away]
    done.update(zip(sorted(moved), away_sections, strict=True))
    return [(i, done[i]) for i, _, _ in items]


def _submitted(
    helper: Helper | None, ctx: Context, chapters: list[tuple[str, str]], strict: bool
) -> Future[list[Section]] | None:
    """The chapters handed to the helper; None without one or when it is stopped."""
    if helper is None or not chapters:
        return None
    try:
        return helper.pool.submit(
            run_chapters,
            helper.warehouse,
            # The connection stays here; the helper opens the file itself.
            replace(ctx, warehouse=None),  # type: ignore[arg-type]
            chapters,
            strict,
        )
    except (BrokenExecutor, RuntimeError):  # stopped or broken: compute here
        return None


def run_chapters(
    warehouse: Path, ctx: Context, chapters: list[tuple[str, str]], strict: bool
) -> list[Section]:
    """Chapters (by id, with their numbers) computed on the warehouse file.

    Runs in a helper process: it opens the warehouse read-only and registers
    the definition, as :func:`svsna.analyses.make_context` did for ``ctx``.
    """
    with Warehouse.open(warehouse) as opened:
        register_definition(opened, ctx.definition)
        here = replace(ctx, warehouse=opened)
        return [
            CHAPTERS[chapter_id].run(here, n, strict=strict) for chapter_id, n in chapters
        ]
