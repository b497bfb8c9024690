"""Youth justice and probation tables, worked by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partner_helpers import partner_context, row
from police_fixtures import finding, table

from svsna.analyses.partners import probation as ch16_probation
from svsna.analyses.partners import youth_justice as ch15_youth_justice
from svsna.config import load_definition

if TYPE_CHECKING:
    from pathlib import Path


YOUTH = """
offence_id,person_id,offence_date,offence_type,age,sex,authority
1,a,2023-05-01,Assault by beating,15,male,city
2,a,2023-06-01,Assault by beating,15,male,city
3,b,2024-03-31,Robbery/attempt,16,female,county
4,c,2024-04-01,Assault by beating,16,male,city
5,d,2024-07-01,Possess an offensive weapon in a public place,16,male,
6,e,2024-08-01,Robbery/attempt,17,,county
7,f,2022-08-01,Robbery/attempt,14,male,city
"""


def test_youth_justice_offences_authority_sex_age(tmp_path: Path) -> None:
    ctx = partner_context(tmp_path, {"youth_justice": YOUTH})
    section = ch15_youth_justice.CHAPTER.run(ctx)
    offences = table(section, "youth_justice_offences")
    assert (
        row(offences, offence_type="Assault by beating", year="2023/24")["count"] == 2
    )
    assert (
        row(offences, offence_type="Assault by beating", year="2024/25")["count"] == 1
    )
    assert row(offences, offence_type="Robbery/attempt", year="2023/24")["count"] == 1
    assert row(offences, offence_type="total", year="2023/24")["count"] == 3
    assert row(offences, offence_type="total", year="2024/25")["count"] == 3
    # Ordered by the period's total: beating 3, robbery 2, weapon 1, then total.
    assert list(dict.fromkeys(offences["offence_type"])) == [
        "Assault by beating",
        "Robbery/attempt",
        "Possess an offensive weapon in a public place",
        "total",
    ]
    authority = table(section, "youth_justice_authority")
    assert row(authority, authority="city", year="2023/24")["count"] == 2
    assert row(authority, authority="county", year="2024/25")["count"] == 1
    assert row(authority, authority="unknown", year="2024/25")["count"] == 1
    sex = table(section, "youth_justice_sex")
    assert row(sex, sex="male", year="2023/24")["pct"] == 66.7
    assert row(sex, sex="unknown", year="2024/25")["count"] == 1
    ages = table(section, "youth_justice_age")
    assert row(ages, age="16", year="2023/24")["count"] == 1
    assert row(ages, age="16", year="2024/25")["count"] == 2
    # Boys: 4 of the 5 offences with a recorded sex.
    assert finding(section, "youth_justice_male_share").current == 80.0
    assert finding(section, "youth_justice_top_age").current == 16
    assert finding(section, "youth_justice_total").current == 6


PROBATION = """
case_id,start_date,district,age,sex,sentence_type
1,2022-01-01,Derby,20,male,custody
2,2022-12-31,Derby,21,female,community
3,2023-01-01,Erewash,40,male,community
4,2023-03-31,,41,male,custody
5,2023-04-01,Derby,50,male,
6,2023-12-31,Erewash,37,,community
"""


def test_probation_by_calendar_year(tmp_path: Path) -> None:
    ctx = partner_context(
        tmp_path, {"probation": PROBATION}, years=("2022/23", "2023/24")
    )
    section = ch16_probation.CHAPTER.run(ctx)
    years = table(section, "probation_by_year")
    assert row(years, sentence_type="total", year="2022")["count"] == 2
    assert row(years, sentence_type="total", year="2023")["count"] == 4
    assert row(years, sentence_type="custody", year="2023")["count"] == 1
    assert row(years, sentence_type="unknown", year="2023")["count"] == 1
    districts = table(section, "probation_district")
    assert row(districts, district="Derby", year="2022")["count"] == 2
    assert row(districts, district="Erewash", year="2023")["count"] == 2
    assert row(districts, district="unknown", year="2023")["count"] == 1
    ages = table(section, "probation_age_group")
    assert row(ages, age_group="18-20", year="2022")["count"] == 1
    assert row(ages, age_group="21-24", year="2022")["count"] == 1
    assert row(ages, age_group="37-40", year="2023")["count"] == 2
    assert row(ages, age_group="41-44", year="2023")["count"] == 1
    assert row(ages, age_group="50+", year="2023")["count"] == 1
    sex = table(section, "probation_sex")
    assert row(sex, sex="female", year="2022")["pct"] == 50.0
    assert finding(section, "probation_highest_year").current_label == "2023"
    # 2023: three men of three cases with a recorded sex.
    assert finding(section, "probation_male_share").current == 100.0


def test_probation_by_financial_year(tmp_path: Path) -> None:
    base = load_definition()
    definition = base.model_copy(
        update={
            "partners": base.partners.model_copy(
                update={"probation_years": "financial"}
            )
        }
    )
    ctx = partner_context(
        tmp_path,
        {"probation": PROBATION},
        years=("2022/23", "2023/24"),
        definition=definition,
    )
    years = table(ch16_probation.CHAPTER.run(ctx), "probation_by_year")
    # 2021/22: case 1 (outside); 2022/23: cases 2, 3, 4; 2023/24: cases 5, 6.
    assert row(years, sentence_type="total", year="2022/23")["count"] == 3
    assert row(years, sentence_type="total", year="2023/24")["count"] == 2


def test_probation_district_rates_with_exact_limits(tmp_path: Path) -> None:
    ctx = partner_context(
        tmp_path,
        {
            "probation": PROBATION,
            "districts": "district,population,authority\nDerby,2000,city\nErewash,500,county",
        },
        years=("2022/23", "2023/24"),
    )
    districts = table(ch16_probation.CHAPTER.run(ctx), "probation_district")
    derby = row(districts, district="Derby", year="2022")
    # 2 cases of 2,000 people: 1.0 per 1,000; exact 95% Poisson limits of a
    # count of 2 are 0.2422 and 7.2247, so 0.12 and 3.61 per 1,000.
    assert (derby["per_1000"], derby["lower"], derby["upper"]) == (1.0, 0.12, 3.61)
    erewash = row(districts, district="Erewash", year="2023")
    assert erewash["per_1000"] == 4.0  # 2 of 500
    unknown = row(districts, district="unknown", year="2023")
    assert unknown["per_1000"] is None or unknown["per_1000"] != unknown["per_1000"]
