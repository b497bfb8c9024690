"""Tiny partner warehouses for the partner-chapter tests.

Each test writes a few hand-made CSV rows, loads them through the real loader
(so types and vocabularies are the contract's) and gets a Context whose report
period is given by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from svsna.analyses.core.classify import register_definition
from svsna.analyses.core.context import Context
from svsna.analyses.registry import SNA_CHAPTERS
from svsna.config import Definition, load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from pathlib import Path

#: The partner chapters, national context to NEET, in report order.
_IDS = [c.id for c in SNA_CHAPTERS]
PARTNER_CHAPTERS = SNA_CHAPTERS[_IDS.index("national_context") : _IDS.index("neet") + 1]


def partner_context(
    folder: Path,
    tables: dict[str, str],
    *,
    years: tuple[str, ...] = ("2023/24", "2024/25"),
    definition: Definition | None = None,
) -> Context:
    """Load ``tables`` (name → CSV text) and return a Context over ``years``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text.strip() + "\n", encoding="utf-8")
    loaded = load_folder(folder)
    assert loaded.rejects.empty, loaded.rejects.to_string()
    warehouse = Warehouse.in_memory(loaded.arrow_tables())
    chosen = definition or load_definition()
    register_definition(warehouse, chosen)
    return Context(
        warehouse,
        chosen,
        years,
        years,
        dt.date(2025, 5, 1),
        frozenset(loaded.tables),
    )


def row(frame, **match):  # type: ignore[no-untyped-def]
    """The single row of ``frame`` whose columns equal ``match``."""
    mask = None
    for column, value in match.items():
        hit = frame[column] == value
        mask = hit if mask is None else mask & hit
    found = frame[mask]
    assert len(found) == 1, f"{match}: {len(found)} rows"
    return found.iloc[0]
