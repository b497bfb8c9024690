"""Entry point of the synthetic area generator (being built: issue 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

DEMO_SEED = 2025


def write_area(
    out: Path, *, scale: int = 1, seed: int = DEMO_SEED, years: int | None = None
) -> None:
    """Write a synthetic data folder in the contract's form."""
    raise SvsnaError("The synthetic area generator is not built yet.")
