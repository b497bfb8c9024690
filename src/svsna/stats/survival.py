"""Kaplan-Meier time to reoffending (or revictimisation), read at chosen months.

People enter at their index occurrence and leave at their next one (the
event) or, without one, at the end of the last complete month (censored).
The share who have reoffended by ``m`` months is one minus the Kaplan-Meier
survival at ``m`` (statsmodels' ``SurvfuncRight``); its interval is
Greenwood's variance taken to the log(-log) scale (as lifelines and Stata
do), so the bounds stay within 0 and 100. lifelines itself requires pandas
below 3, which svsna has outgrown.
Months are calendar months: "within 3 months" of 10 April is on or before
10 July.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.duration.survfunc import SurvfuncRight

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
    steps = _steps(times, seen)
    z = float(stats.norm.ppf(0.5 + level / 2))
    rows: list[dict[str, float | None]] = []
    for m in months:
        at_risk = int((times >= m).sum())
        if at_risk == 0:
            rows.append({"months": m, "at_risk": 0, "share": None,
                         "lower": None, "upper": None})
            continue
        survival, se = _at(steps, m)
        low_s, high_s = _loglog_interval(survival, se, z)
        rows.append(
            {
                "months": m,
                "at_risk": at_risk,
                "share": _pct(1 - survival),
                "lower": None if high_s is None else _pct(1 - high_s),
                "upper": None if low_s is None else _pct(1 - low_s),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({c: "float64" for c in ("share", "lower", "upper")})


COUNT_COLUMNS = ["months", "people", "again_before", "censored_before", "at_risk"]


def counts_at(
    durations: Sequence[float] | np.ndarray | pd.Series,
    events: Sequence[bool] | np.ndarray | pd.Series,
    months: Sequence[int],
) -> pd.DataFrame:
    """The people behind each month's share: who had the event, who left, who is at risk.

    At month ``m`` the cohort's ``people`` split into those whose event came
    before ``m`` (``again_before``), those censored before ``m`` without one
    (``censored_before``) and those still followed (``at_risk``, as
    :func:`shares_at` counts them), so ``people`` is the sum of the three. The
    share is built on these counts; printing them lets the public edition
    protect it with them.

    Examples
    --------
    >>> counts_at([1, 2, 2.5, 4], [True, True, False, True], [3]).to_dict("records")
    [{'months': 3, 'people': 4, 'again_before': 2, 'censored_before': 1, 'at_risk': 1}]
    """
    times = np.asarray(durations, dtype="float64")
    seen = np.asarray(events, dtype=bool)
    rows = [
        {
            "months": m,
            "people": len(times),
            "again_before": int((seen & (times < m)).sum()),
            "censored_before": int((~seen & (times < m)).sum()),
            "at_risk": int((times >= m).sum()),
        }
        for m in months
    ]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def _steps(times: np.ndarray, seen: np.ndarray) -> pd.DataFrame:
    """The Kaplan-Meier steps: each event time's survival and Greenwood standard error."""
    if not seen.any():
        return pd.DataFrame({"time": [], "survival": [], "se": []})
    fitted = SurvfuncRight(times, seen.astype("float64"))
    return pd.DataFrame(
        {"time": fitted.surv_times, "survival": fitted.surv_prob, "se": fitted.surv_prob_se}
    )


def _at(steps: pd.DataFrame, m: float) -> tuple[float, float]:
    """Survival and its standard error at ``m`` (the last step on or before it)."""
    before = steps[steps["time"] <= m]
    if before.empty:
        return 1.0, 0.0
    last = before.iloc[-1]
    return float(last["survival"]), float(last["se"])


def _loglog_interval(
    survival: float, se: float, z: float
) -> tuple[float | None, float | None]:
    """Greenwood's interval on the log(-log) scale; (1, 1) before any event, none at 0.

    Examples
    --------
    >>> [round(v, 5) for v in _loglog_interval(2 / 3, (4 / 9 / 12) ** 0.5, 1.959964)]
    [0.19462, 0.90443]
    """
    if survival >= 1:
        return 1.0, 1.0
    if survival <= 0 or math.isnan(se):
        return None, None
    log_s = math.log(survival)
    spread = z * se / abs(survival * log_s)
    centre = math.log(-log_s)
    return math.exp(-math.exp(centre + spread)), math.exp(-math.exp(centre - spread))


def _pct(value: float) -> float | None:
    if math.isnan(value):
        return None
    return round(100 * value + 0.0, 1)


__all__ = ["COLUMNS", "COUNT_COLUMNS", "counts_at", "months_between", "shares_at"]
