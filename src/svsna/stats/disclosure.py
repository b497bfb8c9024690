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
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components
from threadpoolctl import threadpool_limits

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


@dataclass(frozen=True)
class Bounds:
    """What a reader knows of each cell's value when it is hidden: ``lower`` to ``upper``.

    A withheld count is at least 1 (zeros are shown) and has no upper bound
    unless a sentence says it is "fewer than" something.
    """

    lower: np.ndarray
    upper: np.ndarray

    @classmethod
    def of(cls, size: int, *, upper: np.ndarray | None = None) -> Bounds:
        """Every cell at least 1; at most ``upper`` (default: no limit)."""
        high = np.full(size, np.inf) if upper is None else upper.astype(float)
        return cls(np.ones(size), high)


@dataclass
class _Component:
    """Hidden cells tied together by equations, with those equations."""

    cells: list[int]
    equations: list[Equation] = field(default_factory=list)


def incidence(equations: list[Equation], size: int) -> sparse.csr_matrix:
    """Which cells each equation holds, as a sparse equations × cells matrix."""
    rows = [k for k, eq in enumerate(equations) for _ in eq.cells]
    cols = [c for eq in equations for c in eq.cells]
    return sparse.csr_matrix(
        (np.ones(len(cols)), (rows, cols)), shape=(len(equations), size)
    )


def _components(
    hidden: np.ndarray,
    equations: list[Equation],
    tied: sparse.csr_matrix | None = None,
) -> list[_Component]:
    """Groups of hidden cells that share an equation (directly or through others).

    A graph of equations and hidden cells, joined where an equation holds a
    cell; its connected components (scipy, in C) are the groups. ``tied`` is
    :func:`incidence` of ``equations``, made once by a caller that asks often.
    """
    cells = np.flatnonzero(hidden)
    if not len(cells):
        return []
    tied = incidence(equations, hidden.size) if tied is None else tied
    sub = tied[:, cells]
    n_eq = sub.shape[0]
    graph = sparse.bmat([[None, sub], [sub.T, None]], format="csr")
    _, group = connected_components(graph, directed=False)
    of_cell = group[n_eq:]
    # Components in the order of their first cell, cells and equations in order.
    by_group = np.argsort(of_cell, kind="stable")
    labels, starts = np.unique(of_cell[by_group], return_index=True)
    members = np.split(cells[by_group], starts[1:])
    groups = {
        int(g): _Component(m.tolist())
        for g, m in sorted(zip(labels, members, strict=True), key=lambda p: p[1][0])
    }
    for k in np.flatnonzero(np.diff(sub.indptr) > 0):
        groups[int(group[k])].equations.append(equations[k])
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


