"""The partnership's own words: ``sna.yaml`` in the data folder (optional).

An SNA is the partnership's document, not svsna's: its name, its board, the
strategy it informs, why the assessment was made and what it aims at, who
wrote it, when it will be reviewed and the recommendations the partnership
makes itself. None of that is in the data, so it comes from a small settings
file beside the data (``DATA/sna.yaml``) and fills chapters 1 and 2 and the
partnership's recommendations. Everything in it is plain text: the report
prints it as written, never as markup.

Example::

    partnership: Derby and Derbyshire Serious Violence Partnership
    board: Derby and Derbyshire Serious Violence Board
    strategy_period: 2026 to 2028
    purpose: This assessment will guide the Board's public health approach ...
    aims:
      - Refresh the 2024 assessment.
    review_date: 2026-10-01
    authors: [Community Safety Analysts]
    paragraphs:
      definition: ["Violence resulting in, or potential to result in, ..."]
    recommendations:
      - Continue to improve access to, and the quality of, multi-agency data.
      - {text: Evaluate the interventions running in 2025/26., basis: Chapter 21}
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, field_validator

from svsna.config.yaml_mapping import parse_mapping, validated
from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from pathlib import Path

#: The settings file's name in the data folder.
SETTINGS_FILE = "sna.yaml"
#: The chapter plain ``paragraphs`` (a list rather than a mapping) belong to.
INTRODUCTION = "introduction"


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _paragraphs(value: object) -> tuple[str, ...]:
    """One paragraph or a list of them, as a tuple of text."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None)
    raise ValueError("give text, or a list of texts")


class OwnRecommendation(_Settings):
    """A recommendation the partnership makes, with what it rests on (optional)."""

    text: str
    basis: str = ""


class SnaSettings(_Settings):
    """The partnership's settings: who, why, when, and its own recommendations.

    ``paragraphs`` maps a chapter id to paragraphs printed at its start (a
    plain list goes to the introduction).
    """

    partnership: str | None = None
    board: str | None = None
    strategy_period: str | None = None
    purpose: tuple[str, ...] = ()
    aims: tuple[str, ...] = ()
    review_date: dt.date | None = None
    authors: tuple[str, ...] = ()
    paragraphs: dict[str, tuple[str, ...]] = {}
    recommendations: tuple[OwnRecommendation, ...] = ()

    @field_validator("purpose", "aims", "authors", mode="before")
    @classmethod
    def _texts(cls, value: object) -> tuple[str, ...]:
        return _paragraphs(value)

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _by_chapter(cls, value: object) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if isinstance(value, dict):
            return {str(k): _paragraphs(v) for k, v in value.items()}
        return {INTRODUCTION: _paragraphs(value)}

    @field_validator("recommendations", mode="before")
    @classmethod
    def _own(cls, value: object) -> tuple[Any, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise ValueError("give a list of recommendations")
        return tuple({"text": v} if isinstance(v, str) else v for v in value)

    def paragraphs_of(self, chapter_id: str) -> tuple[str, ...]:
        """The partnership's paragraphs for one chapter (none when not given)."""
        return self.paragraphs.get(chapter_id, ())


def settings_path(data_dir: Path) -> Path | None:
    """``DATA/sna.yaml`` when the data folder has one."""
    path = data_dir / SETTINGS_FILE
    return path if path.is_file() else None


def settings_sha256(data_dir: Path) -> str | None:
    """The SHA-256 of ``sna.yaml`` (for the manifest), None without one."""
    path = settings_path(data_dir)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else None


def load_settings(data_dir: Path) -> SnaSettings | None:
    """The data folder's ``sna.yaml``, or None when it has none.

    A file that is not valid YAML, or names a setting svsna does not know,
    stops the build with one sentence saying where.
    """
    path = settings_path(data_dir)
    if path is None:
        return None
    what = f"The settings file {path}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SvsnaError(
            f"{what} is not valid YAML ({exc.__class__.__name__}); "
            "fix it or remove it (it is optional)."
        ) from exc
    raw = parse_mapping(text, what, "fix it or remove it (it is optional)")
    return SnaSettings() if raw is None else validated(SnaSettings, raw, what)
