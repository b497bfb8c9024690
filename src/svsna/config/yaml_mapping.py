"""Read a YAML file of settings into a pydantic model, with one-sentence errors.

The definition and the partnership's ``sna.yaml`` are both YAML mappings
checked by pydantic; a user who gets either wrong reads the same kind of
sentence (what, where, how to fix it), never a traceback.
"""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from svsna.errors import SvsnaError

M = TypeVar("M", bound=BaseModel)


def parse_mapping(text: str, what: str, fix: str) -> dict[str, Any] | None:
    """The YAML mapping in ``text``; None for an empty file.

    ``what`` names the file in the error ("The definition x.yaml"), ``fix``
    says what to do when it is not YAML at all.
    """
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SvsnaError(
            f"{what} is not valid YAML ({exc.__class__.__name__}); {fix}."
        ) from exc
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise SvsnaError(f"{what} must be a YAML mapping of settings.")
    return raw


def validated(model: type[M], raw: dict[str, Any], what: str) -> M:
    """``raw`` checked as ``model``; the first problem said in one sentence."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise SvsnaError(
            f"{what} has a problem at '{where}': {first['msg']}; "
            f"fix that setting ({exc.error_count()} problem(s) in all)."
        ) from exc
