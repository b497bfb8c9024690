"""An outsider's attack on a public edition, with the restricted edition as the key.

The outsider knows only what the public folder holds and what its tables
mean: a ``total`` row adds up its group, districts add up to the area, months
to the year, a percentage beside a count is a share of its group, a rate per
1,000 times the population is a count. Every such relation is written here by
hand, from the tables' meaning, not from the declarations the product makes,
and solved by linear programming: for every withheld count, the least and the
greatest value it can take. A count whose range holds one whole number only is
recovered. The restricted edition of the same data is used only to say which
value is true (and to check that every relation written here holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.optimize import linprog

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

C = "[c]"
#: Columns built from counts: a [c] there is not a count to recover.
BUILT = re.compile(
    r"^(pct.*|.*_pct|per_1000|lower.*|upper.*|ratio|trend|average|avg_per_month|"
    r"cost|unit_cost|gi_z|p_value|gi_bin|change_from_first|pct_change_from_first|"
    r"pct_points_from_first|share.*|.*_rank|score|rank|population)$"
)
#: Labels that name a total of the rows beside it.
TOTAL_LABELS = {"total", "all", "all years", "all districts"}

Cell = tuple[str, int, str]


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every ``tables/<id>.csv`` of a build folder, as text."""
    return {
        path.stem: read_table(path)
        for path in sorted((folder / "tables").glob("*.csv"))
    }


def read_table(path: Path) -> pd.DataFrame:
    """One table as text (a restricted edition's file starts with a RESTRICTED line)."""
    with path.open(encoding="utf-8") as lines:
        marked = lines.readline().startswith("# RESTRICTED")
    return pd.read_csv(path, dtype=str, keep_default_na=False, skiprows=int(marked))


def number(text: str) -> float | None:
    """A printed cell as a number (None for ``[c]``, blanks and labels).

    The pages print a true minus sign (U+2212) where the CSV has a hyphen.
    """
    try:
        return float(text.replace(",", "").replace("\u2212", "-"))
    except (ValueError, AttributeError):
        return None