def _row_space(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``a = u @ diag(s) @ vt`` cut to its rank (an orthonormal basis of its rows in ``vt``)."""
    u, singular, vt = np.linalg.svd(a, full_matrices=False)
    rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0)))))
    return u[:, :rank], singular[:rank], vt[:rank]


def _fixed_by_equations(a: np.ndarray) -> np.ndarray:
    """Which unknowns of ``a x = b`` every solution agrees on.

    An unknown is fixed when its unit vector lies in the row space of ``a``,
    i.e. when its projection on that space keeps all its length.
    """
    if not a.size:
        return np.zeros(a.shape[1], dtype=bool)
    _, _, vt = _row_space(a)
    return np.sum(vt**2, axis=0) > 1 - 1e-9


def _certificate(a: np.ndarray, unknown: int) -> np.ndarray:
    """Weights of the equations that add up to pin ``unknown`` (least-norm: ``a.T y = e``)."""
    u, singular, vt = _row_space(a)
    return u @ (vt[:, unknown] / singular)


def _single_integer(low: float, high: float) -> bool:
    """Whether ``[low, high]`` holds one whole number only."""
    return np.floor(high + TOLERANCE) - np.ceil(low - TOLERANCE) < 1


def _component_intervals(
    component: _Component,
    values: np.ndarray,
    hidden: np.ndarray,
    known: Bounds,
    *,
    watched: np.ndarray | None = None,
    proven: np.ndarray | None = None,
) -> dict[int, tuple[float, float]]:
    """Least and greatest value of each hidden cell of ``component`` (LP).

    With ``watched`` (a search for exposed cells), only those cells are worked
    out, up to the first exposed, and one shown to have room for another
    whole value gets an infinite interval instead of its own. ``proven``
    marks cells already shown to have that room (hiding more cells only
    widens the room, so a caller keeps it across steps); the search adds the
    cells its own solutions show.
    """
    cells = component.cells
    if not component.equations:
        return {c: (float(known.lower[c]), float(known.upper[c])) for c in cells}
    a, b = _system(component, values, hidden)
    found: dict[int, tuple[float, float]] = {}
    fixed = _fixed_by_equations(a)
    for position in np.flatnonzero(fixed):
        value = float(values[cells[position]])
        found[cells[position]] = (value, value)
    if watched is not None and any(watched[c] for c in found):
        return found
    system = _System(a, b, _lp_bounds(known, cells), values[cells].astype(float))
    todo = [
        i
        for i, cell in enumerate(cells)
        if not fixed[i] and (watched is None or watched[cell])
    ]
    if watched is not None:
        system.loose = (
            proven[cells].copy() if proven is not None else np.zeros(len(cells), bool)
        )
        if not system.loose[todo].all():
            system.corners()
    for i in todo:
        if watched is not None and system.loose[i]:
            found[cells[i]] = (-np.inf, np.inf)  # another whole value fits: not pinned
            continue
        found[cells[i]] = system.interval(i, watched=watched is not None)
        if watched is not None and _single_integer(*found[cells[i]]):
            break
    if proven is not None and watched is not None:
        proven[cells] |= system.loose
    return found


def _lp_bounds(known: Bounds, cells: list[int]) -> list[tuple[float, float | None]]:
    """Each cell's bounds as linprog takes them (None: no upper bound)."""
    return [
        (float(known.lower[c]), float(known.upper[c]))
        if np.isfinite(known.upper[c])
        else (float(known.lower[c]), None)
        for c in cells
    ]


@dataclass
class _System:
    """A component's equations over its hidden cells, and the cells shown loose.

    A cell is *loose* when some solution gives it a value at least 1 away from
    its true one: another whole number fits, so it is not pinned. Every
    solution a linear programme returns is checked for such cells.
    """

    a: np.ndarray
    b: np.ndarray
    bounds: list[tuple[float, float | None]]
    truth: np.ndarray
    loose: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def solve(self, objective: np.ndarray) -> tuple[float | None, np.ndarray | None]:
        """The optimum of ``objective`` (None when there is none) and its solution."""
        result = linprog(
            objective, A_eq=self.a, b_eq=self.b, bounds=self.bounds, method="highs"
        )
        if result.status != 0:
            return None, None
        if self.loose.size:
            self.loose |= np.abs(result.x - self.truth) >= 1 - TOLERANCE
        return float(result.fun), result.x

    def corners(self) -> None:
        """A few other solutions (corners of the system) to show loose cells cheaply."""
        rng = np.random.default_rng(0)
        for _ in range(3):
            self.solve(rng.choice([-1.0, 1.0], size=len(self.truth)))

    def interval(self, i: int, *, watched: bool) -> tuple[float, float]:
        """Least and greatest value of unknown ``i`` (a watched search stops early).

        When the least value already leaves room for another whole number, a
        watched search needs no greatest: the interval is left open above.
        """
        target = np.zeros(len(self.truth))
        target[i] = 1.0
        low, _ = self.solve(target)
        lowest = low if low is not None else float(self.truth[i])
        if watched and self.loose[i]:
            return lowest, np.inf
        high, _ = self.solve(-target)
        return lowest, -high if high is not None else np.inf


def intervals(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: list[Equation],
    /,
    *,
    bounds: Bounds | None = None,
) -> dict[int, tuple[float, float]]:
    """The interval attack: what a reader can say of each hidden cell.

    A hidden cell lies within ``bounds`` (default: at least 1, since zeros are
    shown; at most the threshold where a sentence says "fewer than"); every
    equation holds. Returns, for each hidden cell, the least and greatest
    value it can take.

    Examples
    --------
    >>> eq = [Equation(0, (1, 2, 3))]
    >>> intervals(np.array([20, 3, 10, 7]), np.array([False, True, False, True]), eq)
    {1: (1.0, 9.0), 3: (1.0, 9.0)}
    """
    known = bounds or Bounds.of(values.size)
    found: dict[int, tuple[float, float]] = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for component in _components(hidden, equations):
            found.update(_component_intervals(component, values, hidden, known))
    return dict(sorted(found.items()))


def recoverable(
    values: np.ndarray,
    hidden: np.ndarray,
    equations: list[Equation],
    /,
    *,
    bounds: Bounds | None = None,
    free: np.ndarray | None = None,
) -> list[int]:
    """Hidden cells whose exact value a reader can work out (see :func:`intervals`).

    ``free`` cells (totals printed nowhere) may be worked out: they are left out.

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
            values, hidden, equations, bounds=bounds
        ).items()
        if _single_integer(low, high) and (free is None or not free[cell])
    ]


def _first_exposed(
    values: np.ndarray,
    hidden: np.ndarray,
    components: list[_Component],
    known: Bounds,
    free: np.ndarray,
    safe: set[frozenset[int]],
    proven: np.ndarray | None = None,
) -> tuple[int, _Component] | None:
    """One exposed cell and its component; components found safe are remembered.

    ``proven`` marks cells already shown loose (see :func:`_component_intervals`).
    """
    for component in components:
        key = frozenset(component.cells)
        if key in safe or all(free[c] for c in component.cells):
            continue
        found = _component_intervals(
            component, values, hidden, known, watched=~free, proven=proven
        )
        for cell, (low, high) in found.items():
            if not free[cell] and _single_integer(low, high):
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
    bounds: Bounds | None = None,
    free: np.ndarray | None = None,
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
    bounds : Bounds, optional
        What a reader knows of a hidden cell's value (see :func:`intervals`).
    free : numpy.ndarray, optional
        Totals printed nowhere that tie tables together (two tables adding up
        to the same unpublished number): always hidden, never protected.

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
    free = np.zeros(values.size, dtype=bool) if free is None else free
    known = bounds or Bounds.of(values.size)
    solver = _Solver(
        values,
        equations,
        hidden=primary(values, threshold=threshold) | free,
        locked=(np.zeros(values.size, dtype=bool) if locked is None else locked) | free,
        known=Bounds(np.where(free, 0.0, known.lower), known.upper),
        free=free,
    )
    # The solver's matrices are small and many: BLAS threads only contend
    # (on a shared two-core machine, tenfold slower than one thread).
    with threadpool_limits(limits=1, user_api="blas"):
        return solver.solve()


@dataclass
class _Solver:
    """Greedy secondary suppression, checked by the interval attack after each step."""

    values: np.ndarray
    equations: list[Equation]
    hidden: np.ndarray
    locked: np.ndarray
    known: Bounds
    free: np.ndarray
    #: How many cells a choice tries before taking the cheapest anyway.
    tries: int = 12

    def __post_init__(self) -> None:
        self.totals = {eq.total for eq in self.equations}
        self.tied = incidence(self.equations, self.values.size)
        self.through: dict[int, list[Equation]] = {}
        for eq in self.equations:
            for c in eq.cells:
                self.through.setdefault(c, []).append(eq)

    def solve(self) -> np.ndarray:
        """Hide cells until no hidden cell is exposed; the final mask.

        A cell shown loose stays loose as more cells are hidden (a solution
        before, with the newly hidden cell at its true value, is one after),
        so what was shown is kept, unless a newly hidden cell's true value lies
        outside what a reader is told of it.
        """
        safe: set[frozenset[int]] = set()
        proven = np.zeros(self.values.size, dtype=bool)
        for _ in range(self.values.size + 1):
            components = _components(self.hidden, self.equations, self.tied)
            found = _first_exposed(
                self.values,
                self.hidden,
                components,
                self.known,
                self.free,
                safe,
                proven,
            )
            if found is None:
                break
            cell = self.secondary(*found)
            if cell is None:
                break
            self.hidden[cell] = True
            if not self.known.lower[cell] <= self.values[cell] <= self.known.upper[cell]:
                proven[:] = False
        return self.hidden

    def candidates(self, target: int, component: _Component) -> list[int]:
        """Cells that could protect ``target``, the likeliest and cheapest first.

        When equations pin ``target`` on their own, the cells of those
        equations come first (hiding one breaks that way of working it out);
        then the equations through ``target``, those with the fewest hidden
        cells first; then the rest of its component's. Within each, members
        before totals and the smallest first; zeros never (a hidden zero
        protects nothing: counts are not negative).
        """
        near = sorted(
            (eq for eq in component.equations if target in eq.cells),
            key=lambda eq: (sum(bool(self.hidden[c]) for c in eq.cells), len(eq.cells)),
        )
        ordered: list[int] = []
        for allow_locked in (False, True):
            for group in (self.pinning(target, component), near, component.equations):
                cells = {
                    c
                    for eq in group
                    for c in eq.cells
                    if not self.hidden[c]
                    and self.values[c] != 0
                    and (allow_locked or not self.locked[c])
                    and c not in ordered
                }
                ordered += sorted(
                    cells, key=lambda c: (c in self.totals, int(self.values[c]), c)
                )
        return ordered

    def pinning(self, target: int, component: _Component) -> list[Equation]:
        """The equations that together fix ``target`` (none when bounds do it)."""
        a, _ = _system(component, self.values, self.hidden)
        position = component.cells.index(target)
        if not a.size or not _fixed_by_equations(a)[position]:
            return []
        weights = _certificate(a, position)
        return [
            eq
            for eq, w in zip(component.equations, weights, strict=True)
            if abs(w) > 1e-9
        ]

    def secondary(self, target: int, component: _Component) -> int | None:
        """The first candidate whose hiding frees ``target``, else the first one."""
        candidates = self.candidates(target, component)
        for cell in candidates[: self.tries]:
            if not self.still_pinned(target, component, cell):
                return cell
        return candidates[0] if candidates else None

    def still_pinned(self, target: int, component: _Component, cell: int) -> bool:
        """Whether ``target`` stays exposed with ``cell`` hidden too."""
        hidden = self.hidden.copy()
        hidden[cell] = True
        watched = np.zeros(self.values.size, dtype=bool)
        watched[target] = True
        wider = self.joined(component, cell, hidden)
        found = _component_intervals(
            wider, self.values, hidden, self.known, watched=watched
        )
        low, high = found.get(target, (0.0, np.inf))
        return bool(_single_integer(low, high))

    def joined(
        self, component: _Component, cell: int, hidden: np.ndarray
    ) -> _Component:
        """``component`` grown by ``cell`` and every hidden cell it now ties in."""
        cells = set(component.cells)
        equations = {id(eq): eq for eq in component.equations}
        queue = [cell]
        while queue:
            current = queue.pop()
            if current in cells and current != cell:
                continue
            cells.add(current)
            for eq in self.through.get(current, []):
                if id(eq) in equations:
                    continue
                equations[id(eq)] = eq
                queue += [c for c in eq.cells if hidden[c] and c not in cells]
        return _Component(sorted(cells), list(equations.values()))
