"""Chapter 3 tables on a hand-made dataset whose answers are worked out below.

Occurrences (report period 2022/23 to 2024/25, filler thefts make the years
complete):

- O1 2024-03-31 5D Derby, knife        → 2023/24 (31 March), GBH with intent
- O2 2024-04-01 5d Derby (lower case)  → 2024/25 (1 April), GBH with intent
- O3 2024-05-10 34b Erewash            → 2024/25 robbery
- O4 2024-06-01 4.1 Derby, knife       → 2024/25 homicide (``4.1`` = ``4/1``)
- O5 2024-07-01 5D Derby, domestic     → excluded
- O6 2024-08-01 8N Derby               → ABH: not serious violence before 2025-09
- O7 2023-05-01 10A, no district       → 2023/24 possession, district unknown
- O8 2022-06-01 34A Derby              → 2022/23 robbery
- O9 2024-09-01 8F Erewash             → 2024/25 GBH without intent
- O10 2024-10-01 8N Derby, domestic    → ABH excluded from abh_yearly

People: O2 victim 18 + offender 19; O3 victim 19 + suspect 18; O4 victim 17;
O1 offender 17 (an offender counts as a suspect); O5 victim 10 (excluded
occurrence); O6 victim 12.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from police_fixtures import context, filler, records, table, table_of

from svsna.analyses.police import serious_violence_knife_crime as ch03
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

HEADER = (
    "occurrence_id,committed_date,committed_time,offence_code,district,"
    "knife_flag,domestic_abuse_flag"
)
OCCURRENCES = f"""{HEADER}
O1,2024-03-31,,5D,Derby,yes,
O2,2024-04-01,,5d,Derby,,
O3,2024-05-10,,34b,Erewash,,
O4,2024-06-01,,4.1,Derby,true,
O5,2024-07-01,,5D,Derby,,true
O6,2024-08-01,,8N,Derby,,
O7,2023-05-01,,10A,,no,
O8,2022-06-01,,34A,Derby,,
O9,2024-09-01,,8F,Erewash,false,false
O10,2024-10-01,,8N,Derby,,yes
{filler(7)}
"""
PERSONS = """occurrence_id,person_id,role,age,sex
O2,V1,victim,18,male
O2,S1,offender,19,male
O3,V2,victim,19,female
O3,S2,suspect,18,male
O4,V3,victim,17,male
O1,S3,offender,17,male
O5,V5,victim,10,female
O6,V4,victim,12,male
"""


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    return context(tmp_path, occurrences=OCCURRENCES, persons=PERSONS)


def test_sv_yearly_counts_each_cell(ctx: Context) -> None:
    section = ch03.CHAPTER.run(ctx)
    frame = table(section, "sv_yearly")
    assert list(frame.columns) == [
        "measure",
        "group",
        "year",
        "all",
        "victims_18_under",
        "suspects_18_under",
    ]
    got = {(r[0], r[1], r[2]): r[3:] for r in records(frame)}
    sv, knife = "serious violence", "knife crime"
    expected = {
        (sv, "homicide", "2024/25"): (1, 1, 0),
        (sv, "robbery", "2022/23"): (1, 0, 0),
        (sv, "robbery", "2024/25"): (1, 0, 1),
        (sv, "violence with injury", "2023/24"): (1, 0, 1),
        (sv, "violence with injury", "2024/25"): (2, 1, 0),
        (sv, "possession of weapons", "2023/24"): (1, 0, 0),
        (sv, "total", "2022/23"): (1, 0, 0),
        (sv, "total", "2023/24"): (2, 0, 1),
        (sv, "total", "2024/25"): (4, 2, 1),
        (knife, "violence with injury", "2023/24"): (1, 0, 1),
        (knife, "homicide", "2024/25"): (1, 1, 0),
        (knife, "total", "2023/24"): (1, 0, 1),
        (knife, "total", "2024/25"): (1, 1, 0),
    }
    groups = ["homicide", "possession of weapons", "robbery", "violence with injury"]
    assert len(frame) == 2 * 5 * 3
    for measure in (sv, knife):
        for group in [*groups, "total"]:
            for year in ("2022/23", "2023/24", "2024/25"):
                key = (measure, group, year)
                assert got[key] == expected.get(key, (0, 0, 0)), key
    assert list(frame["group"].iloc[:15:3]) == [*groups, "total"]
    total_rows = table_of(section, "sv_yearly").total_rows
    assert [frame["group"].iloc[i] for i in total_rows] == ["total"] * 6


def test_vwi_breakdown_has_each_subgroup(ctx: Context) -> None:
    frame = table(ch03.CHAPTER.run(ctx), "vwi_breakdown")
    assert list(frame.columns) == ["subgroup", "year", "count"]
    got = {(s, y): c for s, y, c in records(frame)}
    assert got == {
        ("GBH with intent", "2022/23"): 0,
        ("GBH with intent", "2023/24"): 1,
        ("GBH with intent", "2024/25"): 1,
        ("GBH without intent", "2022/23"): 0,
        ("GBH without intent", "2023/24"): 0,
        ("GBH without intent", "2024/25"): 1,
        ("Administer poison with intent", "2022/23"): 0,
        ("Administer poison with intent", "2023/24"): 0,
        ("Administer poison with intent", "2024/25"): 0,
        ("Attempted murder and endangering life", "2022/23"): 0,
        ("Attempted murder and endangering life", "2023/24"): 0,
        ("Attempted murder and endangering life", "2024/25"): 0,
    }


def test_abh_yearly_excludes_domestic_abuse(ctx: Context) -> None:
    frame = table(ch03.CHAPTER.run(ctx), "abh_yearly")
    assert records(frame) == [
        ("2022/23", 0, 0, 0),
        ("2023/24", 0, 0, 0),
        ("2024/25", 1, 1, 0),
    ]


def test_sv_cost_multiplies_unit_costs_with_a_total(ctx: Context) -> None:
    frame = table(ch03.CHAPTER.run(ctx), "sv_cost")
    assert list(frame.columns) == ["year", "group", "offences", "unit_cost", "cost"]
    latest = records(frame[frame["year"] == "2024/25"])
    assert latest == [
        ("2024/25", "homicide", 1, 3217740, 3217740),
        ("2024/25", "possession of weapons", 0, 0, 0),
        ("2024/25", "robbery", 1, 11320, 11320),
        ("2024/25", "violence with injury", 2, 14050, 28100),
        ("2024/25", "total", 4, None, 3217740 + 11320 + 28100),
    ]


def test_district_share_with_unknown(ctx: Context) -> None:
    frame = table(ch03.CHAPTER.run(ctx), "sv_district_share")
    got = {(d, y): (c, p) for d, y, c, p in records(frame)}
    assert got[("Derby", "2024/25")] == (2, 50.0)
    assert got[("Erewash", "2024/25")] == (2, 50.0)
    assert got[("unknown", "2024/25")] == (0, 0.0)
    assert got[("unknown", "2023/24")] == (1, 50.0)
    assert got[("Derby", "2022/23")] == (1, 100.0)


def test_findings_state_the_change(ctx: Context) -> None:
    findings = {f.id: f for f in ch03.CHAPTER.run(ctx).findings}
    sv = findings["sv_change"]
    assert (sv.previous, sv.current) == (2, 4)
    assert sv.text == "Serious violence rose by 100% (2 to 4) from 2023/24 to 2024/25."
    assert sv.significant is False
    assert findings["homicides"].text == (
        "There was 1 homicide in 2024/25; 1 involved knives."
    )
    assert findings["abh_change"].text == (
        "ABH (all, in or out of serious violence) rose from 0 to 1 from 2023/24 to 2024/25."
    )
    gbh = findings["vwi_change/GBH with intent"]
    assert (gbh.previous, gbh.current) == (1, 1)


def test_domestic_abuse_exclusion_is_configurable(tmp_path: Path) -> None:
    text = load_definition().model_dump(mode="json", by_alias=True)
    text["serious_violence"]["exclude_domestic_abuse"] = False
    definition = type(load_definition()).model_validate(text)
    ctx = context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, definition=definition
    )
    frame = table(ch03.CHAPTER.run(ctx), "sv_yearly")
    row = frame[
        (frame["measure"] == "serious violence")
        & (frame["group"] == "violence with injury")
        & (frame["year"] == "2024/25")
    ]
    # O5 now counts, with its 10-year-old victim.
    assert records(row)[0][3:] == (3, 2, 0)
    abh = table(ch03.CHAPTER.run(ctx), "abh_yearly")
    assert records(abh)[-1] == ("2024/25", 2, 1, 0)


def test_abh_joins_serious_violence_on_1_september_2025(tmp_path: Path) -> None:
    rows = ["A1,2025-08-31,,8N,Derby,,", "A2,2025-09-01,,8N,Derby,,"]
    occurrences = "\n".join([HEADER, *rows, filler(7, last_fy_start=2025)])
    ctx = context(tmp_path, occurrences=occurrences)
    section = ch03.CHAPTER.run(ctx)
    yearly = table(section, "sv_yearly")
    vwi = yearly[
        (yearly["measure"] == "serious violence")
        & (yearly["group"] == "violence with injury")
    ]
    assert records(vwi[["year", "all"]]) == [
        ("2023/24", 0),
        ("2024/25", 0),
        ("2025/26", 1),
    ]
    breakdown = table(section, "vwi_breakdown")
    abh = breakdown[breakdown["subgroup"] == "ABH"]
    assert records(abh[["year", "count"]]) == [
        ("2023/24", 0),
        ("2024/25", 0),
        ("2025/26", 1),
    ]
    assert records(table(section, "abh_yearly"))[-1] == ("2025/26", 2, 0, 0)
