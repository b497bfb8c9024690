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
from svsna.results.names import slug, unique_slugs
from svsna.results.relations import Cells, DerivedFrom, Margin

__all__ = [
    "Callout",
    "Cells",
    "Chart",
    "ChartKind",
    "DerivedFrom",
    "Edition",
    "Finding",
    "Margin",
    "Report",
    "Section",
    "Table",
    "slug",
    "unique_slugs",
]
