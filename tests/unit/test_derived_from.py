"""A share printed in one table is withheld with the counts another table prints for it.

The fixed form ``reoffending_survival`` prints a Kaplan-Meier share beside
the people still at risk but not the people who reoffended; a second table
prints those. Without the link a reader works a withheld count out: 10% of
20 people is 2.
"""

from __future__ import annotations

import pandas as pd

from svsna.config import load_definition
from svsna.report.protection import protect
from svsna.results import DerivedFrom, Edition, Margin, Report, Section, Table

ON = ("cohort", "months")


def tables() -> tuple[Table, Table]:
    counts = Table(
        "counts",
        "People behind the shares",
        pd.DataFrame(
            {
                "cohort": ["all", "all"],
                "months": [3, 6],
                "people": [20, 20],
                "again": [2, 10],
                "at_risk": [18, 10],
            }
        ),
        count_columns=("people", "again", "at_risk"),
        total_columns={"people": ("again", "at_risk")},
        margins=(Margin("shares", by=ON, column="at_risk"),),
    )
    shares = Table(
        "shares",
        "Per cent again",
        pd.DataFrame(
            {"cohort": ["all", "all"], "months": [3, 6], "at_risk": [18, 10],
             "share": [10.0, 50.0]}
        ),
        count_columns=("at_risk",),
        derived_columns={"share": ("at_risk",)},
        derived_from=(DerivedFrom("counts", ("share",), ("people", "again", "at_risk"), ON),),
    )
    return counts, shares


def public(*shown: Table, **disclosure: object) -> dict[str, pd.DataFrame]:
    section = Section("s", "1", "S", tables=shown)
    report = Report("t", "a", "p", Edition.PUBLIC, (section,), "d", "2024-04-01")
    settings = load_definition().disclosure.model_copy(update=disclosure)
    return {k: t.data for k, t in protect(report, settings).tables.items()}


def test_the_share_goes_with_the_count_it_would_give_away() -> None:
    shown = public(*tables())
    assert shown["counts"]["again"].tolist()[0] == "[c]"
    assert shown["shares"]["share"].tolist() == ["[c]", 50.0]


def test_rounding_withholds_only_the_shares_whose_counts_changed() -> None:
    shown = public(*tables(), method="round", base=5)
    assert shown["counts"]["again"].tolist() == [0, 10]
    assert shown["shares"]["share"].tolist() == ["[c]", 50.0]


def test_without_its_counts_table_the_share_is_never_printed() -> None:
    _, shares = tables()
    assert public(shares)["shares"]["share"].tolist() == ["[c]", "[c]"]
