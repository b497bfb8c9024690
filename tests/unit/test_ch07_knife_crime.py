"""Chapter 7: knife crime tables and the people involved, worked out by hand.

- K1 2024-05-01 5D knife: victim V1 15 m, suspect S1 20 m
- K2 2024-06-01 34B knife: victim S1 20 m (so S1 is both), suspect S2 (no age) f
- K3 2024-07-01 5D, no knife: victim V9 — not knife crime
- K4 2024-08-01 5D knife, domestic abuse: excluded, victim V8
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import context, filler, records, table

from svsna.analyses.police import knife_crime as ch07

if TYPE_CHECKING:
    from pathlib import Path

BASE = "occurrence_id,committed_date,committed_time,offence_code"
OCCURRENCES = f"""{BASE},knife_flag,domestic_abuse_flag
K1,2024-05-01,,5D,yes,
K2,2024-06-01,,34B,Y,
K3,2024-07-01,,5D,no,
K4,2024-08-01,,5D,yes,yes
{filler(6)}
"""
PERSONS = """occurrence_id,person_id,role,age,sex
K1,V1,victim,15,male
K1,S1,suspect,20,male
K2,S1,victim,20,male
K2,S2,suspect,,female
K3,V9,victim,30,female
K4,V8,victim,30,female
"""


def test_knife_tables(tmp_path: Path) -> None:
    ctx = context(tmp_path, occurrences=OCCURRENCES, persons=PERSONS)
    section = ch07.CHAPTER.run(ctx)
    yearly = table(section, "knife_yearly")
    assert list(yearly.columns) == [
        "group",
        "year",
        "all",
        "victims_18_under",
        "suspects_18_under",
    ]
    latest = {r[0]: r[2:] for r in records(yearly) if r[1] == "2024/25"}
    assert latest == {
        "homicide": (0, 0, 0),
        "possession of weapons": (0, 0, 0),
        "robbery": (1, 0, 0),
        "violence with injury": (1, 1, 0),
        "total": (2, 1, 0),
    }
    assert records(table(section, "knife_by_district")) == [
        ("unknown", "2022/23", 0),
        ("unknown", "2023/24", 0),
        ("unknown", "2024/25", 2),
    ]
    people = {r[:3]: r[3:] for r in records(table(section, "knife_people_summary"))}
    assert people[("victims", "people", "all")] == (2, None)
    assert people[("victims", "age", "0-24")] == (2, 100.0)
    assert people[("victims", "sex", "male")] == (2, 100.0)
    assert people[("suspects", "people", "all")] == (2, None)
    assert people[("suspects", "age", "0-24")] == (1, 100.0)
    assert people[("suspects", "age", "not recorded")] == (1, None)
    assert people[("suspects", "sex", "male")] == (1, 50.0)
    assert people[("both", "people", "all")] == (1, None)
    finding = {f.id: f for f in section.findings}["knife_all_change"]
    assert finding.text == "Knife crime rose from 0 to 2 from 2023/24 to 2024/25."
