"""Kaplan-Meier time to reoffending (or revictimisation), read at chosen months.

People enter at their index occurrence and leave at their next one (the
event) or, without one, at the end of the last complete month (censored).
The share who have reoffended by ``m`` months is one minus the Kaplan-Meier
survival at ``m``; its interval is lifelines' Greenwood interval (Greenwood's
variance on the log(-log) scale, so the bounds stay within 0 and 100).
Months are calendar months: "within 3 months" of 10 April is on or before
10 July.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

if TYPE_CHECKING:
    from collections.abc import Sequence

COLUMNS = ["months", "at_risk", "share", "lower", "upper"]


def _plus_months(start: np.ndarray, months: np.ndarray) -> np.ndarray:
    """``start`` plus whole calendar months, the day clipped to the month's last."""
    month = start.astype("datetime64[M]")
    day = (start - month.astype("datetime64[D]")).astype("int64")
    target = month + months.astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        "int64"
    )
    return target.astype("datetime64[D]") + np.minimum(day, length - 1)


def months_between(start: np.ndarray | pd.Series, stop: np.ndarray | pd.Series) -> np.ndarray:
    """Calendar months from ``start`` to ``stop``: whole months, then the part of the next.

    Reoffending "within 3 months" means on or before the same day three
    calendar months on, so ``months_between(a, b) <= m`` exactly when ``b`` is
    no later than ``a`` plus ``m`` months (31 January plus one month is the
    last day of February).

    Examples
    --------
    >>> day = lambda *d: np.array(d, dtype="datetime64[D]")
    >>> months_between(day("2023-04-10", "2023-01-31", "2023-05-01"),
    ...                day("2023-07-10", "2023-02-28", "2023-05-16")).round(3).tolist()
    [3.0, 1.0, 0.484]
    """
    a = np.asarray(start, dtype="datetime64[D]")
    b = np.asarray(stop, dtype="datetime64[D]")
    whole = (b.astype("datetime64[M]") - a.astype("datetime64[M]")).astype("int64")
    whole = np.where(_plus_months(a, whole) > b, whole - 1, whole)
    anchor, following = _plus_months(a, whole), _plus_months(a, whole + 1)
    part = (b - anchor).astype("int64") / (following - anchor).astype("int64")
    return whole + part


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


__all__ = ["COLUMNS", "months_between", "shares_at"]
