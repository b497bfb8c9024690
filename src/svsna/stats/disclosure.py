"""Statistical disclosure control: small counts shown as ``[c]``, safely.

The public edition must not let a reader work out how many people (or
occurrences) lie behind a small count. Primary suppression hides every count
from 1 to the threshold; secondary (complementary) suppression then hides
further cells so that no hidden value can be recovered from the totals of the
same table :cite:`hundepool2012statistical` (chapter 4; the GSS convention
:cite:`gss2021disclosure` marks such cells ``[c]``).

A table is described by its *cells* (integer counts) and its *equations*: each
equation says that one total cell equals the sum of its member cells. A hidden
cell is recoverable when its value is fixed by the equations given the shown
cells, i.e. when its unit vector lies in the row space of the equations
restricted to the hidden cells. It is also recoverable from bounds when every
hidden cell of an equation is a primary (1..threshold) and their known sum is
the smallest or largest the bounds allow. :func:`suppress` adds cells, smallest
first, until neither can happen; :func:`recoverable` is the check itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Equation:
    """``total`` equals the sum of ``members`` (indices into the cell list)."""

    total: int
    members: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        """The total and its members."""
        return (self.total, *self.members)


def primary(values: np.ndarray, /, *, threshold: int) -> np.ndarray:
    """Cells to hide because they count 1 to ``threshold`` people or events.

    Examples
    --------
    >>> primary(np.array([0, 1, 4, 5]), threshold=4).tolist()
    [False, True, True, False]
    """
    return (values >= 1) & (values <= threshold)


def _system(equations: list[Equation], size: int) -> np.ndarray:
    """The equations as a matrix: one row each, ``members - total = 0``."""
    matrix = np.zeros((len(equations), size))
    for row, eq in enumerate(equations):
        matrix[row, eq.total] = -1.0
        for m in eq.members:
            matrix[row, m] += 1.0
    return matrix


def recoverable(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: list[Equation],
    /,
    *,
    threshold: int,
) -> list[int]:
    """Hidden cells whose value a reader can work out from the shown cells.

    A cell is exposed when the equations fix it exactly (linear algebra) or
    when an equation's hidden cells are all primaries whose known sum leaves
    only one possibility (every one 1, or every one ``threshold``).

    Examples
    --------
    >>> eq = [Equation(0, (1, 2, 3))]
    >>> v = np.array([20, 3, 10, 7])
    >>> recoverable(v, np.array([False, True, False, False]), eq, threshold=4)
    [1]
    >>> recoverable(v, np.array([False, True, False, True]), eq, threshold=4)
    []
    """
    idx = np.flatnonzero(hidden)
    if idx.size == 0 or not equations:
        return []
    exposed: set[int] = set()
    sub = _system(equations, values.size)[:, idx]
    sub = sub[np.any(sub != 0, axis=1)]
    if sub.size:
        # x_j is fixed iff every solution of sub @ x = 0 has x_j = 0, i.e. the
        # null space of ``sub`` vanishes on coordinate j.
        _, singular, vt = np.linalg.svd(sub)
        rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0)))))
        null = vt[rank:]
        fixed = np.all(np.abs(null) < 1e-9, axis=0)
        exposed.update(int(c) for c in idx[fixed])
    small = primary(values, threshold=threshold)
    for eq in equations:
        cells = [c for c in eq.cells if hidden[c]]
        if len(cells) < 2 or hidden[eq.total]:
            continue
        if all(small[c] for c in cells):
            total = sum(int(values[c]) for c in cells)
            if total in (len(cells), len(cells) * threshold):
                exposed.update(cells)
    return sorted(exposed)


def suppress(
    values: np.ndarray,
    equations: list[Equation],
    /,
    *,
    threshold: int,
    locked: np.ndarray | None = None,
) -> np.ndarray:
    """Cells to hide: the primaries plus enough others that none is recoverable.

    Secondary cells are chosen within the equations that expose a cell, the
    smallest non-zero member first (least information lost), then the total;
    zeros are never hidden. The result is checked with :func:`recoverable` until it is safe.

    Parameters
    ----------
    values : numpy.ndarray
        Every count cell of the table, flattened (integers, zero or more).
    equations : list of Equation
        The table's totals: ``values[total] == sum(values[members])``.
    threshold : int
        Counts from 1 to ``threshold`` are hidden.
    locked : numpy.ndarray, optional
        Cells that cannot be hidden because the reader knows them anyway (a
        group total implied by the shares printed beside the counts).

    Returns
    -------
    numpy.ndarray
        A boolean mask over ``values``: True where the cell is shown as ``[c]``.

    Examples
    --------
    One row and its total: hiding the 3 alone would let the total give it away,
    so the next smallest cell (7) is hidden too.

    >>> eq = [Equation(0, (1, 2, 3))]
    >>> suppress(np.array([20, 3, 10, 7]), eq, threshold=4).tolist()
    [False, True, False, True]
    """
    values = np.asarray(values, dtype=np.int64)
    hidden = primary(values, threshold=threshold)
    for _ in range(values.size + 1):
        exposed = recoverable(values, hidden, equations, threshold=threshold)
        if not exposed:
            return hidden
        target = exposed[0]
        # Zeros are never hidden: beside a total of zero, a hidden zero is pinned
        # by the fact that counts are not negative, so it would protect nothing.
        nonzero = [
            c
            for c in range(values.size)
            if not hidden[c] and values[c] != 0 and (locked is None or not locked[c])
        ]
        near = {c for eq in equations if target in eq.cells for c in eq.cells}
        touched = {
            c for eq in equations if hidden[list(eq.cells)].any() for c in eq.cells
        }
        candidates = [c for c in nonzero if c in near] or [
            c for c in nonzero if c in touched
        ]
        if not candidates:
            return hidden
        hidden[min(candidates, key=lambda c: _cost(values, c, equations))] = True
    return hidden


def _cost(values: np.ndarray, cell: int, equations: list[Equation]) -> tuple:
    """Order of preference for a secondary cell: members before totals, smallest first."""
    is_total = any(eq.total == cell for eq in equations)
    return (is_total, int(values[cell]), cell)


def table_equations(
    data: pd.DataFrame,
    /,
    *,
    count_columns: tuple[str, ...],
    total_rows: tuple[int, ...] = (),
    total_columns: dict[str, tuple[str, ...]] | None = None,
    derived_columns: dict[str, tuple[str, ...]] | None = None,
) -> list[Equation]:
    """The equations of a long or wide table, over its count cells.

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


