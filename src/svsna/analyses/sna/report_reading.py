"""The report as the chapters that read it see it: its findings and tables.

Recommendations, the changes since an earlier build and the Duty coverage
are computed after every other chapter (``Chapter.after_others``) from their
sections. A finding is read as ``findings.json`` publishes it (its direction
only for a significant change). A finding resting on a count small enough to
be withheld in the public edition is not read at all, so nothing built on it
can say more than the public edition does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from svsna.results.findings import record

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.results import Finding, Section


#: Units of findings that are not counts (as the public edition reads them).
NOT_COUNTS = ("%", "percent", "rate", "per ", "£", "pounds")


def rests_on_small_count(finding: Finding, threshold: int) -> bool:
    """Whether a number of the finding is a whole count from 1 to the threshold.

    >>> from svsna.results import Finding
    >>> rests_on_small_count(Finding("a", "t", current=3, previous=40), 4)
    True
    >>> rests_on_small_count(Finding("a", "t", current=4.0, unit="per 1,000"), 4)
    False
    """
    if finding.unit.strip().lower().startswith(NOT_COUNTS):
        return False
    return any(
        v is not None and float(v).is_integer() and 1 <= v <= threshold
        for v in (finding.current, finding.previous)
    )


def report_findings(ctx: Context) -> list[tuple[Section, Finding, dict[str, Any]]]:
    """Each finding of the report's computed chapters, with its published record."""
    threshold = ctx.definition.disclosure.threshold
    return [
        (section, finding, record(section, finding).to_json())
        for section in ctx.sections
        if section.available
        for finding in section.findings
        if not rests_on_small_count(finding, threshold)
    ]


def report_table(ctx: Context, table_id: str) -> pd.DataFrame | None:
    """The data of one of the report's tables, or None when it has none by that id."""
    for section in ctx.sections:
        for table in section.tables:
            if table.id == table_id:
                return table.data
    return None


def top_hotspots(frame: pd.DataFrame | None, top_n: int) -> dict[str, str]:
    """``Neighbourhood (District)`` → rank for the hotspot rows ranked ``top_n`` or better.

    Works on the report's table and on an earlier build's (text cells).

    >>> frame = pd.DataFrame({"rank": ["1", "2", "16"], "district": ["D"] * 3,
    ...                       "neighbourhood": ["A", "B", "C"]})
    >>> top_hotspots(frame, 15)
    {'A (D)': '1', 'B (D)': '2'}
    """
    if frame is None or frame.empty or "rank" not in frame.columns:
        return {}
    ranks = pd.to_numeric(frame["rank"], errors="coerce")
    return {
        f"{row['neighbourhood']} ({row['district']})": str(int(rank))
        for rank, row in zip(ranks, frame.to_dict("records"), strict=True)
        if rank <= top_n
    }
