"""Schools, children's social care, NEET and national context, worked by hand."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from partner_helpers import partner_context, row
from police_fixtures import table

from svsna.analyses.partners import national_context as ch12_national_context
from svsna.analyses.partners import neet as ch19_neet
from svsna.analyses.partners import schools as ch17_schools
from svsna.analyses.partners import social_care as ch18_social_care

if TYPE_CHECKING:
    from pathlib import Path


SCHOOLS = """
academic_year,authority,phase,exclusion_type,reason,count
2021/22,Derby,secondary,suspension,Damage,100
2022/23,Derby,secondary,suspension,Persistent disruptive behaviour,6
2022/23,Derby,primary,suspension,Persistent disruptive behaviour,2
2022/23,Derby,secondary,suspension,Damage,1
2023/24,Derby,secondary,suspension,Persistent disruptive behaviour,3
2023/24,Derby,secondary,permanent,Physical assault against a pupil,2
2024/25,Derby,special,suspension,Bullying,1
2024/25,Derby,secondary,suspension,Theft,1
2024/25,Derby,,suspension,,4
2024/25,Derbyshire,secondary,permanent,Damage,5
"""


def test_schools_by_year_phase_and_type(tmp_path: Path) -> None:
    section = ch17_schools.CHAPTER.run(
        partner_context(tmp_path, {"school_exclusions": SCHOOLS})
    )
    data = table(section, "schools_exclusions")
    # The last three academic years: 2021/22 is left out.
    assert set(data["year"]) == {"2022/23", "2023/24", "2024/25"}
    every = {"authority": "Derby", "exclusion_type": "suspension", "phase": "all"}
    assert row(data, **every, year="2022/23")["count"] == 9
    assert row(data, **every, year="2023/24")["count"] == 3
    assert row(data, **every, year="2024/25")["count"] == 6
    assert (
        row(
            data,
            authority="Derby",
            exclusion_type="suspension",
            phase="primary",
            year="2022/23",
        )["count"]
        == 2
    )
    assert (
        row(
            data,
            authority="Derby",
            exclusion_type="suspension",
            phase="unknown",
            year="2024/25",
        )["count"]
        == 4
    )
    assert (
        row(
            data,
            authority="Derby",
            exclusion_type="permanent",
            phase="all",
            year="2023/24",
        )["count"]
        == 2
    )
    assert (
        row(
            data,
            authority="Derbyshire",
            exclusion_type="permanent",
            phase="all",
            year="2024/25",
        )["count"]
        == 5
    )


def test_schools_top_reasons(tmp_path: Path) -> None:
    section = ch17_schools.CHAPTER.run(
        partner_context(tmp_path, {"school_exclusions": SCHOOLS})
    )
    reasons = table(section, "schools_reasons")
    derby = reasons[reasons["authority"] == "Derby"]
    # Derby, 2022/23-2024/25: PDB 11, assault 2, damage 1, bullying 1, theft 1,
    # no reason 4: 20 in all. Ties are listed alphabetically.
    assert list(derby["reason"]) == [
        "Persistent disruptive behaviour",
        "Physical assault against a pupil",
        "Bullying",
        "Damage",
        "Theft",
    ]
    assert list(derby["count"]) == [11, 2, 1, 1, 1]
    assert list(derby["pct"]) == [55.0, 10.0, 5.0, 5.0, 5.0]
    assert list(derby["rank"]) == [1, 2, 3, 4, 5]


SOCIAL_CARE = """
year,authority,measure,sex,count
2022/23,Derbyshire,referrals,male,100
2022/23,Derbyshire,referrals,female,90
2022/23,Derbyshire,referrals,unknown,10
2023/24,Derbyshire,referrals,male,110
2023/24,Derbyshire,referrals,female,80
2024/25,Derbyshire,referrals,M,120
2024/25,Derbyshire,referrals,F,60
2024/25,Derbyshire,care leavers,female,7
"""


def test_social_care_change_since_first_year(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"social_care": SOCIAL_CARE})
    data = table(ch18_social_care.CHAPTER.run(ctx), "social_care_measures")
    every = {"authority": "Derbyshire", "measure": "referrals", "sex": "all"}
    assert row(data, **every, year="2022/23")["count"] == 200
    last = row(data, **every, year="2024/25")
    assert (
        last["count"],
        last["change_from_first"],
        last["pct_change_from_first"],
    ) == (
        180,
        -20,
        -10.0,
    )
    female = row(
        data, authority="Derbyshire", measure="referrals", sex="female", year="2024/25"
    )
    assert female["pct_change_from_first"] == -33.33  # 90 -> 60
    male = row(
        data, authority="Derbyshire", measure="referrals", sex="male", year="2023/24"
    )
    assert male["pct_change_from_first"] == 10.0
    leavers = row(
        data, authority="Derbyshire", measure="care leavers", sex="all", year="2024/25"
    )
    assert leavers["count"] == 7
    first = row(
        data, authority="Derbyshire", measure="care leavers", sex="all", year="2022/23"
    )
    assert first["count"] == 0
    assert math.isnan(leavers["pct_change_from_first"])  # from zero


NEET = """
year,authority,cohort,neet
2023,Derby,1000,25
2024,Derby,800,30
2025,Derby,3,2
2024,Derbyshire,8,1
"""


def test_neet_shares_and_change(tmp_path: Path) -> None:
    data = table(
        ch19_neet.CHAPTER.run(partner_context(tmp_path, {"neet": NEET})), "neet_by_year"
    )
    derby = data[data["authority"] == "Derby"].set_index("year")
    assert derby.loc["2023", "pct"] == 2.5
    assert derby.loc["2024", "pct"] == 3.75
    assert derby.loc["2025", "pct"] == 66.67  # 2/3, half up
    assert derby.loc["2024", "change_from_first"] == 5
    assert derby.loc["2024", "pct_points_from_first"] == 1.25
    assert row(data, authority="Derbyshire", year="2024")["pct"] == 12.5


NATIONAL = """
section,figure,value,unit,period,source,source_date
prison,prisoners,87334,,June 2025,MoJ,2025-07-31
schools,suspensions,955000,,2023/24,DfE,2025-07-10
neet,NEET aged 16-24,12.5,%,2025,ONS,
"""


def test_national_context_goes_to_its_sections(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"national_context": NATIONAL, "neet": NEET})
    national = ch12_national_context.CHAPTER.run(ctx)
    assert [c.figure for c in national.callouts] == ["prisoners"]
    assert national.callouts[0].value == 87334
    assert national.callouts[0].source == "MoJ"
    assert len(table(national, "national_context")) == 3
    neet = ch19_neet.CHAPTER.run(ctx)
    assert [(c.figure, c.value, c.unit) for c in neet.callouts] == [
        ("NEET aged 16-24", 12.5, "%")
    ]
    # Never mixed into the local table.
    assert set(table(neet, "neet_by_year")["authority"]) == {"Derby", "Derbyshire"}


def test_sections_without_their_input(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"neet": NEET})
    assert ch12_national_context.CHAPTER.run(ctx).missing_inputs == (
        "national_context",
    )
    assert ch17_schools.CHAPTER.run(ctx).missing_inputs == ("school_exclusions",)
    assert ch18_social_care.CHAPTER.run(ctx).missing_inputs == ("social_care",)
    assert ch19_neet.CHAPTER.run(ctx).callouts == ()
