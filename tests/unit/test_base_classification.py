"""Each occurrence is classified by the definition in force on its own date."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from svsna.analyses.core.classify import classified_occurrences_sql, register_definition
from svsna.analyses.core.context import make_context
from svsna.analyses.core.periods import fy_bounds
from svsna.config import load_definition
from svsna.warehouse import Warehouse

ROWS = [
    # id, date, code, domestic abuse, expected group, expected fy, expected is_sv
    ("a", dt.date(2024, 3, 31), "5d", None, "gbh_with_intent", "2023/24", True),
    ("b", dt.date(2024, 4, 1), " 4.1 ", False, "homicide", "2024/25", True),
    ("c", dt.date(2024, 4, 1), "34B", True, "robbery_personal", "2024/25", False),
    ("d", dt.date(2025, 8, 31), "8N", None, "abh", "2025/26", False),
    ("e", dt.date(2025, 9, 1), "8N", None, "abh", "2025/26", True),
    ("f", dt.date(2025, 9, 1), "19C", None, "rape", "2025/26", False),
    ("g", dt.date(2025, 1, 1), "XX1", None, "other", "2024/25", False),
]


def _warehouse() -> Warehouse:
    occurrences = pa.table(
        {
            "occurrence_id": [r[0] for r in ROWS],
            "committed_date": pa.array([r[1] for r in ROWS], pa.date32()),
            "offence_code": [r[2] for r in ROWS],
            "domestic_abuse_flag": pa.array([r[3] for r in ROWS], pa.bool_()),
        }
    )
    return Warehouse.in_memory({"occurrences": occurrences})


def test_groups_years_and_serious_violence_by_date() -> None:
    definition = load_definition()
    warehouse = _warehouse()
    register_definition(warehouse, definition)
    got = warehouse.query(
        f"SELECT occurrence_id, group_id, fy, is_sv FROM "
        f"({classified_occurrences_sql(definition)}) c ORDER BY occurrence_id"
    )
    expected = [[r[0], r[4], r[5], r[6]] for r in ROWS]
    assert got.values.tolist() == expected


def test_report_period_is_the_last_complete_financial_years() -> None:
    warehouse = _warehouse()  # data from 31 March 2024 to 1 September 2025
    ctx = make_context(warehouse, load_definition(), frozenset({"occurrences"}))
    # 2023/24 started before the data; 2025/26 is not over: only 2024/25 is complete
    assert ctx.complete_years == ("2024/25",)
    assert ctx.years == ("2024/25",)
    # The data stop on 1 September: September is not complete, August is.
    assert ctx.latest_month == dt.date(2025, 8, 1)


def test_financial_year_bounds() -> None:
    assert fy_bounds("2024/25", 4) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
