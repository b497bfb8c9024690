"""Write a report's outputs in the formats asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.report.tables_csv import write_tables_csv

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from svsna.config import Definition
    from svsna.results import Report


def write_rejects(rejects: pd.DataFrame, path: Path) -> None:
    """Write every rejected input row, ordered by table, file and line."""
    ordered = rejects.sort_values(["table", "file", "line", "column"], kind="stable")
    ordered.to_csv(path, index=False)


def render_report(
    report: Report,
    out_dir: Path,
    *,
    formats: tuple[str, ...],
    definition: Definition,
    timings: dict[str, float],
) -> list[str]:
    """Render ``report`` into ``out_dir``; return the paths written (relative)."""
    written = write_tables_csv(report, out_dir / "tables", definition=definition)
    return [str(p.relative_to(out_dir)) for p in written]
