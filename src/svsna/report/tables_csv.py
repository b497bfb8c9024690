"""Machine-readable tables: ``tables/<table_id>.csv``, one per report table.

The report passed in is already the edition's: in the public edition a
withheld cell holds ``[c]``, in the restricted edition its number. The
district profiles' tables are written too (``profile_<district>_*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report


def write_tables_csv(
    report: Report, folder: Path, *, definition: Definition
) -> list[Path]:
    """Write every table of ``report`` and of its profiles as CSV; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = [*report.tables(), *(t for p in report.profiles for t in p.tables)]
    for table in tables:
        path = folder / f"{table.id}.csv"
        table.data.to_csv(path, index=False)
        written.append(path)
    return written
