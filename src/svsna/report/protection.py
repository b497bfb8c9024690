"""Every table of a report protected together, and what its sentences may cite.

The definition's disclosure method decides how: ``suppress`` withholds small
counts and enough others over the whole linked publication
(:class:`svsna.stats.linked.Publication`); ``round`` rounds every count to a
multiple of the base, each independently. Charts and sentences then take
their numbers from the protected tables only (:mod:`svsna.report.edition`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from svsna.stats.linked import (
    Placed,
    Publication,
    count_columns,
    label,
    matches,
    public_frame,
    share_groups,
    within,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from svsna.config.definition import Disclosure
    from svsna.results import Cells, DerivedFrom, Finding, Report, Table


@dataclass(frozen=True)
class Cited:
    """A number a sentence cites, as the public edition may print it.

    ``value`` is None when the number is withheld; ``small`` then says that it
    counts from 1 to the threshold (the sentence may say "fewer than").
    ``exact`` says that ``value`` is the number as analysed (not rounded).
    """

    value: float | None
    small: bool = False
    exact: bool = True


@dataclass
class Protection:
    """The public form of every table, by id, and the numbers sentences cite."""

    tables: dict[str, Table]
    cited: dict[Cells, Cited | None] = field(default_factory=dict)

    def cite(self, cells: Cells) -> Cited | None:
        """The public form of a cited number (None: it cannot be found)."""
        return self.cited.get(cells)


def report_tables(report: Report) -> list[Table]:
    """Every table the public edition may print, and every chart's own table."""
    sections = (*report.sections, *report.profiles)
    tables = {t.id: t for s in sections for t in s.tables if not t.person_level}
    for chart in (c for s in sections for c in s.charts):
        if chart.source is not None:
            tables.setdefault(chart.source.id, chart.source)
    return list(tables.values())


def report_findings(report: Report) -> list[Finding]:
    """Every finding of the report, the profiles' included."""
    return [f for s in (*report.sections, *report.profiles) for f in s.findings]


def protect(report: Report, disclosure: Disclosure) -> Protection:
    """The report's tables and cited numbers protected by the definition's method."""
    tables = report_tables(report)
    findings = report_findings(report)
    if disclosure.method == "round":
        return _rounded(tables, findings, base=disclosure.base, symbol=disclosure.symbol)
    return _suppressed(tables, findings, disclosure)


def _suppressed(
    tables: list[Table], findings: list[Finding], disclosure: Disclosure
) -> Protection:
    """Primary and secondary suppression over every table and cited sum at once."""
    threshold, symbol = disclosure.threshold, disclosure.symbol
    pub = Publication.of(tables)
    cells = {c: pub.state_sum(c) for f in findings for c in f.cites.values()}
    values = np.asarray(pub.values, dtype=np.int64)
    said_small = {
        cell
        for f in findings
        if f.withheld_text
        for c in f.cites.values()
        if (cell := cells[c]) is not None and 1 <= values[cell] <= threshold
    }
    hidden = pub.protect(threshold=threshold, said_small=said_small)
    public = {
        t.id: t.with_data(
            public_frame(
                t,
                pub.table_mask(t.id, hidden),
                symbol=symbol,
                withheld_shares=pub.stated_hidden(t.id, hidden),
            )
        )
        for t in tables
    }
    by_id = {t.id: t for t in tables}
    withhold_derived_from(by_id, public, symbol)
    cited = {
        c: _from_tables(c, by_id, public, symbol)
        if cell is None
        else Cited(
            None if hidden[cell] else float(values[cell]),
            small=bool(hidden[cell]) and 1 <= values[cell] <= threshold,
            exact=not hidden[cell],
        )
        for c, cell in cells.items()
    }
    return Protection(public, cited)


def _from_tables(
    cells: Cells, tables: dict[str, Table], public: dict[str, Table], symbol: str
) -> Cited | None:
    """A cited value that is no count (a rate, a cost) as its public table shows it."""
    if cells.table not in public or cells.column not in public[cells.table].data:
        return None
    shown = public[cells.table].data.reset_index(drop=True)
    original = tables[cells.table].data.reset_index(drop=True)
    rows = np.flatnonzero(matches(original, cells.where))
    if len(rows) != 1:
        return None
    value, before = (
        shown[cells.column].iloc[rows[0]],
        original[cells.column].iloc[rows[0]],
    )
    if value == symbol or pd.isna(value):
        return Cited(None, exact=False)
    return Cited(float(value), exact=bool(value == before))


def withhold_derived_from(
    tables: dict[str, Table], public: dict[str, Table], symbol: str
) -> None:
    """Withhold, in ``public``, columns built on another table's counts that protection touched.

    A row's source counts are touched when their public form differs from
    the numbers analysed (withheld, or rounded to another value); the
    columns of the rows holding the same labels are then withheld. A source
    table missing from the publication withholds the columns everywhere.
    """
    for table in tables.values():
        if not table.derived_from:
            continue
        frame = public[table.id].data.copy()
        for link in table.derived_from:
            touched = _touched_labels(tables.get(link.table), public.get(link.table), link)
            keys = _label_keys(frame, link.on)
            rows = [touched is None or key in touched for key in keys]
            for column in (c for c in link.columns if c in frame.columns):
                frame[column] = frame[column].astype(object)
                frame.loc[rows, column] = symbol
        public[table.id] = public[table.id].with_data(frame)


