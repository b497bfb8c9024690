"""Renderers: results → HTML, PDF, Word, Excel and CSV. A renderer never queries."""

from svsna.report.render import render_report, write_rejects

__all__ = ["render_report", "write_rejects"]
