"""Linkage by hand: known matches with planted typos, and strangers who must stay apart.

Forty police persons (:mod:`people_helpers`), then partner records written out
one by one, each with what is wrong with it. The answer is known for every
record: who it is, or that it is nobody the police know.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import pytest
from people_helpers import linked_context, police_tables

from svsna.stats.linkage import pair_counts

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

YOUTH = """
offence_id,person_id,offence_date,offence_type,age,sex,birth_date,postcode_district,name_token
Y1,YA,2023-06-01,Assault,16,male,2007-03-09,DE22,tk01
Y2,YB,2023-06-02,Assault,16,male,2007-09-03,DE22,tk01
Y3,YC,2023-07-01,Robbery,17,female,2006-05-05,,tk03
Y4,YD,2023-08-01,Robbery,14,male,2008-10-04,S40,tk07
Y5,YE,2023-09-01,Assault,15,male,2008-01-01,DE3,tk90
Y6,YF,2023-09-02,Assault,15,male,2008-01-01,DE3,tk90
"""
# Y1 is P01 exactly; Y2 is P01 with day and month transposed (and its own YJ
# id); Y3 is P03 with no postcode; Y4 is P07 who moved (DE24 -> S40); Y5 and
# Y6 are one young person the police never met, under two YJ ids.

PROBATION = """
case_id,start_date,district,age,sex,sentence_type,birth_date,birth_year,postcode_district,name_token
R1,2023-05-01,Derby,33,male,community,,1990,DE1,tk02
R2,2023-11-01,Derby,32,male,custody,1990-11-23,,DE1,tk02
R3,2023-12-01,Erewash,45,female,community,1978-06-06,,NG10,tk91
R4,2023-12-02,Derby,38,male,custody,1985-01-30,,DE1,tk92
"""
# R1 is P02 known only by year of birth; R2 is P02 again; R3 is a stranger;
# R4 shares P04's date of birth and sex but is someone else (their name token
# and postcode differ): a hard negative.

ED = """
attendance_id,hospital,arrival_date,age,sex,birth_date,postcode_district,name_token
E1,Royal Derby Hospital,2023-05-05,21,M,2001-07-12,DE22,tk05
E2,Royal Derby Hospital,2023-06-06,44,female,1979-02-02,NG10,
E3,Royal Derby Hospital,2023-07-07,30,male,1993-03-03,DE1,tk93
E4,Royal Derby Hospital,2023-08-08,28,male,1995-08-16,S41,tk8O
"""
# E1 is P05 (sex written M); E2 is P06 with no name token (date, sex and
# postcode agree: among forty people, that is one person); E3 is a stranger;
# E4 is P08 whose name was misspelt, so its token differs (all else agrees).

SCHOOLS = """
academic_year,authority,phase,exclusion_type,reason,count,birth_date,birth_year,sex,postcode_district,name_token
2023/24,Derby,secondary,suspension,Physical assault against a pupil,41,,,,,
2023/24,Derby,secondary,suspension,Physical assault against a pupil,1,2008-04-10,,male,DE24,tk07
2023/24,Derby,secondary,permanent,Drug and alcohol related,1,2008-10-04,,male,,tk07
"""
# The first row counts 41 exclusions of nobody in particular; the other two
# are P07 (once with day and month transposed and once with no postcode).

TRUE = {
    "persons:P01": "P01",
    "youth_justice:YA": "P01",
    "youth_justice:YB": "P01",
    "persons:P03": "P03",
    "youth_justice:YC": "P03",
    "persons:P07": "P07",
    "youth_justice:YD": "P07",
    "school_exclusions:2008-04-10||male|DE24|tk07": "P07",
    "school_exclusions:2008-10-04||male||tk07": "P07",
    "youth_justice:YE": "YOUNG",
    "youth_justice:YF": "YOUNG",
    "persons:P02": "P02",
    "probation:R1": "P02",
    "probation:R2": "P02",
    "probation:R3": "R3",
    "persons:P04": "P04",
    "probation:R4": "R4",
    "persons:P05": "P05",
    "ed_attendances:E1": "P05",
    "persons:P06": "P06",
    "ed_attendances:E2": "P06",
    "ed_attendances:E3": "E3",
    "persons:P08": "P08",
    "ed_attendances:E4": "P08",
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Context:
    occurrences, persons = police_tables(extra=30)
    return linked_context(
        tmp_path_factory.mktemp("linked"),
        {
            "occurrences": occurrences,
            "persons": persons,
            "youth_justice": YOUTH,
            "probation": PROBATION,
            "ed_attendances": ED,
            "school_exclusions": SCHOOLS,
        },
    )


def _links(ctx: Context) -> pd.Series:
    links = ctx.query("SELECT dataset, record_id, person_key FROM person_links")
    return links.set_index(links["dataset"] + ":" + links["record_id"])["person_key"]


def test_every_record_with_quasi_identifiers_is_a_record_of_the_linkage(
    linked: Context,
) -> None:
    links = _links(linked)
    assert set(TRUE) <= set(links.index)
    # 40 police persons, 6 YJ people, 4 cases, 4 attendances, 2 pupils; the
    # aggregate exclusion row names nobody.
    assert len(links) == 40 + 6 + 4 + 4 + 2


@pytest.mark.parametrize(
    ("record", "person"),
    [
        ("youth_justice:YA", "persons:P01"),
        ("youth_justice:YB", "persons:P01"),
        ("youth_justice:YC", "persons:P03"),
        ("youth_justice:YD", "persons:P07"),
        ("school_exclusions:2008-04-10||male|DE24|tk07", "persons:P07"),
        ("school_exclusions:2008-10-04||male||tk07", "persons:P07"),
        ("probation:R1", "persons:P02"),
        ("probation:R2", "persons:P02"),
        ("ed_attendances:E1", "persons:P05"),
        ("ed_attendances:E2", "persons:P06"),
        ("ed_attendances:E4", "persons:P08"),
        ("youth_justice:YF", "youth_justice:YE"),
    ],
)
def test_planted_typos_still_link_to_the_right_person(
    linked: Context, record: str, person: str
) -> None:
    links = _links(linked)
    assert links[record] == links[person]


@pytest.mark.parametrize(
    "record",
    ["probation:R3", "probation:R4", "ed_attendances:E3", "youth_justice:YE"],
)
def test_strangers_and_the_hard_negative_stay_apart(
    linked: Context, record: str
) -> None:
    links = _links(linked)
    police = links[links.index.str.startswith("persons:")]
    assert links[record] not in set(police)


def test_precision_and_recall_are_both_complete(linked: Context) -> None:
    links = _links(linked)
    known = pd.Series(TRUE)
    counts = pair_counts(links.reindex(known.index), known)
    # True pairs: P01 x3 -> 3, P07 x4 -> 6, YOUNG 1, P02 x3 -> 3, P03, P05, P06, P08 -> 1 each.
    assert counts.true == 3 + 6 + 1 + 3 + 1 + 1 + 1 + 1
    assert (counts.linked, counts.correct) == (counts.true, counts.true)
    assert counts.precision == counts.recall == 100


def test_the_links_stay_in_the_warehouse_with_the_model_and_pairs(
    linked: Context,
) -> None:
    pairs = linked.query("SELECT * FROM link_pairs")
    assert set(pairs.columns) == {
        "dataset_l",
        "record_id_l",
        "dataset_r",
        "record_id_r",
        "match_weight",
        "match_probability",
    }
    # No quasi-identifier leaves the linkage: pairs name records only.
    model = linked.query("SELECT * FROM link_model")
    assert set(model["comparison"]) == {
        "birth",
        "name_token",
        "postcode_district",
        "sex",
    }


def test_no_quasi_identifiers_means_no_linkage(tmp_path: Path) -> None:
    occurrences, persons = police_tables()
    plain = "\n".join(",".join(line.split(",")[:4]) for line in persons.splitlines())
    ctx = linked_context(tmp_path, {"occurrences": occurrences, "persons": plain})
    assert not ctx.warehouse.has_table("person_links")
