"""Interventions: the register, and the difference in differences worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from police_fixtures import context, finding, table, table_of
from sql_recorder import assert_spark_sql

from svsna.analyses.sna import interventions
from svsna.config import load_definition
from svsna.report.edition import edition_report
from svsna.results import Edition, Report
from svsna.stats.did import difference_in_differences, dispersion

HEADER = "occurrence_id,committed_date,offence_code,district,easting,northing,domestic_abuse_flag"
MONTHS = ("2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09")
#: Serious violence by month: Alpha (the target district), Beta's points inside the
#: NTE area "Strip", inside "Spot", and the rest of Beta.
ALPHA = (10, 10, 10, 8, 8, 8)
STRIP = (5, 5, 5, 5, 5, 5)
SPOT = (1, 1, 1, 1, 1, 1)
BETA_REST = (34, 34, 34, 34, 34, 34)
SQUARE = "POLYGON (({x0} 0, {x1} 0, {x1} 1000, {x0} 1000, {x0} 0))"


def _occurrences() -> str:
    rows, n = [HEADER], 0
    places = (("Alpha", 100, ALPHA), ("Beta", 1500, STRIP), ("Beta", 2500, SPOT),
              ("Beta", 5000, BETA_REST))  # fmt: skip
    for month, *counts in zip(MONTHS, ALPHA, STRIP, SPOT, BETA_REST, strict=True):
        for (district, x, _), count in zip(places, counts, strict=True):
            for _ in range(count):
                n += 1
                rows.append(f"O{n},{month}-15,5A,{district},{x},500,false")
        # Never counted: domestic abuse, not serious violence, no district.
        rows += [f"D{month},{month}-10,5A,Alpha,100,500,true",
                 f"T{month},{month}-10,49,Alpha,100,500,false",
                 f"U{month},{month}-10,5A,,,,false"]  # fmt: skip
    # The data cover whole months: 1 April to 30 September 2024.
    rows.append("FIRST,2024-04-01,49,Alpha,100,500,false")
    rows.append("LAST,2024-09-30,49,Alpha,100,500,false")
    return "\n".join(rows)


INTERVENTIONS = """
name,provider,description,areas,age_min,age_max,start_date,end_date,participants,measure,reported_result
Test,Council,<b>Mentoring</b> =SUM(A1),Alpha,10,17,2024-07-01,,120,reoffending,19%
Night,Police,Night patrols.,strip,18,,2024-07-15,,,,
Tiny,Police,,Spot,,,2024-07-01,,,,
Nowhere,,,Gamma,,,2024-07-01,,,,
Late,,,Alpha,,,2024-09-01,,,,
Undated,,,Alpha,,,,,,,
Pilot,Youth Justice,,,,,,,4,cohort reoffending,19%
"""


@pytest.fixture
def section(tmp_path: Path):  # type: ignore[no-untyped-def]
    ctx = context(
        tmp_path / "data",
        occurrences=_occurrences(),
        interventions=INTERVENTIONS,
        nte_areas="nte_area,geometry_wkt\n"
        f'Strip,"{SQUARE.format(x0=1000, x1=2000)}"\n'
        f'Spot,"{SQUARE.format(x0=2000, x1=3000)}"\n',
    )
    result = interventions.CHAPTER.run(ctx, "21")
    for sql in ctx.warehouse.statements:  # type: ignore[attr-defined]
        if "interventions" not in sql and "ST_" not in sql:
            assert_spark_sql(sql)
    return result


def test_the_register_is_printed_as_given(section) -> None:  # type: ignore[no-untyped-def]
    register = table(section, "interventions").set_index("name")
    assert list(register.columns) == [
        "provider", "areas", "age_range", "start_date", "end_date", "participants",
        "measure", "reported_result",
    ]  # fmt: skip
    assert register.loc["Test"].tolist()[:5] == [
        "Council", "Alpha", "10-17", "2024-07-01", "",
    ]  # fmt: skip
    assert register.loc["Night", "age_range"] == "18+"
    assert register.loc["Pilot", "participants"] == 4
    assert register.loc["Pilot", "reported_result"] == "19%"
    # Free text stays text: the renderers escape it, the CSV neutralises the formula.
    assert "Test (Council): <b>Mentoring</b> =SUM(A1)" in section.summary
    assert (
        "2 intervention(s) name no areas or no start date, so no change in serious "
        "violence can be estimated for them." in section.summary
    )


def test_difference_in_differences_by_hand(section) -> None:  # type: ignore[no-untyped-def]
    effects = table(section, "intervention_effects").set_index("intervention")
    test = effects.loc["Test"]
    # Three whole months each side of July 2024 (the data end in September).
    assert test[["before", "after", "comparison_before", "comparison_after"]].tolist() == [
        30, 24, 120, 120,
    ]  # fmt: skip
    log_effect = math.log((24 / 120) / (30 / 120))  # = log 0.8
    se = math.sqrt(
        1 / 30 + 1 / 24 + 1 / 120 + 1 / 120
    )  # each month exactly on its share
    assert test["effect"] == round(100 * (math.exp(log_effect) - 1), 1) == -20.0
    assert test["lower"] == round(100 * (math.exp(log_effect - 1.959964 * se) - 1), 1)
    assert test["upper"] == round(100 * (math.exp(log_effect + 1.959964 * se) - 1), 1)
    assert (test["lower"], test["upper"], test["p_value"]) == (-55.8, 44.8, 0.4611)
    assert test["areas"] == "Alpha (district)"
    # The NTE area by its polygon (named in another case, starting mid-July).
    night = effects.loc["Night"]
    assert night["areas"] == "Strip (NTE area)"
    assert night[["before", "after", "comparison_before", "comparison_after"]].tolist() == [
        15, 15, 3 * (10 + 1 + 34), 3 * (8 + 1 + 34),
    ]  # fmt: skip
    notes = table_of(section, "intervention_effects").notes
    assert "Test: 2024-04 to 2024-06 against 2024-07 to 2024-09." in notes
    assert any(n.startswith("Nowhere: no estimate, as Gamma is not") for n in notes)
    assert any(n.startswith("Late: no estimate, as only 1 whole month") for n in notes)
    assert "Undated" not in effects.index and "Pilot" not in effects.index


def test_over_dispersion_widens_the_interval_by_hand() -> None:
    # Before: 5 and 15 of 50 (share 0.2, expected 10 each): chi-square 25/8 + 25/8 = 6.25
    # on 4 months - 2 = 2 degrees of freedom, so the variance is multiplied by 3.125.
    target, rest, after = [5, 15, 8, 8], [45, 35, 40, 40], [False, False, True, True]
    assert dispersion(target, rest, after) == 3.125
    d = difference_in_differences(target, rest, after)
    se = math.sqrt(3.125 * (1 / 20 + 1 / 16 + 1 / 80 + 1 / 80))
    assert d.standard_error == pytest.approx(se)
    assert (round(d.lower, 1), round(d.upper, 1)) == (-77.9, 189.1)
    assert round(d.p_value, 4) == 0.7335


def test_event_study_months_around_the_start(section) -> None:  # type: ignore[no-untyped-def]
    events = table(section, "intervention_event_study")
    test = events[events["intervention"] == "Test"]
    assert test["months_from_start"].tolist() == [-3, -2, -1, 0, 1, 2]
    assert test["window"].tolist() == ["before"] * 3 + ["after"] * 3
    # 10 of 40 each month before (the pooled ratio), 8 of 40 after: -20%.
    assert test["effect"].tolist() == [0.0, 0.0, 0.0, -20.0, -20.0, -20.0]
    chart = section.charts[0]
    assert chart.table == "intervention_event_study" and chart.measure_column
    assert set(chart.data["measure"]) == {"effect", "lower", "upper"}


def test_the_finding_says_it_is_not_proof_of_cause(section) -> None:  # type: ignore[no-untyped-def]
    said = finding(section, "intervention_effect/Test")
    assert said.text.startswith(
        "In the areas of Test, serious violence went from 30 in the 3 months before "
        "its start to 24 in the 3 months from it, while the rest of the area went "
        "from 120 to 120: 20.0% fewer than the rest of the area would predict"
    )
    assert said.text.endswith("This is an association, not proof that Test caused it.")
    assert said.significant is False and said.unit == "%"
    assert any("not proof that the intervention caused" in s for s in section.summary)


def test_public_edition_withholds_small_counts_and_what_they_give_away(
    section,  # type: ignore[no-untyped-def]
) -> None:
    report = Report("T", "A", "p", Edition.PUBLIC, (section,), "d", "x")
    shown = edition_report(report, definition=load_definition()).sections[0]
    register = table(shown, "interventions").set_index("name")
    assert register.loc["Pilot", "participants"] == "[c]"
    effects = table(shown, "intervention_effects").set_index("intervention")
    assert effects.loc["Tiny", "before"] == "[c]"  # 3 occurrences in three months
    assert effects.loc["Tiny", "effect"] == "[c]"
    assert effects.loc["Test", "effect"] == -20.0
    events = table(shown, "intervention_event_study")
    tiny = events[events["intervention"] == "Tiny"]
    assert set(tiny["target"]) == {"[c]"} and set(tiny["effect"]) == {"[c]"}
    ids = {f.id for f in shown.findings}
    assert "intervention_effect/Tiny" not in ids and "intervention_effect/Test" in ids
    tiny_chart = next(c for c in shown.charts if "Tiny" in c.title)
    assert tiny_chart.data["value"].isna().all()


def test_without_interventions_the_chapter_is_one_line(tmp_path: Path) -> None:
    ctx = context(tmp_path / "data", occurrences=_occurrences())
    assert interventions.CHAPTER.run(ctx).missing_inputs == ("interventions",)
