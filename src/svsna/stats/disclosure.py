"""Statistical disclosure control: which counts to withhold, and the attack that checks it.

The public edition must not let a reader work out how many people (or
occurrences) lie behind a small count. Primary suppression hides every count
from 1 to the threshold; secondary (complementary) suppression then hides
further cells so that no hidden value can be recovered from the published ones
:cite:`hundepool2012statistical` (chapter 4; the GSS convention
:cite:`gss2021disclosure` marks such cells ``[c]``).

A publication is described by its *cells* (integer counts, numbered across
every table) and its *equations*: each says that one cell (a total) equals the
sum of others (its members), within a table or across tables. The check is the
interval attack of tau-ARGUS's audit: for every hidden cell, the least and the
greatest value it can take given every published cell, every equation, and
what a reader knows of hidden cells (at least 1, since zeros are never hidden;
at most the threshold where a sentence says "fewer than"), by linear
programming (HiGHS). A hidden cell is *exposed* when that interval holds a
single whole number. :func:`suppress` adds cells, smallest first, until no
hidden cell is exposed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

#: Tolerance of the linear programmes (their answers are floats).
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Equation:
    """``total`` equals the sum of ``members`` (indices into the cell list)."""

    total: int
    members: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        """The total and its members."""
        return (self.total, *self.members)

    def holds(self, values: np.ndarray) -> bool:
        """Whether ``values`` satisfy the equation."""
        return int(values[self.total]) == int(values[list(self.members)].sum())


def primary(values: np.ndarray, /, *, threshold: int) -> np.ndarray:
    """Cells to hide because they count 1 to ``threshold`` people or events.

    Examples
    --------
    >>> primary(np.array([0, 1, 4, 5]), threshold=4).tolist()
    [False, True, True, False]
    """
    return (values >= 1) & (values <= threshold)


@dataclass
class _Component:
    """Hidden cells tied together by equations, with those equations."""

    cells: list[int]
    equations: list[Equation] = field(default_factory=list)


def _components(hidden: np.ndarray, equations: list[Equation]) -> list[_Component]:
    """Groups of hidden cells that share an equation (directly or through others)."""
    parent = {int(c): int(c) for c in np.flatnonzero(hidden)}

    def root(cell: int) -> int:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    touching = []
    for eq in equations:
        inside = [c for c in eq.cells if hidden[c]]
        if not inside:
            continue
        touching.append((eq, inside[0]))
        for c in inside[1:]:
            parent[root(c)] = root(inside[0])
    groups: dict[int, _Component] = {}
    for cell in parent:
        groups.setdefault(root(cell), _Component([])).cells.append(cell)
    for eq, first in touching:
        groups[root(first)].equations.append(eq)
    return list(groups.values())


def _system(
    component: _Component, values: np.ndarray, hidden: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The component's equations over its hidden cells: ``A x = b``."""
    position = {c: i for i, c in enumerate(component.cells)}
    a = np.zeros((len(component.equations), len(component.cells)))
    b = np.zeros(len(component.equations))
    for row, eq in enumerate(component.equations):
        for cell, sign in ((eq.total, -1.0), *((m, 1.0) for m in eq.members)):
            if hidden[cell]:
                a[row, position[cell]] += sign
            else:
                b[row] -= sign * float(values[cell])
    return a, b


def _fixed_by_equations(a: np.ndarray) -> np.ndarray:
    """Which unknowns of ``a x = b`` every solution agrees on (the null space misses them)."""
    if not a.size:
        return np.zeros(a.shape[1], dtype=bool)
    _, singular, vt = np.linalg.svd(a)
    rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0)))))
    return np.all(np.abs(vt[rank:]) < 1e-9, axis=0)


def _single_integer(low: float, high: float) -> bool:
    """Whether ``[low, high]`` holds one whole number only."""
    return np.floor(high + TOLERANCE) - np.ceil(low - TOLERANCE) < 1