def implied_totals(
    data: pd.DataFrame,
    /,
    *,
    count_columns: tuple[str, ...],
    total_rows: tuple[int, ...],
    derived_columns: dict[str, tuple[str, ...]],
) -> list[tuple[int, ...]]:
    """Groups of count cells whose total a reader can work out from printed shares.

    A percentage column built from one count column (``pct`` of ``count``)
    reveals, on any row it is shown, the total it is a share of. The groups
    are found from the data: the rows that share every label but one, where
    the percentages add up to 100 (allowing for rounding). Each group is
    returned as the indices of its count cells (numbered as in
    :func:`table_equations`).

    Examples
    --------
    >>> df = pd.DataFrame({"year": ["a", "a", "b", "b"], "kind": ["x", "y"] * 2,
    ...                    "n": [3, 7, 6, 4], "pct": [30.0, 70.0, 60.0, 40.0]})
    >>> implied_totals(df, count_columns=("n",), total_rows=(),
    ...                derived_columns={"pct": ("n",)})
    [(0, 1), (2, 3)]
    """
    columns = list(count_columns)
    width = len(columns)
    derived = set(derived_columns)
    keys = [c for c in data.columns if c not in columns and c not in derived]
    rows = [i for i in range(len(data)) if i not in set(total_rows)]
    groups: list[tuple[int, ...]] = []
    for share, sources in derived_columns.items():
        if len(sources) != 1 or sources[0] not in columns or share not in data.columns:
            continue
        pct = pd.to_numeric(data[share], errors="coerce")
        if pct.isna().all() or not rows:
            continue
        j = columns.index(sources[0])
        for by in _share_groupings(data.iloc[rows], pct.iloc[rows], keys):
            found = (
                [list(data.index[rows])]
                if not by
                else [
                    list(ix)
                    for ix in data.iloc[rows].groupby(by, sort=False).indices.values()
                ]
            )
            for members in found:
                positions = [rows[k] for k in members] if by else members
                if len(positions) > 1:
                    groups.append(tuple(i * width + j for i in positions))
            break
    return groups


def _share_groupings(
    data: pd.DataFrame, pct: pd.Series, keys: list[str]
) -> list[list[str]]:
    """Label columns grouping the rows into sets whose shares add up to 100."""
    candidates = [[k for k in keys if k != drop] for drop in keys] + [[]]
    found = []
    for by in candidates:
        sums = (
            pct.groupby([data[k].astype(str) for k in by]).agg(["sum", "count"])
            if by
            else (pd.DataFrame({"sum": [pct.sum()], "count": [pct.count()]}))
        )
        tolerance = 0.05 * sums["count"] + 0.11
        if len(sums) and ((sums["sum"] - 100).abs() <= tolerance).all():
            found.append(by)
    return found


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
    """``data`` with small counts, their complements and rates built on them as ``symbol``.

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["a", "b", "c", "total"], "n": [3, 10, 7, 20]})
    >>> suppress_frame(df, count_columns=("n",), threshold=4, total_rows=(3,))["n"].tolist()
    ['[c]', 10, '[c]', 20]
    """
    columns = [c for c in count_columns if c in data.columns]
    frame = data.reset_index(drop=True)
    if not columns or frame.empty:
        return frame
    counts = frame[columns].apply(pd.to_numeric, errors="coerce").fillna(0)
    values = np.rint(counts.to_numpy(dtype=float)).astype(np.int64).ravel()
    equations = table_equations(
        frame,
        count_columns=tuple(columns),
        total_rows=total_rows,
        total_columns=total_columns,
        derived_columns=derived_columns,
    )
    # Shares printed beside shown counts give away their group's total (count ÷
    # share); such totals join the table as cells the reader knows.
    implied = implied_totals(
        frame,
        count_columns=tuple(columns),
        total_rows=total_rows,
        derived_columns=derived_columns or {},
    )
    size = values.size
    extra = [int(values[list(m)].sum()) for m in implied]
    equations += [Equation(size + i, m) for i, m in enumerate(implied)]
    locked = np.zeros(size + len(extra), dtype=bool)
    locked[size:] = True
    hidden = suppress(
        np.concatenate([values, np.array(extra, dtype=np.int64)]),
        equations,
        threshold=threshold,
        locked=locked,
    )[:size].reshape(len(frame), len(columns))
    out = frame.astype({c: object for c in frame.columns})
    for j, col in enumerate(columns):
        out.loc[hidden[:, j], col] = symbol
    for col, sources in (derived_columns or {}).items():
        src = [columns.index(s) for s in sources if s in columns]
        if col in out.columns and src:
            out.loc[hidden[:, src].any(axis=1), col] = symbol
    for col in frame.columns:
        if col not in out.columns or (out[col] == symbol).any():
            continue
        out[col] = frame[col]
    return out
