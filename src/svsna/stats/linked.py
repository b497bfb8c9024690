"""One system of cells and equations for a whole publication, protected at once.

Every count cell of every table is numbered (tables in order, rows, then count
columns). The tables' declarations become equations over those numbers: total
rows and columns, margins within and across tables, the group totals a reader
gets from printed shares, and the sums that sentences state. Secondary
suppression (:func:`svsna.stats.disclosure.suppress`) then solves them
together, so that no withheld cell can be worked out from any combination of
published numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.stats.disclosure import Bounds, Equation, primary, recoverable, suppress

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from svsna.results import Cells, Margin, Table
    from svsna.results.relations import Label


def label(value: object) -> str:
    """A label as text, so that ``2024``, ``2024.0`` and ``"2024"`` match.

    Examples
    --------
    >>> label(2024.0), label("2024/25"), label(7)
    ('2024', '2024/25', '7')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def matches(frame: pd.DataFrame, where: Mapping[str, Label]) -> np.ndarray:
    """Rows of ``frame`` holding every label of ``where`` (any of a tuple's)."""
    keep = np.ones(len(frame), dtype=bool)
    for column, wanted in where.items():
        if column not in frame.columns:
            return np.zeros(len(frame), dtype=bool)
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        texts = {label(v) for v in options}
        keep &= frame[column].map(label).isin(texts).to_numpy()
    return keep


def count_columns(table: Table) -> list[str]:
    """The table's count columns that its data holds."""
    return [c for c in table.count_columns if c in table.data.columns]


def label_columns(table: Table) -> list[str]:
    """Columns that label rows: neither counts nor built from them."""
    built = {*table.count_columns, *table.derived_columns, *table.shares}
    built |= set(table.derived_within)
    return [c for c in table.data.columns if c not in built]


