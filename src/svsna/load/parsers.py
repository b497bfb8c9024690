"""Vectorised parsers, one per contract value kind.

Each parser takes the raw text of a column (stripped, ``""`` for empty) and
returns the parsed values and a mask of non-empty values that failed to parse.
No per-row Python loop: a million-row column parses in well under a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from svsna.contract import Kind
from svsna.load.rules import Rule

TRUE = {"true", "yes", "y", "1", "t"}
FALSE = {"false", "no", "n", "0", "f"}


@dataclass(frozen=True)
class Parsed:
    """Parsed values as an Arrow array (nulls where empty or invalid) and the failures."""

    values: pa.Array
    invalid: np.ndarray
    rule: Rule


Parser = Callable[[pd.Series], Parsed]
PARSERS: dict[Kind, Parser] = {}


def register(kind: Kind) -> Callable[[Parser], Parser]:
    """Register the parser of a value kind."""

    def wrap(func: Parser) -> Parser:
        PARSERS[kind] = func
        return func

    return wrap


def _empty(raw: pd.Series) -> np.ndarray:
    return (raw == "").to_numpy()


@register(Kind.TEXT)
def parse_text(raw: pd.Series) -> Parsed:
    """Text: anything goes; empty is null."""
    values = raw.where(raw != "", None)
    return Parsed(
        pa.array(values, type=pa.string()), np.zeros(len(raw), bool), Rule.MISSING_VALUE
    )


@register(Kind.INTEGER)
def parse_integer(raw: pd.Series) -> Parsed:
    """Whole numbers; ``12.0`` (as spreadsheets write them) is accepted as 12."""
    ok = raw.str.fullmatch(r"[+-]?\d{1,15}(\.0*)?").fillna(False).to_numpy()
    empty = _empty(raw)
    numbers = pd.to_numeric(raw.where(ok, None), errors="coerce")
    values = pa.array(numbers.astype("Int64"), type=pa.int64())
    return Parsed(values, ~ok & ~empty, Rule.INVALID_INTEGER)


@register(Kind.NUMBER)
def parse_number(raw: pd.Series) -> Parsed:
    """Decimal numbers (a thousands separator is not accepted)."""
    empty = _empty(raw)
    numbers = pd.to_numeric(raw.where(~empty, None), errors="coerce")
    finite = np.isfinite(numbers.to_numpy(dtype=float, na_value=np.nan))
    invalid = ~finite & ~empty
    values = pa.array(numbers.where(finite, None).astype("Float64"), type=pa.float64())
    return Parsed(values, invalid, Rule.INVALID_NUMBER)


@register(Kind.DATE)
def parse_date(raw: pd.Series) -> Parsed:
    """ISO dates (``2024-07-13``) or day-first UK dates (``13/07/2024``)."""
    empty = _empty(raw)
    iso = pd.to_datetime(
        raw.where(raw.str.fullmatch(r"\d{4}-\d{2}-\d{2}"), None),
        format="%Y-%m-%d",
        errors="coerce",
    )
    uk = pd.to_datetime(
        raw.where(raw.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}"), None),
        format="%d/%m/%Y",
        errors="coerce",
    )
    dates = iso.fillna(uk)
    invalid = dates.isna().to_numpy() & ~empty
    values = pa.array(dates, type=pa.timestamp("ns")).cast(pa.date32())
    return Parsed(values, invalid, Rule.INVALID_DATE)


@register(Kind.TIME)
def parse_time(raw: pd.Series) -> Parsed:
    """24-hour times ``HH:MM`` (seconds allowed and kept)."""
    empty = _empty(raw)
    parts = raw.str.extract(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
    ok = parts[0].notna().to_numpy()
    seconds = (
        parts[0].astype(float) * 3600
        + parts[1].astype(float) * 60
        + parts[2].fillna("0").astype(float)
    )
    micros = (seconds * 1_000_000).where(pd.Series(ok, index=raw.index), None)
    values = pa.array(micros.astype("Int64"), type=pa.int64()).cast(pa.time64("us"))
    return Parsed(values, ~ok & ~empty, Rule.INVALID_TIME)


@register(Kind.TIMESTAMP)
def parse_timestamp(raw: pd.Series) -> Parsed:
    """ISO 8601 date-times; an offset is dropped, keeping the wall-clock time."""
    empty = _empty(raw)
    wall = raw.str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "", regex=True)
    stamps = pd.to_datetime(wall.where(~empty, None), format="ISO8601", errors="coerce")
    invalid = stamps.isna().to_numpy() & ~empty
    values = pa.array(stamps, type=pa.timestamp("ns")).cast(pa.timestamp("us"))
    return Parsed(values, invalid, Rule.INVALID_TIMESTAMP)


@register(Kind.BOOLEAN)
def parse_boolean(raw: pd.Series) -> Parsed:
    """``true/false``, ``yes/no``, ``y/n``, ``1/0`` in any case; empty = unknown."""
    lower = raw.str.lower()
    is_true = lower.isin(TRUE).to_numpy()
    is_false = lower.isin(FALSE).to_numpy()
    empty = _empty(raw)
    values = pa.array(np.where(is_true, True, False), mask=~(is_true | is_false))
    return Parsed(values, ~(is_true | is_false | empty), Rule.INVALID_BOOLEAN)
