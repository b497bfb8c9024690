"""The habitual knife carrier index worked by hand on three carriers.

Data run from 1 April 2023 to 31 March 2024, so the last complete month is
March 2024 and the 36-month look-back is April 2021 to March 2024. Weights
are the definition's: GBH with intent 6, possession of weapons 2, others 1;
recency 5 points within 3 months, 4 within 6, 3 within 12, 2 within 24, else 1.

===  =====================================  ======  ===========  =======  ========
who  knife-flagged occurrences as suspect    months  recency      freq.    gravity
===  =====================================  ======  ===========  =======  ========
K1   5D 2024-03-10, 5D 2023-06-01            0       5            2        12
K2   10A 2023-11-20                          4       4            1        2
K3   105A 2022-02-01, 105A 2022-03-01,       24      1            3        8
     5D 2021-05-01
===  =====================================  ======  ===========  =======  ========

Not counted: K4 (2021-03-01, before the window), V1 (a victim), S1 (no knife).
Largest: recency 5, frequency 3, gravity 12. Scores = 100 x mean of the
three shares: K1 (1 + 2/3 + 1)/3 = 88.9; K3 (1/5 + 1 + 8/12)/3 = 62.2;
K2 (4/5 + 1/3 + 2/12)/3 = 43.3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from people_helpers import linked_context

from svsna.analyses import CHAPTERS
from svsna.report.protection import report_tables
from svsna.results import Report

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.results import Section

OCCURRENCES = """
occurrence_id,committed_date,offence_code,knife_flag,district
B1,2023-04-01,105A,,
B2,2024-03-31,105A,,
A1,2024-03-10,5D,true,Derby
A2,2023-06-01,5D,true,Erewash
B3,2023-11-20,10A,true,Erewash
C1,2022-02-01,105A,true,Amber Valley
C2,2022-03-01,105A,true,Derby
C3,2021-05-01,5D,true,Derby
D1,2021-03-01,5D,true,Derby
E1,2023-09-01,5D,false,Derby
"""
PERSONS = """
occurrence_id,person_id,role,sex,age
A1,K1,suspect,male,16
A1,V1,victim,male,40
A2,K1,suspect,male,15
B3,K2,offender,female,30
C1,K3,suspect,male,19
C2,K3,suspect,male,20
C3,K3,suspect,male,18
D1,K4,suspect,male,25
E1,S1,suspect,male,25
"""


def section(tmp_path: Path) -> Section:
    ctx = linked_context(
        tmp_path / "data",
        {"occurrences": OCCURRENCES, "persons": PERSONS},
        link=False,
    )
    return CHAPTERS["knife_carriers"].run(ctx)


def test_scores_worked_by_hand(tmp_path: Path) -> None:
    tables = {t.id: t for t in section(tmp_path).tables}
    top = tables["knife_carriers_top"].data
    assert top[["rank", "person", "occurrences", "months_since", "recency",
                "frequency", "gravity", "score"]].values.tolist() == [
        [1, "persons:K1", 2, 0, 5.0, 2.0, 12.0, 88.9],
        [2, "persons:K3", 3, 24, 1.0, 3.0, 8.0, 62.2],
        [3, "persons:K2", 1, 4, 4.0, 1.0, 2.0, 43.3],
    ]
    assert list(top["latest"]) == ["2024-03-10", "2022-03-01", "2023-11-20"]
    bands = tables["knife_carrier_scores"].data.set_index("score_band")["people"]
    assert bands[bands > 0].to_dict() == {"40-49": 1, "60-69": 1, "80-89": 1}
    assert list(bands.index)[-1] == "90-100"


def test_profile_by_sex_age_at_the_latest_and_its_district(tmp_path: Path) -> None:
    profile = {t.id: t for t in section(tmp_path).tables}["knife_carrier_profile"].data
    got = {
        (m, g): n
        for m, g, n in profile[["measure", "group", "people"]].itertuples(index=False)
        if n
    }
    assert got == {
        ("all", "all"): 3,
        ("sex", "male"): 2,
        ("sex", "female"): 1,
        ("age band", "10-17"): 1,
        ("age band", "18-24"): 1,
        ("age band", "25-34"): 1,
        ("district", "Derby"): 2,
        ("district", "Erewash"): 1,
    }


def test_the_list_of_people_is_person_level_and_never_protected_for_print(
    tmp_path: Path,
) -> None:
    built = section(tmp_path)
    top = {t.id: t for t in built.tables}["knife_carriers_top"]
    assert top.person_level
    report = Report(
        title="t",
        area_name="a",
        period_label="p",
        edition="public",  # type: ignore[arg-type]
        sections=(built,),
        definition_name="d",
        generated_on="2024-04-01",
    )
    public = {t.id for t in report_tables(report)}
    assert "knife_carriers_top" not in public
    assert {"knife_carrier_scores", "knife_carrier_profile"} <= public
