"""Harm by neighbourhood worked out by hand; near repeats through the chapter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from places_data import assert_spark_sql, load, square, table

from svsna.analyses.places import harm, near_repeat
from svsna.config import load_definition
from svsna.config.definition import Harm
from svsna.stats.emerging import gi_star_slices
from svsna.stats.gistar import gi_star_weights

if TYPE_CHECKING:
    from pathlib import Path

# Financial years 2022/23 to 2024/25 complete; o9 (2021) is before the period.
OCCURRENCES = """
    occurrence_id,committed_date,offence_code,neighbourhood,district,domestic_abuse_flag
    o1,2023-05-01,1,Ash,North,
    o2,2023-06-01,5A,Birch,North,
    o3,2023-07-01,5A,Birch,North,
    o4,2023-08-01,34B,Birch,North,
    o5,2024-01-01,34B,Cedar,South,
    o6,2024-02-01,34B,Cedar,South,
    o7,2024-03-01,10A,Cedar,South,
    o8,2024-04-01,10A,Cedar,South,
    o9,2021-04-01,1,Cedar,South,
    o10,2024-05-01,5A,Ash,North,true
    o11,2025-03-31,8N,Birch,North,
    o12,2024-06-01,5A,Nowhere,North,
"""
HOODS = """
    neighbourhood,district,population
    Ash,North,1000
    Birch,North,1000
    Cedar,South,1000
    Dale,South,1000
