"""Chapter 5 hotspots: the reference ranking worked out by hand, its window and set."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

import pandas as pd
from places_data import assert_spark_sql, load, square, table

from svsna.analyses.places.hotspots import CHAPTER, rank_hotspots
from svsna.config.definition import Maps

if TYPE_CHECKING:
    from pathlib import Path


def ranking(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["neighbourhood", "total", "population"])
    frame.insert(0, "district", "D")
    return rank_hotspots(frame)


def test_ties_share_the_best_rank_and_the_score_orders() -> None:
    # totals 10, 8, 8, 5, 0 -> volume ranks 1, 2, 2, 4, 5 (ties share the best).
    # rates 10, 20, 10, 50, 0 -> rate ranks A 3, B 2, C 3, D 1, E 5.
    # scores A 4, B 4, C 5, D 5, E 10; ties broken by rate rank: B, A, D, C, E.
    out = ranking(
        [("A", 10, 1000), ("B", 8, 400), ("C", 8, 800), ("D", 5, 100), ("E", 0, 500)]
    )
    assert out["neighbourhood"].tolist() == ["B", "A", "D", "C", "E"]
    assert out["rank"].tolist() == [1, 2, 3, 4, 5]
    by_name = out.set_index("neighbourhood")
    assert by_name["volume_rank"].to_dict() == {"A": 1, "B": 2, "C": 2, "D": 4, "E": 5}
    assert by_name["rate_rank"].to_dict() == {"A": 3, "B": 2, "C": 3, "D": 1, "E": 5}
    assert by_name["score"].to_dict() == {"A": 4, "B": 4, "C": 5, "D": 5, "E": 10}
    assert by_name["per_1000"].to_dict() == {
        "A": 10.0,
        "B": 20.0,
        "C": 10.0,
        "D": 50.0,
        "E": 0.0,
    }
    assert list(out.columns) == [
        "rank", "district", "neighbourhood", "total", "volume_rank",
        "population", "per_1000", "rate_rank", "score",
    ]  # fmt: skip


def test_equal_score_and_rate_rank_fall_back_to_the_name() -> None:
    out = ranking([("Xeno", 4, 400), ("Wyre", 4, 400), ("Vale", 1, 1000)])
    assert out["neighbourhood"].tolist() == ["Wyre", "Xeno", "Vale"]
    assert out["volume_rank"].tolist() == [1, 1, 3]
    assert out["rate_rank"].tolist() == [1, 1, 3]


def test_rates_are_ranked_unrounded() -> None:
    # 1004 and 1001 per 100,000 both show as 10.0 per 1,000 but rank 1 and 2.
    out = ranking([("Low", 1001, 100_000), ("High", 1004, 100_000)])
    assert out["neighbourhood"].tolist() == ["High", "Low"]
    assert out["rate_rank"].tolist() == [1, 2]
    assert out["per_1000"].tolist() == [10.0, 10.0]


OCCURRENCES = """
    occurrence_id,committed_date,offence_code,neighbourhood,domestic_abuse_flag,easting,northing
    o1,2025-05-20,5A,Alpha,,430500,331500
    o2,2024-06-01,5A, alpha ,,430500,331500
    o3,2024-05-31,5A,Alpha,,,
    o4,2025-01-10,8N,Alpha,,,
    o5,2025-01-10,3A,Alpha,,,
    o6,2025-01-10,5A,Alpha,true,,
    o7,2025-02-02,34B,Beta,,432000,331500
    o8,2025-02-03,10A,Beta,,432001,331500
    o9,2025-03-01,5A,Gamma,,,
    o10,2025-03-02,5A,Gamma,,,
    o11,2025-03-03,5A,Nowhere,,,
