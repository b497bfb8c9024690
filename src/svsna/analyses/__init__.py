"""Analyses: chapters grouped in families, declared once, run by one runner.

``core`` holds what every family shares (the run's context, the definition as
SQL, financial years, SQL text, figures); ``police``, ``places``, ``partners``,
``public_data`` and ``whole_report`` hold the chapters and their own helpers.
A chapter never imports another chapter. :mod:`registry` lists every chapter;
:mod:`runner` runs a definition's chapters in order.
"""

from __future__ import annotations

from svsna.analyses.core.context import Context, make_context
from svsna.analyses.registry import CHAPTERS, chapter, chapters_of
from svsna.analyses.runner import run_all

__all__ = ["CHAPTERS", "Context", "chapter", "chapters_of", "make_context", "run_all"]
