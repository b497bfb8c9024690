"""data.police.uk files → a contract data folder (being built: issue 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path


def import_police_uk(src: Path, out: Path, *, lookups: Path | None = None) -> list[str]:
    """Convert data.police.uk files into a data folder; return summary lines."""
    raise SvsnaError("The data.police.uk importer is not built yet.")