"""


def neighbourhoods() -> str:
    return f"""
        neighbourhood,district,population,geometry_wkt
        Alpha,Derby,1000,{square(430000, 331000, 1000)}
        Beta,Derby,500,{square(431000, 331000, 1000)}
        Gamma,Erewash,2000,{square(430000, 330000, 1000)}
        Delta,Erewash,100,{square(431000, 330000, 1000)}
    """


def test_window_offence_set_and_exclusions(tmp_path: Path) -> None:
    # Latest month 2025-05 -> window 2024-06-01 to 2025-05-31 (o3 is a day early).
    # Alpha: o1, o2 (name matched case- and space-insensitively), o4 (ABH is in the
    # hotspot set); not o5 (violence without injury) nor o6 (domestic abuse).
    # Totals Alpha 3, Beta 2, Gamma 2, Delta 0; rates 3, 4, 1, 0 per 1,000.
    # Volume ranks 1, 2, 2, 4; rate ranks 2, 1, 3, 4; scores 3, 3, 5, 8.
    ctx = load(tmp_path, occurrences=OCCURRENCES, neighbourhoods=neighbourhoods())
    section = CHAPTER.run(ctx)
    out = table(section, "hotspots")
    assert out[
        ["rank", "neighbourhood", "total", "per_1000", "score"]
    ].values.tolist() == [
        [1, "Beta", 2, 4.0, 3],
        [2, "Alpha", 3, 3.0, 3],
        [3, "Gamma", 2, 1.0, 5],
        [4, "Delta", 0, 0.0, 8],
    ]
    assert any("1 hotspot offences" in line for line in section.summary)
    assert_spark_sql(ctx)


def test_points_outside_the_area_and_maps(tmp_path: Path) -> None:
    # The area is four 1 km squares: x 430000-432000, y 330000-332000.
    # o7 lies exactly on the east edge (inside); o8 is 1 m beyond it (outside).
    ctx = load(tmp_path, occurrences=OCCURRENCES, neighbourhoods=neighbourhoods())
    section = CHAPTER.run(ctx)
    quality = table(section, "data_quality_points").set_index("check")
    assert quality.loc["outside the area", "occurrences"] == 1
    assert quality.loc["outside the area", "examples"] == "o8"
    assert quality.loc["no coordinates", "occurrences"] == 7
    charts = {c.id: c for c in section.charts}
    rate_map = charts["hotspots_rate_map"]
    assert rate_map.kind == "map" and rate_map.geometry == "geometry"
    alpha = rate_map.data.set_index("neighbourhood").loc["Alpha", "geometry"]
    lon, lat = json.loads(alpha)["coordinates"][0][0]
    # BNG (430000, 331000) is near Derby: about 1.49 W, 52.85 N.
    assert -1.6 < lon < -1.4 and 52.8 < lat < 52.9
    assert "hotspots_gi_neighbourhood_map" in charts
    assert {"hotspots", "hotspots_gi", "concentration"} <= {
        t.id for t in section.tables
    }


def test_without_neighbourhoods_the_section_says_what_is_missing(
    tmp_path: Path,
) -> None:
    ctx = load(tmp_path, occurrences=OCCURRENCES)
    section = CHAPTER.run(ctx)
    assert section.missing_inputs == ("neighbourhoods",)


def test_unnamed_points_take_the_polygon_that_holds_them(tmp_path: Path) -> None:
    # o12 names no neighbourhood but lies inside Delta; o13 lies on the edge shared
    # by Alpha and Beta and goes to the first by name, Alpha. Totals: Alpha 4,
    # Beta 2, Gamma 2, Delta 1; rates 4, 4, 1, 10 per 1,000. Volume ranks 1, 2, 2,
    # 4; rate ranks 2, 2, 4, 1; scores 3, 4, 6, 5.
    occurrences = (
        OCCURRENCES.rstrip()
        + "\n    o12,2025-03-04,5A,,,431500,330500\n    o13,2025-03-04,5A,,,431000,331500\n"
    )
    ctx = load(tmp_path, occurrences=occurrences, neighbourhoods=neighbourhoods())
    out = table(CHAPTER.run(ctx), "hotspots")
    assert out[["neighbourhood", "total", "rate_rank", "score"]].values.tolist() == [
        ["Alpha", 4, 2, 3],
        ["Beta", 2, 2, 4],
        ["Delta", 1, 1, 5],
        ["Gamma", 2, 4, 6],
    ]
    assert_spark_sql(ctx)


def test_a_map_too_big_for_the_report_is_left_out_with_a_note(tmp_path: Path) -> None:
    ctx = load(tmp_path, occurrences=OCCURRENCES, neighbourhoods=neighbourhoods())
    small = ctx.definition.model_copy(update={"maps": Maps(max_features=3)})
    section = CHAPTER.run(dataclasses.replace(ctx, definition=small))
    # Four neighbourhoods > 3 features: no maps, the tables stay, a note says why.
    assert section.charts == ()
    assert "hotspots_gi" in {t.id for t in section.tables}
    assert any("maps.max_features" in line for line in section.summary)
