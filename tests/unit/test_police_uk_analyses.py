"""The public-data chapters on tiny imported data, every expected number worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from police_uk_helpers import SS_HEADER, row, write

from svsna.adapters import import_police_uk
from svsna.analyses import make_context, run_all
from svsna.analyses.core.context import report_labels
from svsna.analyses.public_data import places as puk_places
from svsna.analyses.public_data import stop_search as puk_stop_search
from svsna.analyses.public_data import trends as puk_trends
from svsna.analyses.public_data.periods import comparison
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context


def context(data: Path) -> Context:
    loaded = load_folder(data, today=dt.date(2026, 1, 1))
    assert len(loaded.rejects) == 0
    warehouse = Warehouse.in_memory(loaded.arrow_tables())
    return make_context(
        warehouse, load_definition("police-uk"), frozenset(loaded.tables)
    )


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    return small_force(tmp_path)


def small_force(tmp_path: Path) -> Context:
    """Two LSOAs of one force, a month a year apart, stop and search by ethnicity."""
    src = tmp_path / "src"
    rows = [
        row("v1", "2024-01", "E01000001", "Alpha 001A", "Violence and sexual offences"),
        row("v2", "2025-01", "E01000001", "Alpha 001A", "Violence and sexual offences"),
        row("v3", "2025-01", "E01000001", "Alpha 001A", "Violence and sexual offences"),
        row("", "2025-01", "E01000001", "Alpha 001A", "Anti-social behaviour"),
        row("r1", "2025-01", "E01000002", "Beta 001A", "Robbery"),
    ]  # fmt: skip
    rows += [row(f"s{i}", "2025-01", "E01000001", "Alpha 001A", "Shoplifting")
             for i in range(40)]  # fmt: skip
    rows += [row(f"t{i}", "2025-01", "E01000002", "Beta 001A", "Shoplifting")
             for i in range(20)]  # fmt: skip
    rows += [row("x1", "2025-01", "E09000001", "Outside 001A", "Robbery")]
    write(src / "2024-01-testshire-street.csv", [r for r in rows if r[1] == "2024-01"])
    write(src / "2025-01-testshire-street.csv", [r for r in rows if r[1] == "2025-01"])
    searches = [
        ("White - Irish", "Arrest"),
    ] * 5 + [("White - Irish", "A no further action disposal")] * 5
    searches += [("Black/African/Caribbean/Black British - African", "Arrest")] * 2
    searches += [
        (
            "Black/African/Caribbean/Black British - African",
            "A no further action disposal",
        )
    ] * 8
    (src / "2025-01-testshire-stop-and-search.csv").write_text(
        SS_HEADER
        + "".join(
            f"Person search,2025-01-03T10:00:00+00:00,,,52.9,-1.5,Male,18-24,{eth},,"
            f"Misuse of Drugs Act 1971 (section 23),Controlled drugs,{outcome},True,False\n"
            for eth, outcome in searches
        ),
        encoding="utf-8",
    )
    lookups = tmp_path / "lookups"
    lookups.mkdir()
    (lookups / "census.csv").write_text(
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        "E01000001,Alpha 001A,all,2000\nE01000002,Beta 001A,all,500\n",
        encoding="utf-8",
    )
    import_police_uk(src, tmp_path / "data", lookups=lookups)
    return context(tmp_path / "data")


def test_puk_monthly_counts_own_rows_by_month_and_type(ctx: Context) -> None:
    table = puk_trends.CHAPTER.run(ctx).tables[0]
    assert table.id == "puk_monthly"
    got = {(r.month, r.crime_type): r.count for r in table.data.itertuples()}
    # The Outside robbery is not the force's: Robbery counts Beta's one only.
    assert got == {
        ("2024-01", "Violence and sexual offences"): 1,
        ("2025-01", "Anti-social behaviour"): 1,
        ("2025-01", "Robbery"): 1,
        ("2025-01", "Shoplifting"): 60,
        ("2025-01", "Violence and sexual offences"): 2,
    }


def test_puk_district_rates_per_1000(ctx: Context) -> None:
    table = puk_places.CHAPTER.run(ctx).tables[0]
    assert table.id == "puk_district"
    assert list(table.data.columns) == [
        "district",
        "crime_type",
        "count",
        "rate_per_1000",
    ]
    got = table.data.set_index(["district", "crime_type"])
    # Alpha: 40 shoplifting / 2,000 residents = 20 per 1,000; Beta 20 / 500 = 40.
    assert got.loc[("Alpha", "Shoplifting"), "rate_per_1000"] == pytest.approx(20.0)
    assert got.loc[("Beta", "Shoplifting"), "rate_per_1000"] == pytest.approx(40.0)
    assert got.loc[("Alpha", "Violence and sexual offences"), "count"] == 3
    assert "Outside" not in set(table.data["district"])


def test_trend_test_compares_the_same_months_a_year_apart(ctx: Context) -> None:
    tests = puk_trends.CHAPTER.run(ctx).tables[1].data.set_index("crime_type")
    violence = tests.loc["Violence and sexual offences"]
    # 1 in 2024-01 against 2 in 2025-01: one month against one leaves nothing to
    # estimate the month-to-month variation from, so the change is not tested.
    assert (violence["earlier"], violence["later"]) == (1, 2)
    assert violence["p_value"] is None and violence["direction"] is None
    assert violence["significant"] == "not tested"


def test_comparisons_are_equal_runs_of_months_a_year_apart() -> None:
    # 2024-02 is missing, so only 2025-03 has its year-earlier month in one run
    # with its neighbours: January 2025 is paired too, but a run may not span
    # February (its twin is absent), and the latest run wins.
    months = ["2024-01", "2024-03", "2025-01", "2025-02", "2025-03"]
    found = comparison(months, 3)
    assert found is not None
    assert (found.earlier, found.later) == (("2024-03",), ("2025-03",))
    assert found.sentence == (
        "March 2025 against March 2024 (the same 1 month of two consecutive years)"
    )
    # 24 consecutive months: two full 12-month windows.
    two_years = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
    windows = comparison(two_years, 12)
    assert windows is not None and windows.full_years
    assert windows.sentence == (
        "January to December 2025 against January to December 2024 "
        "(two full 12-month windows)"
    )
    # One year only, or months that are not a year apart: nothing is compared.
    assert comparison(["2025-01"], 12) is None
    assert comparison([f"2025-{m:02d}" for m in range(1, 13)], 12) is None


def test_trend_table_prints_words_and_names_the_periods(ctx: Context) -> None:
    table = puk_trends.CHAPTER.run(ctx).tables[1]
    significant = table.data.set_index("crime_type")["significant"]
    # Shoplifting 0 -> 60 and violence 1 -> 2, one month each: neither tested
    # (the old exact test on two totals called shoplifting significant).
    assert significant["Shoplifting"] == "not tested"
    assert significant["Violence and sexual offences"] == "not tested"
    assert set(table.data["earlier_months"]) == {"January 2024"}
    assert set(table.data["later_months"]) == {"January 2025"}
    assert table.caption == (
        "Counts compared: January 2025 against January 2024 "
        "(the same 1 month of two consecutive years)."
    )


def test_find_rate_ratio_by_ethnicity(ctx: Context) -> None:
    section = puk_stop_search.CHAPTER.run(ctx)
    table = next(t for t in section.tables if t.id == "puk_ss_ethnicity").data
    black = table[(table["basis"] == "self-defined") & (table["ethnicity"] == "Black")]
    row = black.iloc[0]
    # 2 of 10 against 5 of 10: ratio 0.4; Katz se = sqrt(1/2 - 1/10 + 1/5 - 1/10)
    # = sqrt(0.5); 0.4 * exp(-/+ 1.96 * 0.7071) = 0.100 and 1.600.
    assert (row["searches"], row["finds"], row["find_rate"]) == (10, 2, 20.0)
    assert row["find_rate_ratio"] == pytest.approx(0.4)
    assert (row["lower"], row["upper"]) == (pytest.approx(0.10), pytest.approx(1.60))


def test_police_uk_definition_runs_only_its_chapters(ctx: Context) -> None:
    sections = run_all(ctx)
    ids = [s.id for s in sections]
    assert ids[:6] == [
        "puk_limitations", "puk_trends", "puk_places", "puk_hotspots",
        "puk_outcomes", "puk_stop_search",
    ]  # fmt: skip
    limitations = " ".join(sections[0].summary)
    for phrase in ("No victims or suspects", "No day or time", "Snapped locations",
                   "domestic-abuse", "No near repeats"):  # fmt: skip
        assert phrase in limitations
    assert isinstance(sections[0].tables[0].data, pd.DataFrame)


def test_report_is_labelled_with_the_force_and_its_months(ctx: Context) -> None:
    # area_name "{force} (data.police.uk)"; the period is the months present,
    # the eleven months between them named by their absence.
    assert report_labels(ctx) == (
        "Testshire Police (data.police.uk)",
        "January 2024 and January 2025",
    )
