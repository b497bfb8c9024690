"""Reoffending and revictimisation by hand: Kaplan-Meier worked out on six suspects.

The area's data run from 1 April 2023 to 31 March 2024 (one complete year);
everyone is followed to the end of 31 March 2024 (1 April 2024 exclusive).
Months are calendar months: within 3 months of 10 April is on or before 10 July.

Suspects (index = first serious violence, 5D; next = any later occurrence):

====  =====  ==========  =====================  =========================  =========
who   sex    index       next                   months                     event
====  =====  ==========  =====================  =========================  =========
S1    male   2023-04-10  2023-05-10 (105A)      1                          yes
S2    male   2023-05-01  2023-07-01 (5D)        2                          yes
S3    male   2023-06-01  (2024-04-05 too late)  10 (to 1 April 2024)       censored
S4    male   2023-06-15  2023-10-15 (105A)      4                          yes
S5    male   2023-07-01  (same day only)        9                          censored
S6    female 2023-08-01  2024-02-01 (105A)      6                          yes
====  =====  ==========  =====================  =========================  =========

Kaplan-Meier for all six: S(1) = 5/6, S(2) = 4/6, S(4) = 4/6 x 3/4 = 1/2,
S(6) = 1/2 x 2/3 = 1/3. Reoffended by 3 months: 33.3 %; by 6 (S6's next is
exactly 6 months on, so within them): 66.7 %; by 9: 66.7 %. At risk at 3:
S3, S4, S5, S6 (4); at 6: S3, S5, S6 (3); at 9: S3, S5 (2: S5 is followed
exactly 9 months); at 12 nobody, so no estimate.

Greenwood at 3 months: var(log S) sum = 1/(6x5) + 1/(5x4) = 1/12; on the
log(-log) scale the variance is (1/12) / (log 2/3)^2 = 0.50689, se 0.71196;
log(-log 2/3) = -0.90272 +- 1.95996 x 0.71196 gives S in [0.19464, 0.90444],
so the share's interval is 9.6 % to 80.5 %.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import pytest
from people_helpers import linked_context

from svsna.analyses import CHAPTERS
from svsna.config import load_definition
from svsna.report.protection import protect
from svsna.results import Edition, Report, Section
from svsna.stats.survival import shares_at

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.analyses import Context

OCCURRENCES = """
occurrence_id,committed_date,offence_code
B1,2023-04-01,105A
B2,2024-03-31,105A
A1,2023-04-10,5D
A2,2023-05-10,105A
C1,2023-05-01,5D
C2,2023-07-01,5D
D1,2023-06-01,5D
D2,2024-04-05,105A
E1,2023-06-15,5D
E2,2023-10-15,105A
F1,2023-07-01,5D
F2,2023-07-01,105A
G1,2023-08-01,5D
G2,2024-02-01,105A
"""
PERSONS = """
occurrence_id,person_id,role,sex,age
A1,S1,suspect,male,16
A1,V1,victim,male,17
A2,S1,suspect,male,16
C1,S2,suspect,male,20
C1,V2,victim,female,30
C2,S2,offender,male,20
D1,S3,suspect,male,20
D2,S3,suspect,male,21
E1,S4,suspect,male,30
E2,S4,suspect,male,30
E2,V1,victim,male,17
F1,S5,suspect,male,40
F2,S5,suspect,male,40
G1,S6,suspect,female,30
G2,S6,suspect,female,30
"""


def context(tmp_path: Path, **reoffending: object) -> Context:
    """The hand-made area, with the reoffending settings changed as given."""
    definition = load_definition()
    if reoffending:
        people = definition.people_over_time
        settings = people.reoffending.model_copy(update=reoffending)
        definition = definition.model_copy(
            update={"people_over_time": people.model_copy(update={"reoffending": settings})}
        )
    return linked_context(
        tmp_path / "data",
        {"occurrences": OCCURRENCES, "persons": PERSONS},
        definition=definition,
        link=False,
    )


def rows(frame: pd.DataFrame, cohort: str) -> list[tuple[object, ...]]:
    part = frame[frame["cohort"] == cohort]
    return [
        (int(r.months), int(r.at_risk), None if pd.isna(r.share) else float(r.share))
        for r in part.itertuples()
    ]


def test_kaplan_meier_of_the_six_suspects_worked_by_hand(tmp_path: Path) -> None:
    section = CHAPTERS["reoffending"].run(context(tmp_path))
    table = {t.id: t for t in section.tables}["reoffending_survival"]
    assert list(table.data.columns) == ["cohort", "months", "at_risk", "share", "lower", "upper"]
    assert rows(table.data, "all") == [(3, 4, 33.3), (6, 3, 66.7), (9, 2, 66.7), (12, 0, None)]
    first = table.data.iloc[0]
    assert (first["lower"], first["upper"]) == (9.6, 80.5)
    # Men: S(1) = 4/5, S(2) = 3/5, S(4) = 3/5 x 2/3 = 2/5.
    assert rows(table.data, "male") == [(3, 3, 40.0), (6, 2, 60.0), (9, 2, 60.0), (12, 0, None)]
    # S6 alone: at risk at 3 and 6 months, the event exactly at 6.
    assert rows(table.data, "female") == [(3, 1, 0.0), (6, 1, 100.0), (9, 0, None), (12, 0, None)]
    # Age at the index: S1 16; S2, S3 20; S4, S6 30; S5 40.
    assert set(table.data["cohort"]) == {"all", "male", "female", "10-17", "18-24", "25-34", "35+"}
    assert table.fixed_form


def test_next_serious_violence_only(tmp_path: Path) -> None:
    # Only S2's next (5D) counts; censored: S1 at 11.7 months, S3 10, S4 9.5,
    # S5 9, S6 8. S(2) = 5/6, the only event; at 9 months S1, S3, S4 and S5 are
    # at risk, at 12 nobody.
    ctx = context(tmp_path, next_event="serious_violence")
    table = CHAPTERS["reoffending"].run(ctx).tables[0]
    assert rows(table.data, "all") == [(3, 5, 16.7), (6, 5, 16.7), (9, 4, 16.7), (12, 0, None)]


def test_revictimisation(tmp_path: Path) -> None:
    # V1: victim 2023-04-10, again 2023-10-15 (6 months and 5 of October's 31
    # days); V2 followed from 2023-05-01 for 11 months. S(6.16) = 1/2.
    section = CHAPTERS["reoffending"].run(context(tmp_path))
    table = {t.id: t for t in section.tables}["revictimisation_survival"]
    assert rows(table.data, "all") == [(3, 2, 0.0), (6, 2, 0.0), (9, 1, 50.0), (12, 0, None)]


def test_greenwood_interval_and_no_one_at_risk() -> None:
    frame = shares_at([1, 2, 2.5, 4, 6, 7], [1, 1, 0, 1, 0, 1], [3, 6, 9], level=0.95)
    assert frame.to_dict("records")[0] == {
        "months": 3, "at_risk": 3, "share": 33.3, "lower": 9.6, "upper": 80.5,
    }
    assert frame["share"].tolist()[1] == pytest.approx(55.6)
    assert pd.isna(frame["share"].iloc[2])


def test_the_counts_each_share_is_built_on_by_hand(tmp_path: Path) -> None:
    # At 3 months: S1 (1) and S2 (2) again before; nobody censored yet; S3-S6
    # at risk. At 9: S6's event (6) too; S5 is followed exactly 9 months, so
    # still at risk. At 12: S3 (10) and S5 (9) censored, nobody at risk.
    section = CHAPTERS["reoffending"].run(context(tmp_path))
    counts = {t.id: t for t in section.tables}["reoffending_survival_counts"]
    assert list(counts.data.columns) == [
        "cohort", "months", "people", "again_before", "censored_before", "at_risk",
    ]
    everyone = counts.data[counts.data["cohort"] == "all"]
    assert everyone.drop(columns="cohort").values.tolist() == [
        [3, 6, 2, 0, 4], [6, 6, 3, 0, 3], [9, 6, 4, 0, 2], [12, 6, 4, 2, 0],
    ]


def public_tables(section: Section, **disclosure: object) -> dict[str, pd.DataFrame]:
    """The section's tables as the public edition prints them."""
    report = Report("t", "a", "p", Edition.PUBLIC, (section,), "d", "2024-04-01")
    settings = load_definition().disclosure.model_copy(update=disclosure)
    protection = protect(report, settings)
    return {name: table.data for name, table in protection.tables.items()}


