"""Month windows: the last N complete months, and the hotspot offences in them.

The hotspot chapter, the school-proximity chapter and the district profiles
all look at whole months ending with the last complete month
(:attr:`Context.latest_month`), so a part-month at the end of an extract is
never read as a fall. The profiles use the hotspot chapter's window and
offence set, so the two never disagree about "the last 12 months".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from svsna.analyses.core.classify import classified_occurrences_sql
from svsna.analyses.core.sql import in_list, literal

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context
    from svsna.config import Definition


def add_months(month: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) ``month``.

    Examples
    --------
    >>> add_months(dt.date(2025, 2, 1), -11), add_months(dt.date(2024, 12, 1), 1)
    (datetime.date(2024, 3, 1), datetime.date(2025, 1, 1))
    """
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_window(latest_month: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """First day and the day after the last of the ``months`` ending with ``latest_month``.

    Examples
    --------
    >>> month_window(dt.date(2025, 5, 1), 12)
    (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1))
    """
    return add_months(latest_month, -(months - 1)), add_months(latest_month, 1)


def hotspot_window(ctx: Context) -> tuple[dt.date, dt.date, str]:
    """The hotspot window of the run: first day, day after the last, and in words.

    Examples
    --------
    The words read ``June 2024 to May 2025`` for 12 months ending in May 2025.
    """
    start, end = month_window(ctx.latest_month, ctx.definition.hotspots.months)
    return start, end, f"{start:%B %Y} to {ctx.latest_month:%B %Y}"


def hotspot_occurrences_sql(
    definition: Definition, start: dt.date, end: dt.date
) -> str:
    """SQL: occurrences of the hotspot offence set committed in [start, end)."""
    spots = definition.hotspots
    exclude = "TRUE" if spots.apply_domestic_abuse_exclusion else "FALSE"
    return f"""
    SELECT c.* FROM ({classified_occurrences_sql(definition)}) c
    WHERE c.group_id IN {in_list(spots.groups)}
      AND NOT ({exclude} AND COALESCE(c.domestic_abuse_flag, FALSE))
      AND c.committed_date >= {literal(start)} AND c.committed_date < {literal(end)}
    """


__all__ = ["add_months", "hotspot_occurrences_sql", "hotspot_window", "month_window"]
