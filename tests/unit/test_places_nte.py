"""Chapter 9 night-time economy: the time window, the area's edge and the types by hand.

The NTE area "Town" is the square 440000-441000 E, 340000-341000 N; "Corner"
(440400-440600 E, 340400-340600 N) lies inside it; the area "Village" is the
neighbourhood "Village Centre". The data run from 2022-04-01
to 2025-03-31, so the report years are 2022/23, 2023/24 and 2024/25.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from places_data import assert_spark_sql, load, square, table

from svsna.analyses.places.night_time_economy import CHAPTER

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

OCCURRENCES = """
occurrence_id,committed_date,committed_time,offence_code,district,neighbourhood,easting,northing,domestic_abuse_flag
n0,2022-04-01,12:00,28A,Derby,,450000,350000,
n1,2024-06-01,18:00,5A,Derby,,440500,340500,
n2,2024-06-01,17:59,5A,Derby,,440500,340500,
n3,2024-06-01,05:59,3A,Derby,,440500,340500,
n4,2024-06-01,06:00,3A,Derby,,440500,340500,
n5,2024-06-01,23:00,8N,Derby,,441000,340500,
n6,2024-06-01,23:00,8N,Derby,,441001,340500,
n7,2024-06-01,22:00,34A,Derby,,440500,340500,
n8,2024-06-01,22:00,5A,Derby,,440500,340500,true
n9,2024-06-01,22:00,28A,Derby,,440500,340500,
n10,2024-06-01,,5A,Derby,,440500,340500,
n11,2024-06-01,01:00,19C,,Village Centre,,,
n12,2024-06-01,01:00,5A,Derby,Elsewhere,,,
n13,2023-05-01,20:00,5A,Derby,,440500,340500,
n14,2025-03-31,12:00,28A,Derby,,450000,350000,
n15,2024-06-01,22:00,5A,Derby,Town Ward,450000,350000,
"""


def context(folder: Path) -> Context:
    return load(
        folder,
        occurrences=OCCURRENCES,
        nte_areas=(
            "nte_area,geometry_wkt,neighbourhood\n"
            f"Town,{square(440000, 340000, 1000)},Town Ward\n"
            f"Corner,{square(440400, 340400, 200)},\n"
            "Village,,Village Centre"
        ),
        districts="district,population\nDerby,2000\nErewash,1000",
    )


def test_offence_types_by_year(tmp_path: Path) -> None:
    # 2024/25: n1 (18:00 in), n5 (on the east edge), n8 (domestic abuse kept) are
    # violence with injury; n3 (05:59) violence without injury; n7 robbery of
    # business property -> all other offences; n11 rape, in by neighbourhood.
    # Out: n2 (17:59), n4 (06:00), n6 (1 m outside), n9 (burglary is not an NTE
    # type), n10 (no time), n12 (not an NTE neighbourhood), n15 (in the ward named
    # on Town's row, but outside Town's polygon, which alone defines it). 2023/24: n13.
    ctx = context(tmp_path)
    section = CHAPTER.run(ctx)
    out = table(section, "nte_crimes")
    counts = {(r.offence_type, r.year): r.count for r in out.itertuples() if r.count}
    assert counts == {
        ("violence with injury", "2023/24"): 1,
        ("violence with injury", "2024/25"): 3,
        ("violence without injury", "2024/25"): 1,
        ("rape", "2024/25"): 1,
        ("all other offences", "2024/25"): 1,
        ("total", "2023/24"): 1,
        ("total", "2024/25"): 6,
    }
    assert list(out.columns) == ["offence_type", "year", "count"]
    assert out["offence_type"].iloc[0] == "homicide"
    assert out["offence_type"].iloc[-1] == "total"
    assert len(out) == (13 + 2) * 3  # 13 types, other, total; three years each
    assert_spark_sql(ctx)


def test_by_district_with_rates(tmp_path: Path) -> None:
    out = table(CHAPTER.run(context(tmp_path)), "nte_by_district").set_index("district")
    # Derby 0, 1, 5 -> average 2.0 -> 2.0 / 2000 * 1000 = 1.0 per 1,000.
    assert out.loc["Derby", ["2022/23", "2023/24", "2024/25"]].tolist() == [0, 1, 5]
    assert out.loc["Derby", "average"] == 2.0
    assert out.loc["Derby", "per_1000"] == 1.0
    assert out.loc["Erewash", "per_1000"] == 0.0
    # n11 has no district: unknown, no population, no rate.
    assert out.loc["unknown", "2024/25"] == 1
    # All: 0, 1, 6 -> average 2.33 -> 2.3; per 1,000 of 3000 = 0.78 -> 0.8.
    assert out.loc["all districts", "average"] == 2.3
    assert out.loc["all districts", "per_1000"] == 0.8


def test_by_area_counts_an_occurrence_in_every_area_holding_it(tmp_path: Path) -> None:
    # Town: n1, n3, n5, n7, n8 (2024/25) and n13 (2023/24). Corner holds the points
    # at (440500, 340500): n1, n3, n7, n8 and n13. Village: n11. The offence-type
    # table above still counts n1, n3, n7, n8 and n13 once (6 in 2024/25).
    section = CHAPTER.run(context(tmp_path))
    out = table(section, "nte_by_area")
    assert out[["nte_area", "2023/24", "2024/25", "total"]].values.tolist() == [
        ["Town", 1, 5, 6],
        ["Corner", 1, 4, 5],
        ["Village", 0, 1, 1],
    ]
    crimes = table(section, "nte_crimes").set_index(["offence_type", "year"])
    assert crimes.loc[("total", "2024/25"), "count"] == 6
