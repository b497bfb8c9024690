"""Financial years: labels, bounds and the SQL that gives a date its year.

The financial year starts in the definition's month (April by default); every
chapter labels years the same way (``2024/25``), in SQL and in Python.
"""

from __future__ import annotations

import datetime as dt


def fy_start_year(date_sql: str, start_month: int) -> str:
    """SQL for the calendar year in which the financial year of ``date_sql`` starts."""
    return (
        f"(CASE WHEN EXTRACT(MONTH FROM {date_sql}) >= {start_month} "
        f"THEN EXTRACT(YEAR FROM {date_sql}) ELSE EXTRACT(YEAR FROM {date_sql}) - 1 END)"
    )


def fy_label(date_sql: str, start_month: int) -> str:
    """SQL for the financial-year label (``2024/25``) of ``date_sql``."""
    start = fy_start_year(date_sql, start_month)
    return (
        f"(CAST(CAST({start} AS INTEGER) AS VARCHAR) || '/' || "
        f"SUBSTRING(CAST(CAST({start} + 1 AS INTEGER) AS VARCHAR), 3, 2))"
    )


def fy_label_of(year: int) -> str:
    """The label of the financial year starting in ``year``."""
    return f"{year}/{str(year + 1)[2:]}"


def last_complete_month(
    last_day: dt.date,
    *,
    extract_date: dt.date | None = None,
    whole_months: bool = False,
) -> dt.date:
    """The first day of the last month the data cover completely.

    A month whose last days are missing would read as a fall (a year ending on
    2 March has only two days of March), so a month counts only when the data
    reach its last day, or when ``extract_date`` (the day the extract was
    taken) is on or after it. ``whole_months`` says every date stands for its
    month (data.police.uk publishes months, not days).

    Examples
    --------
    >>> last_complete_month(dt.date(2025, 3, 2))
    datetime.date(2025, 2, 1)
    >>> last_complete_month(dt.date(2025, 3, 31))
    datetime.date(2025, 3, 1)
    >>> last_complete_month(dt.date(2025, 3, 30), extract_date=dt.date(2025, 4, 3))
    datetime.date(2025, 3, 1)
    >>> last_complete_month(dt.date(2025, 3, 1), whole_months=True)
    datetime.date(2025, 3, 1)
    """
    if whole_months and extract_date is None:
        return last_day.replace(day=1)
    end = max(last_day, extract_date) if extract_date else last_day
    if (end + dt.timedelta(days=1)).month != end.month:
        return end.replace(day=1)
    return (end.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def fy_bounds(label: str, start_month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year given its label."""
    start = dt.date(int(label[:4]), start_month, 1)
    end = dt.date(start.year + 1, start_month, 1) - dt.timedelta(days=1)
    return start, end
