"""The DuckDB spatial extension, loaded from the ``duckdb-ext-spatial`` package (no download)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import duckdb_ext

from svsna.errors import SvsnaError


def spatial_extension_path() -> Path:
    """Where the shipped spatial extension file lies."""
    for root in duckdb_ext.__path__:
        found = sorted(
            Path(root).glob(
                f"extensions/v{duckdb.__version__}/*/spatial.duckdb_extension"
            )
        )
        if found:
            return found[0]
    raise SvsnaError(
        "The DuckDB spatial extension is not installed; reinstall svsna "
        "(it depends on the duckdb-ext-spatial package)."
    )


def load_spatial(con: duckdb.DuckDBPyConnection) -> None:
    """Load the spatial extension into ``con`` without touching the network."""
    con.execute(f"LOAD '{spatial_extension_path()}'")