"""


def test_harm_ranking_by_hand(tmp_path: Path) -> None:
    # Unit costs: homicide 3,217,740; violence with injury 14,050; robbery 11,320;
    # possession of weapons 0. ABH (8N) is not serious violence before 2025-09-01,
    # o10 is domestic abuse, o9 is before the period, o12 has no neighbourhood.
    #   Ash:   1 homicide                       -> 3,217,740  (offences 1)
    #   Birch: 2 GBH + 1 robbery = 28,100+11,320 ->    39,420  (offences 3)
    #   Cedar: 2 robberies + 2 weapons          ->    22,640  (offences 4)
    #   Dale:  nothing                          ->         0
    # Total 3,279,800: shares 98.1, 1.2, 0.7, 0.0.
    ctx = load(tmp_path, occurrences=OCCURRENCES, neighbourhoods=HOODS)
    section = harm.CHAPTER.run(ctx)
    data = table(section, "harm_by_area")
    assert list(data.columns) == [
        "area", "district", "offences", "harm", "harm_share", "count_rank", "harm_rank",
    ]  # fmt: skip
    assert data.to_dict("list") == {
        "area": ["Ash", "Birch", "Cedar", "Dale"],
        "district": ["North", "North", "South", "South"],
        "offences": [1, 3, 4, 0],
        "harm": [3217740, 39420, 22640, 0],
        "harm_share": [98.1, 1.2, 0.7, 0.0],
        "count_rank": [3, 2, 1, 4],
        "harm_rank": [1, 2, 3, 4],
    }
    finding = section.findings[0].text
    assert finding.startswith("Ash (North) carries the most harm, £3,217,740")
    assert "ranked 3 by count" in finding
    assert (
        "1 serious-violence offences of the period have neither" in section.summary[1]
    )
    assert_spark_sql(ctx)


def test_a_crime_harm_index_replaces_the_unit_costs() -> None:
    definition = load_definition()
    custom = definition.model_copy(
        update={
            "harm": Harm(
                weights={"homicide": 5475, "robbery_personal": 365},
                source="Cambridge Crime Harm Index",
                unit="days",
            )
        }
    )
    weights = harm.harm_weights(custom)
    assert weights == {"homicide": 5475.0, "robbery_personal": 365.0}
    counts = pd.DataFrame(
        {
            "area": ["A", "A", "B"],
            "district": ["D", "D", "D"],
            "group_id": ["homicide", "gbh_with_intent", "robbery_personal"],
            "offences": [1, 5, 20],
        }
    )
    ranked = harm.rank_harm(counts, weights)
    # A: 1 × 5475 + 5 × 0 = 5475; B: 20 × 365 = 7300. B leads on both.
    assert ranked[["area", "harm", "count_rank", "harm_rank"]].values.tolist() == [
        ["B", 7300, 1, 1],
        ["A", 5475, 2, 2],
    ]


def test_unknown_groups_in_harm_weights_are_refused() -> None:
    definition = load_definition()
    data = definition.model_dump(by_alias=True)
    data["harm"] = {"weights": {"no_such_group": 1}}
    with pytest.raises(ValueError, match="no_such_group"):
        type(definition).model_validate(data)


def _near_repeat_rows(seed: int, *, plant: bool) -> str:
    """Serious violence over three financial years in a 4 km square; with
    ``plant``, 120 offences followed by another within 50 m and 1-6 days."""
    rng = np.random.default_rng(seed)
    n = 500
    x, y = rng.uniform(0, 4000, n), rng.uniform(0, 4000, n)
    start = pd.Timestamp("2022-04-01")
    days = rng.integers(0, 1090, n)
    if plant:
        x[:120] = x[120:240] + rng.uniform(-35, 35, 120)
        y[:120] = y[120:240] + rng.uniform(-35, 35, 120)
        days[:120] = days[120:240] + rng.integers(1, 7, 120)
    lines = ["occurrence_id,committed_date,offence_code,easting,northing"]
    for i in range(n):
        day = (start + pd.Timedelta(days=int(days[i]))).date().isoformat()
        lines.append(f"o{i},{day},5A,{430000 + x[i]:.1f},{330000 + y[i]:.1f}")
    lines.append("last,2025-03-31,3A,,")  # the data reach the end of March 2025
    return "\n".join(lines)


def test_a_planted_near_repeat_stands_out(tmp_path: Path) -> None:
    ctx = load(tmp_path, occurrences=_near_repeat_rows(1, plant=True))
    section = near_repeat.CHAPTER.run(ctx)
    data = table(section, "near_repeat").set_index(["distance_band", "time_band"])
    assert len(data) == 30
    top = data.loc[("0-100", "0-7")]
    assert top["ratio"] > 3 and top["p_value"] < 0.05
    assert top["ratio"] == data["ratio"].max()
    finding = section.findings[0]
    assert finding.significant and finding.text.startswith(
        "Within 0-100 m and 0-7 days"
    )
    assert "999 random permutations" in (finding.test or "")
    assert [c.kind for c in section.charts] == ["heatmap"]
    assert_spark_sql(ctx)


def test_random_offences_show_no_near_repeat(tmp_path: Path) -> None:
    ctx = load(tmp_path, occurrences=_near_repeat_rows(1, plant=False))
    section = near_repeat.CHAPTER.run(ctx)
    data = table(section, "near_repeat")
    assert (data["p_value"] > 0.05).all()
    assert data["ratio"].median() == pytest.approx(1, abs=0.2)
    assert not section.findings[0].significant


def test_slices_share_chapter_5s_gi_star() -> None:
    # The shared-draws Gi* of a cube agrees with esda's on each slice, within
    # the Monte Carlo error of 9,999 permutations (two estimates of a p-value
    # near 0.5 differ by about 0.014 on average).
    from libpysal.weights import lat2W

    rng = np.random.default_rng(4)
    values = rng.poisson(5, (100, 3)).astype(float)
    values[:12, 1] += 10  # a hot corner in the second slice
    w = lat2W(10, 10, rook=False)
    slices = gi_star_slices(values, w, permutations=9999)
    for t, result in enumerate(slices):
        esda = gi_star_weights(values[:, t], w, permutations=9999)
        np.testing.assert_allclose(result.z, esda.z)
        assert np.abs(result.p - esda.p).max() < 0.06
        assert (result.gi_bin == esda.gi_bin).mean() > 0.9


def test_without_coordinates_near_repeats_count_nothing(tmp_path: Path) -> None:
    ctx = load(
        tmp_path,
        occurrences="""
            occurrence_id,committed_date,offence_code
            o1,2023-05-01,5A
            o2,2025-03-31,5A
        """,
    )
    section = near_repeat.CHAPTER.run(ctx)
    assert table(section, "near_repeat")["observed"].sum() == 0
    assert not section.charts


def test_harm_map_with_geometry(tmp_path: Path) -> None:
    hoods = "neighbourhood,district,population,geometry_wkt\n" + "\n".join(
        f"{n},North,1000,{square(430000 + 1000 * i, 330000, 1000)}"
        for i, n in enumerate(["Ash", "Birch", "Cedar", "Dale"])
    )
    ctx = load(tmp_path, occurrences=OCCURRENCES, neighbourhoods=hoods)
    section = harm.CHAPTER.run(ctx)
    assert [c.id for c in section.charts] == ["harm_map"]
    assert "harm_rank" in section.charts[0].tooltip


def test_the_methods_chapter_states_the_three_tests_in_one_wording() -> None:
    from svsna.report.document import environment
    from svsna.report.methods import places_over_time_methods
    from svsna.report.view import sv_versions
    from svsna.results import Edition

    definition = load_definition()
    words = places_over_time_methods(definition)
    assert "Mann-Kendall" in words[0] and "999 conditional permutations" in words[0]
    assert "Knox test" in words[1] and "bands of 100 m and 7 days" in words[1]
    assert "unit cost of crime" in words[2]
    assert places_over_time_methods(load_definition("police-uk")) == ()
    html = (
        environment()
        .get_template("methods.html.j2")
        .render(
            d=definition,
            edition=Edition.PUBLIC,
            sv_versions=sv_versions(definition),
            arrow_basis="between the two latest years",
        )
    )
    assert "<h3>Places over time</h3>" in html and "Knox test" in html
