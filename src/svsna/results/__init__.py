"""Plain results: tables, chart specifications and findings, grouped in sections."""

from svsna.results.model import Chart, ChartKind, Finding, Report, Section, Table

__all__ = ["Chart", "ChartKind", "Finding", "Report", "Section", "Table"]
