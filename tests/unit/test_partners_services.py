"""Ambulance, fire and hidden-violence tables, worked by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partner_helpers import partner_context, row
from police_fixtures import finding, table

from svsna.analyses.partners import ambulance as ch13_ambulance
from svsna.analyses.partners import fire as ch14_fire
from svsna.analyses.partners import hidden_violence as ch13_hidden_violence

if TYPE_CHECKING:
    from pathlib import Path


AMBULANCE = """
incident_id,call_date,sex,age,response,destination,destination_in_area
1,2024-04-01,male,20,hear and treat,,
2,2024-06-01,M,30,hear and treat,,
3,2024-07-01,female,40,hear and treat,,
4,2024-08-01,,50,see and treat,,
5,2024-09-01,male,22,see and convey,X Hospital,true
6,2025-03-31,male,23,see and convey,Y Hospital,false
7,2024-10-01,female,24,"see, treat and convey",X Hospital,yes
8,2024-03-31,male,25,see and convey,Y Hospital,no
"""


def test_ambulance_responses_by_sex_and_year(tmp_path: Path) -> None:
    section = ch13_ambulance.CHAPTER.run(
        partner_context(tmp_path, {"ambulance": AMBULANCE})
    )
    data = table(section, "ambulance_response")
    assert row(data, sex="all", response="total", year="2024/25")["count"] == 7
    assert row(data, sex="all", response="total", year="2023/24")["count"] == 1
    assert (
        row(data, sex="male", response="hear and treat", year="2024/25")["count"] == 2
    )
    assert (
        row(data, sex="unknown", response="see and treat", year="2024/25")["count"] == 1
    )
    # "see, treat and convey" is the contract's "see and convey".
    assert row(data, sex="all", response="see and convey", year="2024/25")["count"] == 3
    assert (
        row(data, sex="female", response="see and treat", year="2024/25")["count"] == 0
    )


def test_ambulance_destinations_and_outside_share(tmp_path: Path) -> None:
    section = ch13_ambulance.CHAPTER.run(
        partner_context(tmp_path, {"ambulance": AMBULANCE})
    )
    data = table(section, "ambulance_destinations")
    assert row(data, destination="X Hospital", year="2024/25")["count"] == 2
    assert row(data, destination="X Hospital", year="2024/25")["in_area"] == "yes"
    assert row(data, destination="Y Hospital", year="2023/24")["count"] == 1
    assert row(data, destination="total", year="2024/25")["count"] == 3
    # Y twice (rows 6 and 8) of four conveyed patients.
    assert finding(section, "ambulance_outside_area").current == 50.0
    # Female: rows 3 and 7 of seven with a recorded sex.
    assert finding(section, "ambulance_female_share").current == 28.6
    # Conveyed male: rows 5, 6, 8 of four.
    assert finding(section, "ambulance_conveyed_male_share").current == 75.0


FIRE = """
incident_id,incident_date,incident_type,district
1,2023-04-01,deliberate fire,Derby
2,2023-12-25,deliberate fire,Erewash
3,2024-03-31,deliberate fire,
4,2024-03-30,malicious false alarm,Derby
5,2024-04-01,deliberate fire,Derby
6,2024-04-02,malicious false alarm,Derby
7,2025-03-31,malicious false alarm,Bolsover
8,2022-03-31,deliberate fire,Derby
"""


def test_fire_by_year_and_month(tmp_path: Path) -> None:
    section = ch14_fire.CHAPTER.run(partner_context(tmp_path, {"fire_incidents": FIRE}))
    years = table(section, "fire_by_year")
    assert row(years, incident_type="deliberate fire", year="2023/24")["count"] == 3
    assert row(years, incident_type="deliberate fire", year="2024/25")["count"] == 1
    assert (
        row(years, incident_type="malicious false alarm", year="2023/24")["count"] == 1
    )
    assert (
        row(years, incident_type="malicious false alarm", year="2024/25")["count"] == 2
    )
    assert len(years) == 4  # the 2021/22 fire is outside the report years
    months = table(section, "fire_by_month")
    assert row(months, incident_type="deliberate fire", month="2024-03")["count"] == 1
    assert (
        row(months, incident_type="malicious false alarm", month="2025-03")["count"]
        == 1
    )
    assert row(months, incident_type="deliberate fire", month="2024-05")["count"] == 0
    change = finding(section, "fire_deliberate_fire_change")
    assert (change.previous, change.current) == (3, 1)


def test_fire_missing_input(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"ambulance": AMBULANCE})
    assert ch14_fire.CHAPTER.run(ctx).missing_inputs == ("fire_incidents",)


# Police: violence with injury = every code whose family is violence with
# injury (5A GBH, 8N ABH), domestic abuse included; 3A (without injury) and
# 34B (robbery) are not.
OCCURRENCES = """
occurrence_id,committed_date,offence_code,domestic_abuse_flag
p1,2024-04-03,8N,false
p2,2024-04-10,5A,true
p3,2024-04-11,3A,false
p4,2024-04-12,34B,false
p5,2024-05-01,8N,false
p6,2023-04-05,8N,false
p7,2023-04-06,8N,false
p8,2023-04-07,8N,false
p9,2023-04-08,8N,false
"""
ED = """
attendance_id,hospital,arrival_date
e1,A,2024-04-01
e2,A,2024-04-02
e3,B,2024-04-30
e4,A,2024-05-31
e5,A,2023-04-01
e6,A,2023-04-02
"""


def test_hidden_violence_ratio_by_month_and_year(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"occurrences": OCCURRENCES, "ed_attendances": ED})
    section = ch13_hidden_violence.CHAPTER.run(ctx)
    months = table(section, "hidden_violence")
    april = row(months, month="2024-04")
    assert (april["ed_attendances"], april["police_violence_with_injury"]) == (3, 2)
    assert april["ratio"] == 1.5
    may = row(months, month="2024-05")
    assert (may["ed_attendances"], may["police_violence_with_injury"]) == (1, 1)
    assert row(months, month="2023-04")["ratio"] == 0.5
    june = row(months, month="2024-06")
    assert june["police_violence_with_injury"] == 0
    assert june["ratio"] != june["ratio"]  # NaN: no police count to divide by
    years = table(section, "hidden_violence_by_year")
    assert row(years, year="2024/25")["ratio"] == 1.33  # 4 / 3
    assert row(years, year="2023/24")["ratio"] == 0.5  # 2 / 4
    change = finding(section, "hidden_violence_ratio_change")
    assert (change.previous, change.current) == (0.5, 1.33)
    assert change.significant is not None


def test_hidden_violence_needs_both_inputs(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"ed_attendances": ED})
    assert ch13_hidden_violence.CHAPTER.run(ctx).missing_inputs == ("occurrences",)


def test_ambulance_outside_area_by_year(tmp_path: Path) -> None:
    section = ch13_ambulance.CHAPTER.run(
        partner_context(tmp_path, {"ambulance": AMBULANCE})
    )
    data = table(section, "ambulance_outside_area")
    # 2023/24: row 8 (Y, outside); 2024/25: rows 5, 7 (X, inside) and 6 (Y).
    assert tuple(row(data, year="2023/24")[["conveyed", "outside_area", "pct"]]) == (
        1,
        1,
        100.0,
    )
    assert tuple(row(data, year="2024/25")[["conveyed", "outside_area", "pct"]]) == (
        3,
        1,
        33.3,
    )
    assert tuple(row(data, year="all years")[["conveyed", "outside_area"]]) == (4, 2)
