"""Chapter 4 tables on a hand-made dataset whose answers are worked out below.

Serious-violence occurrences (report period 2022/23 to 2024/25):

====  ==========  ====  =====  =======  =====================================
id    date        day   time   code     district
====  ==========  ====  =====  =======  =====================================
A     2024-04-01  Mon   23:30  5D       Derby (city)
B     2024-04-06  Sat   00:15  34B      Derby
C     2024-05-01  Wed   —      34B      none recorded → ``unknown``
D     2023-07-01  Sat   10:00  10A      Erewash (county)   — 2023/24
E     2024-04-02  Tue   23:59  5D       Erewash
====  ==========  ====  =====  =======  =====================================

People (victim age/sex; suspect age/sex, relationship, ethnicity, markers):

- A: victim P1 17 m; suspect P2 30 m, stranger, B2, "Weapons; Mental Health"
- B: victim P3 18 f (marker "violence", a victim's, never counted);
  suspect P1 17 m, acquaintance, W1
- C: victim P1 17 m; offender P4 (no age, no sex), stranger, NS
- D: victim P2 29 m; suspect P5 40 f, stranger, no ethnicity, "drugs"
- E: victims P6 45 f, P7 16 m, P8 50 m; offender P2 30 m (blank relationship,
  B2, same markers); P8 is also a suspect in E (victim and suspect in the
  same occurrence only: not "both")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from police_fixtures import context, filler, records, table

from svsna.analyses.police import serious_violence as ch04
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from svsna.analyses import Context
    from svsna.results import Section

OCCURRENCES = f"""occurrence_id,committed_date,committed_time,offence_code,district
A,2024-04-01,23:30,5D,Derby
B,2024-04-06,00:15,34B,Derby
C,2024-05-01,,34B,
D,2023-07-01,10:00,10A,Erewash
E,2024-04-02,23:59,5D,Erewash
{filler(5)}
"""
PERSONS = """occurrence_id,person_id,role,age,sex,ethnicity,relationship,warning_markers
A,P1,victim,17,male,,,
A,P2,suspect,30,male,B2,stranger,Weapons; Mental Health
B,P3,victim,18,female,,,violence
B,P1,suspect,17,M,W1,acquaintance,
C,P1,victim,17,male,,,
C,P4,offender,,,NS,stranger,
D,P2,victim,29,male,,,
D,P5,suspect,40,female,,stranger,drugs
E,P6,victim,45,female,,,
E,P7,victim,16,male,,,
E,P8,victim,50,male,,,
E,P2,offender,30,male,B2,,Weapons;Mental Health
E,P8,suspect,50,male,Asian,,
"""
DISTRICTS = """district,population,authority
Derby,260000,city
Erewash,115000,county
"""


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    return context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, districts=DISTRICTS
    )


@pytest.fixture
def section(ctx: Context) -> Section:
    return ch04.CHAPTER.run(ctx)


def _cells(frame: pd.DataFrame, keys: int) -> dict[tuple[object, ...], object]:
    """Map the first ``keys`` columns of each row to the rest."""
    out = {}
    for row in records(frame):
        rest = row[keys:]
        out[row[:keys]] = rest[0] if len(rest) == 1 else rest
    return out


def test_people_summary_counts_victims_suspects_and_both(section: Section) -> None:
    got = _cells(table(section, "sv_people_summary"), 3)
    assert got[("victims", "people", "all")] == (6, None)
    assert got[("victims", "age", "0-24")] == (3, 50.0)
    assert got[("victims", "age", "25-40")] == (1, 16.7)
    assert got[("victims", "age", "41+")] == (2, 33.3)
    assert got[("victims", "sex", "male")] == (4, 66.7)
    assert got[("suspects", "people", "all")] == (5, None)
    assert got[("suspects", "age", "0-24")] == (1, 25.0)
    assert got[("suspects", "age", "25-40")] == (2, 50.0)
    assert got[("suspects", "age", "41+")] == (1, 25.0)
    assert got[("suspects", "age", "not recorded")] == (1, None)
    assert got[("suspects", "sex", "male")] == (3, 75.0)
    assert got[("suspects", "sex", "not recorded")] == (1, None)
    # P1 (victim A, C; suspect B) and P2 (victim D; suspect A, E), not P8.
    assert got[("both", "people", "all")] == (2, None)
    assert got[("both", "age", "0-24")] == (1, 50.0)
    assert got[("both", "age", "25-40")] == (1, 50.0)
    assert got[("both", "sex", "male")] == (2, 100.0)


def test_sv_by_district_has_unknown_last(section: Section) -> None:
    frame = table(section, "sv_by_district")
    assert list(frame.columns) == ["district", "year", "count"]
    assert records(frame) == [
        ("Derby", "2022/23", 0),
        ("Derby", "2023/24", 0),
        ("Derby", "2024/25", 2),
        ("Erewash", "2022/23", 0),
        ("Erewash", "2023/24", 1),
        ("Erewash", "2024/25", 1),
        ("unknown", "2022/23", 0),
        ("unknown", "2023/24", 0),
        ("unknown", "2024/25", 1),
    ]


def test_day_hour_every_cell_known_times_only(section: Section) -> None:
    frame = table(section, "sv_day_hour")
    assert list(frame.columns) == ["cohort", "day", "hour", "count"]
    assert len(frame) == 3 * 7 * 24
    assert list(frame["day"].drop_duplicates()) == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    nonzero = {r[:3]: r[3] for r in records(frame) if r[3]}
    assert nonzero == {
        ("all", "Mon", 23): 1,
        ("all", "Sat", 0): 1,
        ("all", "Sat", 10): 1,
        ("all", "Tue", 23): 1,
        ("victim 0-17", "Mon", 23): 1,
        ("victim 0-17", "Tue", 23): 1,
        ("victim 18+", "Sat", 0): 1,
        ("victim 18+", "Sat", 10): 1,
        ("victim 18+", "Tue", 23): 1,
    }


def test_repeat_victims_and_suspects(section: Section) -> None:
    columns = [
        "period",
        "occurrences_with_person",
        "individuals",
        "repeat_individuals",
        "repeat_occurrences",
        "pct_repeat_occurrences",
    ]
    victims = table(section, "repeat_victims")
    assert list(victims.columns) == columns
    assert records(victims) == [
        ("2022/23", 0, 0, 0, 0, None),
        ("2023/24", 1, 1, 0, 0, 0.0),
        ("2024/25", 4, 5, 1, 2, 50.0),
        ("all years", 5, 6, 1, 2, 40.0),
    ]
    assert records(table(section, "repeat_suspects")) == [
        ("2022/23", 0, 0, 0, 0, None),
        ("2023/24", 1, 1, 0, 0, 0.0),
        ("2024/25", 4, 4, 1, 2, 50.0),
        ("all years", 5, 5, 1, 2, 40.0),
    ]


def test_relationship_per_occurrence_blank_left_out(section: Section) -> None:
    frame = table(section, "relationship")
    assert list(frame.columns) == ["relationship", "year", "count", "pct"]
    assert records(frame) == [
        ("stranger", "2023/24", 1, 100.0),
        ("stranger", "2024/25", 2, 66.7),
        ("acquaintance", "2024/25", 1, 33.3),
    ]
    by_district = _cells(table(section, "relationship_by_district"), 2)
    assert by_district == {
        ("Derby", "stranger"): (1, 2, 50.0),
        ("Derby", "acquaintance"): (1, 2, 50.0),
        ("Erewash", "stranger"): (1, 1, 100.0),
        ("Erewash", "acquaintance"): (0, 1, 0.0),
        ("unknown", "stranger"): (1, 1, 100.0),
        ("unknown", "acquaintance"): (0, 1, 0.0),
    }


def test_victim_by_suspect_sex_and_age(section: Section) -> None:
    sexes = {k: v for k, v in _cells(table(section, "victim_suspect_sex"), 2).items()}
    assert {k: v for k, v in sexes.items() if v} == {
        ("male", "male"): 2,
        ("female", "male"): 2,
        ("male", "unknown"): 1,
        ("male", "female"): 1,
    }
    ages = _cells(table(section, "victim_suspect_age"), 2)
    assert len(ages) == 25
    assert {k: v for k, v in ages.items() if v} == {
        ("10-19", "30-39"): 2,
        ("10-19", "10-19"): 1,
        ("20-29", "40+"): 1,
        ("40+", "30-39"): 2,
        ("40+", "40+"): 1,
        ("10-19", "40+"): 1,
    }
    findings = {f.id: f for f in section.findings}
    assert findings["victim_suspect_same_age"].current == 25.0


def test_victims_and_suspects_by_age_sex_and_offence(section: Section) -> None:
    ages = _cells(table(section, "sv_victims_age"), 2)
    assert {k: v for k, v in ages.items() if v} == {
        ("16-20", "2024/25"): 3,
        ("41-45", "2024/25"): 1,
        ("46-50", "2024/25"): 1,
        ("26-30", "2023/24"): 1,
    }
    by_offence = _cells(table(section, "sv_victims_age_offence"), 2)
    assert {k: v for k, v in by_offence.items() if v} == {
        ("16-20", "Violence with injury"): 2,
        ("16-20", "Robbery (personal)"): 2,
        ("26-30", "Possession of weapons"): 1,
        ("41-45", "Violence with injury"): 1,
        ("46-50", "Violence with injury"): 1,
    }
    victims_sex = _cells(table(section, "sv_victims_sex"), 2)
    assert {k: v for k, v in victims_sex.items() if v} == {
        ("male", "2024/25"): 3,
        ("female", "2024/25"): 2,
        ("male", "2023/24"): 1,
    }
    suspects_sex = _cells(table(section, "sv_suspects_sex"), 2)
    assert {k: v for k, v in suspects_sex.items() if v} == {
        ("male", "2024/25"): 3,
        ("unknown", "2024/25"): 1,
        ("female", "2023/24"): 1,
    }


def test_suspect_ethnicity_by_authority(section: Section) -> None:
    frame = table(section, "suspect_ethnicity")
    assert list(frame.columns) == ["authority", "ethnicity", "year", "count", "pct"]
    got = {r[:3]: r[3:] for r in records(frame) if r[3]}
    assert got == {
        ("city", "White", "2024/25"): (1, 50.0),
        ("city", "Black", "2024/25"): (1, 50.0),
        ("county", "Black", "2024/25"): (1, 50.0),
        ("county", "Asian", "2024/25"): (1, 50.0),
        ("county", "Not recorded", "2023/24"): (1, 100.0),
        ("unknown", "Not recorded", "2024/25"): (1, 100.0),
    }
    assert list(frame["authority"].drop_duplicates()) == ["city", "county", "unknown"]


def test_warning_markers_from_suspects_only(section: Section) -> None:
    frame = table(section, "warning_markers")
    assert records(frame) == [
        ("weapons", 2, 5, 40.0),
        ("mental health", 2, 5, 40.0),
        ("drugs", 1, 5, 20.0),
        ("violence", 0, 5, 0.0),
        ("firearms", 0, 5, 0.0),
        ("any", 3, 5, 60.0),
    ]


def test_monthly_series_with_peak(section: Section) -> None:
    frame = table(section, "sv_monthly")
    assert len(frame) == 36
    assert (frame["month"].iloc[0], frame["month"].iloc[-1]) == ("2022-04", "2025-03")
    counts = dict(zip(frame["month"], frame["count"], strict=True))
    assert {m: c for m, c in counts.items() if c} == {
        "2023-07": 1,
        "2024-04": 3,
        "2024-05": 1,
    }
    # A least-squares line goes through the mean point.
    assert frame["trend"].mean() == pytest.approx(5 / 36, abs=0.05)
    findings = {f.id: f for f in section.findings}
    assert (
        findings["sv_monthly_peak"].current_label,
        findings["sv_monthly_peak"].current,
    ) == (
        "2024-04",
        3,
    )


def test_top_individuals_share(tmp_path: Path) -> None:
    data = load_definition().model_dump(mode="json", by_alias=True)
    data["top_n_individuals"] = 1
    definition = type(load_definition()).model_validate(data)
    ctx = context(
        tmp_path,
        occurrences=OCCURRENCES,
        persons=PERSONS,
        districts=DISTRICTS,
        definition=definition,
    )
    frame = table(ch04.CHAPTER.run(ctx), "top_individuals")
    # P1 is a victim in A and C; P2 a suspect in A and E; 5 occurrences each.
    assert records(frame) == [
        ("victims", 1, 2, 5, 40.0),
        ("suspects", 1, 2, 5, 40.0),
    ]


def test_weekend_night_share(section: Section) -> None:
    # Known times: A Mon 23:30, B Sat 00:15 (Friday night), D Sat 10:00,
    # E Tue 23:59: one of four on a Friday or Saturday night.
    finding = {f.id: f for f in section.findings}["sv_weekend_nights"]
    assert finding.current == 25.0
    assert finding.text.startswith(
        "25.0% of serious violence with a known time (1 of 4)"
    )


def test_most_common_ages(section: Section) -> None:
    # Victims once per year: P1 17, P3 18, P6 45, P7 16, P8 50 (2024/25), P2 29
    # (2023/24): all ages once, so the youngest, 16. Suspects: P2 30 (2024/25),
    # P1 17, P8 50, P5 40 (2023/24): 17.
    findings = {f.id: f for f in section.findings}
    assert findings["victim_most_common_age"].current == 16
    assert findings["suspect_most_common_age"].text == (
        "The most common age of suspects was 17 (1 suspect)."
    )
