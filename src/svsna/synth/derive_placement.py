"""Derive the land mask and the 45 places of a national synthetic area.

Run by maintainers only, once (``python -m svsna.synth.derive_placement ENG
WAL``, the England and the Wales European Electoral Region GeoJSON files of
martinjc/UK-GeoJSON named in ``geography/SOURCES.md``). It writes
``geography/land.csv``, England and Wales as one polygon in British National
Grid metres simplified to 500 m (about 120 kB), and ``geography/placements.csv``
(see :mod:`svsna.synth.placement`).

The packing works on a 1 km raster: a cell is free when it lies wholly at
least ``MARGIN_M`` inside the land mask and away from every area placed so
far (the real county first). Each copy is the county shrunk to ``SCALE``, in
one of 12 turns, mirrored or not; the copy goes where it fits and touches the
most blocked cells around it (so copies pack against the coast and each other
and leave few gaps), found for every turn at once by FFT correlation. Every
copy is then checked on the real polygons: inside the land mask by at least
``MARGIN_M`` and at least ``GAP_M`` from every other area.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely
from scipy.ndimage import binary_dilation
from scipy.signal import fftconvolve

from svsna.synth.derive_geography import HERE, to_bng
from svsna.synth.extract import read_extract
from svsna.synth.placement import IDENTITY, PIVOT, Placement

if TYPE_CHECKING:
    from pathlib import Path

AREAS = 45
SCALE = 0.65
TURNS = tuple(range(0, 360, 30))
MARGIN_M = 1_000.0
GAP_M = 2_000.0
CELL_M = 1_000.0
SIMPLIFY_M = 500.0
#: A cell centre this far inside a shape puts the whole cell inside it.
HALF_DIAGONAL_M = CELL_M * 0.75


def land_from(paths: list[Path]) -> shapely.Geometry:
    """England and Wales as one coarse polygon, BNG metres, from GeoJSON regions."""
    shapes = [
        shapely.geometry.shape(feature["geometry"])
        for path in paths
        for feature in json.loads(path.read_text())["features"]
    ]
    land = to_bng(shapely.union_all(shapes))
    return shapely.set_precision(shapely.simplify(land, SIMPLIFY_M), 1.0)


def county() -> shapely.Geometry:
    """The real county: the union of the shipped LSOA polygons."""
    return shapely.union_all(shapely.from_wkt(read_extract("lsoas")["geometry_wkt"]))


def _copy(shape: shapely.Geometry, place: Placement) -> shapely.Geometry:
    return shapely.transform(shape, place.apply)


class _Raster:
    """Free 1 km cells of the land mask; places copies by FFT correlation."""

    def __init__(self, land: shapely.Geometry, real: shapely.Geometry) -> None:
        x0, y0, x1, y1 = land.bounds
        self.xs = np.arange(x0, x1, CELL_M)
        self.ys = np.arange(y0, y1, CELL_M)
        grid_x, grid_y = np.meshgrid(self.xs, self.ys)
        inner = land.buffer(-(MARGIN_M + HALF_DIAGONAL_M))
        self.free = shapely.contains_xy(inner, grid_x, grid_y)
        near_real = real.buffer(GAP_M + HALF_DIAGONAL_M)
        self.free &= ~shapely.contains_xy(near_real, grid_x, grid_y)

    @staticmethod
    def kernel(shape: shapely.Geometry) -> tuple[np.ndarray, int, int]:
        """Cells a copy centred on the origin blocks, and its lower-left cell."""
        grown = shape.buffer(GAP_M / 2 + HALF_DIAGONAL_M)
        x0, y0, x1, y1 = (int(np.floor(b / CELL_M)) for b in grown.bounds)
        kx, ky = np.meshgrid(
            np.arange(x0, x1 + 2) * CELL_M, np.arange(y0, y1 + 2) * CELL_M
        )
        return shapely.contains_xy(grown, kx, ky), x0, y0

    def best(self, kernel: np.ndarray) -> tuple[float, int, int]:
        """Score (touching share, -1 if none fits) and lower-left cell of a fit."""
        blocked = (~self.free).astype(float)
        ring = binary_dilation(kernel, iterations=2) & ~kernel
        overlap = fftconvolve(blocked, kernel[::-1, ::-1].astype(float), mode="valid")
        touching = fftconvolve(blocked, ring[::-1, ::-1].astype(float), mode="valid")
        score = np.where(overlap < 0.5, touching / ring.sum(), -1.0)
        i, j = np.unravel_index(np.argmax(score), score.shape)
        return float(score[i, j]), int(i), int(j)

    def take(self, kernel: np.ndarray, i: int, j: int) -> None:
        rows, cols = kernel.shape
        self.free[i : i + rows, j : j + cols] &= ~kernel


def pack(land: shapely.Geometry, real: shapely.Geometry) -> list[Placement]:
    """The real county plus ``AREAS - 1`` shrunken copies, as described above."""
    raster = _Raster(land, real)
    shapes = []
    for turn in TURNS:
        for mirror in (False, True):
            place = Placement(SCALE, turn, mirror, 0.0, 0.0)
            shapes.append((place, *raster.kernel(_copy(real, place))))
    placed = [IDENTITY]
    while len(placed) < AREAS:
        fits = [(raster.best(kernel), n) for n, (_, kernel, _, _) in enumerate(shapes)]
        (score, i, j), n = max(fits)
        if score < 0:
            raise RuntimeError(f"only {len(placed)} areas fit the land mask")
        place, kernel, x0, y0 = shapes[n]
        raster.take(kernel, i, j)
        x = round(raster.xs[j] - x0 * CELL_M)
        y = round(raster.ys[i] - y0 * CELL_M)
        placed.append(Placement(SCALE, place.rotation, place.mirror, x, y))
    # Number the copies from north to south, then west to east.
    copies = sorted(placed[1:], key=lambda p: (-round(p.y, -4), p.x))
    return [IDENTITY, *copies]


def check(
    land: shapely.Geometry, real: shapely.Geometry, places: list[Placement]
) -> None:
    """Every area inside the land by ``MARGIN_M``, ``GAP_M`` from every other."""
    inner = land.buffer(-MARGIN_M)
    shapely.prepare(inner)
    areas = np.array([_copy(real, place) for place in places])
    shapely.prepare(areas)
    for n, area in enumerate(areas):
        if not inner.contains(area):
            raise RuntimeError(f"area {n + 1} leaves the land mask")
        near = np.flatnonzero(shapely.dwithin(areas[:n], area, GAP_M)) + 1
        if len(near):
            raise RuntimeError(f"area {n + 1} is too close to areas {near.tolist()}")


def derive(paths: list[Path]) -> None:
    """Write ``geography/land.csv`` and ``geography/placements.csv``."""
    land = land_from(paths)
    real = county()
    places = pack(land, real)
    check(land, real, places)
    pd.DataFrame(
        {"name": ["England and Wales"], "geometry_wkt": [shapely.to_wkt(land, 0)]}
    ).to_csv(HERE / "land.csv", index=False, lineterminator="\n")
    pd.DataFrame(
        {
            "area": range(1, len(places) + 1),
            "scale": [p.scale for p in places],
            "rotation": [p.rotation for p in places],
            "mirror": [p.mirror for p in places],
            "x": [int(p.x) for p in places],
            "y": [int(p.y) for p in places],
        }
    ).to_csv(HERE / "placements.csv", index=False, lineterminator="\n")
    print(f"{len(places)} areas; pivot {PIVOT} of the real county")


if __name__ == "__main__":
    from pathlib import Path

    derive([Path(arg) for arg in sys.argv[1:]])
