"""Editions: the public edition hides small counts everywhere they appear.

Tables go through :func:`svsna.stats.disclosure.suppress_frame` (primary and
secondary suppression, rates built on hidden counts hidden with them);
person-level tables are left out; chart points counting 1 to the threshold are
left undrawn; a finding built on such a count is withheld. The restricted
edition is the report as analysed, marked RESTRICTED on every page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.stats.disclosure import suppress_frame

if TYPE_CHECKING:
    from svsna.config import Definition
    from svsna.results import Chart, Finding, Report, Section, Table

#: Finding units that are not counts of people or events (never suppressed).
NOT_COUNTS = ("%", "percent", "rate", "per 1,000", "per 1000", "£", "pounds")


def edition_report(report: Report, *, definition: Definition) -> Report:
    """``report`` as its edition may show it."""
    if report.edition.restricted:
        return report
    threshold = definition.disclosure.threshold
    symbol = definition.disclosure.symbol

    def section(s: Section) -> Section:
        kept = [t for t in s.tables if not t.person_level]
        tables = tuple(
            public_table(t, threshold=threshold, symbol=symbol) for t in kept
        )
        pairs = tuple(zip(kept, tables, strict=True))
        return replace(
            s,
            tables=tables,
            charts=tuple(
                with_table_suppression(
                    public_chart(c, threshold=threshold), pairs, symbol=symbol
                )
                for c in s.charts
            ),
            findings=tuple(public_finding(f, threshold=threshold) for f in s.findings),
        )

    return replace(
        report,
        sections=tuple(section(s) for s in report.sections),
        profiles=tuple(section(p) for p in report.profiles),
    )


def public_table(table: Table, *, threshold: int, symbol: str) -> Table:
    """The table with small counts, their complements and rates on them hidden."""
    return table.with_data(
        suppress_frame(
            table.data,
            count_columns=table.count_columns,
            threshold=threshold,
            symbol=symbol,
            total_rows=table.total_rows,
            total_columns=table.total_columns,
            derived_columns=table.derived_columns,
        )
    )


def public_chart(chart: Chart, *, threshold: int) -> Chart:
    """The chart with every whole-number value from 1 to ``threshold`` undrawn."""
    data = chart.data.copy()
    for col in {chart.y, chart.color, *chart.tooltip} - {None, chart.x}:
        if col not in data.columns or not pd.api.types.is_numeric_dtype(data[col]):
            continue
        values = data[col].astype(float)
        whole = np.isclose(values, np.round(values))
        if not whole[values.notna()].all():
            continue
        small = (values >= 1) & (values <= threshold)
        data[col] = values.where(~small)
    return replace(chart, data=data)


def with_table_suppression(
    chart: Chart, tables: tuple[tuple[Table, Table], ...], *, symbol: str
) -> Chart:
    """The chart with every point its section's tables withhold left undrawn.

    Secondary suppression hides some counts above the threshold; a chart
    drawing one of them would give the withheld small count away through the
    table's total. ``tables`` pairs each table as analysed with its public
    form. A chart point matches the table cells with the same labels (``x``
    and ``color``) and the same value; it is undrawn when one of them is
    withheld.
    """
    heat = chart.kind == "heatmap" and chart.color is not None
    value = chart.color if heat and chart.color else chart.y
    labels = (chart.x, chart.y) if heat else (chart.x, chart.color)
    keys = [k for k in labels if k and k != value]
    if (
        value not in chart.data.columns
        or not keys
        or not pd.api.types.is_numeric_dtype(chart.data[value])
    ):
        return chart
    data = chart.data.copy()
    for original, public in tables:
        if value not in original.data.columns or not set(keys) <= set(
            original.data.columns
        ):
            continue
        withheld = (public.data[value].astype(str) == symbol).to_numpy()
        if not withheld.any():
            continue
        rows = original.data.reset_index(drop=True)[withheld]
        values = pd.to_numeric(rows[value], errors="coerce").round(6)
        hidden = {
            (*(str(v) for v in labels), number)
            for labels, number in zip(rows[keys].to_numpy(), values, strict=True)
        }
        points = zip(
            data[keys].astype(str).to_numpy(),
            pd.to_numeric(data[value], errors="coerce").round(6),
            strict=True,
        )
        mask = np.array(
            [(*labels, number) in hidden for labels, number in points], dtype=bool
        )
        data[value] = data[value].astype(float).where(~mask)
    return replace(chart, data=data)


def public_finding(finding: Finding, *, threshold: int) -> Finding:
    """The finding, or a withheld note when it rests on a count of 1 to ``threshold``."""
    if finding.unit.strip().lower().startswith(NOT_COUNTS):
        return finding
    small = [
        v
        for v in (finding.current, finding.previous)
        if v is not None and 1 <= v <= threshold and float(v).is_integer()
    ]
    if not small:
        return finding
    return replace(
        finding,
        text=(
            f"A figure for {finding.current_label or 'this period'} rests on "
            f"{threshold} or fewer occurrences and is withheld in the public edition."
        ),
        current=None,
        previous=None,
        significant=None,
        p_value=None,
    )
