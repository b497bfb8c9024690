"""Exported cells that a spreadsheet cannot run: the OWASP CSV-injection rule.

A district, school or rejected value is text a user typed, and Excel or
LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one) as a formula. Every text cell written to CSV or
xlsx starting with one of these gets a leading apostrophe, as OWASP advises;
numbers (columns of numbers, and text that is exactly a number, like ``-3``)
stay as they are.
"""

from __future__ import annotations

import re

import pandas as pd

#: What a cell may not start with (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def inert(value: object) -> object:
    r"""``value``, with an apostrophe in front when it is text that would start a formula.

    Examples
    --------
    >>> inert('=HYPERLINK("http://x")')
    '\'=HYPERLINK("http://x")'
    >>> inert("-3.5"), inert("@SUM(A1)"), inert("Derby"), inert(-4)
    ('-3.5', "'@SUM(A1)", 'Derby', -4)
    """
    return "'" + value if _would_run(value) else value  # type: ignore[operator]


def _would_run(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _NUMBER.fullmatch(value)
    )


def inert_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text cells (and column names) unable to start a formula.

    Only the cells that would start one change; every other cell, and every
    column's type, stays as it was (so numbers are written exactly as before).
    """
    out = frame
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if not (
            pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
        ):
            continue
        running = series.map(_would_run).astype(bool)
        if running.any():
            out = out.copy() if out is frame else out
            rows = [i for i, runs in enumerate(running) if runs]
            out.iloc[rows, position] = series[running].map(inert).to_numpy()
    if any(_would_run(c) for c in frame.columns):
        out = out.copy() if out is frame else out
        out.columns = [inert(c) for c in frame.columns]
    return out
