"""The public-data edition of a second force, built end to end from a hand-made extract.

Northmoor Constabulary (made up) has two districts, Ashby Vale and Kelder,
none of Derbyshire's. Its files cover January to June 2024 and January to
June 2025 with April 2025 missing, and one robbery snapped over the boundary
into Westmarch, a neighbouring force's district. Every month holds the same
rows, except that Ashby Vale has five violent crimes a month in 2025 and three
in 2024; so every number below is worked out by hand:

- per month, Ashby Vale: violence (3 or 5) + 1 robbery + 2 shoplifting + 1 ASB;
  Kelder: 2 violence + 2 shoplifting + 1 ASB;
- the comparison: the latest run of months whose month a year earlier is
  present is May to June 2025 (January to March 2025 is one too, but April
  breaks the run), against May to June 2024;
- violence, robbery and weapons possession, May-June: force 2 x (3+1+2) = 12
  in 2024 and 2 x (5+1+2) = 16 in 2025 (the Westmarch robbery is not the
  force's); Ashby Vale 8 and 12; Kelder 4 and 4.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import openpyxl
import pandas as pd
import pytest
from police_uk_helpers import row, write
from pypdf import PdfReader

from svsna.adapters import import_police_uk
from svsna.pipeline import BuildResult, build
from svsna.report.charts import vegalite_spec

if TYPE_CHECKING:
    from pathlib import Path

FORCE = "Northmoor Constabulary"
MONTHS = [f"2024-{m:02d}" for m in range(1, 7)] + [
    "2025-01", "2025-02", "2025-03", "2025-05", "2025-06",
]  # fmt: skip
ASHBY_1, ASHBY_2, KELDER = "E01100001", "E01100002", "E01100003"
VIOLENCE, ROBBERY, SHOPLIFTING, ASB = (
    "Violence and sexual offences", "Robbery", "Shoplifting", "Anti-social behaviour",
)  # fmt: skip
PERIOD = "January to June 2024, January to March 2025 and May to June 2025"
COMPARED = (
    "May to June 2025 against May to June 2024 "
    "(the same 2 months of two consecutive years)"
)


def month_rows(month: str) -> list[list[str]]:
    """One month of Northmoor's street file."""
    violent = 5 if month.startswith("2025") else 3
    places = [
        *[(ASHBY_1, "Ashby Vale 001A", VIOLENCE, "Unable to prosecute suspect")] * violent,
        (ASHBY_1, "Ashby Vale 001A", ROBBERY, "Suspect charged"),
        *[(ASHBY_2, "Ashby Vale 002A", SHOPLIFTING,
           "Investigation complete; no suspect identified")] * 2,
        (ASHBY_2, "Ashby Vale 002A", ASB, ""),
        *[(KELDER, "Kelder 001A", VIOLENCE, "Under investigation")] * 2,
        *[(KELDER, "Kelder 001A", SHOPLIFTING, "Local resolution")] * 2,
        (KELDER, "Kelder 001A", ASB, ""),
    ]  # fmt: skip
    rows = [
        row("" if kind == ASB else f"{month}-{i}", month, code, name, kind, outcome,
            lon=f"-2.{100 + i}", lat="54.5", force=FORCE)
        for i, (code, name, kind, outcome) in enumerate(places)
    ]  # fmt: skip
    if month == "2025-06":
        rows.append(
            row("boundary", month, "E01199999", "Westmarch 003B", ROBBERY,
                lon="-2.9", lat="54.6", force=FORCE)
        )  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def northmoor(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """Northmoor's files imported with a census lookup, then built (HTML, PDF, Excel)."""
    root = tmp_path_factory.mktemp("northmoor")
    for month in MONTHS:
        write(root / "src" / f"{month}-northmoor-street.csv", month_rows(month))
    lookups = root / "lookups"
    lookups.mkdir()
    (lookups / "census.csv").write_text(
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        f"{ASHBY_1},Ashby Vale 001A,all,1500\n{ASHBY_2},Ashby Vale 002A,all,1000\n"
        f"{KELDER},Kelder 001A,all,2000\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SVSNA_TODAY", "2026-01-15")
        import_police_uk(root / "src", root / "data", lookups=lookups)
        result = build(
            root / "data",
            root / "out",
            config="police-uk",
            formats=("html", "pdf", "xlsx"),
        )
    return root / "out", result


def tables(result: BuildResult) -> dict[str, pd.DataFrame]:
    every = [
        *result.report.tables(),
        *(t for p in result.report.profiles for t in p.tables),
    ]
    return {t.id: t.data for t in every}


def test_the_period_is_the_months_present_everywhere(
    northmoor: tuple[Path, BuildResult],
) -> None:
    out, result = northmoor
    assert result.report.period_label == PERIOD
    assert result.report.area_name == f"{FORCE} (data.police.uk)"
    html = (out / "index.html").read_text(encoding="utf-8")
    assert PERIOD in html
    assert "2024/25" not in html and "two latest years" not in html
    workbook = openpyxl.load_workbook(out / "tables.xlsx", read_only=True)
    cells = [
        str(c) for ws in workbook for r in ws.iter_rows(values_only=True) for c in r
    ]
    assert any(PERIOD in c for c in cells)
    assert not any("1 to 0" in c for c in cells)
    pdf = " ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages)
    pdf = " ".join(pdf.split())
    # On the cover and in the running header of every later page.
    assert pdf.count(PERIOD) >= len(PdfReader(out / "report.pdf").pages) - 1
    assert "two latest years" not in pdf and "1 to 0" not in pdf


def test_profiles_only_for_the_force_s_own_districts(
    northmoor: tuple[Path, BuildResult],
) -> None:
    out, result = northmoor
    assert [p.title for p in result.report.profiles] == ["Ashby Vale", "Kelder"]
    written = sorted(p.name for p in (out / "profiles").iterdir())
    assert written == ["ashby_vale.html", "ashby_vale.pdf", "kelder.html", "kelder.pdf"]
    pdf = " ".join(
        p.extract_text() for p in PdfReader(out / "profiles" / "kelder.pdf").pages
    )
    assert "no count is withheld" in " ".join(pdf.split())
    coverage = tables(result)["puk_coverage"]
    assert int(coverage["outside"].sum()) == 1  # the Westmarch robbery


def test_comparisons_only_between_the_same_months_a_year_apart(
    northmoor: tuple[Path, BuildResult],
) -> None:
    _, result = northmoor
    trends = next(s for s in result.report.sections if s.id == "puk_trends")
    tests = next(t for t in trends.tables if t.id == "puk_trend_tests")
    assert tests.caption == f"Counts compared: {COMPARED}."
    by_type = tests.data.set_index("crime_type")
    proxy = by_type.loc["Violence, robbery and weapons possession"]
    assert (proxy["earlier"], proxy["later"]) == (12, 16)
    assert (proxy["earlier_months"], proxy["later_months"]) == (
        "May to June 2024",
        "May to June 2025",
    )
    everything = by_type.loc["All crime (excluding anti-social behaviour)"]
    assert (everything["earlier"], everything["later"]) == (20, 24)
    assert set(tests.data["significant"]) <= {"yes", "no"}
    finding = next(f for f in trends.findings if f.id == "puk_proxy_change")
    assert "16 in May to June 2025 against 12 in May to June 2024" in finding.text


def test_profiles_compare_the_same_periods_without_days_hours_or_people(
    northmoor: tuple[Path, BuildResult],
) -> None:
    out, result = northmoor
    found = tables(result)
    ashby = found["profile_ashby_vale_change"].set_index("measure")
    proxy = ashby.loc["violence, robbery and weapons possession"]
    assert (proxy["earlier"], proxy["later"]) == (8, 12)
    kelder = found["profile_kelder_change"].set_index("measure")
    assert tuple(kelder.iloc[0][["earlier", "later"]]) == (4, 4)
    # Latest 12 months present: January-March and May-June 2025, 5 months:
    # Ashby Vale 6 x 5 = 30 of the force's 8 x 5 = 40; 30 per 2,500 residents.
    profile = next(p for p in result.report.profiles if p.title == "Ashby Vale")
    share = next(f for f in profile.findings if f.id.endswith("_share"))
    assert share.current == 75.0
    rates = found["profile_ashby_vale_rates"]
    assert rates.iloc[0][["place", "count", "per_1000"]].tolist() == [
        "Ashby Vale", 30, 12.0,
    ]  # fmt: skip
    ids = [t.id for p in result.report.profiles for t in p.tables]
    assert not [i for i in ids if i.endswith(("_days", "_people", "_trend"))]
    assert not [
        c.id for p in result.report.profiles for c in p.charts if "hour" in c.id
    ]
    page = (out / "profiles" / "ashby_vale.html").read_text(encoding="utf-8")
    assert "1 to 0" not in page and "no count is withheld" in page
    assert COMPARED.split(" (")[0] in page


def test_monthly_charts_leave_missing_months_as_gaps(
    northmoor: tuple[Path, BuildResult],
) -> None:
    _, result = northmoor
    chart = next(c for s in result.report.sections for c in s.charts
                 if c.id == "puk_monthly_chart")  # fmt: skip
    values = vegalite_spec(chart)["data"]["values"]
    april = [v for v in values if v["month"] == "2025-04"]
    assert april and all(v["count"] is None for v in april)
    autumn = [v for v in values if v["month"] == "2024-09"]
    assert autumn and all(v["count"] is None for v in autumn)
