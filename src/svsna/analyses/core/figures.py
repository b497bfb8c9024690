"""Numeric helpers of the police chapters: percentages, zero-filling, sentences.

Percentages are rounded half up to one decimal with integer arithmetic, so that
12.25 % shows as 12.3 whatever the binary float says. Findings compare the
last two values of a series, tested on the monthly counts behind them
(:func:`svsna.stats.trends.modelled_change`); the sentence states the change
and the renderer shows an arrow only when ``significant`` is true.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from svsna.results import Finding
from svsna.results.numbers import number, p_clause
from svsna.stats.proportions import Proportion, proportion
from svsna.stats.trends import modelled_change, ratio_change_test

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from svsna.results import Cells


def pct(numerator: pd.Series, denominator: pd.Series | int) -> pd.Series:
    """``numerator / denominator × 100`` to one decimal, half up; NaN when dividing by 0."""
    num = numerator.astype("float64").to_numpy()
    den = np.broadcast_to(np.asarray(denominator, dtype="float64"), num.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        tenths = np.floor((2000 * num + den) / (2 * den))
        values = np.where(den > 0, tenths / 10, np.nan)
    return pd.Series(values, index=numerator.index)


def total_rows(
    frame: pd.DataFrame, column: str, label: str = "total"
) -> tuple[int, ...]:
    """Positions of the rows whose ``column`` is ``label``."""
    return tuple(int(i) for i in np.flatnonzero(frame[column].to_numpy() == label))


def pct_value(numerator: int, denominator: int) -> float | None:
    """One percentage to one decimal (half up), None when the denominator is 0."""
    if denominator <= 0:
        return None
    return ((2000 * numerator + denominator) // (2 * denominator)) / 10


def complete(
    frame: pd.DataFrame,
    levels: Mapping[str, Sequence[object]],
    *,
    values: Sequence[str] = ("count",),
) -> pd.DataFrame:
    """Every combination of ``levels`` (in their order), zeros where ``frame`` has none.

    Rows of ``frame`` whose labels are not in ``levels`` are dropped.
    """
    keys = list(levels)
    grid = pd.DataFrame(list(itertools.product(*levels.values())), columns=keys)
    if grid.empty:  # counts stay integers, so that arithmetic on them still works
        return pd.DataFrame(
            {k: pd.Series(dtype=object) for k in keys}
            | {v: pd.Series(dtype="int64") for v in values}
        )
    merged = grid.merge(frame[[*keys, *values]], on=keys, how="left")
    for column in values:
        merged[column] = merged[column].fillna(0).astype("int64")
    return merged


def thousands(value: float) -> str:
    """``2,523``; one decimal kept for non-integers."""
    return number(value)


def change_finding(
    finding_id: str,
    subject: str,
    series: dict[str, int],
    *,
    alpha: float,
    monthly: pd.DataFrame | None = None,
    unit: str = "",
    cells: Cells | None = None,
    by: str = "year",
    qualifier: str = "",
    note: str = "",
) -> Finding | None:
    """Compare the last two values of ``series`` (label → count, in order).

    The sentence reads "Serious violence fell by 14% (2,523 to 2,179) from
    2023/24 to 2024/25." (with ``qualifier``: "Serious violence, like for like,
    fell …"; ``note`` follows it). The change is tested on ``monthly``, the 24
    monthly counts behind the two values (:func:`~svsna.stats.trends.modelled_change`);
    without them it is not tested and carries no arrow. ``cells`` are the
    table cells the series comes from, one for each value of its label column
    ``by``: the finding cites the two it compares, and when one is withheld it
    reads "Serious violence went from fewer than 5 in 2023/24 to 12 in
    2024/25." Returns None when the series has fewer than two values.
    """
    if len(series) < 2:
        return None
    (prev_label, previous), (cur_label, current) = list(series.items())[-2:]
    previous, current = int(previous), int(current)
    named = f"{subject}, {qualifier}," if qualifier else subject
    text = change_sentence(named, previous, current, prev_label, cur_label, unit)
    if note:
        text = f"{text} {note}"
    if monthly is None:
        significant, p_value = None, None
        test = (
            "Not tested: only yearly totals are available, so the variation from "
            "month to month, which a fair test needs, cannot be estimated."
        )
    else:
        result = modelled_change(monthly, alpha=alpha)
        significant, p_value, test = result.significant, result.p_value, result.words()
    return Finding(
        id=finding_id,
        text=text,
        current=current, previous=previous,
        current_label=cur_label, previous_label=prev_label,
        significant=significant, p_value=p_value,
        unit=unit,
        test=f"{compared_words(subject, prev_label, cur_label, qualifier)} {test}",
        **cited_change(named, cells, by, prev_label, cur_label),
    )


def compared_words(
    subject: str, previous: str, current: str, qualifier: str = ""
) -> str:
    """What a change test compares, e.g. "Serious violence in 2024/25 against 2023/24:"."""
    basis = f" ({qualifier})" if qualifier else ""
    return f"{subject}{basis} in {current} against {previous}:"


def cited_change(
    subject: str,
    cells: Cells | None,
    by: str,
    previous_label: str,
    current_label: str,
) -> dict[str, Any]:
    """The cites of a change finding and its sentence for when one value is withheld."""
    if cells is None:
        return {}
    words = subject.replace("{", "{{").replace("}", "}}")
    return {
        "cites": {
            "previous": cells.at(**{by: previous_label}),
            "current": cells.at(**{by: current_label}),
        },
        "withheld_text": f"{words} went from {{previous}} in {previous_label} "
        f"to {{current}} in {current_label}.",
    }


def change_sentence(
    subject: str,
    previous: float,
    current: float,
    previous_label: str,
    current_label: str,
    unit: str = "",
) -> str:
    """The sentence describing a change between two values."""
    span = f"from {previous_label} to {current_label}"
    before, after = f"{unit}{thousands(previous)}", f"{unit}{thousands(current)}"
    if current == previous:
        return f"{subject} was unchanged at {after} {span}."
    if previous == 0:
        return f"{subject} rose from {before} to {after} {span}."
    words = percent_change_words(previous, current)
    return f"{subject} {words} ({before} to {after}) {span}."


def percent_change_words(previous: float, current: float) -> str:
    """``rose by 12%``, ``fell by 3%``, ``was unchanged`` (``rose`` from zero).

    Whole per cent, half up (Python's round() would give 12 for 12.5).

    Examples
    --------
    >>> [percent_change_words(*pair) for pair in ((200, 225), (8, 7), (0, 4))]
    ['rose by 13%', 'fell by 13%', 'rose']
    """
    if current == previous:
        return "was unchanged"
    if previous == 0:
        return "rose"
    change = int(abs(current - previous) * 100 / previous + 0.5)
    return f"{'rose' if current > previous else 'fell'} by {change}%"


def level_finding(
    finding_id: str, text: str, value: float, *, label: str = "", unit: str = ""
) -> Finding:
    """A single number with its sentence (no comparison, no test)."""
    return Finding(
        id=finding_id, text=text, current=value, current_label=label, unit=unit
    )


def share_change_finding(
    finding_id: str,
    subject: str,
    previous: tuple[int, int],
    current: tuple[int, int],
    labels: tuple[str, str],
    *,
    alpha: float,
    level: float = 0.95,
    decimals: int = 1,
) -> Finding | None:
    """A share (``x`` of ``n``) in two periods: Wilson intervals, tested as a 2x2 table.

    The sentence gives both shares with their intervals and names the two
    periods; the test is Fisher's exact test of found / not found in the two
    periods (:func:`~svsna.stats.trends.ratio_change_test`), so the arrow
    tests exactly the comparison the sentence makes. None when a period has
    no denominator.
    """
    (x0, n0), (x1, n1) = previous, current
    if n0 <= 0 or n1 <= 0:
        return None
    before, after = proportion(x0, n0, level=level), proportion(x1, n1, level=level)
    test = ratio_change_test((x0, n0 - x0), (x1, n1 - x1), alpha=alpha)
    confidence = f"{level:.0%} CI"

    def shown(p: Proportion) -> str:
        return (
            f"{p.pct:.{decimals}f}% ({p.count:,} of {p.total:,}; {confidence} "
            f"{p.lower:.{decimals}f}–{p.upper:.{decimals}f}%)"
        )

    return Finding(
        id=finding_id,
        text=f"{subject} went from {shown(before)} in {labels[0]} to {shown(after)} "
        f"in {labels[1]}.",
        current=round(after.pct, decimals), previous=round(before.pct, decimals),
        current_label=labels[1], previous_label=labels[0],
        significant=test.significant, p_value=test.p_value,
        unit="%",
        test=f"{compared_words(subject, *labels)} Fisher's exact test of the 2x2 "
        "table of cases with and without the outcome in the two periods "
        f"(conditional on its margins), two-sided {p_clause(test.p_value)}; "
        "Wilson score intervals for each share.",
        lower=round(after.lower, decimals),
        upper=round(after.upper, decimals),
    )


def interval_words(count: int, total: int, *, level: float) -> tuple[str, float, float]:
    """The Wilson interval of a share in words, and its limits (per cent, one decimal).

    Examples
    --------
    >>> interval_words(5, 10, level=0.95)
    ('95% CI 23.7–76.3%', 23.7, 76.3)
    """
    share = proportion(count, total, level=level)
    lower, upper = round(share.lower, 1), round(share.upper, 1)
    return f"{level:.0%} CI {lower:.1f}–{upper:.1f}%", lower, upper
