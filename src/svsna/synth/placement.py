"""Where each copy of the county lies in a national synthetic area.

``svsna synth --scale 45`` stands for England and Wales: area 1 is the real
Derby and Derbyshire and areas 2-45 are copies of it, each shrunk to 65 % of
its width (42 % of its area, about the size of a metropolitan force), turned
and placed on land in England and Wales so that no two areas overlap and every
point lies at least 1 km inside the coast. Shrinking is what lets 45 copies
fit: 45 full-size Derbyshires would cover 78 % of England and Wales, more than
any packing of one irregular shape can reach.

The places are found once, by :mod:`svsna.synth.derive_placement`, and
shipped in ``geography/placements.csv`` beside the coarse land mask they were
checked against (``geography/land.csv``; sources in ``geography/SOURCES.md``).
Areas beyond the 45th reuse the places in turn, so they overlap earlier areas
but still lie on land.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely

from svsna.synth.extract import read_extract

#: The point of the real county that a placement moves to ``(x, y)``.
PIVOT = (427_000.0, 358_000.0)


@dataclass(frozen=True)
class Placement:
    """A copy's similarity transform: scale, turn, optional mirror, then move.

    A point ``p`` of the real county goes to ``A (p - PIVOT) + (x, y)``, with
    ``A`` the scaled rotation (mirrored left-right first when ``mirror``), and
    is rounded to the metre like every shipped coordinate.
    """

    scale: float
    rotation: float  # degrees, anticlockwise
    mirror: bool
    x: float
    y: float

    def matrix(self) -> np.ndarray:
        """The 2 x 2 linear part ``A``."""
        theta = np.deg2rad(self.rotation)
        cos, sin = np.cos(theta), np.sin(theta)
        turn = np.array([[cos, -sin], [sin, cos]]) * self.scale
        return turn @ np.diag([-1.0, 1.0]) if self.mirror else turn

    def apply(self, xy: np.ndarray) -> np.ndarray:
        """Points (n x 2, BNG metres) of the real county moved to this copy.

        2 km east of the pivot, halved and turned a quarter anticlockwise:

        >>> Placement(0.5, 90, False, 0, 0).apply(np.array([[429_000.0, 358_000.0]])).tolist()
        [[0.0, 1000.0]]
        """
        moved = (np.asarray(xy, dtype=float) - PIVOT) @ self.matrix().T
        return np.round(moved + [self.x, self.y]) + 0.0  # + 0.0: no negative zeros

    def apply_xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`apply` for separate coordinate arrays."""
        moved = self.apply(np.column_stack([x, y]))
        return moved[:, 0], moved[:, 1]


IDENTITY = Placement(1.0, 0.0, False, *PIVOT)


@cache
def placements() -> tuple[Placement, ...]:
    """The shipped places of areas 1-45, in order (area 1: the real county)."""
    rows = read_extract("placements")
    return tuple(
        Placement(float(scale), float(turn), bool(mirror), float(x), float(y))
        for scale, turn, mirror, x, y in zip(
            rows["scale"],
            rows["rotation"],
            rows["mirror"],
            rows["x"],
            rows["y"],
            strict=True,
        )
    )


def placement(index: int) -> Placement:
    """The place of area ``index`` (0-based); the 46th reuses the first, and so on."""
    table = placements()
    return table[index % len(table)]


@cache
def land_mask() -> shapely.Geometry:
    """England and Wales as one coarse (multi)polygon in BNG metres."""
    return shapely.union_all(
        shapely.from_wkt(read_extract("land")["geometry_wkt"].to_numpy())
    )
