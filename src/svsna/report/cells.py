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
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if _NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def inert_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot start a formula."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[column] = series.map(inert, na_action="ignore")
    out.columns = [inert(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out
