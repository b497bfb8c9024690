"""Declarative table schemas: a contract is data, kept apart from its validator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The value types a contract column can hold."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"


def normalise_header(name: str) -> str:
    """Match column names case-insensitively, ignoring spaces and punctuation."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


@dataclass(frozen=True)
class Column:
    """One column of a contract table and the rules its values must keep.

    ``vocabulary`` maps every accepted spelling (lower-case) to its canonical
    value; ``minimum``/``maximum`` bound numbers; ``not_future`` rejects dates
    after today; ``references`` names ``table.column`` that must hold the value.
    """

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    header: str | None = None
    vocabulary: dict[str, str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    not_future: bool = False
    unique: bool = False
    references: str | None = None

    @property
    def key(self) -> str:
        """The normalised header this column is matched by."""
        return normalise_header(self.header or self.name)


@dataclass(frozen=True)
class TableSchema:
    """A contract table: its columns and whether a build needs it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    required: bool = False
    enables: str = ""
    groups: tuple[tuple[str, ...], ...] = field(default=())

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        """Columns that must be present (and filled) in every file of the table."""
        return tuple(c for c in self.columns if c.required)
