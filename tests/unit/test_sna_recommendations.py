"""Recommendations: the partnership's own, then prompts that each cite a real finding."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
from police_fixtures import context, table

from svsna.analyses import run_all
from svsna.analyses.sna import recommendations
from svsna.config.sna_settings import load_settings
from svsna.results import Finding, Section, Table

PERSONS = "occurrence_id,person_id,role,age,sex\n"


def _occurrences() -> str:
    """Serious violence: 1 a month in 2022/23, 10 a month in 2023/24 (a clear rise)."""
    rows = ["occurrence_id,committed_date,offence_code,district"]
    for year, per_month in ((2022, 1), (2023, 10)):
        for m in range(12):
            month = f"{year + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}"
            rows += [
                f"S{year}{m}{i},{month}-0{i % 9 + 1},5A,Derby" for i in range(per_month)
            ]
    rows.append("END,2024-03-31,49,Derby")  # the data reach the end of March 2024
    return "\n".join(rows)


def test_prompts_cite_findings_the_report_really_has(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ctx = context(folder, occurrences=_occurrences(), persons=PERSONS)
    (folder / "sna.yaml").write_text(
        "recommendations: [Improve data sharing., {text: Evaluate, basis: Ch 21}]\n",
        encoding="utf-8",
    )
    listed = ctx.definition.model_copy(
        update={
            "chapters": ("serious_violence_knife_crime", "hotspots", "recommendations")
        }
    )
    ctx = dataclasses.replace(ctx, definition=listed, settings=load_settings(folder))
    sections = run_all(ctx)
    findings = {f.id: s for s in sections for f in s.findings}
    assert findings  # the chapters found something to cite
    rows = table(
        next(s for s in sections if s.id == "recommendations"), "recommendations"
    )
    assert rows["number"].tolist() == list(range(1, len(rows) + 1))
    own = rows[rows["source"] == "partnership"]
    assert own[["text", "basis"]].values.tolist() == [
        ["Improve data sharing.", ""], ["Evaluate", "Ch 21"],
    ]  # fmt: skip
    data = rows[rows["source"] == "data"]
    rise = data[
        data["basis"].str.startswith("Finding 'sv_change' in 1 Serious violence")
    ]
    assert len(rise) == 1
    assert (
        rise["text"]
        .iloc[0]
        .startswith("Examine why serious violence rose significantly")
    )
    assert "2022/23 to 2023/24" in rise["text"].iloc[0]
    # Every data prompt names a finding, table or chapter that the report has.
    tables = {t.id for s in sections for t in s.tables}
    chapters = {f"{s.number} {s.title}".strip() for s in sections}
    for basis in data["basis"]:
        cited = (
            basis.split("'")[1] in findings
            if basis.startswith("Finding '")
            else any(t in basis for t in tables) or any(c in basis for c in chapters)
        )
        assert cited, basis
    missing = data[data["basis"].str.startswith("Chapter 2 Serious violence hotspots")]
    assert missing["text"].tolist() == [
        "Obtain the neighbourhoods input so that the assessment can cover serious "
        "violence hotspots."
    ]


def test_every_kind_of_prompt_from_hand_made_sections(tmp_path: Path) -> None:
    ctx = context(
        tmp_path / "data",
        occurrences="occurrence_id,committed_date,offence_code\nA,2024-01-01,5A\n",
    )
    dq = pd.DataFrame(
        {"input_table": ["persons", "occurrences"], "field": ["ethnicity", "time of day"],
         "records": [100, 100], "recorded": [62, 95], "pct": [62.0, 95.0]}
    )  # fmt: skip
    emerging = pd.DataFrame(
        {"level": ["neighbourhood"] * 3, "area": ["Abbey", "Brook", "Cross"],
         "district": ["Derby"] * 3,
         "category": ["persistent hot spot", "sporadic hot spot", "persistent hot spot"]}
    )  # fmt: skip
    sections = (
        Section("deprivation", "20", "Deprivation", findings=(
            Finding("imd_ratio", "The rate in decile 1 is 2.6 times that in decile 10.",
                    current=4.0, previous=1.5, current_label="decile 1",
                    previous_label="decile 10", unit="per 1,000"),
        )),
        Section("emerging_hotspots", "21", "Emerging hot spots",
                tables=(Table("emerging_hotspots", "E", emerging),)),
        Section("data_quality", "", "Data quality",
                tables=(Table("dq_completeness", "C", dq),)),
        Section("fire", "14", "Fire", missing_inputs=("fire_incidents",)),
    )  # fmt: skip
    section = recommendations.CHAPTER.run(
        dataclasses.replace(ctx, sections=sections), "3"
    )
    rows = table(section, "recommendations")
    assert rows["source"].tolist() == ["data"] * 4
    assert rows["text"].tolist() == [
        "Consider why the rate in decile 1 is higher than in decile 10 against their "
        "populations, and whether services reach it.",
        "Sustain the focus on Abbey (Derby) and Cross (Derby): persistent hot spots of "
        "serious violence over the whole period.",
        "Improve the recording of ethnicity in persons: it is recorded in fewer than "
        "90% of records.",
        "Obtain the fire_incidents input so that the assessment can cover fire.",
    ]
    assert rows["basis"].tolist()[0] == (
        "Finding 'imd_ratio' in 20 Deprivation (rates per population compared)."
    )
    assert "(none: there is no sna.yaml)" in section.summary[0]
