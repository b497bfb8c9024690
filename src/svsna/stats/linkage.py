"""Record linkage as data: the Splink model a definition describes, and how good its links are.

svsna links people across agencies with Splink's Fellegi-Sunter model. This
module turns the definition's ``people_over_time.linkage`` into the settings
Splink reads (comparison levels and blocking rules as SQL conditions on the
``_l``/``_r`` columns of a pair) and measures links against a known truth.
It runs nothing: :mod:`svsna.warehouse.linkage` runs Splink.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from svsna.config.definition import Linkage

#: The comparison levels svsna knows, by field: the SQL that puts a pair in the level.
LEVELS: dict[str, dict[str, str]] = {
    "birth": {
        "exact": "birth_date_l = birth_date_r",
        "day_month_transposed": (
            "day(birth_date_l) = month(birth_date_r) "
            "AND month(birth_date_l) = day(birth_date_r) "
            "AND year(birth_date_l) = year(birth_date_r)"
        ),
        "same_year": "birth_year_l = birth_year_r",
        "year_within_1": "abs(birth_year_l - birth_year_r) <= 1",
    },
}
#: The column whose absence on either side means a field was not recorded.
PRESENCE = {"birth": "birth_year"}
#: The column a record's ``dataset`` is held in (the table it comes from).
DATASET = "dataset"


def record_key_sql(
    keys: Sequence[str], columns: Sequence[str], quasi: Sequence[str], alias: str = ""
) -> str:
    """SQL naming a linkable record: the first of ``keys`` given, else ``quasi`` joined.

    The linkage and the chapters that count its people name records alike,
    so a table's rows meet their links (``contract.tables.LINKED_RECORDS``).

    >>> record_key_sql(["case_id"], ["case_id", "age"], [])
    "COALESCE(NULLIF(TRIM(CAST(case_id AS VARCHAR)), ''))"
    >>> record_key_sql([], ["sex"], ["sex", "name_token"], "s")
    "CONCAT_WS('|', COALESCE(CAST(s.sex AS VARCHAR), ''))"
    """
    prefix = f"{alias}." if alias else ""
    given = [c for c in keys if c in columns]
    if given:
        named = ", ".join(
            f"NULLIF(TRIM(CAST({prefix}{c} AS VARCHAR)), '')" for c in given
        )
        return f"COALESCE({named})"
    parts = [
        f"COALESCE(CAST({prefix}{c} AS VARCHAR), '')" for c in quasi if c in columns
    ]
    return f"CONCAT_WS('|', {', '.join(parts)})"


def level_sql(field: str, level: str) -> str:
    """The SQL condition of one comparison level.

    >>> level_sql("name_token", "exact")
    'name_token_l = name_token_r'
    >>> level_sql("birth", "same_year")
    'birth_year_l = birth_year_r'
    """
    known = LEVELS.get(field, {"exact": f"{field}_l = {field}_r"})
    if level not in known:
        raise ValueError(
            f"the linkage knows no level {level!r} for {field!r}; "
            f"use one of {', '.join(sorted(known))}"
        )
    return known[level]


def comparison(field: str, levels: Sequence[str]) -> dict[str, Any]:
    """One Splink comparison: not recorded, the named levels in order, then anything else."""
    present = PRESENCE.get(field, field)
    return {
        "output_column_name": field,
        "comparison_levels": [
            {
                "sql_condition": f"{present}_l IS NULL OR {present}_r IS NULL",
                "label_for_charts": "not recorded",
                "is_null_level": True,
            },
            *(
                {"sql_condition": level_sql(field, level), "label_for_charts": level}
                for level in levels
            ),
            {"sql_condition": "ELSE", "label_for_charts": "other"},
        ],
    }


def blocking_rule(columns: Iterable[str], stable: Sequence[str] = ()) -> str:
    """Pairs agreeing on every column, never two records of a table with stable person ids.

    >>> blocking_rule(["birth_date"], ["persons"])
    "l.birth_date = r.birth_date AND NOT (l.dataset = 'persons' AND r.dataset = 'persons')"
    """
    agree = " AND ".join(f"l.{c} = r.{c}" for c in columns)
    for table in stable:
        agree += f" AND NOT (l.{DATASET} = '{table}' AND r.{DATASET} = '{table}')"
    return agree


def splink_settings(linkage: Linkage, stable: Sequence[str] = ()) -> dict[str, Any]:
    """The Splink settings of a definition's linkage (a deduplication of one record table)."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": [
            comparison(field, levels) for field, levels in linkage.comparisons.items()
        ],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": blocking_rule(rule, stable), "sql_dialect": "duckdb"}
            for rule in linkage.blocking
        ],
        "em_convergence": linkage.em_convergence,
        "max_iterations": linkage.max_iterations,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
    }


