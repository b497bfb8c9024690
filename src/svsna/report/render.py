"""Write a report's outputs in the formats asked for, timing each one.

The edition is applied once, first (:mod:`svsna.report.edition`), so that no
renderer can show what the public edition withholds. Each format's seconds go
into ``timings`` (``render_html``, ``render_pdf``, …) and so into
``manifest.json``'s ``stage_seconds``.

``report.pdf`` draws every chart as SVG and lays out every page (Typst), so on
a machine with two or more cores it is made in a second process while this one
writes the others.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from svsna.report.cells import inert_cells
from svsna.report.edition import edition_report
from svsna.report.tables_csv import write_tables_csv
from svsna.results.findings import findings_json

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pandas as pd

    from svsna.config import Definition
    from svsna.results import Report


def write_rejects(rejects: pd.DataFrame, path: Path) -> None:
    """Write every rejected input row, ordered by table, file and line.

    A value that would start a spreadsheet formula is neutralised (see
    :func:`svsna.report.cells.inert_cells`).
    """
    ordered = rejects.sort_values(["table", "file", "line", "column"], kind="stable")
    inert_cells(ordered).to_csv(path, index=False)


def write_findings(report: Report, path: Path) -> Path:
    """Write ``findings.json``, the records every medium prints its findings from."""
    path.write_text(findings_json(report), encoding="utf-8")
    return path


def reject_counts(rejects: pd.DataFrame | None) -> pd.DataFrame | None:
    """Rejected rows counted by table and rule: all a report shows of them."""
    if rejects is None or rejects.empty:
        return None
    return (
        rejects.groupby(["table", "rule"], dropna=False).size().reset_index(name="rows")
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pdf_job(
    report: Report, path: Path, definition: Definition, rejects: pd.DataFrame | None
) -> float:
    """Write ``report.pdf`` and return the seconds it took (runs in a worker)."""
    from svsna.report.pdf import write_pdf

    started = time.perf_counter()
    write_pdf(report, path, definition=definition, rejects=rejects)
    return time.perf_counter() - started


def _pdf_path(
    report: Report, path: Path, definition: Definition, rejects: pd.DataFrame | None
) -> Path:
    _pdf_job(report, path, definition, rejects)
    return path


def _start_pdf(
    report: Report, path: Path, definition: Definition, rejects: pd.DataFrame | None
) -> tuple[ProcessPoolExecutor | None, Future[float] | None]:
    """Lay out the PDF in a second process when there is a second core."""
    if _cores() < 2:
        return None, None
    try:
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        return pool, pool.submit(_pdf_job, report, path, definition, rejects)
    except (OSError, RuntimeError):  # no processes here: lay it out in this one
        return None, None


def _protected(
    report: Report, definition: Definition, timings: dict[str, float]
) -> Report:
    """The edition's report (disclosure control over the whole publication), timed."""
    started = time.perf_counter()
    shown = edition_report(report, definition=definition)
    timings["render_protect"] = round(time.perf_counter() - started, 3)
    return shown


def render_report(
    report: Report,
    out_dir: Path,
    *,
    formats: tuple[str, ...],
    definition: Definition,
    timings: dict[str, float],
    rejects: pd.DataFrame | None = None,
) -> list[str]:
    """Render ``report`` into ``out_dir``; return the paths written (relative).

    ``rejects`` (the load's rejected values, handed over in memory) are
    reported only as counts by table and rule.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    shown = _protected(report, definition, timings)
    rejects = reject_counts(rejects)
    written: list[Path] = []

    def timed(name: str, write: Callable[[], list[Path] | Path]) -> None:
        started = time.perf_counter()
        result = write()
        timings[f"render_{name}"] = round(time.perf_counter() - started, 3)
        written.extend(result if isinstance(result, list) else [result])

    pdf_path = out_dir / "report.pdf"
    pool, pdf = (
        _start_pdf(shown, pdf_path, definition, rejects)
        if "pdf" in formats
        else (None, None)
    )
    timed(
        "csv",
        lambda: write_tables_csv(shown, out_dir / "tables", definition=definition),
    )
    timed("findings", lambda: write_findings(shown, out_dir / "findings.json"))
    if "html" in formats:
        from svsna.report.document import render_document

        def html() -> Path:
            path = out_dir / "index.html"
            text = render_document(shown, definition=definition, rejects=rejects)
            path.write_text(text, encoding="utf-8")
            return path

        timed("html", html)
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
    if "pdf" in formats:
        if pdf is not None and pool is not None:
            waited = time.perf_counter()
            with pool:
                timings["render_pdf"] = round(pdf.result(), 3)
            timings["render_pdf_wait"] = round(time.perf_counter() - waited, 3)
            written.append(pdf_path)
        else:
            timed("pdf", lambda: _pdf_path(shown, pdf_path, definition, rejects))
    return [str(p.relative_to(out_dir)) for p in written]