@dataclass
class Attack:
    """The outsider's unknowns (every [c], and totals printed nowhere) and relations."""

    public: dict[str, pd.DataFrame]
    key: dict[str, pd.DataFrame]
    unknowns: dict[Cell, int] = field(default_factory=dict)
    equal: list[tuple[dict[int, float], float]] = field(default_factory=list)
    below: list[tuple[dict[int, float], float]] = field(default_factory=list)
    truth: dict[int, float] = field(default_factory=dict)

    def var(self, cell: Cell, true_value: float) -> int:
        """The unknown for ``cell`` (made on first use)."""
        if cell not in self.unknowns:
            self.unknowns[cell] = len(self.unknowns)
            self.truth[self.unknowns[cell]] = true_value
        return self.unknowns[cell]

    def term(self, table: str, row: int, column: str) -> tuple[int | None, float]:
        """A published number (None, value) or a withheld one (unknown, 0)."""
        text = self.public[table][column].iloc[row]
        if text == C:
            true_value = number(self.key[table][column].iloc[row]) or 0.0
            return self.var((table, row, column), true_value), 0.0
        value = number(text)
        assert value is not None, (table, row, column, text)
        return None, value

    def relation(
        self,
        terms: Iterable[tuple[Cell | tuple[str, str], float]],
        *,
        at_most: bool = False,
    ) -> None:
        """``sum(coef × cell) == 0`` (or ``<= 0``); an ``("unprinted", name)`` is unknown."""
        coefs: dict[int, float] = {}
        constant = true_sum = 0.0
        unprinted = []
        for cell, coef in terms:
            if cell[0] == "unprinted":
                unprinted.append(((cell[0], -1, str(cell[1])), coef))
                continue
            k, value = self.term(*cell)  # type: ignore[arg-type]
            true_sum += coef * (number(self.key[cell[0]][cell[2]].iloc[cell[1]]) or 0.0)  # type: ignore[misc]
            if k is None:
                constant += coef * value
            else:
                coefs[k] = coefs.get(k, 0.0) + coef
        for cell, coef in unprinted:
            k = self.var(cell, -true_sum / coef)
            coefs[k] = coefs.get(k, 0.0) + coef
        if coefs:
            (self.below if at_most else self.equal).append((coefs, -constant))

    def holds(self, terms: Iterable[tuple[Cell, float]]) -> bool:
        """Whether ``sum(coef × cell) == 0`` for the true values.

        For relations an outsider assumes from what a table usually means (a
        person has one sex in a year): where the assumption is wrong it pins
        no true value, so the attack writes it only where it is right.
        """
        return (
            abs(
                sum(
                    c * (number(self.key[t][col].iloc[r]) or 0.0)
                    for (t, r, col), c in terms
                )
            )
            < 1e-9
        )

    def targets(self) -> list[Cell]:
        """Withheld counts (not built columns, not unprinted totals) to recover."""
        return [
            cell
            for cell in self.unknowns
            if cell[0] != "unprinted" and not BUILT.match(cell[2])
        ]

    def recovered(self) -> list[tuple[Cell, float, float, float]]:
        """Withheld counts pinned to one whole number: (cell, least, greatest, truth)."""
        self._check_true_values_fit()
        found = []
        for component in self._components():
            found += self._solve(component)
        return found

    def _check_true_values_fit(self) -> None:
        """Every relation written here holds for the true values (else it is wrong)."""
        truth = self._truth_vector()
        cells = {k: cell for cell, k in self.unknowns.items()}
        for rows, exact in ((self.equal, True), (self.below, False)):
            for coefs, rhs in rows:
                total = sum(c * truth[k] for k, c in coefs.items())
                holds = abs(total - rhs) < 1e-6 if exact else total <= rhs + 1e-6
                assert holds, (
                    "a relation written here does not hold",
                    total,
                    rhs,
                    [cells[k] for k in coefs][:5],
                )

    def _truth_vector(self) -> np.ndarray:
        truth = np.zeros(len(self.unknowns))
        for k, value in self.truth.items():
            truth[k] = value
        return truth

    def _components(self) -> list[list[int]]:
        parent = list(range(len(self.unknowns)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for coefs, _ in (*self.equal, *self.below):
            keys = list(coefs)
            for k in keys[1:]:
                parent[root(k)] = root(keys[0])
        groups: dict[int, list[int]] = {}
        for k in range(len(self.unknowns)):
            groups.setdefault(root(k), []).append(k)
        return list(groups.values())

    def _solve(self, component: list[int]) -> list[tuple[Cell, float, float, float]]:
        position = {k: i for i, k in enumerate(component)}
        cells = {k: cell for cell, k in self.unknowns.items()}

        def matrix(rows: Sequence[tuple[dict[int, float], float]]) -> tuple:
            picked = [(c, r) for c, r in rows if set(c) <= set(position)]
            if not picked:
                return None, None
            a = np.zeros((len(picked), len(component)))
            for i, (coefs, _) in enumerate(picked):
                for k, c in coefs.items():
                    a[i, position[k]] = c
            return a, np.array([r for _, r in picked])

        a_eq, b_eq = matrix(self.equal)
        a_ub, b_ub = matrix(self.below)
        if a_eq is None and a_ub is None:
            return []
        bounds = [(0.0 if cells[k][0] == "unprinted" else 1.0, None) for k in component]
        found = []
        for k in component:
            cell = cells[k]
            if cell[0] == "unprinted" or BUILT.match(cell[2]):
                continue
            target = np.zeros(len(component))
            target[position[k]] = 1.0
            ends = []
            for sign in (1.0, -1.0):
                result = linprog(
                    sign * target,
                    A_eq=a_eq,
                    b_eq=b_eq,
                    A_ub=a_ub,
                    b_ub=b_ub,
                    bounds=bounds,
                    method="highs",
                )
                assert result.status in (0, 3), (cell, result.message)
                ends.append(np.inf if result.status == 3 else sign * result.fun)
            low, high = ends
            if np.floor(high + 1e-6) - np.ceil(low - 1e-6) < 1:
                found.append((cell, low, high, self.truth[k]))
        return found


def rows(frame: pd.DataFrame, **where: str | Sequence[str]) -> list[int]:
    """Positions of the rows holding every label of ``where`` (any of a list's)."""
    keep = np.ones(len(frame), dtype=bool)
    for column, wanted in where.items():
        options = [wanted] if isinstance(wanted, str) else list(wanted)
        keep &= frame[column].isin(options).to_numpy()
    return [int(i) for i in np.flatnonzero(keep)]
