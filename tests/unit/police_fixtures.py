"""Tiny hand-made police data for the chapter tests, loaded the way users load theirs.

Tests write a few CSV rows (only the columns they need), this module loads them
with :func:`svsna.load.load_folder` into an in-memory warehouse and returns the
chapter :class:`Context`. The warehouse is a :class:`RecordingWarehouse`, so a
test can check that each SQL string run transpiles to Spark SQL.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import pandas as pd
from sql_recorder import RecordingWarehouse

from svsna.analyses import CHAPTERS, make_context
from svsna.config import load_definition
from svsna.load import load_folder

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.config import Definition
    from svsna.results import Finding, Section, Table

#: The police chapter modules (the police-record chapters but the place ones).
POLICE_CHAPTERS = tuple(
    CHAPTERS[name]
    for name in (
        "serious_violence_knife_crime",
        "serious_violence",
        "qualifiers",
        "knife_crime",
        "stop_search",
        "outcomes",
    )
)


def write(folder: Path, name: str, text: str) -> None:
    """Write one CSV table (dedented) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.csv").write_text(textwrap.dedent(text).strip() + "\n")


def context(
    folder: Path,
    *,
    occurrences: str,
    persons: str = "occurrence_id,person_id,role,age,sex\n",
    definition: Definition | None = None,
    **tables: str,
) -> Context:
    """Load the given CSV texts and return the context of a run over them."""
    write(folder, "occurrences", occurrences)
    write(folder, "persons", persons)
    for name, text in tables.items():
        write(folder, name, text)
    loaded = load_folder(folder)
    assert not loaded.problems, loaded.problems
    assert loaded.rejects.empty, loaded.rejects.to_dict("records")
    warehouse = RecordingWarehouse.in_memory(loaded.arrow_tables())
    return make_context(
        warehouse, definition or load_definition(), frozenset(loaded.tables)
    )


def table(section: Section, table_id: str) -> pd.DataFrame:
    """The data of one table of a section, by id."""
    return table_of(section, table_id).data


def table_of(section: Section, table_id: str) -> Table:
    """One table of a section, by id."""
    for candidate in section.tables:
        if candidate.id == table_id:
            return candidate
    raise KeyError(f"{table_id} not in {[t.id for t in section.tables]}")


def finding(section: Section, finding_id: str) -> Finding:
    """One finding of a section, by id."""
    for candidate in section.findings:
        if candidate.id == finding_id:
            return candidate
    raise KeyError(f"{finding_id} not in {[f.id for f in section.findings]}")


def records(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (numpy scalars made Python) for exact comparison."""
    return [
        tuple(
            None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row
        )
        for row in frame.itertuples(index=False)
    ]


def filler(width: int, *, years: int = 3, last_fy_start: int = 2024) -> str:
    """Rows (other theft, not serious violence) that make ``years`` complete FYs.

    One occurrence on the first and last day of each year, ending with the year
    starting 1 April ``last_fy_start``; for a header beginning
    ``occurrence_id,committed_date,committed_time,offence_code`` and ``width``
    columns in all.
    """
    pad = "," * (width - 4)
    rows = []
    for i in range(years):
        start = last_fy_start - years + 1 + i
        rows.append(f"FILL{start}A,{start}-04-01,,49{pad}")
        rows.append(f"FILL{start}B,{start + 1}-03-31,,49{pad}")
    return "\n".join(rows)
