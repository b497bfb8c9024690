"""Chapter 11: outcomes over every complete year, worked out by hand.

Four complete years (2021/22 to 2024/25; the report period is the last three,
but outcomes cover all four):

- U1 2021-06-01 5D outcome 1 → 2021/22 positive
- U8 2023-05-06 5D outcome 16 → 2023/24 other
- 2024/25: U2 5D 18 (other), U3 34B none (not yet complete), U4 34B 8
  (positive), U5 10A 18 (other), U6 10A 15 (other)
- U7 2024-05-06 5D outcome 1, domestic abuse → not serious violence
- U9 2024-05-07 theft (49) outcome 1 → not serious violence
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import context, filler, records, table

from svsna.analyses.police import outcomes as ch11

if TYPE_CHECKING:
    from pathlib import Path

BASE = "occurrence_id,committed_date,committed_time,offence_code"
OCCURRENCES = f"""{BASE},domestic_abuse_flag,outcome_code
U1,2021-06-01,,5D,,1
U2,2024-05-01,,5D,,18
U3,2024-05-02,,34B,,
U4,2024-05-03,,34B,,8
U5,2024-05-04,,10A,,18
U6,2024-05-05,,10A,,15
U7,2024-05-06,,5D,yes,1
U8,2023-05-06,,5D,,16
U9,2024-05-07,,49,,1
{filler(6, years=4)}
"""


def test_outcomes_every_complete_year(tmp_path: Path) -> None:
    ctx = context(tmp_path, occurrences=OCCURRENCES)
    assert ctx.years == ("2022/23", "2023/24", "2024/25")
    section = ch11.CHAPTER.run(ctx)
    frame = table(section, "outcomes")
    assert list(frame.columns) == ["year", "outcome_type", "count", "pct_positive"]
    assert records(frame) == [
        ("2021/22", "positive", 1, 100.0),
        ("2021/22", "other", 0, 100.0),
        ("2021/22", "not yet complete", 0, 100.0),
        ("2022/23", "positive", 0, None),
        ("2022/23", "other", 0, None),
        ("2022/23", "not yet complete", 0, None),
        ("2023/24", "positive", 0, 0.0),
        ("2023/24", "other", 1, 0.0),
        ("2023/24", "not yet complete", 0, 0.0),
        ("2024/25", "positive", 1, 20.0),
        ("2024/25", "other", 3, 20.0),
        ("2024/25", "not yet complete", 1, 20.0),
    ]


def test_top_other_outcomes_with_labels(tmp_path: Path) -> None:
    ctx = context(tmp_path, occurrences=OCCURRENCES)
    frame = table(ch11.CHAPTER.run(ctx), "outcomes_other_top")
    latest = records(frame[frame["year"] == "2024/25"])
    assert latest == [
        (1, 18, "Investigation complete, no suspect identified", "2024/25", 2),
        (
            2,
            15,
            "Named suspect, victim supports but evidential difficulties",
            "2024/25",
            1,
        ),
        (
            3,
            16,
            "Victim declines/withdraws support - named suspect identified",
            "2024/25",
            0,
        ),
    ]
    assert len(frame) == 3 * 4
