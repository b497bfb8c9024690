"""Chapter 20: serious violence by IMD decile, with exact Poisson limits by hand.

Data run from 2022-04-01 to 2025-03-31: three report years. Rates are per
1,000 residents per year, so the exposure is population × 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from places_data import assert_spark_sql, load, square, table

from svsna.analyses.places.deprivation import CHAPTER

if TYPE_CHECKING:
    from pathlib import Path

OCCURRENCES = """
occurrence_id,committed_date,offence_code,lsoa_code,domestic_abuse_flag
d1,2022-04-01,5A,E1,
d2,2024-06-01,5A,E1,
d3,2024-06-01,5A,e1 ,
d4,2024-06-01,5A,E2,
d5,2024-06-01,5A,E2,
d6,2024-06-01,5A,E2,
d7,2024-06-01,5A,E3,
d8,2024-06-01,3A,E1,
d9,2024-06-01,5A,E1,true
d10,2024-06-01,5A,E9,
d11,2024-06-01,5A,E5,
d12,2025-03-31,3A,E1,
"""
LSOAS = """
lsoa_code,lsoa_name,district,population,imd_decile
E1,One,Derby,1000,1
E2,Two,Derby,1000,1
E3,Three,Derby,2000,10
E4,Four,Derby,500,5
E5,Five,Derby,700,
"""


def test_rates_and_exact_intervals_by_decile(tmp_path: Path) -> None:
    ctx = load(tmp_path, occurrences=OCCURRENCES, lsoas=LSOAS)
    section = CHAPTER.run(ctx)
    out = table(section, "sv_by_imd_decile").set_index("imd_decile")
    # Decile 1: E1 (d1, d2, d3; not d8 violence without injury, not d9 domestic
    # abuse) + E2 (d4-d6) = 6 over 2000 residents x 3 years: 1.0 per 1,000.
    # Exact 95% limits for 6: 2.2019 and 13.0594 -> 0.367 and 2.177 per 1,000.
    assert out.loc[1, ["lsoas", "population", "count"]].tolist() == [2, 2000, 6]
    assert out.loc[1, ["per_1000", "lower_95", "upper_95"]].tolist() == [1.0, 0.4, 2.2]
    # Decile 5: no offence; upper limit for 0 is 3.6889 -> 3.6889 / 1500 * 1000 = 2.46.
    assert out.loc[5, ["count", "per_1000", "lower_95", "upper_95"]].tolist() == [
        0,
        0.0,
        0.0,
        2.5,
    ]
    # Decile 10: 1 over 6000 -> 0.17; limits 0.0253 and 5.5716 -> 0.004 and 0.93.
    assert out.loc[10, ["per_1000", "lower_95", "upper_95"]].tolist() == [0.2, 0.0, 0.9]
    assert list(out.index) == [1, 5, 10]
    # d10 (LSOA not in the table) and d11 (LSOA without a decile) are noted.
    assert any(line.startswith("2 serious-violence") for line in section.summary)
    # Unrounded ratio: (6 / 2000) / (1 / 2000) = 6.0.
    assert "6.0 times" in section.findings[0].text
    assert_spark_sql(ctx)


def test_without_lsoas_the_section_says_so(tmp_path: Path) -> None:
    ctx = load(tmp_path, occurrences=OCCURRENCES)
    assert CHAPTER.run(ctx).missing_inputs == ("lsoas",)


def test_an_occurrence_without_lsoa_takes_the_lsoa_holding_its_point(
    tmp_path: Path,
) -> None:
    # e2 names no LSOA but lies inside E4 (decile 5): 1 over 500 x 3 = 0.67 per 1,000.
    # e3 names E1 although it lies inside E4: the recorded LSOA wins.
    occurrences = """
        occurrence_id,committed_date,offence_code,lsoa_code,easting,northing
        e1,2022-04-01,3A,E1,,
        e2,2024-06-01,5A,,430500,330500
        e3,2024-06-01,5A,E1,430500,330500
        e4,2025-03-31,3A,E1,,
    """
    lsoas = f"""
        lsoa_code,population,imd_decile,geometry_wkt
        E1,1000,1,
        E4,500,5,{square(430000, 330000, 1000)}
    """
    ctx = load(tmp_path, occurrences=occurrences, lsoas=lsoas)
    out = table(CHAPTER.run(ctx), "sv_by_imd_decile").set_index("imd_decile")
    assert out.loc[5, ["count", "per_1000"]].tolist() == [1, 0.7]
    assert out.loc[1, "count"] == 1
    assert_spark_sql(ctx)
