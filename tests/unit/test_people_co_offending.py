"""Co-offending groups worked by hand on six suspects of 2023/24.

==========  ======  =========  ========================================
occurrence  code    suspects   note
==========  ======  =========  ========================================
O1          5D      A, B       B recorded as offender
O2          105A    B, C       not serious violence: links B and C
O3          5D      D, E
O4          5D      F
O5          5D      C
O6          5D      (none)     a victim only
O7          5D      G, A       2022: before the period
==========  ======  =========  ========================================

Any offence: groups {A, B, C}, {D, E}, {F}. Serious-violence occurrences with
a suspect: O1, O3, O4, O5 (4); with a suspect in a group of 3 or more: O1, O5
(2), 50.0 %. Serious violence only: O2 drops, so {A, B}, {D, E}, {C}, {F}
and no group of three.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from people_helpers import linked_context

from svsna.analyses import CHAPTERS
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

OCCURRENCES = """
occurrence_id,committed_date,offence_code
B1,2023-04-01,105A
B2,2024-03-31,105A
O1,2023-05-01,5D
O2,2023-06-01,105A
O3,2023-07-01,5D
O4,2023-08-01,5D
O5,2023-09-01,5D
O6,2023-10-01,5D
O7,2022-10-01,5D
"""
PERSONS = """
occurrence_id,person_id,role,sex
O1,A,suspect,male
O1,B,offender,male
O1,V,victim,male
O2,B,suspect,male
O2,C,suspect,male
O3,D,suspect,male
O3,E,suspect,female
O4,F,suspect,male
O5,C,suspect,male
O6,V,victim,male
O7,G,suspect,male
O7,A,suspect,male
"""


def tables(tmp_path: Path, offences: str = "any") -> dict[str, pd.DataFrame]:
    definition = load_definition()
    people = definition.people_over_time
    settings = people.co_offending.model_copy(update={"offences": offences})
    definition = definition.model_copy(
        update={"people_over_time": people.model_copy(update={"co_offending": settings})}
    )
    ctx = linked_context(
        tmp_path / "data",
        {"occurrences": OCCURRENCES, "persons": PERSONS},
        definition=definition,
        link=False,
    )
    section = CHAPTERS["co_offending"].run(ctx)
    return {t.id: t.data for t in section.tables}


def test_groups_and_the_share_within_groups_of_three(tmp_path: Path) -> None:
    got = tables(tmp_path)
    groups = got["co_offending_groups"]
    assert groups.values.tolist() == [
        ["1", 1, 1], ["2", 1, 2], ["3", 1, 3], ["4-5", 0, 0], ["6-9", 0, 0], ["10+", 0, 0],
    ]
    assert got["co_offending_share"].values.tolist() == [["serious violence", 4, 2, 50.0]]


def test_serious_violence_only(tmp_path: Path) -> None:
    got = tables(tmp_path, "serious_violence")
    assert got["co_offending_groups"]["groups"].tolist() == [2, 2, 0, 0, 0, 0]
    assert got["co_offending_share"].values.tolist() == [["serious violence", 4, 0, 0.0]]
