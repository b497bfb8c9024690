"""Analyses: one module per report chapter, each returning a Section of results."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from svsna.analyses.base import Context, make_context

if TYPE_CHECKING:
    from svsna.results import Section

#: Chapter modules in report order; each defines ``analyse(ctx) -> Section``.
CHAPTERS: tuple[str, ...] = ()


def run_all(ctx: Context) -> list[Section]:
    """Run every chapter's analysis in report order."""
    sections = []
    for name in CHAPTERS:
        module = import_module(f"svsna.analyses.{name}")
        sections.append(module.analyse(ctx))
    return sections


__all__ = ["CHAPTERS", "Context", "make_context", "run_all"]
