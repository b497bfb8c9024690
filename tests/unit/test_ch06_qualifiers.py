"""Chapter 6: alcohol and/or drugs share, worked out by hand.

2024/25: four GBH with intent (alcohol; drugs; both; neither recorded) and one
business robbery (none); 2023/24: one personal robbery with alcohol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import context, filler, records, table

from svsna.analyses.police import qualifiers as ch06

if TYPE_CHECKING:
    from pathlib import Path

OCCURRENCES = f"""occurrence_id,committed_date,committed_time,offence_code,alcohol_flag,drugs_flag
Q1,2024-05-01,,5D,yes,
Q2,2024-05-02,,5D,no,yes
Q3,2024-05-03,,5D,yes,yes
Q4,2024-05-04,,5D,,
Q5,2024-05-05,,34A,,
Q6,2023-05-05,,34B,true,
{filler(6)}
"""


def test_alcohol_or_drugs_by_offence_and_year(tmp_path: Path) -> None:
    section = ch06.CHAPTER.run(context(tmp_path, occurrences=OCCURRENCES))
    frame = table(section, "qualifiers")
    assert list(frame.columns) == [
        "offence",
        "year",
        "occurrences",
        "alcohol",
        "drugs",
        "alcohol_or_drugs",
        "pct",
    ]
    got = {r[:2]: r[2:] for r in records(frame)}
    assert got[("Violence with injury", "2024/25")] == (4, 2, 2, 3, 75.0)
    assert got[("Robbery (business)", "2024/25")] == (1, 0, 0, 0, 0.0)
    assert got[("Robbery (personal)", "2023/24")] == (1, 1, 0, 1, 100.0)
    assert got[("Homicide", "2024/25")] == (0, 0, 0, 0, None)
    assert got[("total", "2024/25")] == (5, 2, 2, 3, 60.0)
    assert got[("total", "2023/24")] == (1, 1, 0, 1, 100.0)
    assert list(frame["offence"].drop_duplicates()) == [
        "Homicide",
        "Possession of weapons",
        "Robbery (business)",
        "Robbery (personal)",
        "Violence with injury",
        "total",
    ]
    finding = {f.id: f for f in section.findings}["alcohol_or_drugs_share"]
    assert finding.current == 66.7  # 4 of 6 occurrences over the period
