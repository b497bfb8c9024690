"""The police chapters on thin data: nothing to count must give zeros, not errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from police_fixtures import POLICE_CHAPTERS, context, filler, records, table

if TYPE_CHECKING:
    from pathlib import Path


def test_no_serious_violence_and_no_people(tmp_path: Path) -> None:
    # Only thefts: three complete years, nothing in serious violence.
    occurrences = (
        f"occurrence_id,committed_date,committed_time,offence_code\n{filler(4)}"
    )
    stop_search = "Type,Date\nPerson search,2024-05-01T10:00:00+00:00\n"
    ctx = context(tmp_path, occurrences=occurrences, stop_search=stop_search)
    sections = [m.run(ctx) for m in POLICE_CHAPTERS]
    assert all(s.available and s.tables for s in sections)
    yearly = table(sections[0], "sv_yearly")
    assert len(yearly) == 30 and not yearly[["all"]].to_numpy().any()
    day_hour = table(sections[1], "sv_day_hour")
    assert len(day_hour) == 3 * 7 * 24 and day_hour["count"].sum() == 0
    assert records(table(sections[1], "repeat_victims"))[-1] == (
        "all years",
        0,
        0,
        0,
        0,
        None,
    )
    assert table(sections[1], "relationship").empty
    assert records(table(sections[4], "stop_search"))[-1] == ("2024/25", 1, 0, 0)
    outcomes = table(sections[5], "outcomes")
    assert outcomes["count"].sum() == 0 and outcomes["pct_positive"].isna().all()


def test_no_complete_year(tmp_path: Path) -> None:
    occurrences = (
        "occurrence_id,committed_date,committed_time,offence_code\n"
        "A,2024-05-01,,5D\nB,2024-06-01,,34B\n"
    )
    ctx = context(tmp_path, occurrences=occurrences)
    assert ctx.years == ()
    for module in POLICE_CHAPTERS:
        section = module.run(ctx)
        assert not section.tables
        assert section.summary or section.missing_inputs
