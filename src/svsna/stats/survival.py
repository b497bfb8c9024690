"""Kaplan-Meier time to reoffending (or revictimisation), read at chosen months.

People enter at their index occurrence and leave at their next one (the
event) or, without one, at the end of the last complete month (censored).
The share who have reoffended by ``m`` months is one minus the Kaplan-Meier
survival at ``m``; its interval is lifelines' Greenwood interval (Greenwood's
variance on the log(-log) scale, so the bounds stay within 0 and 100). A
month is a twelfth of a year of 365.25 days (30.4375 days), so the months of
people whose index falls on any day are measured alike.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Days in a month: a twelfth of the average Gregorian year.
DAYS_PER_MONTH = 365.25 / 12
COLUMNS = ["months", "at_risk", "share", "lower", "upper"]


def months_between(days: pd.Series | np.ndarray) -> np.ndarray:
    """Days as months of :data:`DAYS_PER_MONTH` days.

    Examples
    --------
    >>> months_between(np.array([0, 365.25 / 4])).round(6).tolist()
    [0.0, 3.0]
    """
    return np.asarray(days, dtype="float64") / DAYS_PER_MONTH


def shares_at(
    durations: Sequence[float] | np.ndarray | pd.Series,
    events: Sequence[bool] | np.ndarray | pd.Series,
    months: Sequence[int],
    *,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per cent with an event by each of ``months``, its interval and who was still at risk.

    ``durations`` are each person's months from the index to the event or to
    censoring, ``events`` whether the event was seen. ``at_risk`` at ``m`` is
    the people neither reoffended nor censored before ``m``; where nobody is
    left at risk the share is not estimated (None). Shares to one decimal.

    Examples
    --------
    Four people: events at 1 and 2 months, censored at 2.5, event at 4.
    S(3) = (3/4)(2/3) = 1/2, so half have reoffended by 3 months:

    >>> shares_at([1, 2, 2.5, 4], [True, True, False, True], [3])[
    ...     ["months", "at_risk", "share"]].to_dict("records")
    [{'months': 3, 'at_risk': 1, 'share': 50.0}]
    """
    times = np.asarray(durations, dtype="float64")
    seen = np.asarray(events, dtype=bool)
    rows: list[dict[str, float | None]] = []
    fitter = _fitted(times, seen, level)
    for m in months:
        at_risk = int((times >= m).sum())
        if fitter is None or at_risk == 0:
            rows.append({"months": m, "at_risk": at_risk, "share": None,
                         "lower": None, "upper": None})
            continue
        survival = float(fitter.survival_function_at_times(m).iloc[0])
        bounds = fitter.confidence_interval_survival_function_
        upto = bounds[bounds.index <= m].iloc[-1]
        low_s, high_s = float(upto.iloc[0]), float(upto.iloc[1])
        rows.append(
            {
                "months": m,
                "at_risk": at_risk,
                "share": _pct(1 - survival),
                "lower": _pct(1 - high_s),
                "upper": _pct(1 - low_s),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({c: "float64" for c in ("share", "lower", "upper")})


def _fitted(times: np.ndarray, seen: np.ndarray, level: float) -> KaplanMeierFitter | None:
    if not len(times):
        return None
    fitter = KaplanMeierFitter(alpha=1 - level)
    fitter.fit(times, event_observed=seen)
    return fitter


def _pct(value: float) -> float | None:
    if math.isnan(value):
        return None
    return round(100 * value + 0.0, 1)


__all__ = ["COLUMNS", "DAYS_PER_MONTH", "months_between", "shares_at"]
