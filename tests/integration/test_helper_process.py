"""Chapters computed in a helper process are the very sections computed here.

The build hands the places family to its second process while this one
computes the rest (:class:`svsna.analyses.runner.Helper`); a chapter reads
only the warehouse and the context, so where it runs must change nothing.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses import make_context, run_all
from svsna.analyses.registry import CHAPTERS
from svsna.analyses.runner import HELPED_FAMILY, Helper
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.synth import DEMO_SEED, write_area
from svsna.warehouse import Warehouse, build_warehouse

if TYPE_CHECKING:
    from pathlib import Path


def test_places_chapters_in_a_helper_process_are_unchanged(tmp_path: Path) -> None:
    write_area(tmp_path / "data", seed=DEMO_SEED, years=1)
    loaded = load_folder(tmp_path / "data")
    path = tmp_path / "warehouse.duckdb"
    build_warehouse(path, loaded.checked_tables(), rejects=loaded.rejects, metadata={})
    spawn = multiprocessing.get_context("spawn")
    with Warehouse.open(path) as warehouse:
        ctx = make_context(warehouse, load_definition(), frozenset(loaded.tables))
        alone = run_all(ctx)
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            helped = run_all(ctx, Helper(pool, path))
        # A stopped helper: the chapters are computed here instead.
        without = run_all(ctx, Helper(pool, path))
    away = {
        c.id for c in CHAPTERS.values() if c.compute.__module__.startswith(HELPED_FAMILY)
    }
    assert away & {s.id for s in helped if s.tables}, "no chapter was computed away"
    assert [s.id for s in helped] == [s.id for s in alone]
    for mine, theirs in zip(alone, helped, strict=True):
        assert [f.text for f in theirs.findings] == [f.text for f in mine.findings]
        assert [t.id for t in theirs.tables] == [t.id for t in mine.tables]
        for a, b in zip(mine.tables, theirs.tables, strict=True):
            pd.testing.assert_frame_equal(a.data, b.data)
        assert [c.id for c in theirs.charts] == [c.id for c in mine.charts]
    assert [[t.id for t in s.tables] for s in without] == [
        [t.id for t in s.tables] for s in alone
    ]