def test_a_share_is_withheld_with_the_counts_it_would_give_away(tmp_path: Path) -> None:
    # Six suspects: 33.3% by 3 months is 2 of 6; with 2 "again before" withheld,
    # the share (and its limits) must go too, or 2 = 33.3% x 6 is worked out.
    shown = public_tables(CHAPTERS["reoffending"].run(context(tmp_path)))
    counts, shares = shown["reoffending_survival_counts"], shown["reoffending_survival"]
    first = (counts["cohort"] == "all") & (counts["months"] == 3)
    assert counts.loc[first, "again_before"].tolist() == ["[c]"]
    row = shares[(shares["cohort"] == "all") & (shares["months"] == 3)]
    assert row[["share", "lower", "upper"]].values.tolist() == [["[c]"] * 3]
    # Where nothing the share rests on is touched, it is printed: not so here
    # (every cohort is small), so every printed share has untouched counts.
    for _, line in shares.iterrows():
        if line["share"] != "[c]" and not pd.isna(line["share"]):
            source = counts[
                (counts["cohort"] == line["cohort"]) & (counts["months"] == line["months"])
            ]
            assert "[c]" not in source.values.tolist()[0]


def test_rounding_withholds_a_share_whose_counts_it_changed(tmp_path: Path) -> None:
    section = CHAPTERS["reoffending"].run(context(tmp_path))
    shown = public_tables(section, method="round", base=5)
    shares = shown["reoffending_survival"]
    # 6 people round to 5: every share of "all" rests on a changed count.
    assert set(shares.loc[shares["cohort"] == "all", "share"]) == {"[c]"}
