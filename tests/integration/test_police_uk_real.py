"""The public-data edition on the real Derbyshire files from data.police.uk.

All 22 street months (October 2018 to February 2019, September 2019, January
to April 2024 and all of 2025) are built as a new user would. Counts are
recomputed here straight from the CSV rows with the csv module: a row is the
force's own when its LSOA name starts with one of the nine districts of the
Derbyshire Constabulary area (Derby and the eight Derbyshire districts, as
listed in the data's SOURCES.md).
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from svsna.adapters import import_police_uk
from svsna.load import load_folder
from svsna.pipeline import build

# The workplace's shared data: beside the checkout (../shared/data), or named by
# SVSNA_SHARED_DATA, or at its usual place on these machines.
SHARED = next(
    (
        p
        for p in (
            Path(os.environ.get("SVSNA_SHARED_DATA", "/nonexistent")),
            Path(__file__).resolve().parents[3] / "shared" / "data",
            Path("/work/shared/data"),
        )
        if p.is_dir()
    ),
    Path("/work/shared/data"),
)
POLICE_UK = SHARED / "police_uk"
DERBYSHIRE = {
    "Derby", "Amber Valley", "Bolsover", "Chesterfield", "Derbyshire Dales",
    "Erewash", "High Peak", "North East Derbyshire", "South Derbyshire",
}  # fmt: skip
NAME = re.compile(r"^(.+) \d{3}[A-Z]$")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not POLICE_UK.is_dir(), reason="real data.police.uk files absent"
    ),
]


PERIOD = (
    "October 2018 to February 2019, September 2019, January to April 2024 and "
    "January to December 2025"
)


def street_files() -> list[Path]:
    return sorted(POLICE_UK.glob("*-derbyshire-street.csv"))


def direct_counts() -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], int]:
    monthly: Counter[tuple[str, str]] = Counter()
    district: Counter[tuple[str, str]] = Counter()
    rows = 0
    for path in street_files():
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for record in csv.DictReader(handle):
                rows += 1
                found = NAME.match(record["LSOA name"])
                if found and found.group(1) in DERBYSHIRE:
                    monthly[(record["Month"], record["Crime type"])] += 1
                    district[(found.group(1), record["Crime type"])] += 1
    return monthly, district, rows


def census_population() -> dict[str, int]:
    totals: Counter[str] = Counter()
    path = (
        SHARED / "lookups" / "derbyshire_census2021_lsoa21_usual_residents_by_age6.csv"
    )
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for record in csv.DictReader(handle):
            found = NAME.match(record["lsoa21_name"])
            assert found is not None
            totals[found.group(1)] += int(record["usual_residents"])
    return dict(totals)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every month in the archive's YYYY-MM/ layout, with the lookups, built."""
    root = tmp_path_factory.mktemp("derbyshire")
    src = root / "downloads"
    for path in [*street_files(), *POLICE_UK.glob("*-stop-and-search.csv")]:
        folder = src / path.name[:7]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).symlink_to(path)
    lookups = root / "lookups"
    lookups.mkdir()
    for folder in ("lookups", "imd", "schools"):
        for path in (SHARED / folder).iterdir():
            (lookups / path.name).symlink_to(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SVSNA_TODAY", "2026-06-30")
        import_police_uk(src, root / "data", lookups=lookups)
        build(root / "data", root / "report", config="police-uk", formats=("html",))
    return root


def test_every_row_loads_and_none_is_rejected(built: Path) -> None:
    _, _, rows = direct_counts()
    occurrences = pd.read_csv(built / "data" / "occurrences.csv", dtype=str)
    assert len(occurrences) == rows
    assert len(pd.read_csv(built / "report.private" / "rejects.csv")) == 0
    manifest = (built / "report" / "manifest.json").read_text(encoding="utf-8")
    assert '"rows_rejected": 0' in manifest
    assert '"rows_rejected": 1' not in manifest


def test_monthly_counts_equal_the_csv_rows(built: Path) -> None:
    monthly, _, _ = direct_counts()
    table = pd.read_csv(built / "report" / "tables" / "puk_monthly.csv", dtype=str)
    assert list(table.columns) == ["month", "crime_type", "count"]
    got = {(r.month, r.crime_type): int(r.count) for r in table.itertuples()}
    assert got == dict(monthly)
    assert len({m for m, _ in got}) == 22


def test_district_counts_and_rates_equal_the_csv_rows(built: Path) -> None:
    _, district, _ = direct_counts()
    table = pd.read_csv(built / "report" / "tables" / "puk_district.csv")
    assert list(table.columns) == ["district", "crime_type", "count", "rate_per_1000"]
    got = {(r.district, r.crime_type): int(r.count) for r in table.itertuples()}
    assert got == dict(district)
    population = census_population()
    expected = table["count"] * 1000 / table["district"].map(population)
    assert (table["rate_per_1000"] - expected).abs().max() < 0.006


def test_the_report_says_what_public_data_cannot_show(built: Path) -> None:
    html = (built / "report" / "index.html").read_text(encoding="utf-8")
    for phrase in ("No victims or suspects", "No day or time", "Snapped locations"):
        assert phrase in html
    hotspots = pd.read_csv(built / "report" / "tables" / "puk_lsoa_hotspots.csv")
    assert hotspots["gi_star"].notna().all()


def test_the_period_is_the_22_months_with_their_gaps(built: Path) -> None:
    html = (built / "report" / "index.html").read_text(encoding="utf-8")
    assert PERIOD in html
    for wrong in ("2022/23 to 2024/25", "the two latest years"):
        assert wrong not in html


def test_profiles_only_for_the_nine_districts(built: Path) -> None:
    pages = sorted(p.stem for p in (built / "report" / "profiles").glob("*.html"))
    assert pages == sorted(
        d.lower().replace(" ", "_") for d in DERBYSHIRE
    )  # no Barnet, Swansea or Isle of Anglesey
    derby = (built / "report" / "profiles" / "derby.html").read_text(encoding="utf-8")
    for absent in ("day of the week", "Busiest hour", "Victims and suspects", "1 to 0"):
        assert absent not in derby


def test_comparisons_are_january_to_april_of_2024_and_2025(built: Path) -> None:
    tests = pd.read_csv(built / "report" / "tables" / "puk_trend_tests.csv")
    assert set(tests["earlier_months"]) == {"January to April 2024"}
    assert set(tests["later_months"]) == {"January to April 2025"}
    monthly, _, _ = direct_counts()
    proxy_types = {
        "Violence and sexual offences", "Robbery", "Possession of weapons",
    }  # fmt: skip
    for year, column in (("2024", "earlier"), ("2025", "later")):
        expected = sum(
            n for (m, t), n in monthly.items()
            if t in proxy_types and m[:4] == year and m[5:] <= "04"
        )  # fmt: skip
        row = tests[tests["crime_type"] == "Violence, robbery and weapons possession"]
        assert int(row[column].iloc[0]) == expected
    changes = pd.read_csv(built / "report" / "tables" / "profile_derby_change.csv")
    assert set(changes["later_months"]) == {"January to April 2025"}


def test_all_months_in_the_flat_folder_load_with_gaps_reported(tmp_path: Path) -> None:
    summary = import_police_uk(POLICE_UK, tmp_path / "data")
    gaps = next(line for line in summary if line.startswith("Gaps in street months"))
    # 2018-10..2019-02, 2019-09, 2024-01..2024-04, 2025-01..2025-12 are present.
    assert "2019-03..2019-08" in gaps and "2024-05..2024-12" in gaps
    loaded = load_folder(tmp_path / "data", today=pd.Timestamp("2026-06-30").date())
    assert loaded.problems == []
    assert len(loaded.rejects) == 0
    assert loaded.tables["occurrences"].rows_loaded == 186_210
