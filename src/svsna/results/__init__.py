"""Plain results: tables, chart specifications and findings, grouped in sections."""

from svsna.results.edition import Edition
from svsna.results.model import (
    Callout,
    Chart,
    ChartKind,
    Finding,
    Report,
    Section,
    Table,
)
from svsna.results.names import slug

__all__ = [
    "Callout",
    "Chart",
    "ChartKind",
    "Edition",
    "Finding",
    "Report",
    "Section",
    "Table",
    "slug",
]
