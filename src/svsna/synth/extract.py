"""The small real-geography extract shipped in ``geography/`` (see its SOURCES.md)."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def read_extract(name: str, dtype: dict[str, type] | None = None) -> pd.DataFrame:
    """One CSV file of the extract, ``geography/<name>.csv``, as shipped."""
    path = resources.files("svsna.synth") / "geography" / f"{name}.csv"
    with path.open("rb") as handle:
        return pd.read_csv(handle, dtype=dtype)
