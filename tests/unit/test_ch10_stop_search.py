"""Chapter 10: stop and search, worked out by hand.

- S1 2024-03-31 10-17 offensive weapons, linked → 2023/24, weapon found
- S2 2024-04-01 18-24 article with blade or point, linked → 2024/25 found
- S3 2024-04-02 over 34 "offensive weapons" (lower case), linked → found, 35+
- S4 2024-04-03 25-34 offensive weapons, not linked → weapon search only
- S5 2024-04-04 18-24 controlled drugs, linked → search only
- S6 2024-04-05 no age offensive weapons, linked → found, age not recorded
- S7 2024-04-06 under 10 firearms → search only
- S8 2021-04-06 before the report period → left out
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import context, filler, records, table

from svsna.analyses.police import stop_search as ch10

if TYPE_CHECKING:
    from pathlib import Path

OCCURRENCES = f"occurrence_id,committed_date,committed_time,offence_code\n{filler(4)}"
STOP_SEARCH = """Type,Date,Age range,Object of search,Outcome,Outcome linked to object of search
Person search,2024-03-31T12:00:00+00:00,10-17,Offensive weapons,Arrest,True
Person search,2024-04-01T12:00:00+00:00,18-24,Article with blade or point,Arrest,True
Person search,2024-04-02T12:00:00+00:00,over 34,offensive weapons,Arrest,true
Person search,2024-04-03T12:00:00+00:00,25-34,Offensive weapons,Arrest,False
Person search,2024-04-04T12:00:00+00:00,18-24,Controlled drugs,Arrest,True
Person search,2024-04-05T12:00:00+00:00,,Offensive weapons,Arrest,True
Person search,2024-04-06T12:00:00+00:00,under 10,Firearms,Arrest,True
Person search,2021-04-06T12:00:00+00:00,18-24,Offensive weapons,Arrest,True
"""


def test_searches_weapon_searches_and_finds(tmp_path: Path) -> None:
    ctx = context(tmp_path, occurrences=OCCURRENCES, stop_search=STOP_SEARCH)
    section = ch10.CHAPTER.run(ctx)
    totals = table(section, "stop_search")
    assert records(totals) == [
        ("2022/23", 0, 0, 0),
        ("2023/24", 1, 1, 1),
        ("2024/25", 6, 4, 3),
    ]
    ages = table(section, "stop_search_weapons_age")
    # "over 34" spans the configured 35-59 and 60+, so it keeps its own 35+.
    assert list(ages["age_group"].drop_duplicates()) == [
        "0-9",
        "10-17",
        "18-24",
        "25-34",
        "35+",
        "not recorded",
    ]
    nonzero = {r[:2]: r[2] for r in records(ages) if r[2]}
    assert nonzero == {
        ("10-17", "2023/24"): 1,
        ("18-24", "2024/25"): 1,
        ("35+", "2024/25"): 1,
        ("not recorded", "2024/25"): 1,
    }


def test_missing_table_leaves_the_section_out(tmp_path: Path) -> None:
    section = ch10.CHAPTER.run(context(tmp_path, occurrences=OCCURRENCES))
    assert section.missing_inputs == ("stop_search",)
    assert not section.tables


def test_age_ranges_parse() -> None:
    assert ch10.parse_range("10-17") == (10, 17)
    assert ch10.parse_range("under 10") == (0, 9)
    assert ch10.parse_range("over 34") == (35, None)
    assert ch10.parse_range("60+") == (60, None)
    assert ch10.parse_range("unknown") is None
