"""The warehouse on disk: a folder of Parquet tables named by ``catalog.json``.

Both engines read the same files. Each build writes its tables into a new
generation folder (``g-<id>/``) and then replaces ``catalog.json`` in one
atomic rename, so a reader always sees a complete warehouse and a build that
dies part-way leaves the previous one as it was. Tables with a required date
(occurrences, stop and search, partner records) are split into one folder per
financial year (``svsna_fy=2024/``), so an engine reading a period skips the
files of other years by their statistics, and a lake holds them the usual way.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pyarrow.parquet as pq

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

    import pyarrow as pa

CATALOG = "catalog.json"
FORMAT = 1
#: The partition column (the calendar year in which a financial year starts).
PARTITION = "svsna_fy"


@dataclass(frozen=True)
class StoredTable:
    """One table of the warehouse: its name, its Parquet folder, how it is split."""

    name: str
    folder: Path
    partitioned: bool

    def files_glob(self) -> str:
        """Every Parquet file of the table, as a glob both engines accept."""
        return str(self.folder / "**" / "*.parquet")


@dataclass(frozen=True)
class Catalog:
    """A complete warehouse: its generation folder, tables and load metadata."""

    root: Path
    generation: str
    tables: tuple[StoredTable, ...]
    metadata: dict[str, str]

    def write(self) -> None:
        """Name this generation in ``catalog.json`` (atomically: rename over the old)."""
        document = {
            "format": FORMAT,
            "generation": self.generation,
            "tables": [
                {"name": t.name, "partitioned": t.partitioned} for t in self.tables
            ],
            "metadata": self.metadata,
        }
        staging = self.root / f".{CATALOG}.{os.getpid()}"
        staging.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        os.replace(staging, self.root / CATALOG)

    def table(self, name: str) -> StoredTable:
        """The stored table called ``name``."""
        return next(t for t in self.tables if t.name == name)

    def with_table(self, name: str, table: pa.Table) -> Catalog:
        """The warehouse with ``table`` written as ``name`` (replacing it), on disk.

        A derived table a build stage adds after the load (the linkage's):
        one Parquet file in the current generation, then the catalog names it.
        """
        folder = table_folder(self.root, self.generation, name)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        pq.write_table(table, folder / "part-0.parquet")
        kept = tuple(t for t in self.tables if t.name != name)
        added = replace(self, tables=(*kept, StoredTable(name, folder, partitioned=False)))
        added.write()
        return added


def table_folder(root: Path, generation: str, name: str) -> Path:
    """Where table ``name`` of ``generation`` lies."""
    return root / generation / name


def read_catalog(root: Path) -> Catalog:
    """The warehouse at ``root``, or one sentence saying why there is none."""
    path = root / CATALOG
    if not path.is_file():
        raise SvsnaError(f"No warehouse at {root}; run 'svsna build' to create it.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        generation = str(document["generation"])
        tables = tuple(
            StoredTable(
                str(t["name"]),
                table_folder(root, generation, str(t["name"])),
                bool(t["partitioned"]),
            )
            for t in document["tables"]
        )
        metadata = {str(k): str(v) for k, v in document.get("metadata", {}).items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise SvsnaError(
            f"The warehouse catalog {path} is damaged ({exc}); run 'svsna build' again."
        ) from exc
    return Catalog(root, generation, tables, metadata)
