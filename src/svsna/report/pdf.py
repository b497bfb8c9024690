"""``report.pdf``: the print version of the document, laid out by WeasyPrint.

Cover, contents with page numbers (CSS ``target-counter``), a running header
naming the report and its edition on every page, charts as vector SVG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.report.document import asset, render_document

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from svsna.config import Definition
    from svsna.results import Report


def print_css(header: str, *, restricted: bool) -> str:
    """The page rules with the running header and the edition filled in."""

    def quoted(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    return (
        asset("print.css")
        .replace("__HEADER__", quoted(header))
        .replace("__EDITION__", "RESTRICTED" if restricted else "Public edition")
        .replace("__EDITION_COLOUR__", "#801650" if restricted else "#3d3d3d")
    )


def html_to_pdf(html: str, path: Path) -> None:
    """Lay out ``html`` (self-contained) as a PDF at ``path``."""
    from weasyprint import HTML

    HTML(string=html, base_url=str(path.parent)).write_pdf(path)


def write_pdf(
    report: Report,
    path: Path,
    *,
    definition: Definition,
    rejects: pd.DataFrame | None = None,
) -> Path:
    """Write ``report.pdf``."""
    restricted = report.edition == "restricted"
    css = print_css(f"{report.title} · {report.period_label}", restricted=restricted)
    html = render_document(
        report, definition=definition, mode="print", rejects=rejects, print_css=css
    )
    html_to_pdf(html, path)
    return path
