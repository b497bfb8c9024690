"""Chapters 1-2 and the appendices: sna.yaml, the definition in words, duty coverage."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from police_fixtures import context, table

from svsna.analyses import registry, run_all
from svsna.analyses.core.chapter import Chapter
from svsna.analyses.sna import definition, duty_coverage, introduction, offence_codes
from svsna.config import load_definition
from svsna.config.sna_settings import load_settings
from svsna.errors import SvsnaError
from svsna.report.document import render_document
from svsna.results import Edition, Report, Section

OCCURRENCES = """
    occurrence_id,committed_date,committed_time,offence_code
    A,2023-04-03,10:00,5A
    B,2024-06-01,11:00,34B
    C,2025-03-31,12:00,8N
"""

SNA_YAML = """
partnership: Testshire Community Safety Partnership
board: Testshire Serious Violence Board
strategy_period: 2026 to 2028
purpose: To understand serious violence in Testshire.
aims: [Refresh last year's assessment, "<script>alert('x')</script>"]
review_date: 2026-10-01
authors: Ana Lyst
paragraphs:
  definition: ["Violence resulting in, or potential to result in, significant injury."]
recommendations:
  - Improve data sharing.
  - {text: Evaluate the interventions., basis: Interventions chapter}
"""


def _ctx(tmp_path: Path, settings_text: str | None = SNA_YAML):  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    ctx = context(folder, occurrences=OCCURRENCES)
    if settings_text is None:
        return ctx
    (folder / "sna.yaml").write_text(settings_text, encoding="utf-8")
    settings = load_settings(folder)
    return dataclasses.replace(ctx, settings=settings, tables=ctx.tables | {"sna.yaml"})


def test_settings_are_read_as_plain_text_in_lists(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    settings = ctx.settings
    assert settings.partnership == "Testshire Community Safety Partnership"
    assert settings.authors == ("Ana Lyst",)  # one name becomes a list of one
    assert settings.aims[1] == "<script>alert('x')</script>"
    assert settings.review_date.isoformat() == "2026-10-01"
    assert [r.text for r in settings.recommendations] == [
        "Improve data sharing.",
        "Evaluate the interventions.",
    ]
    assert settings.recommendations[1].basis == "Interventions chapter"
    assert settings.paragraphs_of("definition")[0].startswith("Violence resulting")
    assert load_settings(tmp_path / "nowhere") is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("partnership: [unclosed", "is not valid YAML"),
        ("- a list", "must be a YAML mapping"),
        ("partnershp: Misspelt", "'partnershp'"),
        ("review_date: next year", "'review_date'"),
    ],
)
def test_a_bad_settings_file_stops_with_one_sentence(
    tmp_path: Path, text: str, said: str
) -> None:
    (tmp_path / "sna.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SvsnaError) as caught:
        load_settings(tmp_path)
    assert said in str(caught.value) and "sna.yaml" in str(caught.value)


def test_introduction_prints_the_partnership_words(tmp_path: Path) -> None:
    section = introduction.CHAPTER.run(_ctx(tmp_path), "1")
    text = " ".join(section.summary)
    assert text.startswith(
        "This Strategic Needs Assessment of serious violence in Derby and Derbyshire "
        "was prepared by Testshire Community Safety Partnership for Testshire "
        "Serious Violence Board. It informs the serious violence strategy for "
        "2026 to 2028."
    )
    assert "Aim 2: <script>alert('x')</script>" in section.summary
    assert "It covers 2023/24 to 2024/25 and is to be reviewed by 2026-10-01." in text
    about = dict(table(section, "sna_about").values.tolist())
    assert about["Board"] == "Testshire Serious Violence Board"
    assert about["Report period"] == "2023/24 to 2024/25"
    assert about["Authors"] == "Ana Lyst"


def test_introduction_is_one_line_without_sna_yaml(tmp_path: Path) -> None:
    section = introduction.CHAPTER.run(_ctx(tmp_path, None), "1")
    assert section.missing_inputs == ("sna.yaml",)
    assert not section.tables


def test_hostile_text_is_escaped_in_html(tmp_path: Path) -> None:
    section = introduction.CHAPTER.run(_ctx(tmp_path), "1")
    report = Report("T", "Area", "2024/25", Edition.RESTRICTED, (section,), "d", "x")
    html = render_document(report, definition=load_definition())
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_definition_words_follow_the_definition_in_force(tmp_path: Path) -> None:
    section = definition.CHAPTER.run(_ctx(tmp_path), "2")
    summary = section.summary
    assert summary[0].startswith("Violence resulting in")  # sna.yaml's words first
    assert (
        "The definition adds ABH for occurrences committed from 2025-09-01." in summary
    )
    assert "Rape and Other sexual offences are never counted as serious violence." in (
        summary
    )
    assert (
        "Occurrences of the report period (2023/24 to 2024/25) are counted by the "
        "version from the start of the data." in summary
    )
    assert (
        "Hotspots rank a wider set than the serious violence in force at the end of "
        "the data: it adds ABH." in summary
    )
    versions = table(section, "definition_versions")
    assert versions["from"].tolist() == ["start of data", "2025-09-01"]
    assert versions["until"].tolist() == ["2025-08-31", ""]
    assert versions["added"].tolist() == ["", "ABH"]
    groups = table(section, "definition_groups").set_index("group")
    assert groups.loc["ABH", "serious_violence"] == "yes from 2025-09-01"
    assert groups.loc["ABH", "hotspots"] == "yes"
    assert groups.loc["Rape", "serious_violence"] == "excluded"
    assert groups.loc["Homicide", "serious_violence"] == "yes"


def test_a_definition_change_reaches_the_words(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    base = ctx.definition
    sv = base.serious_violence
    first, second = sv.versions
    dropped = second.model_copy(
        update={"groups": tuple(g for g in second.groups if g != "robbery_business")}
    )
    changed = base.model_copy(
        update={
            "serious_violence": sv.model_copy(update={"versions": (first, dropped)})
        }
    )
    section = definition.CHAPTER.run(dataclasses.replace(ctx, definition=changed), "2")
    assert (
        "The definition adds ABH and drops Robbery of business property for "
        "occurrences committed from 2025-09-01." in section.summary
    )


def test_codes_appendix_lists_every_group_with_its_codes(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    codes = table(offence_codes.CHAPTER.run(ctx), "offence_codes").set_index("group")
    assert len(codes) == len(ctx.definition.offence_groups)
    assert codes.loc["GBH with intent", "codes"] == "5D, 5A"
    assert codes.loc["Possession of weapons", "serious_violence"] == "yes"
    assert codes.loc["Burglary", "serious_violence"] == "no"


def test_duty_coverage_reads_the_report(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    sections = (
        Section("introduction", "1", "Introduction"),
        Section("serious_violence", "3", "Serious violence"),
        Section("hotspots", "4", "Hotspots", missing_inputs=("neighbourhoods",)),
        Section("school_proximity", "5", "Schools"),
        Section("ed", "6.1", "ED", missing_inputs=("ed_attendances",)),
        Section("data_quality", "", "Data quality"),
    )
    section = duty_coverage.CHAPTER.run(dataclasses.replace(ctx, sections=sections))
    rows = table(section, "duty_coverage").set_index("element")
    assert list(rows.columns) == ["covered", "by", "input_needed"]
    assert rows.loc["kinds of violence"].tolist() == ["yes", "3 Serious violence", ""]
    assert rows.loc["where and when"].tolist() == [
        "partly",
        "5 Schools",
        "neighbourhoods",
    ]
    assert rows.loc["partners' data"].tolist() == ["no", "", "ed_attendances"]
    assert rows.loc["community voice", "covered"] == "no"
    assert rows.loc["community voice", "input_needed"].startswith("voice")
    assert rows.loc["data gaps", "covered"] == "yes"
    assert rows.loc["review date"].tolist() == [
        "yes",
        "1 Introduction (review by 2026-10-01)",
        "",
    ]
    without = dataclasses.replace(ctx, settings=None, sections=sections)
    review = table(duty_coverage.CHAPTER.run(without), "duty_coverage").iloc[-1]
    assert review.tolist() == ["review date", "no", "", "sna.yaml (review_date)"]


def test_runner_leaves_out_absent_chapters_and_runs_readers_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, ...]] = []

    def reader(ctx, heading):  # type: ignore[no-untyped-def]
        seen.append(tuple(s.id for s in ctx.sections))
        return Section(*heading)

    absent = Chapter("absent", "Absent", reader, when=lambda ctx: False)
    late = Chapter("late", "Late", reader, after_others=True)
    monkeypatch.setitem(registry.CHAPTERS, "absent", absent)
    monkeypatch.setitem(registry.CHAPTERS, "late", late)
    ctx = _ctx(tmp_path)
    listed = ctx.definition.model_copy(
        update={"chapters": ("definition", "absent", "late", "fire")}
    )
    sections = run_all(dataclasses.replace(ctx, definition=listed))
    assert [(s.id, s.number) for s in sections] == [
        ("definition", "1"),
        ("late", "2"),
        ("fire", "3"),
        ("data_quality", ""),
        ("offence_codes", ""),
        ("duty_coverage", ""),
    ]
    # The late chapter saw every other chapter, appendices included (not the
    # other reader, duty coverage), in report order.
    assert seen == [("definition", "fire", "data_quality", "offence_codes")]
    coverage = table(sections[-1], "duty_coverage").set_index("element")
    assert coverage.loc["partners' data", "input_needed"] == "fire_incidents"
