"""Tiny partner warehouses for the partner-chapter tests.

Each test writes a few hand-made CSV rows, loads them through the real loader
(so types and vocabularies are the contract's) and gets a Context whose report
period is given by hand.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import TYPE_CHECKING

from svsna.analyses import CHAPTERS
from svsna.analyses.base import Context, register_definition
from svsna.config import Definition, load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from pathlib import Path

#: The partner chapter modules: chapters 12 to 19, in report order.
PARTNER_CHAPTERS = tuple(
    import_module(f"svsna.analyses.{name}")
    for name in CHAPTERS[
        CHAPTERS.index("ch12_national_context") : CHAPTERS.index("ch19_neet") + 1
    ]
)


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
