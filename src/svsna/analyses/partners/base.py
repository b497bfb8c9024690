"""What the partner chapters (12 to 19) share: their years, shares and findings.

Partner tables come from other organisations and rarely cover exactly the
police data's span, so each chapter reports the report period's financial
years that its own table covers (or, when there is no police period, the
table's own last complete years). Shares are percentages of a stated
denominator, rounded half up to one decimal by :func:`figures.pct`; changes
between the last two years are tested on the monthly counts behind them
(:func:`monthly_of`, :func:`figures.change_finding`); tables given only as
yearly totals are not tested.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.comparisons import calendar_years as calendar_span
from svsna.analyses.core.comparisons import financial_years, monthly_counts
from svsna.analyses.core.figures import (
    change_finding,
    level_finding,
    pct,
    pct_value,
    total_rows,
)

# Re-exported: the partner chapters take their call-outs from here.
from svsna.analyses.core.national import callouts_for as callouts_for
from svsna.analyses.core.periods import (
    fy_bounds,
    fy_label,
    fy_label_of,
    last_complete_month,
)
from svsna.analyses.core.sql import ALL, UNKNOWN, in_list, minutes
from svsna.results import Finding, Margin

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from svsna.analyses.core.context import Context
    from svsna.results import Cells, Table

#: The label of the rows that add up every hospital, authority or district.


def _last_complete(
    first: dt.date, last: dt.date, *, start_month: int, years: int
) -> tuple[str, ...]:
    """The last ``years`` complete financial years between two dates.

    A year is complete when the data reach the last day of its last month.
    """
    complete = []
    year = first.year if first.month >= start_month else first.year - 1
    while True:
        fy_first, fy_last = fy_bounds(fy_label_of(year), start_month)
        if fy_last.replace(day=1) > last_complete_month(last):
            break
        if fy_first >= first.replace(day=1):
            complete.append(fy_label_of(year))
        year += 1
    return tuple(complete[-years:])


def _date_bounds(
    ctx: Context, table: str, date_column: str
) -> tuple[dt.date, dt.date] | None:
    """The first and last date of ``table``; None when it has no dated row."""
    bounds = ctx.query(
        f"SELECT MIN({date_column}) AS first_day, MAX({date_column}) AS last_day "
        f"FROM {table}"
    ).iloc[0]
    if pd.isna(bounds["first_day"]):
        return None
    return (
        pd.Timestamp(bounds["first_day"]).date(),
        pd.Timestamp(bounds["last_day"]).date(),
    )


def table_years(ctx: Context, table: str, date_column: str) -> tuple[str, ...]:
    """The financial years a partner chapter reports, oldest first.

    The report period's years in which ``table`` has at least one row; when
    the police data give no period, the table's own last complete years.
    """
    start = ctx.definition.financial_year_start_month
    if ctx.years:
        present = ctx.query(
            f"SELECT DISTINCT {fy_label(date_column, start)} AS fy FROM {table}"
        )
        found = set(present["fy"])
        return tuple(y for y in ctx.years if y in found)
    bounds = _date_bounds(ctx, table, date_column)
    if bounds is None:
        return ()
    return _last_complete(
        *bounds, start_month=start, years=ctx.definition.report_period.years
    )


def calendar_years(ctx: Context, table: str, date_column: str) -> tuple[str, ...]:
    """The last complete calendar years of ``table`` (as text), oldest first.

    Capped at the year in which the report period's last financial year
    starts, so that 2022/23–2024/25 pairs with 2022–2024.
    """
    bounds = _date_bounds(ctx, table, date_column)
    if bounds is None:
        return ()
    first, last = bounds
    low = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    high = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    if ctx.years:
        high = min(high, int(ctx.years[-1][:4]))
    years = [str(y) for y in range(low, high + 1)]
    return tuple(years[-ctx.definition.report_period.years :])


def monthly_of(
    ctx: Context,
    table: str,
    date_column: str,
    years: Sequence[str],
    *,
    where: str = "",
    calendar: bool = False,
) -> pd.DataFrame | None:
    """The monthly counts of ``table`` behind its last two years (None with fewer).

    What :func:`figures.change_finding` tests a change on; ``where`` keeps
    only some rows (e.g. one hospital), ``calendar`` reads ``years`` as
    calendar years.
    """
    span = (
        calendar_span(years)
        if calendar
        else financial_years(years, ctx.definition.financial_year_start_month)
    )
    if span is None:
        return None
    source = f"SELECT * FROM {table}" + (f" WHERE {where}" if where else "")
    return monthly_counts(ctx, source, date_column, span)


def label_years(labels: Iterable[object], count: int) -> tuple[str, ...]:
    """The last ``count`` distinct year labels of an aggregate table, in order."""
    return tuple(sorted({str(v) for v in labels if str(v).strip()})[-count:])


def window_sql(minute_sql: str, start: str, end: str) -> str:
    """SQL: a time falls in ``[start, end)``, the window wrapping midnight if needed."""
    low, high = minutes(start), minutes(end)
    if low <= high:
        return f"({minute_sql} >= {low} AND {minute_sql} < {high})"
    return f"({minute_sql} >= {low} OR {minute_sql} < {high})"


def sum_counts(frame: pd.DataFrame, keys: str | Sequence[str]) -> pd.DataFrame:
    """``count`` summed by ``keys`` (in order of appearance, missing keys kept)."""
    by = [keys] if isinstance(keys, str) else list(keys)
    return frame.groupby(by, as_index=False, sort=False, dropna=False).agg(
        count=("count", "sum")
    )


def with_all(
    frame: pd.DataFrame, column: str, keys: Sequence[str], *, label: str = ALL
) -> pd.DataFrame:
    """``frame`` plus rows adding up every value of ``column`` (labelled ``all``)."""
    if frame.empty:
        return frame
    total = sum_counts(frame, list(keys))
    total.insert(0, column, label)
    return pd.concat([frame, total[frame.columns]], ignore_index=True)


def unknown_last(levels: Iterable[str], found: Iterable[object]) -> list[str]:
    """``levels``, then ``unknown`` when ``found`` (a column's values) holds it."""
    return [*levels, *([UNKNOWN] if UNKNOWN in set(found) else [])]


def with_share(
    frame: pd.DataFrame, within: Sequence[str], *, column: str = "pct"
) -> pd.DataFrame:
    """``frame`` with each count as a percentage of its group's total."""
    out = frame.copy()
    if out.empty:
        out[column] = pd.Series(dtype="float64")
        return out
    totals = out.groupby(list(within), sort=False)["count"].transform("sum")
    out[column] = pct(out["count"], totals)
    return out


def share_of(
    frame: pd.DataFrame, column: str, value: str, among: Sequence[str]
) -> float | None:
    """% of the ``count`` whose ``column`` is ``value``, of those with one of ``among``.

    E.g. the male share of the offences with a recorded sex; None when those
    count nothing (see :func:`figures.pct_value`).
    """
    known = frame[frame[column].isin(list(among))]
    part = int(known.loc[known[column] == value, "count"].sum())
    return pct_value(part, int(known["count"].sum()))


def partner_change(
    ctx: Context,
    finding_id: str,
    subject: str,
    counts: dict[str, int],
    cells: Cells,
    dated: tuple[str, str],
    *,
    where: str = "",
    calendar: bool = False,
) -> Finding | None:
    """A partner measure's change between its last two years, tested on its months.

    ``counts`` are the yearly counts the sentence states, ``dated`` the table
    and date column whose monthly counts (``where`` some rows only) the
    change is tested on, so the test and the sentence count the same rows.
    """
    table, date_column = dated
    return change_finding(
        finding_id,
        subject,
        counts,
        alpha=ctx.definition.trends.alpha,
        cells=cells,
        monthly=monthly_of(
            ctx, table, date_column, list(counts), where=where, calendar=calendar
        ),
    )


def series(frame: pd.DataFrame, key: str, years: Sequence[str]) -> dict[str, int]:
    """Year label → summed count of ``frame`` (zeros for absent years)."""
    sums = frame.groupby(key)["count"].sum() if not frame.empty else pd.Series()
    return {y: int(sums.get(y, 0)) for y in years}


def counts_by(
    ctx: Context,
    source: str,
    columns: dict[str, str],
    *,
    year_sql: str,
    years: Sequence[str],
) -> pd.DataFrame:
    """Rows of ``source`` counted by the named SQL ``columns`` and year.

    ``columns`` maps each output column to its SQL expression; ``year_sql``
    gives a row's year label, kept to ``years``.
    """
    named = [f"{sql} AS {name}" for name, sql in columns.items()]
    keys = [*columns, "year"]
    frame = ctx.query(
        f"SELECT {', '.join(keys)}, COUNT(*) AS count FROM ("
        f"SELECT {', '.join([*named, f'{year_sql} AS year'])} FROM {source}) s "
        f"WHERE year IN {in_list(years)} GROUP BY {', '.join(keys)}"
    )
    frame["count"] = frame["count"].astype("int64")
    return frame


def by_total(frame: pd.DataFrame, label: str) -> list[object]:
    """Values of ``label`` ordered by their total count, largest first."""
    if frame.empty:
        return []
    sums = frame.groupby(label)["count"].sum().reset_index()
    sums["key"] = sums[label].astype(str)
    ordered = sums.sort_values(["count", "key"], ascending=[False, True])
    return list(ordered[label])


def largest(frame: pd.DataFrame, label: str) -> tuple[object, int] | None:
    """The value of ``label`` with the largest total count, and that count.

    Ties go as in :func:`by_total`; None when ``frame`` counts nothing.
    """
    if frame.empty or not frame["count"].sum():
        return None
    top = by_total(frame, label)[0]
    return top, int(frame.loc[frame[label] == top, "count"].sum())


def most_common_finding(
    finding_id: str, frame: pd.DataFrame, label: str, words: str
) -> Finding | None:
    """"The most common ``label`` was ..." for the value counting most; None if none.

    ``words`` is the sentence with ``{top}`` where the value goes.
    """
    found = largest(frame, label)
    if found is None:
        return None
    top, count = found
    return level_finding(finding_id, words.format(top=top), count)


def sex_share_finding(
    finding_id: str, frame: pd.DataFrame, sex: str, words: str, *, label: str = ""
) -> Finding | None:
    """The share of ``frame``'s count with a recorded sex that is ``sex``, as a finding.

    ``words`` is the sentence with ``{value}`` where the percentage goes; None
    when no sex is recorded.
    """
    value = share_of(frame, "sex", sex, ["male", "female"])
    if value is None:
        return None
    return level_finding(finding_id, words.format(value=value), value, label=label, unit="%")


def mark_totals(table: Table, **labels: str) -> Table:
    """``table`` with every row whose column holds its total label marked a total.

    E.g. ``hospital="all"`` marks the rows adding up every hospital, so that
    the public edition's secondary suppression sees them as totals.
    """
    found = set(table.total_rows)
    for column, label in labels.items():
        if column in table.data:
            found |= set(total_rows(table.data, column, label))
    return replace(table, total_rows=tuple(sorted(found)))


def year_months(year: str, start_month: int) -> tuple[str, ...]:
    """The twelve months (``YYYY-MM``) of a financial year such as ``2024/25``.

    Examples
    --------
    >>> year_months("2024/25", 4)[::11]
    ('2024-04', '2025-03')
    """
    first = pd.Timestamp(int(year[:4]), start_month, 1)
    return tuple((first + pd.DateOffset(months=i)).strftime("%Y-%m") for i in range(12))


def months_to_years(
    table: str, years: Sequence[str], start_month: int, *, by: tuple[str, ...]
) -> tuple[Margin, ...]:
    """Margins saying that a monthly table's months add up to ``table``'s years."""
    return tuple(
        Margin(
            table, by=by, where={"month": year_months(y, start_month)}, at={"year": y}
        )
        for y in years
    )
