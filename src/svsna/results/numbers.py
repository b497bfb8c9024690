"""One number style for every sentence, table and chart: the GSS one.

The Government Statistical Service asks for thousands separators, whole
numbers printed whole (``87,334``, never ``87,334.0``; ``decile 1``, never
``decile 1.0``), shares to one decimal, a true minus sign (U+2212, not a
hyphen) and ``p < 0.001`` for the smallest p-values. Analyses write their
sentences with these helpers and the renderers format their cells with them,
so the report cannot print a number two ways.
"""

from __future__ import annotations

import math

#: The minus sign (U+2212): a hyphen is shorter, and breaks lines.
MINUS = "\u2212"


def number(value: float, *, decimals: int | None = None, separators: bool = True) -> str:
    """``value`` as the report prints it.

    ``decimals`` None prints a whole number whole and anything else to one
    decimal.

    Examples
    --------
    >>> number(87334.0), number(-4.92, decimals=1), number(2024, separators=False)
    ('87,334', '−4.9', '2024')
    >>> number(1.0), number(2.56)
    ('1', '2.6')
    """
    value = float(value)
    if decimals is None:
        decimals = 0 if value.is_integer() else 1
    sep = "," if separators else ""
    text = f"{abs(value):{sep}.{decimals}f}"
    negative = value < 0 and any(c not in "0.," for c in text)
    return f"{MINUS}{text}" if negative else text


def whole(value: float) -> str:
    """A label that is a number (a decile, a rank): ``1`` for ``1.0``.

    Examples
    --------
    >>> whole(1.0), whole(10), whole(2.5)
    ('1', '10', '2.5')
    """
    value = float(value)
    return str(int(value)) if value.is_integer() else str(value)


def share(value: float, *, signed: bool = False) -> str:
    """A percentage to one decimal: ``45.0%``; ``signed`` gives ``+3.2%`` / ``−4.9%``.

    Examples
    --------
    >>> share(45), share(-4.92, signed=True), share(20.12, signed=True)
    ('45.0%', '−4.9%', '+20.1%')
    """
    text = number(value, decimals=1)
    if signed and not text.startswith(MINUS) and float(value) != 0:
        text = f"+{text}"
    return f"{text}%"


def signed(value: float, *, decimals: int = 1) -> str:
    """A change with its sign: ``+0.01``, ``−0.01``, ``0.00``.

    Examples
    --------
    >>> signed(0.0123, decimals=2), signed(-0.0123, decimals=2), signed(0)
    ('+0.01', '−0.01', '0.0')
    """
    text = number(value, decimals=decimals)
    if float(value) > 0 and any(c not in "0.," for c in text):
        text = f"+{text}"
    return text


def p_value(value: float) -> str:
    """A p-value: three decimals, or ``< 0.001`` below that.

    Examples
    --------
    >>> p_value(0.00004), p_value(0.0493), p_value(1.0)
    ('< 0.001', '0.049', '1.000')
    """
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def p_clause(value: float) -> str:
    """``p < 0.001`` or ``p = 0.049``: a p-value in a sentence.

    Examples
    --------
    >>> p_clause(0.0), p_clause(0.2)
    ('p < 0.001', 'p = 0.200')
    """
    shown = p_value(value)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def month_name(month: str) -> str:
    """A ``YYYY-MM`` month in words: ``July 2023``.

    Examples
    --------
    >>> month_name("2023-07"), month_name("not a month")
    ('July 2023', 'not a month')
    """
    import calendar

    year, _, m = month.partition("-")
    if not (year.isdigit() and m.isdigit() and 1 <= int(m) <= 12):
        return month
    return f"{calendar.month_name[int(m)]} {year}"


def finite(value: object) -> bool:
    """Whether ``value`` is a real, finite number (not a bool, not NaN)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
