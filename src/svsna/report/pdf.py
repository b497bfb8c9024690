"""``report.pdf``: the print version of the report, laid out by Typst.

Cover, contents with page numbers, a running header naming the report and its
edition, bookmarks from the headings, tables that break across pages with
their header row repeated, and charts as vector SVG with their text
alternatives, all in the bundled font (see :mod:`svsna.report.typst_pdf`).
Every table is printed in full: long ones in the appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.report.typst_pdf import HeadingPage, compile_with_pages, report_document

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from svsna.config import Definition
    from svsna.results import Report


def write_pdf(
    report: Report,
    path: Path,
    *,
    definition: Definition,
    rejects: pd.DataFrame | None = None,
) -> Path:
    """Write ``report.pdf``."""
    print_pdf(report, path, definition=definition, rejects=rejects)
    return path


def print_pdf(
    report: Report,
    path: Path,
    *,
    definition: Definition,
    rejects: pd.DataFrame | None = None,
) -> list[HeadingPage]:
    """Write ``report.pdf``; return the page of each chapter and section heading."""
    document = report_document(report, definition=definition, rejects=rejects)
    return compile_with_pages(document, path, produced=report.generated_on)
