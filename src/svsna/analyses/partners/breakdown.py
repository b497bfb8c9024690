"""One declarative breakdown: a partner table counted by one column and year.

Most partner tables are the same thing said again: count the rows of an input
by one column (sentence, sex, age group, authority) and year, in a stated
order with ``unknown`` last, perhaps with a total row or each year's shares,
and draw it. A chapter declares each such table as a :class:`Breakdown`; one
builder turns it into its frame, its :class:`Table` and its :class:`Chart`, so
the pattern (and its suppression metadata) is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from svsna.analyses.core.figures import complete, total_rows
from svsna.analyses.core.sql import TOTAL, UNKNOWN
from svsna.analyses.partners.base import by_total, counts_by, with_all, with_share
from svsna.results import Chart, Margin, Table

if TYPE_CHECKING:
    import pandas as pd

    from svsna.analyses.core.context import Context
    from svsna.results import ChartKind

Order = Literal["sorted", "numeric", "by_total"]


@dataclass(frozen=True)
class Counted:
    """A partner input counted by year: its table, the SQL of a row's year, the years kept."""

    table: str
    year_sql: str
    years: tuple[str, ...]


@dataclass(frozen=True)
class Drawn:
    """How a breakdown is drawn: kind, title, alt text, and which column runs along x."""

    kind: ChartKind
    title: str
    alt_text: str
    along: Literal["year", "column"] = "year"


@dataclass(frozen=True)
class Breakdown:
    """A table of counts by ``column`` and year, declared as data.

    ``sql`` gives the column (a NULL becomes ``unknown``); ``first`` are the
    levels expected, in order, followed by any others found (``order``:
    alphabetical, numeric or by total) and ``unknown`` last. ``total`` adds a
    total row per year, ``share`` each count's percentage of its year
    (declared to disclosure control as a share of the year). ``margins`` say
    which other table's cells this one's add up to, so the public edition
    protects them together.
    """

    id: str
    title: str
    column: str
    sql: str
    first: tuple[str, ...] = ()
    order: Order = "sorted"
    total: bool = False
    share: bool = False
    caption: str = ""
    drawn: Drawn | None = None
    margins: tuple[Margin, ...] = ()


@dataclass(frozen=True)
class Built:
    """A breakdown's frame, its table and (when drawn) its chart."""

    data: pd.DataFrame
    table: Table
    chart: Chart | None


def levels(frame: pd.DataFrame, spec: Breakdown) -> list[object]:
    """The breakdown's levels: expected first, the others in order, ``unknown`` last.

    >>> import pandas as pd
    >>> found = pd.DataFrame({"sex": ["female", "x", "unknown"], "count": [1, 2, 3]})
    >>> levels(found, Breakdown("t", "T", "sex", "sex", first=("male", "female")))
    ['male', 'female', 'x', 'unknown']
    >>> ages = pd.DataFrame({"age": ["12", "9", "unknown"], "count": [1, 2, 3]})
    >>> levels(ages, Breakdown("t", "T", "age", "age", order="numeric"))
    ['9', '12', 'unknown']
    """
    found = set(frame[spec.column])
    if spec.order == "by_total":
        return by_total(frame, spec.column)
    rest = found - {*spec.first, UNKNOWN}
    ordered = sorted(rest, key=int) if spec.order == "numeric" else sorted(rest)
    return [*spec.first, *ordered, *([UNKNOWN] if UNKNOWN in found else [])]


def build(ctx: Context, counted: Counted, spec: Breakdown) -> Built:
    """Count, order, total, share, and make the table and chart of one breakdown."""
    column = spec.column
    frame = counts_by(
        ctx,
        counted.table,
        {column: f"COALESCE({spec.sql}, '{UNKNOWN}')"},
        year_sql=counted.year_sql,
        years=counted.years,
    )
    data = complete(frame, {column: levels(frame, spec), "year": list(counted.years)})
    if spec.total:
        data = with_all(data, column, ["year"], label=TOTAL)
    if spec.share:
        data = with_share(data, ["year"])
    table = Table(
        id=spec.id, title=spec.title, data=data,
        caption=spec.caption,
        count_columns=("count",),
        derived_columns={"pct": ("count",)} if spec.share else {},
        shares={"pct": ("year",)} if spec.share else {},
        total_rows=total_rows(data, column, TOTAL) if spec.total else (),
        margins=spec.margins,
    )
    return Built(data, table, _chart(spec, data))


def _chart(spec: Breakdown, data: pd.DataFrame) -> Chart | None:
    if spec.drawn is None:
        return None
    drawn = spec.drawn
    x, colour = (
        ("year", spec.column) if drawn.along == "year" else (spec.column, "year")
    )
    return Chart(
        id=spec.id, title=drawn.title,
        kind=drawn.kind,
        data=data[data[spec.column] != TOTAL] if spec.total else data,
        x=x, y="count", color=colour,
        alt_text=drawn.alt_text,
        table=spec.id,
    )
