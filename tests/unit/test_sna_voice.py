"""Community voice: themes by source, counted by hand, statements kept as written."""

from __future__ import annotations

from pathlib import Path

from police_fixtures import context, table

from svsna.analyses.sna import voice
from svsna.config import load_definition
from svsna.report.edition import edition_report
from svsna.results import Edition, Report

OCCURRENCES = "occurrence_id,committed_date,offence_code\nA,2024-06-01,5A\n"
VOICE = """
source,date,participants,age_range,theme,statement
Focus group,2025-02-12,89,15-21,education,Schools affect youth violence.
Focus group,2025-02-12,89,15-21,social media,Social media drives bullying.
Focus group,2025-02-12,89,15-21,education,Teachers should keep us safe.
Focus group,2025-03-01,3,15-21,education,"<script>alert(1)</script>"
Survey,2025-03-31,600,10-18,knife crime,Knife crime worries us most.
Survey,,,10-18,,A statement with no theme.
Interview,2025-01-01,2,30-40,housing,We need more housing.
"""


def _section(tmp_path: Path):  # type: ignore[no-untyped-def]
    ctx = context(tmp_path / "data", occurrences=OCCURRENCES, voice=VOICE)
    return voice.CHAPTER.run(ctx, "22")


def test_themes_by_source_counted_by_hand(tmp_path: Path) -> None:
    section = _section(tmp_path)
    sources = table(section, "voice_sources").set_index("source")
    # Two sessions of the focus group: 89 + 3 participants (each row repeats them).
    assert sources.loc["Focus group", "participants"] == 92
    assert sources.loc["Focus group", "dates"] == "2025-02-12 to 2025-03-01"
    assert sources.loc["Focus group", "statements"] == 4
    assert sources.loc["Focus group", "themes"] == "education, social media"
    assert sources.loc["Survey", "participants"] == 600
    assert sources.loc["Survey", "themes"] == "knife crime, no theme given"
    themes = table(section, "voice_themes")
    assert themes.values.tolist() == [
        ["Interview", "housing", 1],
        ["Focus group", "education", 3],
        ["Focus group", "social media", 1],
        ["Survey", "knife crime", 1],
        ["Survey", "no theme given", 1],
    ]
    assert section.summary[0] == "7 statements from 3 sources of community voice."
    assert section.summary[2] == (
        "Focus group: the themes raised, most often first: education (3) and "
        "social media (1)."
    )
    statements = table(section, "voice_statements")
    assert "<script>alert(1)</script>" in statements["statement"].tolist()


def test_public_edition_withholds_a_small_group_and_keeps_the_statements(
    tmp_path: Path,
) -> None:
    report = Report("T", "A", "p", Edition.PUBLIC, (_section(tmp_path),), "d", "x")
    shown = edition_report(report, definition=load_definition()).sections[0]
    sources = table(shown, "voice_sources").set_index("source")
    assert sources.loc["Survey", "participants"] == 600
    assert sources.loc["Interview", "participants"] == "[c]"
    statements = table(shown, "voice_statements")
    assert len(statements) == 7


def test_without_voice_the_chapter_is_one_line(tmp_path: Path) -> None:
    ctx = context(tmp_path / "data", occurrences=OCCURRENCES)
    assert voice.CHAPTER.run(ctx).missing_inputs == ("voice",)
