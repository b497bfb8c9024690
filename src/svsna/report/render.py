"""Write a report's outputs in the formats asked for, timing each one.

The edition is applied once, first (:mod:`svsna.report.edition`), so that no
renderer can show what the public edition withholds. Each format's seconds go
into ``timings`` (``render_html``, ``render_pdf``, …) and so into
``manifest.json``'s ``stage_seconds``.

``report.pdf`` and ``report.docx`` draw every chart for print (SVG, and PNG
for Word) and lay out every page, so on a machine with two or more cores they
are made in a second process (one after the other, sharing the drawings)
while this one writes the others. The caller may start that process early
(:func:`start_worker`), so its imports overlap the load and the analyses.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from svsna.report.cells import inert_cells
from svsna.report.edition import edition_report
from svsna.report.processes import stopping, watch_parent
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


#: The formats drawn for print (every chart as SVG, and as PNG for Word): made
#: together in a second process, so they share each chart's spec and drawing.
PRINTED = ("pdf", "docx")


def _warm_up() -> None:
    """Import what the print formats need while the build loads and analyses."""
    import svsna.report.pdf
    import svsna.report.word  # noqa: F401


def start_worker(formats: tuple[str, ...]) -> ProcessPoolExecutor | None:
    """A second process for the print formats, started early and warmed up.

    None when no print format is asked for (or see :func:`spawn_process`):
    the formats are then made in this process.
    """
    if not set(PRINTED) & set(formats):
        return None
    return spawn_process(_warm_up)


def spawn_process(warm_up: Callable[[], object]) -> ProcessPoolExecutor | None:
    """A second process (one worker), given ``warm_up`` to run at once.

    None on one core, or where processes cannot be started. The worker
    leaves when this process is gone (:func:`svsna.report.processes.watch_parent`).
    """
    if _cores() < 2:
        return None
    try:
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=watch_parent,
        )
        pool.submit(warm_up)
    except (OSError, RuntimeError):  # no processes here
        return None
    return pool


def _print_job(
    report: Report,
    out_dir: Path,
    formats: tuple[str, ...],
    definition: Definition,
    rejects: pd.DataFrame | None,
) -> dict[str, float]:
    """Write ``report.pdf`` and ``report.docx`` (those asked for); their seconds."""
    seconds: dict[str, float] = {}
    pages = None
    if "pdf" in formats:
        from svsna.report.pdf import print_pdf

        started = time.perf_counter()
        pages = print_pdf(
            report, out_dir / "report.pdf", definition=definition, rejects=rejects
        )
        seconds["pdf"] = time.perf_counter() - started
    if "docx" in formats:
        from svsna.report.word import write_docx

        started = time.perf_counter()
        # Word's contents print the PDF's page numbers (Word's own layout is
        # known only to Word): the same report, laid out for print.
        write_docx(report, out_dir / "report.docx", definition=definition, pages=pages)
        seconds["docx"] = time.perf_counter() - started
    return seconds


def _printed(
    pool: ProcessPoolExecutor | None, job: tuple[object, ...]
) -> Callable[[], dict[str, float]]:
    """The print formats' job, in ``pool`` when there is one: call to wait for it."""
    if pool is not None:
        try:
            future = pool.submit(_print_job, *job)  # type: ignore[arg-type]
            return future.result
        except (OSError, RuntimeError):  # the worker is gone: make them here
            pass
    return lambda: _print_job(*job)  # type: ignore[arg-type]


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
    worker: ProcessPoolExecutor | None = None,
) -> list[str]:
    """Render ``report`` into ``out_dir``; return the paths written (relative).

    ``rejects`` (the load's rejected values, handed over in memory) are
    reported only as counts by table and rule. ``worker`` is a second process
    from :func:`start_worker` (started early by the caller, who shuts it
    down); without one, a worker is started here when there are two cores.
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

    own = start_worker(formats) if worker is None else None
    printed = tuple(f for f in PRINTED if f in formats)
    with stopping(own):
        wait = _printed(worker or own, (shown, out_dir, printed, definition, rejects))
        _write_others(shown, out_dir, formats, definition, rejects, timed)
        waited = time.perf_counter()
        for name, seconds in wait().items():
            timings[f"render_{name}"] = round(seconds, 3)
            written.append(out_dir / f"report.{name}")
        timings["render_print_wait"] = round(time.perf_counter() - waited, 3)
    return [str(p.relative_to(out_dir)) for p in written]


def _write_others(
    shown: Report,
    out_dir: Path,
    formats: tuple[str, ...],
    definition: Definition,
    rejects: pd.DataFrame | None,
    timed: Callable[[str, Callable[[], list[Path] | Path]], None],
) -> None:
    """Every output but the print formats, in this process, each timed."""
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
