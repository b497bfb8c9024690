"""Write a report's outputs in the formats asked for, timing each one.

The edition is applied once, first (:mod:`svsna.report.edition`), so that no
renderer can show what the public edition withholds. Each format's seconds go
into ``timings`` (``render_html``, ``render_pdf``, …) and so into
``manifest.json``'s ``stage_seconds``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pandas as pd

from svsna.report.edition import edition_report
from svsna.report.tables_csv import write_tables_csv

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report


def write_rejects(rejects: pd.DataFrame, path: Path) -> None:
    """Write every rejected input row, ordered by table, file and line."""
    ordered = rejects.sort_values(["table", "file", "line", "column"], kind="stable")
    ordered.to_csv(path, index=False)


def _read_rejects(out_dir: Path) -> pd.DataFrame | None:
    path = out_dir / "rejects.csv"
    if not path.exists():
        return None
    try:
        return pd.read_csv(path, dtype=str)
    except pd.errors.EmptyDataError:
        return None


def render_report(
    report: Report,
    out_dir: Path,
    *,
    formats: tuple[str, ...],
    definition: Definition,
    timings: dict[str, float],
) -> list[str]:
    """Render ``report`` into ``out_dir``; return the paths written (relative)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shown = edition_report(report, definition=definition)
    rejects = _read_rejects(out_dir)
    written: list[Path] = []

    def timed(name: str, write: Callable[[], list[Path] | Path]) -> None:
        started = time.perf_counter()
        result = write()
        timings[f"render_{name}"] = round(time.perf_counter() - started, 3)
        written.extend(result if isinstance(result, list) else [result])

    timed(
        "csv",
        lambda: write_tables_csv(shown, out_dir / "tables", definition=definition),
    )
    if "html" in formats:
        from svsna.report.document import render_document

        def html() -> Path:
            path = out_dir / "index.html"
            text = render_document(
                shown, definition=definition, mode="html", rejects=rejects
            )
            path.write_text(text, encoding="utf-8")
            return path

        timed("html", html)
    if "pdf" in formats:
        from svsna.report.pdf import write_pdf

        timed(
            "pdf",
            lambda: write_pdf(
                shown, out_dir / "report.pdf", definition=definition, rejects=rejects
            ),
        )
    if "docx" in formats:
        from svsna.report.word import write_docx

        timed(
            "docx",
            lambda: write_docx(shown, out_dir / "report.docx", definition=definition),
        )
    if "xlsx" in formats:
        from svsna.report.excel import write_xlsx

        timed(
            "xlsx",
            lambda: write_xlsx(shown, out_dir / "tables.xlsx", definition=definition),
        )
    if shown.profiles and ({"html", "pdf"} & set(formats)):
        from svsna.report.profiles import write_profiles

        timed(
            "profiles",
            lambda: write_profiles(
                shown, out_dir / "profiles", definition=definition, formats=formats
            ),
        )
    return [str(p.relative_to(out_dir)) for p in written]
