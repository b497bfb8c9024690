"""Every person counts, once, as recorded: victims aged 0, and one ethnicity per person.

Hand-made serious violence (report period 2022/23 to 2024/25), every
occurrence in Derby (city):

====  ==========  =====================================================
id    date        people
====  ==========  =====================================================
A     2024-04-01  victim V0 aged 0; suspect S1 W1; suspect S2 B1
B     2024-05-01  victim V5 aged 5; suspect S1 W1; suspect S3 NS
C     2024-06-01  suspect S1 A1 (latest, but once); suspect S2 A2 (latest)
D     2024-07-01  suspect S3 W2; victim S4 Black (as a victim)
E     2024-08-01  suspect S4 A1; victim S4's earlier record: Black again
F     2024-09-01  suspect S5 NS; victim V6 aged 6
====  ==========  =====================================================

Worked out by hand:

- S1: W1 twice, A1 once -> White (the most frequent code, though A1 is
  latest and ``MIN`` would give Asian).
- S2: B1 once (A), A2 once (C) -> a tie, the latest (C) -> Asian.
- S3: NS is no recording; W2 -> White.
- S4: Black on D and E as a victim, A1 once as a suspect -> Black (any role).
- S5: NS only -> Not recorded.
- Suspects in 2024/25 by ethnicity: White 2 (S1, S3), Asian 1 (S2), Black 1
  (S4), Not recorded 1 (S5).
- Victims by age in 2024/25: 0-5 holds V0 (aged 0) and V5 (5); 6-10 holds V6.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import context, filler, records, table

from svsna.analyses.police import serious_violence as ch04

if TYPE_CHECKING:
    from pathlib import Path

OCCURRENCES = f"""occurrence_id,committed_date,committed_time,offence_code,district
A,2024-04-01,12:00,5D,Derby
B,2024-05-01,12:00,5D,Derby
C,2024-06-01,12:00,5D,Derby
D,2024-07-01,12:00,5D,Derby
E,2024-08-01,12:00,5D,Derby
F,2024-09-01,12:00,5D,Derby
{filler(5)}
"""
PERSONS = """occurrence_id,person_id,role,age,sex,ethnicity
A,V0,victim,0,female,
A,S1,suspect,30,male,W1
A,S2,suspect,31,male,B1
B,V5,victim,5,male,
B,S1,suspect,30,male,W1
B,S3,suspect,32,male,NS
C,S1,suspect,30,male,A1
C,S2,suspect,31,male,A2
D,S3,suspect,32,male,W2
D,S4,victim,33,female,Black
E,S4,suspect,33,female,A1
E,S4,victim,33,female,Black
F,S5,suspect,34,male,NS
F,V6,victim,6,female,
"""
DISTRICTS = """district,population,authority
Derby,260000,city
"""


def test_ethnicity_is_the_most_frequent_code_ties_to_the_latest(
    tmp_path: Path,
) -> None:
    ctx = context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, districts=DISTRICTS
    )
    frame = table(ch04.CHAPTER.run(ctx), "suspect_ethnicity")
    got = {r[1]: r[3] for r in records(frame) if r[2] == "2024/25" and r[3]}
    assert got == {"White": 2, "Asian": 1, "Black": 1, "Not recorded": 1}


def test_victims_aged_0_are_in_the_first_age_band(tmp_path: Path) -> None:
    ctx = context(
        tmp_path, occurrences=OCCURRENCES, persons=PERSONS, districts=DISTRICTS
    )
    frame = table(ch04.CHAPTER.run(ctx), "sv_victims_age")
    got = {r[0]: r[2] for r in records(frame) if r[1] == "2024/25" and r[2]}
    assert got == {"0-5": 2, "6-10": 1, "31-35": 1}
    assert frame.iloc[0, 0] == "0-5"