def _component_intervals(
    component: _Component,
    values: np.ndarray,
    hidden: np.ndarray,
    upper: np.ndarray,
    *,
    stop_at_first: bool,
) -> dict[int, tuple[float, float]]:
    """Least and greatest value of each hidden cell of ``component`` (LP)."""
    cells = component.cells
    bounds = [(1.0, float(upper[c]) if np.isfinite(upper[c]) else None) for c in cells]
    if not component.equations:
        return {c: (1.0, float(upper[c])) for c in cells}
    a, b = _system(component, values, hidden)
    found: dict[int, tuple[float, float]] = {}
    fixed = _fixed_by_equations(a)
    for position in np.flatnonzero(fixed):
        value = float(values[cells[position]])
        found[cells[position]] = (value, value)
    if stop_at_first and found:
        return found
    for i, cell in enumerate(cells):
        if fixed[i]:
            continue
        target = np.zeros(len(cells))
        target[i] = 1.0
        low = linprog(target, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        high = linprog(-target, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        lowest = float(low.fun) if low.status == 0 else float(values[cell])
        highest = -float(high.fun) if high.status == 0 else np.inf
        found[cell] = (lowest, highest)
        if stop_at_first and _single_integer(lowest, highest):
            return found
    return found


def intervals(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: list[Equation],
    /,
    *,
    upper: np.ndarray | None = None,
) -> dict[int, tuple[float, float]]:
    """The interval attack: what a reader can say of each hidden cell.

    A hidden cell is at least 1 (zeros are shown) and at most ``upper`` (the
    threshold, where a sentence says "fewer than"; infinite elsewhere); every
    equation holds. Returns, for each hidden cell, the least and greatest
    value it can take.

    Examples
    --------
    >>> eq = [Equation(0, (1, 2, 3))]
    >>> intervals(np.array([20, 3, 10, 7]), np.array([False, True, False, True]), eq)
    {1: (1.0, 9.0), 3: (1.0, 9.0)}
    """
    limits = _upper(values, upper)
    found: dict[int, tuple[float, float]] = {}
    for component in _components(hidden, equations):
        found.update(
            _component_intervals(component, values, hidden, limits, stop_at_first=False)
        )
    return dict(sorted(found.items()))


def _upper(values: np.ndarray, upper: np.ndarray | None) -> np.ndarray:
    return np.full(values.size, np.inf) if upper is None else upper.astype(float)


def recoverable(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: list[Equation],
    /,
    *,
    upper: np.ndarray | None = None,
) -> list[int]:
    """Hidden cells whose exact value a reader can work out (see :func:`intervals`).

    Examples
    --------
    >>> eq = [Equation(0, (1, 2, 3))]
    >>> v = np.array([20, 3, 10, 7])
    >>> recoverable(v, np.array([False, True, False, False]), eq)
    [1]
    >>> recoverable(v, np.array([False, True, False, True]), eq)
    []
    >>> recoverable(np.array([12, 1, 1, 10]), np.array([False, True, True, False]), eq)
    [1, 2]
    """
    return [
        cell
        for cell, (low, high) in intervals(
            values, hidden, equations, upper=upper
        ).items()
        if _single_integer(low, high)
    ]


def _first_exposed(
    values: np.ndarray,
    hidden: np.ndarray,
    components: list[_Component],
    upper: np.ndarray,
    safe: set[frozenset[int]],
) -> tuple[int, _Component] | None:
    """One exposed cell and its component; components found safe are remembered."""
    for component in components:
        key = frozenset(component.cells)
        if key in safe:
            continue
        found = _component_intervals(
            component, values, hidden, upper, stop_at_first=True
        )
        for cell, (low, high) in found.items():
            if _single_integer(low, high):
                return cell, component
        safe.add(key)
    return None


def suppress(
    values: np.ndarray,
    equations: list[Equation],
    /,
    *,
    threshold: int,
    locked: np.ndarray | None = None,
    upper: np.ndarray | None = None,
    hidden: np.ndarray | None = None,
) -> np.ndarray:
    """Cells to hide: the primaries plus enough others that none is exposed.

    Secondary cells are chosen within the equations of an exposed cell, members
    before totals and the smallest non-zero first (least information lost);
    zeros are never hidden (beside a total they would protect nothing, a count
    not being negative). The result is checked with the interval attack after
    every addition, until it is safe.

    Parameters
    ----------
    values : numpy.ndarray
        Every count cell of the publication, flattened (integers, zero or more).
    equations : list of Equation
        ``values[total] == sum(values[members])``, within and across tables.
    threshold : int
        Counts from 1 to ``threshold`` are hidden.
    locked : numpy.ndarray, optional
        Cells a reader knows anyway (a group total implied by printed shares, a
        number stated in a sentence); hidden only when nothing else will do.
    upper : numpy.ndarray, optional
        What a reader knows of a hidden cell's largest value (see :func:`intervals`).
    hidden : numpy.ndarray, optional
        Cells hidden from the start (default: the primaries).

    Returns
    -------
    numpy.ndarray
        A boolean mask over ``values``: True where the cell is withheld.

    Examples
    --------
    One row and its total: hiding the 3 alone would let the total give it away,
    so the next smallest cell (7) is hidden too.

    >>> eq = [Equation(0, (1, 2, 3))]
    >>> suppress(np.array([20, 3, 10, 7]), eq, threshold=4).tolist()
    [False, True, False, True]
    """
    values = np.asarray(values, dtype=np.int64)
    hidden = primary(values, threshold=threshold) if hidden is None else hidden.copy()
    locked = np.zeros(values.size, dtype=bool) if locked is None else locked
    limits = _upper(values, upper)
    safe: set[frozenset[int]] = set()
    for _ in range(values.size + 1):
        components = _components(hidden, equations)
        found = _first_exposed(values, hidden, components, limits, safe)
        if found is None:
            return hidden
        cell = _secondary(values, hidden, locked, equations, *found)
        if cell is None:
            return hidden
        hidden[cell] = True
    return hidden


def _secondary(
    values: np.ndarray,
    hidden: np.ndarray,
    locked: np.ndarray,
    equations: list[Equation],
    target: int,
    component: _Component,
) -> int | None:
    """The cell to hide next to protect ``target``: near it, cheap, never a zero."""
    near = [eq for eq in equations if target in eq.cells]
    totals = {eq.total for eq in equations}
    for pool in (near, component.equations):
        for allow_locked in (False, True):
            candidates = {
                c
                for eq in pool
                for c in eq.cells
                if not hidden[c] and values[c] != 0 and (allow_locked or not locked[c])
            }
            if candidates:
                return min(
                    candidates,
                    key=lambda c: (bool(locked[c]), c in totals, int(values[c]), c),
                )
    return None
