"""District profiles: per-district numbers worked out by hand from ten occurrences."""

from __future__ import annotations

from pathlib import Path

from police_fixtures import context, table

from svsna.analyses.whole_report.district_profiles import analyse_profiles

# All 5D (GBH with intent: serious violence). Weekdays: 2022-04-05 Tue,
# 2023-05-10 Wed, 2023-11-11 Sat, 2024-06-07 Fri, 2024-06-08 Sat, 2025-01-04 Sat.
OCCURRENCES = """
occurrence_id,committed_date,committed_time,offence_code,district,neighbourhood
D1,2022-04-05,10:00,5D,Derby,Normanton
D2,2023-05-10,12:00,5D,Derby,Normanton
D3,2023-11-11,02:00,5D,Derby,City Centre
D4,2024-06-07,23:00,5D,Derby,City Centre
D5,2024-06-08,01:00,5D,Derby,City Centre
D6,2025-01-04,,5D,Derby,Normanton
C1,2022-04-06,20:00,5D,Chesterfield,Town
C2,2025-03-31,21:00,5D,Chesterfield,Town
U1,2024-12-01,,5D,,
X1,2024-12-02,,3A,Derby,Normanton
"""

PERSONS = """
occurrence_id,person_id,role,age,sex
D4,P1,victim,17,male
D4,P2,offender,30,male
D5,P1,victim,17,male
D5,P3,suspect,45,female
C2,P4,victim,50,female
"""

DISTRICTS = """
district,lad_code,population,authority
Derby,E06000015,1000,city
Chesterfield,E07000034,500,county
"""


def profiles(tmp_path: Path):
    ctx = context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, districts=DISTRICTS
    )
    return {p.title: p for p in analyse_profiles(ctx)}


def test_one_profile_per_known_district(tmp_path: Path):
    found = profiles(tmp_path)
    # The occurrence with no district is in the area's totals but has no profile.
    assert sorted(found) == ["Chesterfield", "Derby"]


def test_trend_and_share_of_the_area(tmp_path: Path):
    derby = profiles(tmp_path)["Derby"]
    trend = table(derby, "profile_derby_trend")
    assert trend["year"].tolist() == ["2022/23", "2023/24", "2024/25"]
    # Derby 1, 2, 3; the area adds Chesterfield (1, 0, 1) and the unknown one (2024/25).
    assert trend["count"].tolist() == [1, 2, 3]
    assert trend["area_count"].tolist() == [2, 2, 5]
    assert trend["pct_of_area"].tolist() == [50.0, 100.0, 60.0]
    change = next(f for f in derby.findings if f.id == "profile_derby_change")
    assert (change.previous, change.current, change.significant) == (2, 3, False)


def test_rate_compared_with_the_area(tmp_path: Path):
    rate = table(profiles(tmp_path)["Derby"], "profile_derby_rate")
    # 3 per 1,000 residents; the area 5 per 1,500 = 3.33.
    assert rate["place"].tolist() == ["Derby", "whole area"]
    assert rate["per_1000"].tolist() == [3.0, 3.33]
    assert rate["lower"].iloc[0] < 3.0 < rate["upper"].iloc[0]


def test_hotspots_of_the_last_twelve_months(tmp_path: Path):
    spots = table(profiles(tmp_path)["Derby"], "profile_derby_hotspots")
    # April 2024 to March 2025: City Centre D4, D5; Normanton D6 (X1 is not SV).
    assert spots["neighbourhood"].tolist() == ["City Centre", "Normanton"]
    assert spots["count"].tolist() == [2, 1]
    assert spots["pct_of_district"].tolist() == [66.7, 33.3]


def test_days_of_the_week(tmp_path: Path):
    days = table(profiles(tmp_path)["Derby"], "profile_derby_days")
    assert days["day"].tolist() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert days["count"].tolist() == [0, 1, 1, 0, 1, 3, 0]
    assert days["pct"].tolist() == [0.0, 16.7, 16.7, 0.0, 16.7, 50.0, 0.0]
    # Area: Derby's six, Chesterfield Wed 2022-04-06 and Mon 2025-03-31, U1 Sun 2024-12-01.
    assert days["area_pct"].tolist() == [11.1, 11.1, 22.2, 0.0, 11.1, 33.3, 11.1]


def test_people_by_age_band(tmp_path: Path):
    people = table(profiles(tmp_path)["Derby"], "profile_derby_people")
    victims = people[people["role"] == "victim"].set_index("age_band")["people"]
    suspects = people[people["role"] == "suspect"].set_index("age_band")["people"]
    # P1 (17) is one victim though in two occurrences; suspects P2 (30), P3 (45).
    assert victims.to_dict() == {"0-24": 1, "25-40": 0, "41+": 0, "unknown": 0}
    assert suspects.to_dict() == {"0-24": 0, "25-40": 1, "41+": 1, "unknown": 0}
    # The area's victims: P1 (0-24) and P4 (50, Chesterfield).
    area = people[people["role"] == "victim"].set_index("age_band")["area_pct"]
    assert area["0-24"] == 50.0 and area["41+"] == 50.0


def test_a_districts_emerging_hot_spots_come_from_the_chapter(tmp_path: Path):
    import pandas as pd

    from svsna.results import Section, Table

    ctx = context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, districts=DISTRICTS
    )
    emerging = pd.DataFrame(
        {
            "level": ["neighbourhood"] * 3,
            "area": ["City Centre", "Normanton", "Town"],
            "district": ["Derby", "Derby", "Chesterfield"],
            "category": ["new hot spot", "no pattern detected", "persistent cold spot"],
            "slices_hot": [1, 0, 0],
            "slices_cold": [0, 0, 12],
            "trend_tau": [0.1, 0.0, -0.2],
            "trend_p": [0.5, 1.0, 0.3],
            "last_class": ["hot spot 95%", "not significant", "cold spot 99%"],
        }
    )
    chapter = Section("emerging_hotspots", "21", "Emerging hot spots",
                      tables=(Table("emerging_hotspots", "Emerging", emerging),))  # fmt: skip
    derby = {p.title: p for p in analyse_profiles(ctx, [chapter])}["Derby"]
    mine = table(derby, "profile_derby_emerging")
    assert mine["area"].tolist() == ["City Centre"]
    assert mine["category"].tolist() == ["new hot spot"]
    # Without the chapter's table the profile has no such table.
    assert "profile_derby_emerging" not in [t.id for t in profiles(tmp_path)["Derby"].tables]
