"""Cohort tables by hand: who is in which dataset, counted once per linked person.

The links are written by hand (a ``person_links`` table as the linkage
leaves it), so these tests check the counting alone; the linkage has its own
tests (``test_people_linkage.py``).
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
from people_helpers import linked_context

from svsna.analyses import CHAPTERS
from svsna.stats.cohorts import intersections, overlaps

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context
    from svsna.results import Section

OCCURRENCES = """
occurrence_id,committed_date,offence_code,domestic_abuse_flag
B1,2023-04-01,105A,
B2,2024-03-31,105A,
O1,2023-05-01,5D,
O2,2023-06-01,34B,
O3,2023-07-01,5D,
O4,2023-08-01,10D,
O5,2023-09-01,5D,true
O6,2022-09-01,5D,
"""
# O5 is domestic abuse (not serious violence); O6 is before the period.
PERSONS = """
occurrence_id,person_id,role,sex
O1,P1,suspect,male
O1,P2,victim,male
O2,P2,suspect,male
O2,P3,victim,female
O3,P4,offender,male
O3,P5,victim,male
O4,P6,suspect,male
O5,P7,suspect,male
O6,P8,suspect,male
"""
# Suspects of 2023/24: P1, P2, P4, P6. Victims: P2, P3, P5. P2 is both.
YOUTH = """
offence_id,person_id,offence_date,offence_type,age,sex
Y1,YA,2023-06-01,Assault,16,male
Y2,YA,2023-07-01,Assault,16,male
Y3,YB,2023-08-01,Robbery,15,male
Y4,YC,2022-08-01,Robbery,15,male
"""
# YA is P1 (two offences), YB is P5; YC's offence is before the period.
PROBATION = """
case_id,start_date,district,age,sex,sentence_type
R1,2023-05-01,Derby,30,male,community
R2,2023-06-01,Derby,30,male,custody
"""
# R1 and R2 are both P4.
ED = """
attendance_id,hospital,arrival_date,age,sex
E1,Royal Derby Hospital,2023-05-05,20,male
E2,Royal Derby Hospital,2023-06-06,44,female
"""
# E1 is P2; E2 is someone the police never met.
LINKS = {
    "persons": {"P1": "A", "P2": "B", "P3": "C", "P4": "D", "P5": "E", "P6": "F"},
    "youth_justice": {"YA": "A", "YB": "E", "YC": "G"},
    "probation": {"R1": "D", "R2": "D"},
    "ed_attendances": {"E1": "B", "E2": "H"},
}


def _context(folder: Path, *, links: bool = True) -> Context:
    ctx = linked_context(
        folder,
        {
            "occurrences": OCCURRENCES,
            "persons": PERSONS,
            "youth_justice": YOUTH,
            "probation": PROBATION,
            "ed_attendances": ED,
        },
        link=False,
    )
    if links:
        rows = [
            {"dataset": d, "record_id": r, "person_key": k}
            for d, records in LINKS.items()
            for r, k in records.items()
        ]
        ctx.warehouse.store("person_links", pa.Table.from_pylist(rows))
    return ctx


def _table(section: Section, table_id: str) -> pd.DataFrame:
    return next(t for t in section.tables if t.id == table_id).data


def _row(frame: pd.DataFrame, a: str, b: str) -> dict[str, object]:
    hit = frame[(frame["dataset_a"] == a) & (frame["dataset_b"] == b)]
    assert len(hit) == 1
    return hit.iloc[0].to_dict()


def test_cohort_overlap_counts_linked_people_once(tmp_path: Path) -> None:
    section = CHAPTERS["people_cohorts"].run(_context(tmp_path))
    overlap = _table(section, "cohort_overlap")
    assert list(overlap.columns) == [
        "dataset_a",
        "dataset_b",
        "persons_a",
        "persons_b",
        "in_both",
        "share_of_a",
    ]
    # Suspects A, B, D, F; victims B, C, E; youth justice A, E; probation D
    # (two cases, one person); ED patients B, H.
    assert _row(overlap, "police suspects", "police victims") == {
        "dataset_a": "police suspects",
        "dataset_b": "police victims",
        "persons_a": 4,
        "persons_b": 3,
        "in_both": 1,
        "share_of_a": 25.0,
    }
    assert _row(overlap, "police suspects", "youth justice")["in_both"] == 1
    assert _row(overlap, "police suspects", "probation")["persons_b"] == 1
    assert _row(overlap, "police suspects", "probation")["in_both"] == 1
    assert _row(overlap, "police victims", "youth justice")["in_both"] == 1
    assert _row(overlap, "police suspects", "ED patients")["in_both"] == 1
    assert _row(overlap, "youth justice", "ED patients")["in_both"] == 0
    # No excluded pupils without an exclusions table.
    assert "excluded pupils" not in set(overlap["dataset_b"])


def test_intersections_put_each_person_in_one_combination(tmp_path: Path) -> None:
    section = CHAPTERS["people_cohorts"].run(_context(tmp_path))
    combos = _table(section, "cohort_intersections")
    got = dict(zip(combos["combination"], combos["persons"], strict=True))
    assert got == {
        "police suspects + youth justice": 1,  # A
        "police suspects + police victims + ED patients": 1,  # B
        "police victims": 1,  # C
        "police suspects + probation": 1,  # D
        "police victims + youth justice": 1,  # E
        "police suspects": 1,  # F
        "ED patients": 1,  # H
    }
    assert combos["persons"].sum() == 7
    chart = section.charts[0]
    assert chart.table == "cohort_intersections" and chart.kind == "bar"


def test_victim_suspect_overlap_by_year(tmp_path: Path) -> None:
    section = CHAPTERS["people_cohorts"].run(_context(tmp_path))
    table = _table(section, "victim_suspect_overlap")
    assert table.to_dict("records") == [
        {"year": "2023/24", "victims": 3, "suspects": 4, "both": 1}
    ]


def test_without_links_every_partner_record_is_its_own_person(tmp_path: Path) -> None:
    section = CHAPTERS["people_cohorts"].run(_context(tmp_path, links=False))
    overlap = _table(section, "cohort_overlap")
    assert _row(overlap, "police suspects", "youth justice")["in_both"] == 0
    # YA's two offences are one YJ person (their own id); R1 and R2 two cases.
    assert _row(overlap, "police suspects", "youth justice")["persons_b"] == 2
    assert _row(overlap, "police suspects", "probation")["persons_b"] == 2
    assert not any(t.id == "linkage_quality" for t in section.tables)


def test_margins_tie_every_overlap_cell_to_the_intersections(tmp_path: Path) -> None:
    section = CHAPTERS["people_cohorts"].run(_context(tmp_path))
    combos = next(t for t in section.tables if t.id == "cohort_intersections")
    overlap = _table(section, "cohort_overlap")
    # One margin for each count cell of the overlap table, each summing to it.
    assert len(combos.margins) == 3 * len(overlap)
    for margin in combos.margins:
        picked = margin.where["combination"]
        picked = picked if isinstance(picked, tuple) else (picked,)
        total = combos.data.loc[
            combos.data["combination"].isin(picked), "persons"
        ].sum()
        row = _row(overlap, str(margin.at["dataset_a"]), str(margin.at["dataset_b"]))
        assert row[str(margin.total_column)] == total


def test_overlaps_and_intersections_by_hand() -> None:
    membership = pd.DataFrame(
        {
            "dataset": ["s", "s", "s", "v", "v", "y"],
            "person": [1, 2, 3, 3, 4, 1],
        }
    )
    pairs = overlaps(membership, ["s", "v", "y"])
    assert pairs[["dataset_a", "dataset_b", "in_both"]].values.tolist() == [
        ["s", "v", 1],
        ["s", "y", 1],
        ["v", "y", 0],
    ]
    assert pairs["share_of_a"].tolist()[:2] == [33.3, 33.3]
    combos = intersections(membership, ["s", "v", "y"])
    assert dict(zip(combos["combination"], combos["persons"], strict=True)) == {
        "s": 1,
        "s + v": 1,
        "s + y": 1,
        "v": 1,
    }


def test_linkage_quality_reads_the_truth(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    pairs = pa.Table.from_pylist(
        [
            {
                "dataset_l": "persons",
                "record_id_l": "P1",
                "dataset_r": "youth_justice",
                "record_id_r": "YA",
                "match_weight": 22.0,
                "match_probability": 1.0,
            },
            {
                "dataset_l": "persons",
                "record_id_l": "P6",
                "dataset_r": "ed_attendances",
                "record_id_r": "E2",
                "match_weight": -3.0,
                "match_probability": 0.1,
            },
        ]
    )
    ctx.warehouse.store("link_pairs", pairs)
    ctx.warehouse.store(
        "link_model",
        pa.Table.from_pylist(
            [
                {
                    "comparison": "sex",
                    "level": "exact",
                    "position": 1,
                    "m_probability": 0.99,
                    "u_probability": 0.5,
                }
            ]
        ),
    )
    truth = textwrap.dedent("""\
        dataset,record_id,person
        persons,P1,A
        youth_justice,YA,A
        persons,P6,F
        ed_attendances,E2,H
        persons,P2,B
        ed_attendances,E1,X
    """)
    # E1 was linked to P2 but is truly someone else: one wrong pair.
    ctx.warehouse.store(
        "linkage_truth",
        pa.Table.from_pandas(pd.read_csv(io.StringIO(truth))),
    )
    ctx = type(ctx)(
        ctx.warehouse,
        ctx.definition,
        ctx.years,
        ctx.complete_years,
        ctx.latest_month,
        ctx.tables | {"linkage_truth"},
    )
    quality = _table(CHAPTERS["people_cohorts"].run(ctx), "linkage_quality")
    weights = quality[quality["measure"] == "match weight"].set_index("band")
    assert weights.loc["20 and over", "pairs"] == 1
    assert weights.loc["20 and over", "correct"] == 1
    assert weights.loc["from -5 to 0", "pairs"] == 1
    assert weights.loc["from -5 to 0", "correct"] == 0
    accuracy = quality[quality["measure"] != "match weight"].set_index("measure")
    # Linked pairs among the truth's records: P1-YA and P2-E1; true pairs: P1-YA.
    assert accuracy.loc["precision", ["pairs", "correct", "pct"]].tolist() == [
        2,
        1,
        50.0,
    ]
    assert accuracy.loc["recall", ["pairs", "correct", "pct"]].tolist() == [1, 1, 100.0]