def counts_of(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The count cells of ``frame``, row by row, as whole numbers (blank = 0)."""
    numbers = frame[columns].apply(pd.to_numeric, errors="coerce").fillna(0)
    return np.rint(numbers.to_numpy(dtype=float)).astype(np.int64).ravel()


def table_equations(
    data: pd.DataFrame,
    /,
    *,
    count_columns: tuple[str, ...],
    total_rows: tuple[int, ...] = (),
    total_columns: dict[str, tuple[str, ...]] | None = None,
    derived_columns: dict[str, tuple[str, ...]] | None = None,
) -> list[Equation]:
    """The equations of a long or wide table's own total rows and columns.

    Cells are numbered row by row over ``count_columns``. A total row sums the
    other rows that share its labels, except in the columns where it holds a
    label no other row has (``total``, ``all years``); a total column sums its
    member columns in the same row.

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["a", "b", "total"], "n": [3, 9, 12]})
    >>> table_equations(df, count_columns=("n",), total_rows=(2,))
    [Equation(total=2, members=(0, 1))]
    """
    columns = list(count_columns)
    width = len(columns)
    derived = set(derived_columns or {})
    keys = [c for c in data.columns if c not in columns and c not in derived]
    totals = set(total_rows)
    others = [i for i in range(len(data)) if i not in totals]
    equations: list[Equation] = []
    labels = data[keys].astype(str).to_numpy() if keys else None
    for t in sorted(totals):
        if labels is None:
            members = others
        else:
            shared = [
                k
                for k in range(len(keys))
                if labels[t, k] in {labels[i, k] for i in others}
            ]
            members = [
                i for i in others if all(labels[i, k] == labels[t, k] for k in shared)
            ]
        if not members:
            continue
        for j in range(width):
            equations.append(
                Equation(t * width + j, tuple(i * width + j for i in members))
            )
    for total, parts in (total_columns or {}).items():
        if total not in columns:
            continue
        t_col = columns.index(total)
        m_cols = [columns.index(p) for p in parts if p in columns]
        for i in range(len(data)):
            equations.append(
                Equation(i * width + t_col, tuple(i * width + m for m in m_cols))
            )
    return equations


@dataclass
class Placed:
    """A table of the publication: its data and where its cells start."""

    table: Table
    data: pd.DataFrame
    columns: list[str]
    start: int
    #: Each label column as text, made once (margins pick rows many times).
    labels: dict[str, np.ndarray] = field(default_factory=dict)

    def cell(self, row: int, column: str) -> int:
        """The publication-wide number of one count cell."""
        return self.start + row * len(self.columns) + self.columns.index(column)

    def rows(self, where: Mapping[str, Label]) -> np.ndarray:
        """Like :func:`matches`, with each column turned into text only once."""
        keep = np.ones(len(self.data), dtype=bool)
        for column, wanted in where.items():
            if column not in self.data.columns:
                return np.zeros(len(self.data), dtype=bool)
            if column not in self.labels:
                self.labels[column] = self.data[column].map(label).to_numpy(dtype=str)
            options = wanted if isinstance(wanted, tuple) else (wanted,)
            texts = np.array([label(v) for v in options], dtype=str)
            keep &= np.isin(self.labels[column], texts)
        return keep


@dataclass
class Publication:
    """Every count cell of a publication and the equations between them.

    Cells past the tables' own are *stated* cells: totals a reader learns
    without their being printed in any table (a group total implied by printed
    shares, a sum a sentence states). They are locked: hidden only when
    nothing else protects a withheld count. *Unprinted* cells are totals
    printed nowhere that two tables add up to (victims of a year by age and by
    sex): named by a margin whose table is not in the publication, they tie
    the tables together and are never published.
    """

    placed: dict[str, Placed] = field(default_factory=dict)
    values: list[int] = field(default_factory=list)
    equations: list[Equation] = field(default_factory=list)
    stated: dict[int, tuple[str, str, tuple[int, ...]]] = field(default_factory=dict)
    known: dict[tuple[int, ...], int] = field(default_factory=dict)
    unprinted: dict[tuple[str, tuple[tuple[str, str], ...]], int] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, tables: Iterable[Table]) -> Publication:
        """The publication of ``tables`` with every relation they declare."""
        pub = cls()
        for table in tables:
            pub._place(table)
        for placed in list(pub.placed.values()):
            pub._own_equations(placed)
            for margin in placed.table.margins:
                pub._margin(placed, margin)
            pub._shares(placed)
        return pub

    def _place(self, table: Table) -> None:
        data = table.data.reset_index(drop=True)
        columns = count_columns(table)
        placed = Placed(table, data, columns, len(self.values))
        self.placed[table.id] = placed
        self.values.extend(counts_of(data, columns).tolist() if columns else [])

    def _add(self, equation: Equation) -> None:
        """Keep an equation the numbers satisfy (a wrong declaration tells a reader nothing)."""
        members = sum(self.values[m] for m in equation.members)
        if self.values[equation.total] == members:
            self.equations.append(equation)

    def _own_equations(self, placed: Placed) -> None:
        table = placed.table
        if not placed.columns:
            return
        for eq in table_equations(
            placed.data,
            count_columns=tuple(placed.columns),
            total_rows=table.total_rows,
            total_columns=table.total_columns,
            derived_columns=_built_columns(table),
        ):
            self._add(
                Equation(
                    placed.start + eq.total, tuple(placed.start + m for m in eq.members)
                )
            )

    def _margin(self, placed: Placed, margin: Margin) -> None:
        """Equations of one declared margin: each group of rows sums to a target cell."""
        if margin.column not in placed.columns:
            return
        target = self.placed.get(margin.table)
        total_column = margin.total_column or margin.column
        if target is not None and total_column not in target.columns:
            return
        for labels, members in _margin_groups(placed, margin):
            if target is None:
                self._unprinted(margin.table, labels, members)
                continue
            at = target.data[target.rows({**labels, **margin.at})]
            if len(at) > 1:
                raise ValueError(
                    f"{placed.table.id}: margin on {margin.table} matches "
                    f"{len(at)} rows for {labels}"
                )
            if len(at) == 1:
                total = target.cell(int(at.index[0]), total_column)
                if total not in members:
                    self._add(Equation(total, members))

    def _unprinted(
        self, name: str, labels: Mapping[str, Label], members: tuple[int, ...]
    ) -> None:
        """A total printed nowhere that ``members`` add up to (made by its first sum)."""
        key = (name, tuple(sorted((k, label(v)) for k, v in labels.items())))
        if key not in self.unprinted:
            self.unprinted[key] = len(self.values)
            self.values.append(sum(self.values[m] for m in members))
        self._add(Equation(self.unprinted[key], members))

    def _state(self, members: tuple[int, ...], origin: tuple[str, str]) -> int:
        """A stated total of ``members`` (once per set of members)."""
        if members in self.known:
            return self.known[members]
        cell = len(self.values)
        self.values.append(sum(self.values[m] for m in members))
        self.stated[cell] = (*origin, members)
        self.known[members] = cell
        self._add(Equation(cell, members))
        return cell

    def _shares(self, placed: Placed) -> None:
        """Group totals given away by shares printed beside counts."""
        for share, (source, groups) in share_groups(placed).items():
            for rows in groups:
                members = tuple(placed.cell(i, source) for i in rows)
                if len(members) > 1:
                    self._state(members, (placed.table.id, share))

    def state_sum(self, cells: Cells) -> int | None:
        """The cell holding the number ``cells`` picks: one cell, or a stated sum."""
        placed = self.placed.get(cells.table)
        if placed is None or cells.column not in placed.columns:
            return None
        rows = np.flatnonzero(placed.rows(cells.where))
        if not len(rows):
            return None
        members = tuple(placed.cell(int(i), cells.column) for i in rows)
        if len(members) == 1:
            return members[0]
        return self._state(members, (cells.table, cells.column))

    def protect(self, *, threshold: int, said_small: Iterable[int] = ()) -> np.ndarray:
        """Cells to withhold: primary and secondary suppression over everything.

        ``said_small`` are cells a sentence describes as "fewer than
        threshold + 1" (a reader then knows their largest value).
        """
        values = np.asarray(self.values, dtype=np.int64)
        locked = np.zeros(values.size, dtype=bool)
        locked[list(self.stated)] = True
        return suppress(
            values,
            self.equations,
            threshold=threshold,
            locked=locked,
            bounds=self.bounds(threshold=threshold, said_small=said_small),
            free=self.free,
        )

    @property
    def free(self) -> np.ndarray:
        """The unprinted totals, as a mask over the cells."""
        free = np.zeros(len(self.values), dtype=bool)
        free[list(self.unprinted.values())] = True
        return free

    def bounds(self, *, threshold: int, said_small: Iterable[int] = ()) -> Bounds:
        """What a reader knows of hidden cells: at least 1 (0 if unprinted), "fewer than"."""
        upper = np.full(len(self.values), np.inf)
        upper[list(said_small)] = threshold
        known = Bounds.of(len(self.values), upper=upper)
        return Bounds(np.where(self.free, 0.0, known.lower), known.upper)

    def exposed(
        self, hidden: np.ndarray, *, said_small: Iterable[int] = (), threshold: int = 0
    ) -> list[int]:
        """Withheld cells a reader can still work out (should be none)."""
        return recoverable(
            np.asarray(self.values, dtype=np.int64),
            hidden | self.free,
            self.equations,
            bounds=self.bounds(threshold=threshold, said_small=said_small),
            free=self.free,
        )

    def table_mask(self, table_id: str, hidden: np.ndarray) -> np.ndarray:
        """``hidden`` over one table's count cells, as rows × count columns."""
        placed = self.placed[table_id]
        size = len(placed.data) * len(placed.columns)
        return hidden[placed.start : placed.start + size].reshape(
            len(placed.data), len(placed.columns)
        )

    def stated_hidden(
        self, table_id: str, hidden: np.ndarray
    ) -> list[tuple[str, tuple[int, ...]]]:
        """Stated totals of ``table_id`` withheld (the shares that give them away go too).

        A sum a sentence states is withheld from the sentence only: the
        table's counts stay as the suppression left them.
        """
        out = []
        placed = self.placed[table_id]
        for cell, (owner, column, members) in self.stated.items():
            if owner == table_id and hidden[cell] and column not in placed.columns:
                rows = tuple((m - placed.start) // len(placed.columns) for m in members)
                out.append((column, rows))
        return out


def _margin_groups(
    placed: Placed, margin: Margin
) -> list[tuple[dict[str, Label], tuple[int, ...]]]:
    """The groups a margin adds up: the total's labels and the member cells."""
    picked = placed.data[placed.rows(margin.where)]
    if not len(picked):
        return []
    groups = (
        picked.groupby([picked[k].map(label) for k in margin.by], sort=False)
        if margin.by
        else [((), picked)]
    )
    found = []
    for keys, rows in groups:
        values = keys if isinstance(keys, tuple) else (keys,)
        labels: dict[str, Label] = {
            margin.rename.get(k, k): str(v)
            for k, v in zip(margin.by, values, strict=True)
        }
        members = tuple(placed.cell(int(i), margin.column) for i in rows.index)
        found.append((labels, members))
    return found


def _built_columns(table: Table) -> dict[str, tuple[str, ...]]:
    """Every column built from counts (none of them labels a row)."""
    labels = set(label_columns(table))
    return {c: () for c in table.data.columns if c not in labels}


def share_groups(placed: Placed) -> dict[str, tuple[str, list[list[int]]]]:
    """Each share column's count column and its groups of rows (declared or inferred)."""
    table, data = placed.table, placed.data
    found: dict[str, tuple[str, list[list[int]]]] = {}
    declared = dict(table.shares)
    for share, sources in table.derived_columns.items():
        if share in declared or share not in data.columns:
            continue
        if len(sources) == 1 and sources[0] in placed.columns:
            inferred = _inferred_grouping(data, share, label_columns(table), table)
            if inferred is not None:
                declared[share] = inferred
    for share, by in declared.items():
        if share not in data.columns:
            continue
        source = _share_source(table, share, placed.columns)
        if source is None:
            continue
        shown = pd.to_numeric(data[share], errors="coerce").notna()
        rows = [i for i in range(len(data)) if shown.iloc[i]]
        keyed = data.iloc[rows]
        groups = (
            [
                list(ix)
                for ix in keyed.groupby(
                    [keyed[k].map(label) for k in by], sort=False
                ).indices.values()
            ]
            if by
            else [list(range(len(keyed)))]
        )
        sums = _row_totals(placed, source)
        counts = counts_of(data, [source])
        found[share] = (
            source,
            [_without_totals([rows[i] for i in g], sums, counts) for g in groups],
        )
    return found


def _row_totals(placed: Placed, column: str) -> dict[int, set[int]]:
    """Each total row of ``column`` and the rows it adds up (the table's own equations)."""
    table = placed.table
    if not table.total_rows:
        return {}
    width, j = len(placed.columns), placed.columns.index(column)
    sums: dict[int, set[int]] = {}
    for eq in table_equations(
        placed.data,
        count_columns=tuple(placed.columns),
        total_rows=table.total_rows,
        derived_columns=_built_columns(table),
    ):
        if eq.total % width == j:
            sums[eq.total // width] = {m // width for m in eq.members}
    return sums


def _without_totals(
    group: list[int], sums: dict[int, set[int]], counts: np.ndarray
) -> list[int]:
    """A share's group without its own total row.

    A group's total row (its share 100%: it adds up the group's other rows,
    directly or through other totals) is not a part of it; a total row whose
    parts lie elsewhere (the ``all`` hospitals' rows of a year, shared among
    themselves) is a part like any other.
    """
    inside = set(group)
    whole = int(counts[group].sum())
    return [
        i
        for i in group
        if not (i in sums and (sums[i] <= inside or 2 * int(counts[i]) == whole))
    ]


def _share_source(table: Table, share: str, columns: list[str]) -> str | None:
    sources = [s for s in table.derived_columns.get(share, ()) if s in columns]
    if sources:
        return sources[0]
    return columns[0] if len(columns) == 1 else None


def _inferred_grouping(
    data: pd.DataFrame, share: str, keys: list[str], table: Table
) -> tuple[str, ...] | None:
    """Label columns grouping the rows into sets whose shares add up to 100 (undeclared shares)."""
    totals = set(table.total_rows)
    rows = [i for i in range(len(data)) if i not in totals]
    pct = pd.to_numeric(data[share], errors="coerce").to_numpy()
    if not rows or np.isnan(pct[rows]).all():
        return None
    labels = {k: data[k].map(label).to_numpy() for k in keys}
    for by in [[k for k in keys if k != drop] for drop in keys] + [[]]:
        sums: dict[tuple[str, ...], list[float]] = {}
        for i in rows:
            if not np.isnan(pct[i]):
                sums.setdefault(tuple(labels[k][i] for k in by), []).append(pct[i])
        if sums and all(
            abs(sum(v) - 100) <= 0.05 * len(v) + 0.11 for v in sums.values()
        ):
            return tuple(by)
    return None


def public_frame(
    table: Table,
    mask: np.ndarray,
    *,
    symbol: str,
    withheld_shares: Sequence[tuple[str, tuple[int, ...]]] = (),
) -> pd.DataFrame:
    """``table``'s data with withheld counts, and everything built on them, as ``symbol``."""
    frame = table.data.reset_index(drop=True)
    columns = count_columns(table)
    out = frame.astype({c: object for c in frame.columns})
    if not columns:
        return frame
    for j, col in enumerate(columns):
        out.loc[mask[:, j], col] = symbol
    for col, sources in table.derived_columns.items():
        src = [columns.index(s) for s in sources if s in columns]
        if col in out.columns and src:
            out.loc[mask[:, src].any(axis=1), col] = symbol
    for col, by in table.derived_within.items():
        if col not in out.columns:
            continue
        src = [
            columns.index(s)
            for s in table.derived_columns.get(col, columns)
            if s in columns
        ]
        touched = pd.Series(mask[:, src].any(axis=1), index=frame.index)
        out.loc[within(touched, frame, by), col] = symbol
    for col, rows in withheld_shares:
        if col in out.columns:
            out.loc[list(rows), col] = symbol
    for col in frame.columns:
        if not (out[col] == symbol).any():
            out[col] = frame[col]
    return out


def within(flags: pd.Series, frame: pd.DataFrame, by: tuple[str, ...]) -> np.ndarray:
    """Rows of ``frame`` sharing the labels ``by`` with a flagged row (all rows if ``by`` is empty).

    Examples
    --------
    >>> f = pd.DataFrame({"year": ["a", "a", "b"]})
    >>> within(pd.Series([True, False, False]), f, ("year",)).tolist()
    [True, True, False]
    """
    if not by:
        return np.full(len(frame), bool(flags.any()))
    keys = [frame[k].map(label) for k in by]
    return np.asarray(flags.groupby(keys).transform("any"), dtype=bool)


def suppress_frame(
    data: pd.DataFrame,
    /,
    *,
    count_columns: tuple[str, ...],
    threshold: int,
    symbol: str = "[c]",
    total_rows: tuple[int, ...] = (),
    total_columns: dict[str, tuple[str, ...]] | None = None,
    derived_columns: dict[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """One table on its own, protected (a publication of one table).

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["a", "b", "c", "total"], "n": [3, 10, 7, 20]})
    >>> suppress_frame(df, count_columns=("n",), threshold=4, total_rows=(3,))["n"].tolist()
    ['[c]', 10, '[c]', 20]
    """
    from svsna.results import Table

    table = Table(
        "table", "",
        data.reset_index(drop=True),
        count_columns=count_columns,
        total_rows=total_rows,
        total_columns=total_columns or {},
        derived_columns=derived_columns or {},
    )
    pub = Publication.of([table])
    hidden = pub.protect(threshold=threshold)
    return public_frame(
        table,
        pub.table_mask("table", hidden),
        symbol=symbol,
        withheld_shares=pub.stated_hidden("table", hidden),
    )


__all__ = [
    "Publication",
    "label",
    "primary",
    "public_frame",
    "suppress_frame",
    "table_equations",
]
