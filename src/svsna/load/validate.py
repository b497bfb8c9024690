"""Check raw rows against a contract table: typed values for good rows, rejects for the rest.

Validation never stops at the first fault: every failing value of every row is
recorded with its file, line, column, value and rule, and the row goes to the
rejects; the rest load. Only a missing required column stops the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from svsna.contract import Column, Kind, TableSchema, normalise_header
from svsna.errors import SvsnaError
from svsna.load.parsers import PARSERS
from svsna.load.rules import Rule

if TYPE_CHECKING:
    from svsna.load.readers import RawFile

REJECT_COLUMNS = ["table", "file", "line", "column", "value", "rule"]
SOURCE_FILE, SOURCE_LINE = "source_file", "source_line"


@dataclass
class Checked:
    """The outcome of checking one table: typed good rows and the rejects."""

    table: pa.Table
    rejects: pd.DataFrame
    rows_read: int
    rejected_rows: int
    extra_columns: list[str]


def match_columns(
    schema: TableSchema, raw: RawFile
) -> tuple[dict[str, int], dict[str, int]]:
    """Map contract columns, and unknown extra columns, to positions in the file's header."""
    by_key: dict[str, int] = {}
    for position, name in enumerate(raw.header):
        by_key.setdefault(normalise_header(name), position)
    known = {c.key: c.name for c in schema.columns}
    matched = {known[k]: pos for k, pos in by_key.items() if k in known}
    extra = {f"extra_{k}": pos for k, pos in by_key.items() if k not in known and k}
    missing = [
        c.header or c.name for c in schema.required_columns if c.name not in matched
    ]
    if missing:
        raise SvsnaError(
            f"{raw.path} has no column {', '.join(repr(m) for m in missing)}, which the "
            f"'{schema.name}' table requires; add it (names match whatever their case)."
        )
    return matched, extra


def check_table(
    schema: TableSchema, files: list[RawFile], *, today: dt.date
) -> Checked:
    """Check every row of a table's files against its schema."""
    parts: list[pd.DataFrame] = []
    rejects: list[tuple[str, str, int, str, str, str]] = []
    extra_names: set[str] = set()
    for raw in files:
        matched, extra = match_columns(schema, raw)
        extra_names.update(extra)
        frame = pd.DataFrame(
            {
                name: raw.frame[pos]
                if len(raw.frame)
                else pd.Series([], dtype="string[pyarrow]")
                for name, pos in {**matched, **extra}.items()
            }
        )
        frame[SOURCE_FILE] = raw.path.name
        frame[SOURCE_LINE] = raw.lines
        parts.append(frame)
        rejects += [
            (
                schema.name,
                raw.path.name,
                line,
                "",
                text[:200],
                Rule.WRONG_FIELD_COUNT.value,
            )
            for line, text in raw.bad_rows
        ]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    bad_field_rows = len(rejects)
    arrays: dict[str, pa.Array] = {}
    failed = np.zeros(len(frame), bool)
    for column in schema.columns:
        raw_values = (
            frame[column.name]
            if column.name in frame
            else pd.Series([""] * len(frame), dtype="string[pyarrow]")
        )
        raw_values = raw_values.fillna("")
        values, faults = _check_column(column, raw_values, today)
        arrays[column.name] = values
        for rule, mask in faults:
            failed |= mask
            rejects += _reject_rows(
                schema.name, frame, column.name, raw_values, mask, rule
            )
    for column in schema.columns:
        if column.unique:
            dup = (
                _later_duplicates(frame[column.name], failed)
                if len(frame)
                else np.zeros(0, bool)
            )
            failed |= dup
            rejects += _reject_rows(
                schema.name,
                frame,
                column.name,
                frame[column.name],
                dup,
                Rule.DUPLICATE_ID,
            )
    for name in sorted(extra_names):
        arrays[name] = pa.array(
            frame[name].fillna("").where(frame[name].fillna("") != "", None),
            type=pa.string(),
        )
    arrays[SOURCE_FILE] = pa.array(
        frame.get(SOURCE_FILE, pd.Series([], dtype=object)), type=pa.string()
    )
    arrays[SOURCE_LINE] = pa.array(
        frame.get(SOURCE_LINE, pd.Series([], dtype="int64")), type=pa.int64()
    )
    table = (
        pa.table(arrays).filter(pa.array(~failed)) if len(frame) else pa.table(arrays)
    )
    reject_frame = pd.DataFrame(rejects, columns=REJECT_COLUMNS)
    return Checked(
        table=table,
        rejects=reject_frame,
        rows_read=len(frame) + bad_field_rows,
        rejected_rows=int(failed.sum()) + bad_field_rows,
        extra_columns=sorted(extra_names),
    )


