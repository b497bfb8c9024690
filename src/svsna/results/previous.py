"""An earlier build, read back for ``svsna build --previous OLD_DIR``.

An SNA is refreshed every year, and a board wants to know what changed since
the last edition. The comparison reads only what an earlier build published
in its report folder: ``findings.json`` (the findings and the direction each
claimed), ``tables/*.csv`` (every table, as text) and ``manifest.json`` (the
definition in force and the inputs loaded). It never opens the earlier
build's warehouse or private folder, so any report folder a partnership has
kept can be compared with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: A restricted edition's tables start with a comment line saying so.
_COMMENT = "#"


@dataclass(frozen=True)
class PreviousBuild:
    """What an earlier build published: its findings, tables and manifest.

    ``tables`` hold every cell as text (``[c]`` where the public edition
    withheld it).
    """

    name: str
    findings: tuple[Mapping[str, Any], ...]
    manifest: Mapping[str, Any]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def definition(self) -> Mapping[str, Any]:
        """The settings of the definition the earlier build used."""
        settings = self.manifest.get("definition", {}).get("settings", {})
        return settings if isinstance(settings, dict) else {}

    @property
    def inputs(self) -> frozenset[str]:
        """The inputs it loaded: contract tables, and ``sna.yaml`` when it had one."""
        tables = set(self.manifest.get("inputs", {}))
        if self.manifest.get("settings"):
            tables.add("sna.yaml")
        return frozenset(tables)

    def table(self, table_id: str) -> pd.DataFrame | None:
        """One of its tables (text cells), or None when it had none by that id."""
        return self.tables.get(table_id)


def read_previous(folder: Path) -> PreviousBuild:
    """Read an earlier build's report folder; one sentence when it is not one."""
    if not folder.is_dir():
        raise SvsnaError(
            f"The earlier build {folder} does not exist; give --previous the report "
            "folder an earlier 'svsna build' wrote."
        )
    manifest = _json(folder / "manifest.json", folder)
    findings = _json(folder / "findings.json", folder)
    if not isinstance(manifest, dict) or not isinstance(findings, list):
        raise SvsnaError(
            f"The earlier build {folder} holds a manifest.json or findings.json that "
            "svsna did not write; give --previous an earlier report folder."
        )
    tables = {
        path.stem: _table(path) for path in sorted((folder / "tables").glob("*.csv"))
    }
    records = tuple(r for r in findings if isinstance(r, dict))
    return PreviousBuild(folder.name, records, manifest, tables)


def _json(path: Path, folder: Path) -> Any:
    if not path.is_file():
        raise SvsnaError(
            f"The earlier build {folder} has no {path.name}, so it is not a report "
            "folder of svsna; give --previous the folder an earlier build wrote."
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SvsnaError(
            f"The earlier build's {path.name} in {folder} cannot be read as JSON; "
            "give --previous a complete report folder."
        ) from exc


def _table(path: Path) -> pd.DataFrame:
    """A table CSV as text cells; a restricted edition's first (comment) line skipped."""
    with path.open(encoding="utf-8") as handle:
        skip = 1 if handle.readline().startswith(_COMMENT) else 0
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, skiprows=skip)
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError):
        return pd.DataFrame()


__all__ = ["PreviousBuild", "read_previous"]
