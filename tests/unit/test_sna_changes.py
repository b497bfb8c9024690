"""What changed since an earlier build: two hand-made builds compared, and two real ones."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
from police_fixtures import context, table

from svsna.analyses import run_all
from svsna.analyses.sna import changes
from svsna.pipeline import build
from svsna.results import Finding, Section, Table
from svsna.results.previous import read_previous

OCCURRENCES = "occurrence_id,committed_date,offence_code\nA,2024-06-01,5A\n"


def _previous(folder: Path, settings: dict) -> Path:  # type: ignore[type-arg]
    (folder / "tables").mkdir(parents=True)
    findings = [
        {"section_id": "sv", "id": "sv_change", "direction": "up",
         "compared": ["2022/23", "2023/24"]},
        {"section_id": "sv", "id": "knife_change", "direction": "down"},
        {"section_id": "sv", "id": "small_change", "direction": "up"},
        {"section_id": "sv", "id": "level", "direction": None},
        {"section_id": "profile_derby", "id": "sv_change", "direction": "down"},
    ]  # fmt: skip
    (folder / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    manifest = {
        "software": {"version": "0.0.9"},
        "definition": {"settings": settings},
        "inputs": {"occurrences": {}, "persons": {}, "voice": {}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "tables" / "hotspots.csv").write_text(
        "rank,district,neighbourhood,total\n1,D,Abbey,[c]\n2,D,Brook,90\n16,D,Cross,9\n",
        encoding="utf-8",
    )
    return folder


def _sections() -> tuple[Section, ...]:
    def change(fid: str, prev: float, cur: float) -> Finding:
        return Finding(fid, f"{fid} moved.", current=cur, previous=prev,
                       current_label="2024/25", previous_label="2023/24",
                       significant=True, p_value=0.001)  # fmt: skip

    hotspots = pd.DataFrame(
        {"rank": [1, 2, 20], "district": ["D"] * 3,
         "neighbourhood": ["Abbey", "Cross", "Brook"]}
    )  # fmt: skip
    return (
        Section(
            "sv", "3", "Serious violence",
            findings=(
                change("sv_change", 2523, 2179),  # was up, now down
                change("knife_change", 700, 600),  # down both times
                change("small_change", 3, 30),  # rests on 3: never read
                Finding("level", "A level.", current=5.0),
            ),
        ),
        Section("hotspots", "5", "Hotspots", tables=(Table("hotspots", "H", hotspots),)),
    )  # fmt: skip


def test_two_hand_made_builds_compared(tmp_path: Path) -> None:
    ctx = context(tmp_path / "data", occurrences=OCCURRENCES)
    before = ctx.definition.model_dump(mode="json", by_alias=True)
    before["name"] = "Derby and Derbyshire 2024"
    before["report_period"]["end_year"] = "2023/24"
    del before["sna"]  # an older svsna had no such settings
    previous = read_previous(_previous(tmp_path / "report-2024", before))
    ctx = dataclasses.replace(
        ctx, previous=previous, sections=_sections(),
        tables=frozenset({"occurrences", "persons", "sna.yaml"}),
    )  # fmt: skip
    section = changes.CHAPTER.run(ctx, "4")
    rows = table(section, "changes_since_previous")
    assert list(rows.columns) == ["kind", "item", "previous", "now", "note"]
    got = {(r["kind"], r["item"]): r for r in rows.to_dict("records")}
    direction = got[("direction", "3 Serious violence: sv_change")]
    assert (direction["previous"], direction["now"]) == ("up", "down")
    assert direction["note"] == "2022/23 to 2023/24 then 2023/24 to 2024/25"
    assert [k for k in got if k[0] == "direction"] == [
        ("direction", "3 Serious violence: sv_change")
    ]
    assert got[("hotspot new", "Cross (D)")]["previous"] == "not in the top 15"
    assert got[("hotspot new", "Cross (D)")]["now"] == "2"
    assert got[("hotspot gone", "Brook (D)")]["previous"] == "2"
    assert ("hotspot new", "Abbey (D)") not in got
    assert got[("definition", "name")]["previous"] == '"Derby and Derbyshire 2024"'
    assert got[("definition", "report_period.end_year")]["now"] == "null"
    added = got[("definition", "sna.mental_health_marker")]
    assert added["previous"] == "(not set)"
    assert added["note"] == "a setting the earlier build did not have"
    assert got[("input added", "sna.yaml")]["now"] == "present"
    assert got[("input lost", "voice")]["previous"] == "present"
    assert len(got) == len(rows)  # each change once
    assert section.summary[0].startswith(
        "Compared with the earlier build in 'report-2024' (svsna 0.0.9, definition "
        "'Derby and Derbyshire 2024'): 1 finding(s) changed direction, 1 "
        "neighbourhood(s) entered the hotspots' top and 1 left it"
    )


def test_without_previous_the_chapter_is_absent(tmp_path: Path) -> None:
    ctx = context(tmp_path / "data", occurrences=OCCURRENCES)
    ids = [s.id for s in run_all(ctx)]
    assert "changes_since_previous" not in ids
    assert ids[:3] == ["introduction", "definition", "recommendations"]


def test_two_real_builds_a_year_apart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[1] / "data" / "good", data)
    first = build(data, tmp_path / "report-2024", formats=())
    assert first.report.sections[3].id != "changes_since_previous"
    (data / "voice.csv").write_text(
        "source,statement\nSurvey,We feel safe.\n", encoding="utf-8"
    )
    config = tmp_path / "definition.yaml"
    text = Path(__file__).parents[2].joinpath("src/svsna/config/defaults.yaml")
    config.write_text(
        text.read_text(encoding="utf-8").replace("top_n: 15", "top_n: 10"),
        encoding="utf-8",
    )
    second = build(
        data, tmp_path / "report-2025-RESTRICTED", formats=(), config=config,
        edition="restricted", previous=tmp_path / "report-2024",
    )  # fmt: skip
    ids = [s.id for s in second.report.sections]
    assert ids[3] == "changes_since_previous"
    assert second.manifest["previous"] == "report-2024"
    rows = pd.read_csv(
        second.out_dir / "tables" / "changes_since_previous.csv",
        skiprows=1, dtype=str, keep_default_na=False,
    )  # fmt: skip
    assert ["input added", "voice", "absent", "present", ""] in rows.values.tolist()
    assert ["definition", "hotspots.top_n", "15", "10", ""] in rows.values.tolist()
