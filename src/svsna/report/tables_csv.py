"""Machine-readable tables: ``tables/<table_id>.csv``, one per report table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report


def write_tables_csv(
    report: Report, folder: Path, *, definition: Definition
) -> list[Path]:
    """Write every table of ``report`` as CSV and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in report.tables():
        path = folder / f"{table.id}.csv"
        table.data.to_csv(path, index=False)
        written.append(path)
    return written
