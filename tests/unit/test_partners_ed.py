"""Emergency department (ISTV) tables and headline shares, worked by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from partner_helpers import partner_context, row
from police_fixtures import table

from svsna.analyses.partners import health as ch13_health

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.results import Section

# 2024-04-01 was a Monday. Report years 2023/24 and 2024/25.
ED = """
attendance_id,hospital,arrival_date,arrival_time,age,sex,assault_location,assault_method
1,A,2024-04-05,03:59,17,male,school,fist
2,A,2024-04-06,04:00,18,male,street,knife
3,A,2024-04-08,18:00,30,female,own home,other
4,A,2024-04-09,17:59,31,male,,
5,B,2024-05-12,23:30,0,female,school,pushed
6,B,2024-05-13,,,male,licensed premises,bottle
7,B,2023-06-01,12:00,25,male,street,feet
8,A,2025-04-01,20:00,22,male,street,fist
"""


@pytest.fixture
def section(tmp_path: Path) -> Section:
    return ch13_health.CHAPTER.run(partner_context(tmp_path, {"ed_attendances": ED}))


def finding(section: Section, finding_id: str) -> float:
    value = next(f.current for f in section.findings if f.id == finding_id)
    assert value is not None
    return value


def test_missing_input_gives_a_one_line_section(tmp_path: Path) -> None:
    ctx = partner_context(
        tmp_path,
        {
            "fire_incidents": "incident_id,incident_date,incident_type\n"
            "1,2024-05-01,deliberate fire"
        },
    )
    assert ch13_health.CHAPTER.run(ctx).missing_inputs == ("ed_attendances",)


def test_by_year_counts_only_the_report_years(section: Section) -> None:
    data = table(section, "ed_by_year")
    # Row 8 (2025/26) is outside the report years.
    assert row(data, hospital="A", year="2024/25")["count"] == 4
    assert row(data, hospital="A", year="2023/24")["count"] == 0
    assert row(data, hospital="B", year="2023/24")["count"] == 1
    assert row(data, hospital="B", year="2024/25")["count"] == 2
    assert row(data, hospital="all", year="2024/25")["count"] == 6
    assert row(data, hospital="all", year="2024/25")["avg_per_month"] == 0.5


def test_month_and_day_of_week(section: Section) -> None:
    months = table(section, "ed_by_month")
    assert row(months, hospital="A", month="2024-04")["count"] == 4
    assert row(months, hospital="B", month="2024-05")["count"] == 2
    assert row(months, hospital="all", month="2023-06")["count"] == 1
    assert len(months[months["hospital"] == "A"]) == 24  # every month of two years
    days = table(section, "ed_day_of_week")
    a = days[days["hospital"] == "A"].set_index("day")["count"].to_dict()
    assert a == {"Mon": 1, "Tue": 1, "Wed": 0, "Thu": 0, "Fri": 1, "Sat": 1, "Sun": 0}
    assert row(days, hospital="A", day="Fri")["pct"] == 25.0


def test_hour_counts_known_times_only(section: Section) -> None:
    hours = table(section, "ed_hour")
    b = hours[hours["hospital"] == "B"]
    assert b["count"].sum() == 2  # row 6 has no time
    assert row(hours, hospital="B", hour=23)["pct"] == 50.0
    assert row(hours, hospital="A", hour=3)["count"] == 1
    assert row(hours, hospital="A", hour=4)["count"] == 1


def test_headline_windows_and_boundaries(section: Section) -> None:
    # A: Fri, Sat of 4 days; 03:59 and 18:00 are night, 04:00 and 17:59 not;
    # ages 18 and 30 are young adults, 17 and 31 are not.
    assert finding(section, "ed_a_weekend") == 50.0
    assert finding(section, "ed_a_night") == 50.0
    assert finding(section, "ed_a_young_adult") == 50.0
    # B: Sunday of Sun/Mon/Thu; 23:30 night of two known times; 25 of 0 and 25.
    assert finding(section, "ed_b_weekend") == 33.3
    assert finding(section, "ed_b_night") == 50.0
    assert finding(section, "ed_b_young_adult") == 50.0
    # All: 3 weekend days of 7; night 3 of 6 known times; 3 young of 6 known ages.
    assert finding(section, "ed_all_weekend") == 42.9
    assert finding(section, "ed_all_young_adult") == 50.0


def test_age_groups_use_the_ed_bands(section: Section) -> None:
    ages = table(section, "ed_age_group")
    a = ages[ages["hospital"] == "A"].set_index("age_group")["count"].to_dict()
    assert a == {
        "0-9": 0,
        "10-17": 1,
        "18-30": 2,
        "31-40": 1,
        "41-50": 0,
        "51-60": 0,
        "61+": 0,
    }
    assert row(ages, hospital="B", age_group="0-9")["pct"] == 50.0


def test_methods_groups_and_children(section: Section) -> None:
    methods = table(section, "ed_method")
    a = methods[(methods["hospital"] == "A") & (methods["cohort"] == "all")]
    # Three recorded methods (row 4 has none), then the total row.
    assert list(a["method"]) == ["fist", "knife", "other", "total"]
    assert list(a["method_group"][:3]) == ["body part", "weapon", "other"]
    assert list(a["count"]) == [1, 1, 1, 3]
    assert list(a["pct"]) == [33.3, 33.3, 33.3, 100.0]
    child = methods[(methods["hospital"] == "all") & (methods["cohort"] == "0-17")]
    assert dict(zip(child["method"], child["count"], strict=True)) == {
        "fist": 1,
        "pushed": 1,
        "total": 2,
    }
    groups = table(section, "ed_method_group")
    # B: pushed and feet are body parts, bottle a weapon.
    assert (
        row(groups, hospital="B", year="all years", method_group="body part")["pct"]
        == 66.7
    )
    assert (
        row(groups, hospital="B", year="2024/25", method_group="weapon")["count"] == 1
    )
    assert (
        row(groups, hospital="B", year="2023/24", method_group="body part")["pct"]
        == 100.0
    )
    # A: 'other' is neither, so fist against knife is 50/50.
    assert finding(section, "ed_a_body_part") == 50.0
    assert finding(section, "ed_a_fist") == 33.3
    assert finding(section, "ed_all_fist_child") == 50.0


def test_locations_count_blank_as_not_known(section: Section) -> None:
    places = table(section, "ed_location")
    a = places[(places["hospital"] == "A") & (places["cohort"] == "all")]
    counts = dict(zip(a["location"], a["count"], strict=True))
    assert counts == {
        "not known": 1,
        "own home": 1,
        "school": 1,
        "street": 1,
        "total": 4,
    }
    assert set(a.loc[a["location"] != "total", "pct"]) == {25.0}
    assert finding(section, "ed_all_child_school") == 100.0


def test_all_hospital_rows_are_marked_as_totals(section: Section) -> None:
    by_year = next(t for t in section.tables if t.id == "ed_by_year")
    marked = set(by_year.total_rows)
    expected = set(by_year.data.index[by_year.data["hospital"] == "all"])
    assert marked == expected and len(marked) == 2
    groups = next(t for t in section.tables if t.id == "ed_method_group")
    data = groups.data
    totals = data.index[(data["hospital"] == "all") | (data["year"] == "all years")]
    assert set(groups.total_rows) == set(totals)
