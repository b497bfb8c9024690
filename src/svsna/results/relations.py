"""How the numbers of a report hang together, declared as data.

The public edition protects every published number together: a count
withheld in one table must not be recoverable from another table's total, a
chart, or a sentence. Each table therefore declares how its counts relate to
others (its own total rows and columns on :class:`~svsna.results.Table`, and
here the sums across tables), each chart names the table it draws, and each
finding names the cells its numbers come from. :mod:`svsna.stats.linked`
turns these declarations into one system of equations and solves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

#: A label a row is picked by, or any of several labels.
Label = str | int | float | tuple[str | int | float, ...]


@dataclass(frozen=True)
class Cells:
    """Count cells of one table picked by their labels; a sentence's number is their sum.

    ``where`` maps label columns to the value (or any of the values, as a
    tuple) a row must hold. One row picked gives one cell; several give their
    sum, which becomes a published total of its own.

    Examples
    --------
    >>> homicides = Cells("sv_yearly", "all", {"group": "homicide"})
    >>> homicides.at(year="2024/25")
    Cells(table='sv_yearly', column='all', where={'group': 'homicide', 'year': '2024/25'})
    """

    table: str
    column: str
    where: Mapping[str, Label] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.table, self.column, tuple(sorted(self.where.items()))))

    def at(self, **labels: Label) -> Cells:
        """The same cells narrowed by more labels (e.g. one year)."""
        return Cells(self.table, self.column, {**self.where, **labels})


@dataclass(frozen=True)
class Margin:
    """A sum of a table's ``column`` (within the labels ``by``) that equals a cell of ``table``.

    The rows picked by ``where`` are grouped by their labels ``by``; the sum of
    each group equals the one row of ``table`` (the same table for a total
    within it) that holds the group's labels and the labels ``at``, in
    ``total_column`` (default: ``column``). With ``by`` naming every label of
    the rows, each row equals a row of the other table: the same counts
    printed twice. ``rename`` maps a label column of this table to its name in
    the other (``neighbourhood`` here, ``area`` there).

    Examples
    --------
    Districts add up to the area's total of each year:

    >>> Margin("sv_yearly", by=("year",), total_column="all",
    ...        at={"measure": "serious violence", "group": "total"})  # doctest: +ELLIPSIS
    Margin(table='sv_yearly', by=('year',), column='count', total_column='all', ...)
    """

    table: str
    by: tuple[str, ...] = ()
    column: str = "count"
    total_column: str | None = None
    where: Mapping[str, Label] = field(default_factory=dict)
    at: Mapping[str, Label] = field(default_factory=dict)
    rename: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DerivedFrom:
    """Columns built on the counts of another table's row with the same labels.

    A Kaplan-Meier share is built on how many people were followed, had the
    event and were censored; a fixed form may print the share without those
    counts, which a second table prints. Where protection withholds (or
    rounding changes) one of ``sources`` in ``table``'s row holding the same
    labels ``on``, ``columns`` are withheld too: otherwise the share would
    give the withheld count away.

    Examples
    --------
    >>> DerivedFrom("reoffending_counts", ("share",), ("again",), on=("cohort", "months"))
    ... # doctest: +ELLIPSIS
    DerivedFrom(table='reoffending_counts', columns=('share',), sources=('again',), ...)
    """

    table: str
    columns: tuple[str, ...]
    sources: tuple[str, ...]
    on: tuple[str, ...] = ()
