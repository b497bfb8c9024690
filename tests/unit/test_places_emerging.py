"""Emerging hot spots on a hand-built space-time cube: one planted block per category.

A 16 × 16 grid of 100 m neighbourhoods (1,000 residents each) over twelve
complete quarters; every cell has a Poisson(20) background of GBH with intent
per quarter. Sixteen 3 × 3 blocks (a gap of one cell between them) carry each
category's story: hot (background + 25) or cold (none) in the quarters the
category's definition names, rising or falling for the trend categories. The
block's centre, whose eight nearest neighbours are the block itself, must get
the block's category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from places_data import assert_spark_sql, load, square, table

from svsna.analyses.places.emerging_hotspots import CHAPTER
from svsna.analyses.places.space_time import slices
from svsna.stats.emerging import CATEGORIES, NO_PATTERN

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.results import Section

SIZE, SLICES, BACKGROUND, HOT = 16, 12, 20.0, 25.0
X0, Y0 = 430000, 330000
QUARTERS = pd.date_range("2022-04-01", periods=SLICES, freq="QS-APR")  # Apr-Jun 2022 on
ramp = np.linspace(0, 1, SLICES)
B, W, C = BACKGROUND, BACKGROUND + HOT, 0.0  # background, hot and cold quarters


def story(default: float, **quarters: float) -> list[float]:
    """A block's mean per quarter: ``default`` except the quarters named ``q1``…"""
    return [quarters.get(f"q{i + 1}", default) for i in range(SLICES)]


# Expected Poisson mean of a block's cells in each quarter, by category.
PLANTS: dict[str, list[float]] = {
    "new hot spot": story(B, q12=B + 1.5 * HOT),
    "consecutive hot spot": story(B, q10=W, q11=W, q12=W),
    "intensifying hot spot": list(B + HOT * (0.6 + 1.4 * ramp)),
    "persistent hot spot": story(W),
    "diminishing hot spot": list(B + HOT * (2.2 - 1.2 * ramp)),
    "sporadic hot spot": story(B, q2=W, q5=W, q6=W, q12=W),
    "oscillating hot spot": story(B, q2=C, q3=C, q7=W, q12=W),
    "historical hot spot": story(W, q12=B),
    "new cold spot": story(B, q12=C),
    "consecutive cold spot": story(B, q9=C, q10=C, q11=C, q12=C),
    "intensifying cold spot": list(B * 0.5 * (1 - ramp)),
    "persistent cold spot": story(B * 0.1),
    "diminishing cold spot": list(B * 0.4 * ramp),
    "sporadic cold spot": story(B, q1=C, q4=C, q9=C, q12=C),
    "oscillating cold spot": story(B, q3=W, q8=C, q12=C),
    "historical cold spot": story(C, q12=B),
}


def cell(row: int, col: int) -> str:
    return f"N{row:02d}{col:02d}"


def centres() -> dict[str, str]:
    """The centre cell of each category's block: blocks of 3 with a one-cell gap."""
    spots = [(1 + 4 * (i // 4), 1 + 4 * (i % 4)) for i in range(len(PLANTS))]
    return {c: cell(r, k) for c, (r, k) in zip(PLANTS, spots, strict=True)}


def means() -> dict[str, list[float]]:
    """Each cell's expected offences per quarter."""
    grid = {cell(r, c): [BACKGROUND] * SLICES for r in range(SIZE) for c in range(SIZE)}
    for category, centre in centres().items():
        row, col = int(centre[1:3]), int(centre[3:5])
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                grid[cell(row + dr, col + dc)] = PLANTS[category]
    return grid


def planted_csv() -> tuple[str, str]:
    rng = np.random.default_rng(2024)
    lines = ["occurrence_id,committed_date,offence_code,neighbourhood,district"]
    n = 0
    for name, expected in means().items():
        for quarter, mean in zip(QUARTERS, expected, strict=True):
            for offset in rng.integers(0, 91, rng.poisson(mean)):
                n += 1
                day = (quarter + pd.Timedelta(days=int(offset))).date()
                lines.append(f"o{n},{day.isoformat()},5A,{name},D")
    hoods = ["neighbourhood,district,population,geometry_wkt"]
    for r in range(SIZE):
        for c in range(SIZE):
            hoods.append(
                f"{cell(r, c)},D,1000,{square(X0 + 100 * c, Y0 + 100 * r, 100)}"
            )
    return "\n".join(lines), "\n".join(hoods)


@pytest.fixture(scope="module")
def section(tmp_path_factory: pytest.TempPathFactory) -> Section:
    occurrences, hoods = planted_csv()
    folder: Path = tmp_path_factory.mktemp("emerging")
    ctx = load(folder, occurrences=occurrences, neighbourhoods=hoods)
    result = CHAPTER.run(ctx)
    assert_spark_sql(ctx)
    return result


@pytest.mark.parametrize("category", [c for c in CATEGORIES if c != NO_PATTERN])
def test_each_planted_block_gets_its_category(section: Section, category: str) -> None:
    rows = table(section, "emerging_hotspots").set_index("area")
    assert rows.loc[centres()[category], "category"] == category


def test_table_form_map_and_findings(section: Section) -> None:
    data = table(section, "emerging_hotspots")
    assert list(data.columns) == [
        "level", "area", "district", "category", "slices_hot", "slices_cold",
        "trend_tau", "trend_p", "last_class",
    ]  # fmt: skip
    assert len(data) == SIZE * SIZE
    persistent = data.set_index("area").loc[centres()["persistent hot spot"]]
    assert persistent["slices_hot"] == SLICES and persistent["slices_cold"] == 0
    assert persistent["last_class"].startswith("hot spot")
    assert [c.id for c in section.charts] == ["emerging_hotspots_neighbourhood_map"]
    texts = [f.text for f in section.findings]
    centre = centres()["intensifying hot spot"]
    assert any("intensifying hot spot" in t and centre in t for t in texts)


def test_slices_are_whole_and_aligned_with_the_financial_year() -> None:
    import datetime as dt

    found = slices(dt.date(2022, 5, 1), dt.date(2023, 3, 1), step=3, fy_start=4)
    assert [s.isoformat() for s, _ in found] == [
        "2022-07-01",
        "2022-10-01",
        "2023-01-01",
    ]
    yearly = slices(dt.date(2022, 4, 1), dt.date(2024, 2, 1), step=12, fy_start=4)
    assert [(s.isoformat(), e.isoformat()) for s, e in yearly] == [
        ("2022-04-01", "2023-04-01")
    ]


def test_too_few_slices_say_so(tmp_path: Path) -> None:
    ctx = load(
        tmp_path,
        occurrences="""
            occurrence_id,committed_date,offence_code,neighbourhood
            o1,2024-04-02,5A,A
            o2,2024-09-30,5A,A
        """,
        neighbourhoods=f"neighbourhood,district,population,geometry_wkt\n"
        f"A,D,10,{square(0, 0, 10)}",
    )
    result = CHAPTER.run(ctx)
    assert "at least 4 complete quarters" in result.summary[0]
    assert not result.tables


def test_every_category_on_a_map_has_its_own_colour() -> None:
    from svsna.report.charts import _category_colours

    colours = _category_colours(list(CATEGORIES), layered=False)
    assert len(set(colours)) == len(CATEGORIES)
    assert colours[CATEGORIES.index(NO_PATTERN)] == "#E5E6E7"
