"""The analyses the reference's recommendations ask for, on data counted by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from police_fixtures import context, finding, records, table
from scipy.stats import chi2

from svsna.analyses.sna import firearms, mental_health, school_closing

OCCURRENCES = """
occurrence_id,committed_date,committed_time,offence_code,firearm_flag,domestic_abuse_flag
START,2022-04-01,,49,,
END,2024-03-31,,49,,
M1,2023-05-01,15:30,5A,,
M2,2023-05-01,17:59,5A,,
M3,2023-05-01,15:10,5A,,
M4,2023-05-01,14:59,5A,,
M5,2023-05-01,18:00,5A,,
T1,2023-05-02,16:00,5A,,
T2,2023-05-02,,5A,,
W1,2023-05-03,15:00,5A,,
S1,2023-05-06,15:30,5A,,
D1,2023-05-01,15:30,5A,,true
N1,2023-05-01,15:30,49,,
F1,2022-06-01,,10A,,
F2,2022-06-02,,10C,,
F3,2022-06-03,,10C,,
F4,2022-06-04,,10C,,
G1,2023-06-01,,81,,
G2,2023-06-02,,10D,true,
G3,2023-06-03,,10C,,
G4,2023-06-04,,10C,,
G5,2023-06-05,,10C,,
G6,2023-06-06,,10A,,true
"""

PERSONS = """
occurrence_id,person_id,role,age,warning_markers
M1,V1,victim,12,
M2,V2,victim,16,
M3,V3,victim,17,
M4,V4,victim,10,
M5,V5,victim,10,
T1,V6,victim,15,
T2,V7,victim,15,
W1,V8,victim,9,
S1,V9,victim,14,
D1,V10,victim,12,
N1,V11,victim,12,
F1,P1,suspect,30,weapons; Mental Health
G1,P1,suspect,31,
G2,P2,suspect,25,mental healthcare
G3,P3,offender,40,violence;mental health
G4,V12,victim,20,mental health
"""


@pytest.fixture
def ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    return context(tmp_path / "data", occurrences=OCCURRENCES, persons=PERSONS)


def test_school_closing_by_day_counted_by_hand(ctx) -> None:  # type: ignore[no-untyped-def]
    section = school_closing.CHAPTER.run(ctx, "24.1")
    got = records(table(section, "school_closing_by_day"))
    # M1 (15:30) and M2 (17:59) after closing, M4 (14:59) and M5 (18:00) not; M3's
    # victim is 17, T2 has no time, D1 is domestic abuse and N1 not serious violence.
    assert got == [
        ("Mon", 2, 2, 4, 50.0),
        ("Tue", 1, 0, 1, 100.0),
        ("Wed", 1, 0, 1, 100.0),
        ("Thu", 0, 0, 0, None),
        ("Fri", 0, 0, 0, None),
        ("Sat", 1, 0, 1, 100.0),
        ("Sun", 0, 0, 0, None),
        ("all days", 5, 2, 7, 71.4),
    ]
    days = finding(section, "school_closing_days")
    # Mon 2, Tue 1, Wed 1, Thu 0, Fri 0 against 0.8 each: 2.8 / 0.8 = 3.5 on 4 df.
    assert days.p_value == pytest.approx(chi2.sf(3.5, 4))
    assert days.significant is False
    assert days.text == (
        "From 15:00 to 17:59, Mon had the most (2), against 0.5 on the other school "
        "days on average. The school days do not differ more than chance would give."
    )
    share = finding(section, "school_closing_share")
    assert share.text.startswith("5 of 7 serious-violence occurrences with a victim")


def test_firearms_share_by_year_counted_by_hand(ctx) -> None:  # type: ignore[no-untyped-def]
    section = firearms.CHAPTER.run(ctx, "24.2")
    frame = table(section, "firearms_share")
    # 2022/23: F1 (10A) of F1-F4; 2023/24: G1 (81) and G2 (flag) of G1-G5 (G6: domestic abuse).
    assert records(frame[["year", "possession_offences", "firearms", "pct"]]) == [
        ("2022/23", 4, 1, 25.0),
        ("2023/24", 5, 2, 40.0),
    ]
    change = finding(section, "firearms_share_change")
    assert change.p_value == pytest.approx(1.0)  # Fisher, [[1, 3], [2, 3]]
    assert change.text.startswith(
        "Firearms made up 40.0% of serious-violence possession offences in 2023/24 "
        "(2 of 5; 95% interval"
    )


def test_mental_health_markers_counted_by_hand(ctx) -> None:  # type: ignore[no-untyped-def]
    section = mental_health.CHAPTER.run(ctx, "24.3")
    frame = table(section, "mental_health_markers")
    # P1 marked in 2022/23 only; P2's "mental healthcare" is another marker; P3 is an
    # offender (a suspect); the victim's marker does not count.
    assert records(frame[["period", "suspects", "with_marker", "pct"]]) == [
        ("2022/23", 1, 1, 100.0),
        ("2023/24", 3, 1, 33.3),
        ("all years", 3, 2, 66.7),
    ]
    assert finding(section, "mental_health_marker_share").text.startswith(
        "66.7% of the suspects of serious violence from 2022/23 to 2023/24 (2 of 3)"
    )


def test_without_markers_the_chapter_names_the_column(tmp_path: Path) -> None:
    ctx = context(
        tmp_path / "data",
        occurrences=OCCURRENCES,
        persons="occurrence_id,person_id,role,age\nM1,V1,victim,12\n",
    )
    section = mental_health.CHAPTER.run(ctx, "24.3")
    assert section.missing_inputs == ("persons.warning_markers",)
