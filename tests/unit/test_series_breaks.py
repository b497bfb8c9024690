"""Issue 12's traps, rebuilt by hand: a definition change and a ratio read as growth.

Each data set is made so that the old behaviour fails the test: the old
report said "Serious violence rose by 290%" across ABH joining serious
violence, and called ED 1,000 -> 1,100 with police flat significant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import pytest
from police_fixtures import context, table, write

from svsna.analyses import CHAPTERS, make_context, run_all
from svsna.analyses.whole_report.district_profiles import analyse_profiles
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.results import Finding

HEADER = "occurrence_id,committed_date,committed_time,offence_code,district,neighbourhood"


def _constant_daily(first: str, last: str) -> str:
    """Every day: one GBH with intent and three ABH in Derby, one GBH in Erewash."""
    rows = [HEADER]
    for i, day in enumerate(pd.date_range(first, last, freq="D")):
        d = f"{day:%Y-%m-%d}"
        rows.append(f"G{i},{d},12:00,5D,Derby,Normanton")
        rows.append(f"E{i},{d},13:00,5D,Erewash,Ilkeston")
        rows += [f"A{i}_{k},{d},14:00,8N,Derby,Normanton" for k in range(3)]
    return "\n".join(rows)


@pytest.fixture(scope="module")
def constant(tmp_path_factory: pytest.TempPathFactory) -> Context:
    """Constant daily crime from April 2022 to March 2026; ABH joins on 2025-09-01."""
    folder = tmp_path_factory.mktemp("constant")
    return context(folder, occurrences=_constant_daily("2022-04-01", "2026-03-31"))


def _changes(ctx: Context) -> list[Finding]:
    """Every finding of the whole report and of the district profiles."""
    sections = [*run_all(ctx), *analyse_profiles(ctx)]
    return [f for s in sections for f in s.findings]


def test_a_definition_change_is_never_read_as_a_rise(constant: Context) -> None:
    assert constant.years == ("2023/24", "2024/25", "2025/26")
    findings = _changes(constant)
    by_id = {f.id: f for f in findings}
    for finding in findings:
        assert " rose " not in finding.text, finding.text
        assert finding.significant is not True, finding.text
    sv = by_id["sv_change"]
    # Like for like: 2 GBH a day in both years (2024/25 has 365 days, 2025/26 365).
    assert (sv.previous, sv.current) == (730, 730)
    assert "like for like" in sv.text and "without ABH" in sv.text
    assert "ABH joined serious violence on 1 September 2025" in sv.text
    # The newly included offences are given apart: 3 a day from 1 September 2025
    # to 31 March 2026 (212 days).
    assert "636 in 2025/26" in sv.text
    assert sv.significant is False and sv.direction == "same"
    assert by_id["vwi_change"].significant is False
    cost = by_id["sv_cost_change"]
    assert cost.previous == cost.current and "without ABH" in cost.text
    assert by_id["vwi_change/ABH"].significant is None
    assert "not compared" in by_id["vwi_change/ABH"].text
    for district in ("Derby", "Erewash"):
        change = by_id[f"sv_district_change/{district}"]
        assert change.previous == change.current and change.significant is False
        profile = by_id[f"profile_{district.lower()}_change"]
        assert profile.previous == profile.current == 365
    assert by_id["knife_all_change"].text.startswith("Knife crime, like for like")


def test_the_monthly_trend_marks_the_break_and_counts_like_for_like(
    constant: Context,
) -> None:
    section = CHAPTERS["serious_violence"].run(constant)
    monthly = table(section, "sv_monthly").set_index("month")
    # August 2025: 31 days of 2 GBH; September 2025: 30 days of 2 GBH + 3 ABH.
    assert monthly.loc["2025-08", ["count", "like_for_like"]].tolist() == [62, 62]
    assert monthly.loc["2025-09", ["count", "like_for_like"]].tolist() == [150, 60]
    chart = next(c for c in section.charts if c.id == "sv_monthly_chart")
    assert chart.breaks == (("2025-09", "definition change: ABH joins"),)
    # The trend is fitted on each side of the break: flat on both.
    before = monthly.loc[:"2025-08", "trend"]
    assert before.max() - before.min() < 2.5


def test_ed_against_flat_police_is_tested_as_a_ratio(tmp_path: Path) -> None:
    # ED 1,000 then 1,100 attendances; police violence with injury 1,000 in both
    # years (ABH, 8N). Fisher's exact test of the 2x2 table gives p = 0.13; the
    # old test, with police counts as fixed exposure, called it significant.
    def spread(n: int, first: str) -> list[str]:
        days = pd.date_range(first, periods=365, freq="D")
        return [f"{days[i % 365]:%Y-%m-%d}" for i in range(n)]

    police = [HEADER] + [
        f"P{y}_{i},{d},12:00,8N,Derby,Normanton"
        for y, first in ((1, "2023-04-01"), (2, "2024-04-01"))
        for i, d in enumerate(spread(1000, first))
    ]
    ed = ["attendance_id,hospital,arrival_date"] + [
        f"E{y}_{i},Royal Derby,{d}"
        for y, first, n in ((1, "2023-04-01", 1000), (2, "2024-04-01", 1100))
        for i, d in enumerate(spread(n, first))
    ]
    write(tmp_path, "ed_attendances", "\n".join(ed))
    ctx = context(tmp_path, occurrences="\n".join(police))
    assert ctx.years[-2:] == ("2023/24", "2024/25")
    section = CHAPTERS["hidden_violence"].run(ctx)
    change = next(f for f in section.findings if f.id == "hidden_violence_ratio_change")
    assert change.p_value == pytest.approx(0.1336, abs=1e-3)
    assert change.significant is False
    assert "2x2" in (change.test or "") or "Fisher" in (change.test or "")


def test_definition_for_the_trap_is_the_shipped_one() -> None:
    versions = load_definition().serious_violence.versions
    assert str(versions[-1].from_) == "2025-09-01" and "abh" in versions[-1].groups


def test_a_homicide_with_odd_optional_values_stays_in_every_count(
    tmp_path: Path,
) -> None:
    # One GBH a day in 2023/24 and 2024/25, and a homicide on 2 May 2024 whose
    # knife flag ('maybe'), outcome ('1A') and time ('25:61') are all bad, with
    # a victim aged 200. Each bad value becomes unknown; the row and the person
    # stay, so 2024/25 counts 365 + 1 and the homicide is reported.
    days = pd.date_range("2023-04-01", "2025-03-31", freq="D")
    occurrences = [f"{HEADER},knife_flag,outcome_code"] + [
        f"G{i},{d:%Y-%m-%d},12:00,5D,Derby,Normanton,no,3" for i, d in enumerate(days)
    ] + ["H1,2024-05-02,25:61,1,Derby,Normanton,maybe,1A"]
    write(tmp_path, "occurrences", "\n".join(occurrences))
    write(tmp_path, "persons", "occurrence_id,person_id,role,age,sex\nH1,V1,victim,200,male")
    loaded = load_folder(tmp_path)
    rejects = loaded.rejects
    assert set(rejects["action"]) == {"value set to unknown"}
    assert len(rejects) == 4  # time, knife flag, outcome, age
    assert loaded.tables["occurrences"].rows_loaded == len(days) + 1
    assert loaded.tables["persons"].rows_loaded == 1
    ctx = make_context(
        Warehouse.in_memory(loaded.arrow_tables()),
        load_definition(),
        frozenset(loaded.tables),
    )
    section = CHAPTERS["serious_violence_knife_crime"].run(ctx)
    sv = next(f for f in section.findings if f.id == "sv_change")
    assert (sv.previous, sv.current) == (366, 366)  # 2023/24 has 29 February
    homicides = next(f for f in section.findings if f.id == "homicides")
    assert homicides.text.startswith("There was 1 homicide")
