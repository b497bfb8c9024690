"""Machine-readable tables: ``tables/<table_id>.csv``, one per report table.

The report passed in is already the edition's: in the public edition a
withheld cell holds ``[c]``, in the restricted edition its number (and the
file's first line says RESTRICTED). The district profiles' tables are written
too (``profile_<district>_*``). Text that would start a spreadsheet formula is
neutralised (:mod:`svsna.report.cells`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.report.cells import inert_cells

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report

#: The first line of every table of the restricted edition, so each file says what it is
#: (read them with ``skiprows=1``); the public edition's files start with their header.
RESTRICTED_LINE = "# RESTRICTED: exact numbers, not for publication\n"


def write_tables_csv(
    report: Report, folder: Path, *, definition: Definition
) -> list[Path]:
    """Write every table of ``report`` and of its profiles as CSV; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = [*report.tables(), *(t for p in report.profiles for t in p.tables)]
    mark = RESTRICTED_LINE if report.edition == "restricted" else ""
    for table in tables:
        path = folder / f"{table.id}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(mark)
            inert_cells(table.data).to_csv(out, index=False)
        written.append(path)
    return written
