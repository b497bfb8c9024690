"""Plain results: tables, chart specifications and findings, grouped in sections."""

from svsna.results.model import (
    Callout,
    Chart,
    ChartKind,
    Finding,
    Report,
    Section,
    Table,
)

__all__ = ["Callout", "Chart", "ChartKind", "Finding", "Report", "Section", "Table"]
