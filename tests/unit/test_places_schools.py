"""Chapter 8 school proximity: every boundary of the rule worked out by hand.

Hill School at BNG (440000, 340000); Far School at (450000, 350000). Latest
month June 2025 (the data were extracted on 30 June 2025, so June is complete
although its last offence is on 7 June), so the three periods end 2023-06,
2024-06 and 2025-06.
2025-06-02 is a Monday, 2025-06-07 a Saturday, 2024-06-03 a Monday. Offences
are GBH with intent (5A, serious violence) unless said otherwise; victims are
aged 10 unless said otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from places_data import assert_spark_sql, load, table

from svsna.analyses.places.school_proximity import CHAPTER
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

HEADER = (
    "occurrence_id,committed_date,committed_time,offence_code,district,"
    "location_type,easting,northing,knife_flag,domestic_abuse_flag"
)
ROWS = {
    # id: (date, time, code, district, location, easting, northing, knife, da, age)
    "s1": ("2025-06-02", "10:00", "5A", "Derby", "street", 440499, 340000, "", "", 10),
    "s2": ("2025-06-02", "10:00", "5A", "Derby", "street", 440300, 340400, "", "", 10),
    "s3": ("2025-06-02", "10:00", "5A", "Derby", "street", 440501, 340000, "", "", 10),
    "s4": ("2025-06-02", "07:59", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s5": ("2025-06-02", "08:00", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s6": ("2025-06-02", "16:00", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s7": ("2025-06-02", "16:01", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s8": ("2025-06-07", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s9": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 4),
    "s10": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 5),
    "s11": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 16),
    "s12": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 17),
    "s13": (
        "2025-06-02", "10:00", "5A", "Erewash", "Education Establishment",
        450000, 350000, "", "", 10,
    ),
    "s14": (
        "2025-06-02", "17:00", "5A", "Derby", "education establishment",
        450000, 350000, "", "", 10,
    ),
    "s15": ("2025-06-02", "", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s16": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "", "true", 10),
    "s17": ("2025-06-02", "10:00", "8N", "Derby", "street", 440000, 340100, "", "true", 10),
    "s18": ("2025-06-02", "10:00", "5A", "Derby", "street", 440000, 340100, "true", "", 10),
    "s19": ("2024-06-03", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s20": ("2022-06-30", "10:00", "5A", "Derby", "street", 440000, 340100, "", "", 10),
    "s21": (
        "2025-06-02", "10:00", "3A", "Derby", "education establishment",
        440000, 340100, "", "", 10,
    ),
}  # fmt: skip


def context(folder: Path) -> Context:
    occurrences = [HEADER] + [
        ",".join([key, *map(str, row[:9])]) for key, row in ROWS.items()
    ]
    persons = ["occurrence_id,person_id,role,age"] + [
        f"{key},p{key},victim,{row[9]}" for key, row in ROWS.items()
    ]
    base = load_definition()
    extracted = base.report_period.model_copy(
        update={"extract_date": dt.date(2025, 6, 30)}
    )
    return load(
        folder,
        base.model_copy(update={"report_period": extracted}),
        occurrences="\n".join(occurrences),
        persons="\n".join(persons),
        schools=(
            "urn,name,phase,easting,northing\n"
            "1,Hill School,primary,440000,340000\n"
            "2,Far School,secondary,450000,350000"
        ),
    )


def test_the_rule_at_every_boundary(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    section = CHAPTER.run(ctx)
    out = table(section, "school_proximity").set_index(["measure", "period_end"])
    # Serious violence, 12 months to 2025-06: school-age victims s1-s8, s10, s11,
    # s13-s15, s18 = 14 (not s9 aged 4, s12 aged 17, s16 domestic abuse, s17 ABH).
    # At school: s13. Near (<= 500 m, Mon-Fri 08:00-16:00): s1 (499 m), s2 (500 m),
    # s5 (08:00), s6 (16:00), s10 (age 5), s11 (age 16), s18 = 7. Not near: s3
    # (501 m), s4 (07:59), s7 (16:01), s8 (Saturday), s14 (17:00), s15 (no time).
    row = out.loc[("serious violence", "2025-06")]
    assert row[["school_age_victim", "at_or_near_school", "at_school", "near_school"]].tolist() == [
        14, 8, 1, 7,
    ]  # fmt: skip
    assert row["pct"] == 57.1  # 8 / 14 = 57.14%
    # Knife crime: s18 only, near.
    knife = out.loc[("knife crime", "2025-06")]
    assert knife[["school_age_victim", "at_school", "near_school", "pct"]].tolist() == [
        1, 0, 1, 100.0,
    ]  # fmt: skip
    # Lower-level violence: s17 (ABH, domestic abuse kept) near, s21 (3A) at school.
    lower = out.loc[("lower-level violence", "2025-06")]
    assert lower[["school_age_victim", "at_school", "near_school"]].tolist() == [
        2,
        1,
        1,
    ]
    # Earlier periods: s19 in the 12 months to 2024-06; s20 is before the first.
    assert out.loc[("serious violence", "2024-06"), "near_school"] == 1
    assert out.loc[("serious violence", "2023-06"), "school_age_victim"] == 0
    assert list(table(section, "school_proximity")["period_end"].unique()) == [
        "2023-06", "2024-06", "2025-06",
    ]  # fmt: skip
    assert_spark_sql(ctx)


def test_by_district(tmp_path: Path) -> None:
    section = CHAPTER.run(context(tmp_path))
    out = table(section, "school_proximity_by_district")
    latest = out[
        (out["measure"] == "serious violence") & (out["period_end"] == "2025-06")
    ]
    assert latest.set_index("district")[
        ["school_age_victim", "at_or_near_school"]
    ].to_dict("index") == {
        "Derby": {"school_age_victim": 13, "at_or_near_school": 7},
        "Erewash": {"school_age_victim": 1, "at_or_near_school": 1},
    }


def test_schools_map_has_a_ring_of_the_set_distance(tmp_path: Path) -> None:
    section = CHAPTER.run(context(tmp_path))
    chart = section.charts[0]
    assert chart.kind == "map" and chart.geometry == "geometry"
    hill = chart.data[chart.data["name"] == "Hill School"].set_index("layer")
    ring = json.loads(hill.loc["500 m ring", "geometry"])
    point = json.loads(hill.loc["school", "geometry"])
    assert ring["type"] == "Polygon" and point["type"] == "Point"
    # 500 m is about 0.0045 degrees of latitude.
    lats = [lat for _, lat in ring["coordinates"][0]]
    assert abs((max(lats) - min(lats)) / 2 - 0.0045) < 0.0002


def test_without_schools_the_section_says_so(tmp_path: Path) -> None:
    ctx = load(
        tmp_path,
        occurrences="occurrence_id,committed_date,offence_code\no1,2025-01-01,5A",
    )
    assert CHAPTER.run(ctx).missing_inputs == ("schools",)


def test_by_school(tmp_path: Path) -> None:
    # 12 months to 2025-06, serious or lower-level violence at or near a school:
    # within 500 m of Hill: s1, s2, s5, s6, s10, s11, s18 (serious violence), s17
    # (ABH) and s21 (3A, recorded at an education establishment) = 9, 1 at school.
    # s13, at an education establishment by Far School, counts there only.
    out = table(CHAPTER.run(context(tmp_path)), "school_proximity_by_school")
    assert out[["name", "offences", "at_school"]].values.tolist() == [
        ["Hill School", 9, 1],
        ["Far School", 1, 1],
    ]


def test_a_part_month_at_the_end_is_not_a_school_period(tmp_path: Path) -> None:
    # Without the extract date the data stop on 7 June 2025: June is a part
    # month, so the three 12-month periods end with May, not June.
    occurrences = [HEADER] + [
        ",".join([key, *map(str, row[:9])]) for key, row in ROWS.items()
    ]
    ctx = load(
        tmp_path,
        occurrences="\n".join(occurrences),
        schools="urn,name,phase,easting,northing\n1,Hill School,primary,440000,340000",
    )
    out = table(CHAPTER.run(ctx), "school_proximity")
    assert sorted(set(out["period_end"])) == ["2023-05", "2024-05", "2025-05"]