@dataclass(frozen=True)
class PairCounts:
    """Pairs of records: linked into one person, truly one person, and both.

    Precision is the share of linked pairs that are true, recall the share of
    true pairs that are linked (both in per cent, None when nothing to share).
    """

    linked: int
    true: int
    correct: int

    @property
    def precision(self) -> float | None:
        """Correct pairs as a share of linked pairs, in per cent."""
        return None if not self.linked else 100 * self.correct / self.linked

    @property
    def recall(self) -> float | None:
        """Correct pairs as a share of true pairs, in per cent."""
        return None if not self.true else 100 * self.correct / self.true


def _pairs(sizes: pd.Series | np.ndarray) -> int:
    n = np.asarray(sizes, dtype=np.int64)
    return int((n * (n - 1) // 2).sum())


def pair_counts(linked: pd.Series, truth: pd.Series) -> PairCounts:
    """Pairwise agreement of a linkage (``linked``: each record's person) with ``truth``.

    Both series are indexed by record; only records in both count. Two
    records form a linked pair when the linkage gives them one person, a true
    pair when the truth does; a pair is correct when it is both. Counted from
    group sizes, so no pair is ever listed.

    >>> linked = pd.Series(["a", "a", "a", "b"], index=[1, 2, 3, 4])
    >>> truth = pd.Series(["x", "x", "y", "y"], index=[1, 2, 3, 4])
    >>> pair_counts(linked, truth)
    PairCounts(linked=3, true=2, correct=1)
    """
    both = pd.DataFrame({"linked": linked, "truth": truth}).dropna()
    return PairCounts(
        linked=_pairs(both.groupby("linked").size()),
        true=_pairs(both.groupby("truth").size()),
        correct=_pairs(both.groupby(["linked", "truth"]).size()),
    )


def band_label(low: float, high: float | None) -> str:
    """A match-weight band in words: ``from -5 to 0``, ``20 and over``, ``below -10``.

    Words come first, so that no label starts with a minus sign (a spreadsheet
    would read it as a formula).

    >>> band_label(-5, 0), band_label(20, None), band_label(float("-inf"), -10)
    ('from -5 to 0', '20 and over', 'below -10')
    """

    def number(x: float) -> str:
        return f"{x:g}"

    if high is None:
        return f"{number(low)} and over"
    if low == float("-inf"):
        return f"below {number(high)}"
    return f"from {number(low)} to {number(high)}"


def weight_bands(starts: Sequence[float]) -> list[tuple[float, float | None, str]]:
    """The match-weight bands (low, high, label): below the first start, then each start on.

    >>> [b[2] for b in weight_bands([-5, 0, 5])]
    ['below -5', 'from -5 to 0', 'from 0 to 5', '5 and over']
    """
    edges: list[tuple[float, float | None]] = [(float("-inf"), starts[0])]
    edges += [
        (low, starts[i + 1] if i + 1 < len(starts) else None)
        for i, low in enumerate(starts)
    ]
    return [(low, high, band_label(low, high)) for low, high in edges]
