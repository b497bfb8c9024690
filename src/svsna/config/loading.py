"""Find and read a definition: a shipped name or a YAML file, with clear errors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from svsna.config.definition import Definition
from svsna.config.yaml_mapping import parse_mapping, validated
from svsna.errors import SvsnaError

SHIPPED = {"derby-derbyshire-2025": "defaults.yaml", "default": "defaults.yaml"}


def shipped_names() -> list[str]:
    """Names accepted by ``--config`` besides a file path."""
    extra = sorted(
        p.name.removesuffix(".yaml")
        for p in resources.files("svsna.config").iterdir()
        if p.name.endswith(".yaml") and p.name != "defaults.yaml"
    )
    return sorted({*SHIPPED, *extra})


def load_definition(name_or_path: str | Path | None = None) -> Definition:
    """Return the definition named (a shipped name or a YAML path); default if None."""
    text, origin = _read(name_or_path)
    what = f"The definition {origin}"
    raw = parse_mapping(text, what, "fix the file or start from a copy of the shipped defaults")
    if raw is None:
        raise SvsnaError(f"{what} must be a YAML mapping of settings.")
    return validated(Definition, raw, what)


def _read(name_or_path: str | Path | None) -> tuple[str, str]:
    if name_or_path is None:
        name_or_path = "default"
    key = str(name_or_path)
    package = resources.files("svsna.config")
    shipped = SHIPPED.get(key, f"{key}.yaml")
    candidate = package / shipped
    if "/" not in key and not key.endswith((".yaml", ".yml")) and candidate.is_file():
        return candidate.read_text(encoding="utf-8"), f"'{key}'"
    path = Path(name_or_path)
    if not path.is_file():
        raise SvsnaError(
            f"No definition file or shipped definition called '{key}'; give a YAML "
            f"path or one of: {', '.join(shipped_names())}."
        )
    return path.read_text(encoding="utf-8"), f"'{path}'"