def _check_column(
    column: Column, raw: pd.Series, today: dt.date
) -> tuple[pa.Array, list[tuple[Rule, np.ndarray]]]:
    faults: list[tuple[Rule, np.ndarray]] = []
    empty = (raw == "").to_numpy()
    if column.required:
        faults.append((Rule.MISSING_VALUE, empty))
    if column.vocabulary is not None:
        canonical = raw.str.lower().map(column.vocabulary)
        unknown = canonical.isna().to_numpy() & ~empty
        faults.append((Rule.NOT_IN_VOCABULARY, unknown))
        values = pa.array(canonical.where(~unknown & ~empty, None), type=pa.string())
        return values, faults
    parsed = PARSERS[column.kind](raw)
    faults.append((parsed.rule, parsed.invalid))
    values = parsed.values
    if column.minimum is not None or column.maximum is not None:
        numbers = pd.Series(values.to_pandas(), dtype="Float64")
        low = numbers < column.minimum if column.minimum is not None else False
        high = numbers > column.maximum if column.maximum is not None else False
        faults.append(
            (Rule.OUT_OF_RANGE, pd.Series(low | high).fillna(False).to_numpy(bool))
        )
    if column.not_future:
        if column.kind is Kind.DATE:
            later = pc.greater(values, pa.scalar(today, pa.date32()))
        else:
            limit = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
            later = pc.greater_equal(values, pa.scalar(limit, pa.timestamp("us")))
        faults.append(
            (Rule.FUTURE_DATE, later.fill_null(False).to_numpy(zero_copy_only=False))
        )
    return values, faults


def _later_duplicates(values: pd.Series, failed: np.ndarray) -> np.ndarray:
    """Rows repeating an identifier already used on an earlier good row."""
    candidate = values.fillna("").astype(str)
    usable = (~failed) & (candidate != "").to_numpy()
    dup = np.zeros(len(values), bool)
    dup[usable] = candidate[usable].duplicated(keep="first").to_numpy()
    return dup


def _reject_rows(
    table: str,
    frame: pd.DataFrame,
    column: str,
    raw: pd.Series,
    mask: np.ndarray,
    rule: Rule,
) -> list[tuple[str, str, int, str, str, str]]:
    if not mask.any():
        return []
    rows = frame.loc[mask, [SOURCE_FILE, SOURCE_LINE]]
    values = raw[mask].fillna("").astype(str)
    return [
        (table, file, int(line), column, value, rule.value)
        for file, line, value in zip(
            rows[SOURCE_FILE], rows[SOURCE_LINE], values, strict=True
        )
    ]


def check_references(
    table: str, checked: Checked, column: str, known: pa.Array
) -> Checked:
    """Reject rows whose ``column`` value is not among ``known`` (e.g. orphan persons)."""
    values = checked.table.column(column)
    orphan = pc.invert(pc.is_in(values, value_set=known)).fill_null(False)
    mask = orphan.to_numpy(zero_copy_only=False)
    if not mask.any():
        return checked
    source = checked.table.select([SOURCE_FILE, SOURCE_LINE]).filter(orphan).to_pandas()
    bad_values = values.filter(orphan).to_pylist()
    extra = pd.DataFrame(
        [
            (table, f, int(line), column, v, Rule.ORPHAN.value)
            for f, line, v in zip(
                source[SOURCE_FILE], source[SOURCE_LINE], bad_values, strict=True
            )
        ],
        columns=REJECT_COLUMNS,
    )
    return Checked(
        table=checked.table.filter(pc.invert(orphan)),
        rejects=pd.concat([checked.rejects, extra], ignore_index=True),
        rows_read=checked.rows_read,
        rejected_rows=checked.rejected_rows + int(mask.sum()),
        extra_columns=checked.extra_columns,
    )
