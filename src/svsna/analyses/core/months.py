"""Calendar months as the data hold them: runs, gaps and the words for a period.

Public downloads arrive a month at a time and often with holes (a force's
archive may hold five months of 2018, one of 2019 and then 2024 on), so a
period is not "first to last month" but the runs of months actually present.
Every label of such a period names its gaps by naming the runs:
``January to April 2024 and January to December 2025``.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Iterable


def month_runs(months: Iterable[str]) -> list[list[str]]:
    """Runs of consecutive ``YYYY-MM`` months, oldest first.

    Examples
    --------
    >>> month_runs(["2025-02", "2024-12", "2025-01", "2025-04"])
    [['2024-12', '2025-01', '2025-02'], ['2025-04']]
    """
    runs: list[list[str]] = []
    previous: pd.Period | None = None
    for month in sorted(set(months)):
        period = pd.Period(month, freq="M")
        if previous is not None and period == previous + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
        previous = period
    return runs


def missing_months(months: Iterable[str]) -> list[str]:
    """Months missing between the first and the last month present.

    Examples
    --------
    >>> missing_months(["2024-11", "2025-02"])
    ['2024-12', '2025-01']
    """
    present = sorted(set(months))
    if not present:
        return []
    every = pd.period_range(present[0], present[-1], freq="M").astype(str)
    return [m for m in every if m not in set(present)]


def _month_name(month: str) -> str:
    return calendar.month_name[int(month[5:7])]


def run_label(first: str, last: str) -> str:
    """Words for the months ``first`` to ``last`` (both ``YYYY-MM``).

    Examples
    --------
    >>> run_label("2024-01", "2024-04"), run_label("2019-09", "2019-09")
    ('January to April 2024', 'September 2019')
    >>> run_label("2018-10", "2019-02")
    'October 2018 to February 2019'
    """
    if first == last:
        return f"{_month_name(first)} {first[:4]}"
    if first[:4] == last[:4]:
        return f"{_month_name(first)} to {_month_name(last)} {last[:4]}"
    return f"{_month_name(first)} {first[:4]} to {_month_name(last)} {last[:4]}"


def join_words(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> join_words(["a"]), join_words(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def months_label(months: Iterable[str]) -> str:
    """The period of ``months`` in words, each run named so that gaps show.

    Examples
    --------
    >>> months_label(["2024-01", "2024-02", "2024-03", "2024-04"]
    ...              + [f"2025-{m:02d}" for m in range(1, 13)])
    'January to April 2024 and January to December 2025'
    >>> months_label([])
    'no months'
    """
    runs = month_runs(months)
    if not runs:
        return "no months"
    return join_words([run_label(run[0], run[-1]) for run in runs])


def count_label(months: int) -> str:
    """``1 month``, ``4 months``.

    Examples
    --------
    >>> count_label(1), count_label(12)
    ('1 month', '12 months')
    """
    return f"{months} month{'s' if months != 1 else ''}"