def _label_keys(frame: pd.DataFrame, on: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each row's labels ``on``, as text (so ``3`` and ``3.0`` match)."""
    columns = [frame[c].map(label).tolist() for c in on]
    return list(zip(*columns, strict=True)) if columns else [()] * len(frame)


def _touched_labels(
    original: Table | None, shown: Table | None, link: DerivedFrom
) -> set[tuple[str, ...]] | None:
    """Labels of the source rows whose counts protection changed (None: no source)."""
    if original is None or shown is None:
        return None
    before = original.data.reset_index(drop=True)
    after = shown.data.reset_index(drop=True)
    changed = np.zeros(len(before), dtype=bool)
    for column in (c for c in link.sources if c in before.columns):
        changed |= np.array(
            [not _same(a, b) for a, b in zip(before[column], after[column], strict=True)],
            dtype=bool,
        )
    keys = _label_keys(before, link.on)
    return {key for key, hit in zip(keys, changed, strict=True) if hit}


def _same(analysed: object, published: object) -> bool:
    """Whether a published count is the number analysed (both missing counts as same)."""
    if pd.isna(analysed) and pd.isna(published):  # type: ignore[call-overload]
        return True
    try:
        return float(analysed) == float(published)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def round_to(value: float, base: int) -> int:
    """``value`` to the nearest multiple of ``base``, halves up.

    Examples
    --------
    >>> [round_to(v, 5) for v in (0, 1, 2, 3, 7, 12.5, 2523)]
    [0, 0, 0, 5, 5, 15, 2525]
    """
    return int(base * np.floor(value / base + 0.5))


def _rounded(
    tables: list[Table], findings: list[Finding], *, base: int, symbol: str
) -> Protection:
    """Every count rounded to ``base`` on its own; sentences cite rounded sums."""
    by_id = {t.id: t for t in tables}
    public = {
        t.id: t.with_data(rounded_frame(t, base=base, symbol=symbol)) for t in tables
    }
    withhold_derived_from(by_id, public, symbol)
    cited: dict[Cells, Cited | None] = {}
    for cells in {c for f in findings for c in f.cites.values()}:
        total = _cited_sum(by_id.get(cells.table), cells)
        cited[cells] = (
            None
            if total is None
            else Cited(
                float(round_to(total, base)), exact=round_to(total, base) == total
            )
        )
    return Protection(public, cited)


def _cited_sum(table: Table | None, cells: Cells) -> int | None:
    """The unrounded number ``cells`` picks (a sum over its rows)."""
    if table is None or cells.column not in count_columns(table):
        return None
    pub = Publication.of([table])
    cell = pub.state_sum(cells)
    return None if cell is None else int(pub.values[cell])


def rounded_frame(table: Table, *, base: int, symbol: str = "[c]") -> pd.DataFrame:
    """``table``'s data with counts rounded to ``base`` and what is built on them redone.

    Shares are worked out again from the rounded counts of their group; a
    value built on one count (a rate, a limit, an average) is scaled with it;
    a value built on several counts is withheld unless rounding left them all
    as they were.
    """
    frame = table.data.reset_index(drop=True)
    columns = count_columns(table)
    if not columns:
        return frame
    out = frame.astype({c: object for c in frame.columns})
    counts = frame[columns].apply(pd.to_numeric, errors="coerce")
    rounded = counts.map(lambda v: v if pd.isna(v) else round_to(v, base))
    for col in columns:
        out[col] = [v if pd.isna(v) else int(v) for v in rounded[col]]
    for col, sources in table.derived_columns.items():
        if col in out.columns and col not in table.shares:
            out[col] = pd.Series(
                _redone(frame, col, sources, counts, rounded, symbol), dtype=object
            )
    for col, by in table.derived_within.items():
        if col in out.columns:
            changed = (counts != rounded).any(axis=1)
            out.loc[within(changed, frame, by), col] = symbol
    _reshare(table, frame, out, rounded)
    return out


def _redone(
    frame: pd.DataFrame,
    column: str,
    sources: tuple[str, ...],
    counts: pd.DataFrame,
    rounded: pd.DataFrame,
    symbol: str,
) -> list[object]:
    """A derived column after rounding: scaled with its one count, else kept or withheld."""
    values = pd.to_numeric(frame[column], errors="coerce")
    places = _places(values)
    src = [s for s in sources if s in counts.columns]
    out: list[object] = []
    for i, value in enumerate(values):
        if pd.isna(value):
            out.append(frame[column].iloc[i])
        elif len(src) == 1:
            before, after = counts[src[0]].iloc[i], rounded[src[0]].iloc[i]
            scaled = value * after / before if before else value
            out.append(round(float(scaled), places))
        elif all(counts[s].iloc[i] == rounded[s].iloc[i] for s in src):
            out.append(frame[column].iloc[i])
        else:
            out.append(symbol)
    return out


def _places(values: pd.Series) -> int:
    """Decimals a column is shown to (0 to 2)."""
    finite = values.dropna()
    for places in (0, 1, 2):
        if ((finite - finite.round(places)).abs() < 1e-9).all():
            return places
    return 2


def _reshare(
    table: Table, frame: pd.DataFrame, out: pd.DataFrame, rounded: pd.DataFrame
) -> None:
    """Shares worked out again from the rounded counts of their group."""
    placed = Placed(table, frame, count_columns(table), 0)
    for share, (source, groups) in share_groups(placed).items():
        places = _places(pd.to_numeric(frame[share], errors="coerce"))
        for rows in groups:
            total = float(rounded[source].iloc[rows].sum())
            for i in rows:
                value = rounded[source].iloc[i]
                out.loc[i, share] = (
                    round(100.0 * value / total, places) if total else None
                )


def shown_tables(tables: Iterable[Table], protection: Protection) -> tuple[Table, ...]:
    """``tables`` in their public form, person-level ones left out."""
    return tuple(protection.tables[t.id] for t in tables if not t.person_level)
