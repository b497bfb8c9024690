"""Issue 12, complete periods: a short last month is never a complete month.

Each test is hand-made so that the old behaviour (the latest month with any
data counted as complete) fails it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
from police_fixtures import context, table

from svsna.analyses.core.windows import hotspot_window
from svsna.analyses.whole_report.district_profiles import analyse_profiles
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context


def _daily(first: str, last: str, *, hood: str = "Normanton") -> str:
    """One GBH with intent (serious violence, a hotspot offence) a day, in Derby."""
    days = pd.date_range(first, last, freq="D")
    rows = [f"O{i},{d:%Y-%m-%d},12:00,5D,Derby,{hood}" for i, d in enumerate(days)]
    header = "occurrence_id,committed_date,committed_time,offence_code,district,neighbourhood"
    return "\n".join([header, *rows])


def _context(tmp_path: Path, last: str, **period: object) -> Context:
    base = load_definition()
    definition = base.model_copy(
        update={"report_period": base.report_period.model_copy(update=period)}
    )
    return context(
        tmp_path, occurrences=_daily("2021-04-01", last), definition=definition
    )


def test_an_extract_ending_on_2_march_does_not_complete_the_year(tmp_path: Path) -> None:
    ctx = _context(tmp_path, "2025-03-02")
    assert ctx.latest_month == dt.date(2025, 2, 1)
    assert ctx.complete_years == ("2021/22", "2022/23", "2023/24")
    assert ctx.years == ("2021/22", "2022/23", "2023/24")
    # The hotspot window ends with February, not with two days of March.
    start, end, words = hotspot_window(ctx)
    assert (start, end) == (dt.date(2024, 3, 1), dt.date(2025, 3, 1))
    assert words == "March 2024 to February 2025"


def test_data_reaching_the_last_day_complete_the_year(tmp_path: Path) -> None:
    ctx = _context(tmp_path, "2025-03-31")
    assert ctx.latest_month == dt.date(2025, 3, 1)
    assert ctx.years[-1] == "2024/25"


def test_an_extract_date_says_a_quiet_last_day_is_complete(tmp_path: Path) -> None:
    # No crime on 31 March 2025, but the data were extracted on 2 April.
    ctx = _context(tmp_path, "2025-03-30", extract_date=dt.date(2025, 4, 2))
    assert ctx.latest_month == dt.date(2025, 3, 1)
    assert ctx.years[-1] == "2024/25"
    assert _context(tmp_path / "no_date", "2025-03-30").years[-1] == "2023/24"


def test_profile_hotspots_cover_the_hotspot_window_not_the_report_period(
    tmp_path: Path,
) -> None:
    # The report period ends in 2022/23 but the data run to 2 March 2025: the
    # profile's hotspot table covers the hotspot chapter's 12 complete months,
    # March 2024 to February 2025 (365 days, one offence a day).
    ctx = _context(tmp_path, "2025-03-02", end_year="2022/23")
    assert ctx.years[-1] == "2022/23"
    (profile,) = analyse_profiles(ctx)
    spots = table(profile, "profile_derby_hotspots")
    assert spots[["neighbourhood", "count"]].to_dict("records") == [
        {"neighbourhood": "Normanton", "count": 365}
    ]
    title = next(t.title for t in profile.tables if t.id == "profile_derby_hotspots")
    assert title.endswith("March 2024 to February 2025")
