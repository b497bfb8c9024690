"""Results as every medium reads them: formatted cells, labels and arrows.

HTML, PDF, Word and the profiles all show the same words and numbers; this
module decides them once (thousands separators, decimals per column, ``[c]``,
trend arrows and their meaning) so that the media cannot disagree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from svsna.report.labels import in_words, label
from svsna.report.layout import Wide, wide
from svsna.results import numbers
from svsna.results.findings import FindingRecord, finding_records
from svsna.results.names import slug

if TYPE_CHECKING:
    from svsna.config import Definition
    from svsna.results import Chart, Section, Table

#: Columns holding labels that happen to be numbers (no thousands separators).
PLAIN_NUMBER = re.compile(
    r"^(year|hour|day|month|rank|.*_rank|period.*|lad_code|code)$"
)

#: Columns of p-values, printed as the report's sentences print them.
P_VALUE = re.compile(r"^(p|p_value.*|.*_p_value|.*_p)$")

#: The executive summary: at most this many findings, and at most
#: ``KEY_PER_SECTION`` from one chapter (the chapter itself shows them all).
SUMMARY_MOST = 12
KEY_PER_SECTION = 2
#: How the executive summary chooses, in the words every medium prints.
SUMMARY_RULE = (
    "The findings that matter most, chosen by one rule: first the definition's "
    "headline measures, then every statistically significant change, the "
    "strongest evidence (smallest p-value) first, then the lead finding of each "
    "other chapter in report order; at most two from one chapter and twelve in all."
)

#: A screen holds about this many rows of a table (with its caption and notes,
#: at the report's type): in HTML a longer table goes to the appendix, where
#: the chapter links to it, unless it is a list of statements.
SCREEN_ROWS = 20
LIST_WORDS = 40

#: In Word, tables longer than this are listed, not printed (a fixed-form table
#: up to ``PRINT_ROWS_FIXED`` rows, like the 95 hotspots, is printed); the full
#: table is in index.html, report.pdf, tables.xlsx and tables/<id>.csv.
PRINT_ROWS = 60
PRINT_ROWS_FIXED = 120
#: A printed page (PDF, Word) holds about this many rows: a longer table goes
#: to the appendix of full tables, where its chapter points.
PRINTED_INLINE_ROWS = 30
#: The id of the data-quality section, shown in the report's data-quality part.
DATA_QUALITY = "data_quality"

ARROWS = {"up": "\u25b2", "down": "\u25bc", "same": "\u2194"}


@dataclass(frozen=True)
class Cell:
    """One shown cell: its text, a sort key and whether it is a number."""

    text: str
    value: str
    numeric: bool
    suppressed: bool = False


@dataclass(frozen=True)
class TableView:
    """A table ready to print: headers, rows of cells, which rows are totals."""

    id: str
    title: str
    caption: str
    notes: tuple[str, ...]
    headers: tuple[str, ...]
    numeric_columns: tuple[bool, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total_rows: frozenset[int]
    #: A header row above ``headers`` (words, columns spanned), when a wide
    #: table groups its year columns under each measure; empty otherwise.
    groups: tuple[tuple[str, int], ...] = ()

    @property
    def is_list(self) -> bool:
        """Whether the table is a list of statements, read whole where it is.

        Recommendations, what people said: a column of words at least
        ``LIST_WORDS`` characters long in its middle row.
        """
        for j, numeric in enumerate(self.numeric_columns):
            lengths = sorted(len(row[j].text) for row in self.rows)
            if not numeric and lengths and lengths[len(lengths) // 2] >= LIST_WORDS:
                return True
        return False

    @property
    def has_suppressed(self) -> bool:
        """Whether any cell shows ``[c]``."""
        return any(c.suppressed for row in self.rows for c in row)


@dataclass(frozen=True)
class Arrow:
    """A trend arrow: its symbol, its direction and what it means in words."""

    symbol: str
    direction: str
    meaning: str


def header_label(column: str) -> str:
    """A column's header: its words from the label registry (:mod:`.labels`).

    Examples
    --------
    >>> header_label("per_1000"), header_label("pct_repeat_occurrences")
    ('Rate per 1,000 residents', 'Repeat occurrences (%)')
    """
    return label(column)


def _decimals(values: pd.Series) -> int:
    """Decimals needed to show a float column as the analysis rounded it (0-2)."""
    finite = [
        float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)
    ]
    for places in (0, 1, 2):
        if all(abs(v - round(v, places)) < 1e-9 for v in finite):
            return places
    return 2


def format_number(value: float, *, decimals: int = 0, separators: bool = True) -> str:
    """A number as the report prints it (``1,234``, ``12.5``, ``-3``).

    Examples
    --------
    >>> format_number(2523), format_number(14.04, decimals=1)
    ('2,523', '14.0')
    >>> format_number(2024, separators=False), format_number(-4.92, decimals=1)
    ('2024', '−4.9')
    """
    return numbers.number(value, decimals=decimals, separators=separators)


def p_value_text(value: float) -> str:
    """A p-value as the report prints it: three decimals, or ``< 0.001``.

    Examples
    --------
    >>> p_value_text(0.00004), p_value_text(0.0493), p_value_text(1.0)
    ('< 0.001', '0.049', '1.000')
    """
    return numbers.p_value(value)


def _words(value: Any) -> str:
    """A cell's text: ``yes``/``no`` for a true/false value, never ``True``/``False``.

    Examples
    --------
    >>> _words(True), _words(False), _words("Derby"), _words(1.0)
    ('yes', 'no', 'Derby', '1')
    """
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return numbers.whole(float(value))
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class ColumnFormat:
    """How a column's numbers print: whether it holds numbers, decimals, separators."""

    numeric: bool
    decimals: int
    separators: bool
    p_value: bool = False

    @property
    def excel(self) -> str:
        """The same as an Excel number format (``#,##0.0``, ``0``, ``0.000``)."""
        if self.p_value:
            return "0.000"
        whole = "#,##0" if self.separators else "0"
        return whole + ("." + "0" * self.decimals if self.decimals else "")


def column_formats(
    data: pd.DataFrame, *, symbol: str = "[c]", names: tuple[str, ...] = ()
) -> list[ColumnFormat]:
    """One decision per column, which every medium (and the workbook) follows.

    ``names`` are the columns' names in the long table, when ``data`` is laid
    out wide (a year column under ``trend_p`` holds p-values).
    """
    formats = []
    for i, col in enumerate(names or data.columns):
        cells = data.iloc[:, i].tolist()
        shown = [v for v in cells if not _missing(v) and v != symbol]
        # A column of numbers, or only of [c] (numbers, all withheld).
        withheld = any(isinstance(v, str) and v == symbol for v in cells)  # pd.NA-safe
        numeric = all(_is_number(v) for v in shown) and (bool(shown) or withheld)
        decimals = _decimals(pd.Series(shown)) if numeric else 0
        formats.append(
            ColumnFormat(
                numeric,
                decimals,
                not PLAIN_NUMBER.match(str(col)),
                numeric and bool(P_VALUE.match(str(col))),
            )
        )
    return formats


def table_view(table: Table, *, symbol: str = "[c]", spread: bool = True) -> TableView:
    """Format ``table`` for display: one decision per column, every medium alike.

    A long table of counts by year (or day by hour) is laid out wide, as a
    reader wants it (:mod:`.layout`), unless ``spread`` is false.
    """
    data = table.data.reset_index(drop=True)
    totals, caption = frozenset(table.total_rows), table.caption
    laid = wide(data, table.total_rows, symbol=symbol) if spread else None
    names: tuple[str, ...] = ()
    headers = tuple(str(c) for c in data.columns)
    if laid is not None:
        data, totals = laid.frame, frozenset(laid.total_rows)
        caption = wide_caption(caption, laid)
        names, headers = laid.sources, laid.headers
    columns = list(names or data.columns)
    formats = [
        (f.numeric, f.decimals, f.separators)
        for f in column_formats(data, symbol=symbol, names=names)
    ]
    rows = []
    for record in data.itertuples(index=False):
        cells = []
        for column, value, (numeric, decimals, seps) in zip(
            columns, record, formats, strict=True
        ):
            if isinstance(value, str) and value == symbol:
                cells.append(Cell(symbol, "", numeric, suppressed=True))
            elif _missing(value):
                cells.append(Cell("", "", numeric))
            elif numeric and P_VALUE.match(str(column)):
                cells.append(Cell(p_value_text(float(value)), repr(float(value)), True))
            elif numeric:
                text = format_number(float(value), decimals=decimals, separators=seps)
                cells.append(Cell(text, repr(float(value)), True))
            else:
                cells.append(Cell(_words(value), str(value), False))
        rows.append(tuple(cells))
    return TableView(
        id=table.id,
        title=table.title,
        caption=in_words(caption, {table.id: table.title}),
        notes=tuple(in_words(n, {table.id: table.title}) for n in table.notes),
        headers=tuple(header_label(h) for h in headers),
        numeric_columns=tuple(f[0] for f in formats),
        rows=tuple(rows),
        total_rows=totals,
        groups=tuple((header_label(g) if g else "", n) for g, n in laid.groups)
        if laid is not None
        else (),
    )


def wide_caption(caption: str, laid: Wide) -> str:
    """The caption of a wide table, saying what its cells hold.

    Examples
    --------
    >>> from svsna.report.layout import Wide
    >>> wide_caption("", Wide(pd.DataFrame(), (), "year", ("count", "pct")))
    'Count and share (%) in each year.'
    >>> wide_caption("Occurrences.", Wide(pd.DataFrame(), (), "hour", ("count",)))
    'Occurrences. Count in each hour (0 = midnight to 1 am).'
    >>> wide_caption("", Wide(pd.DataFrame(), (), "year", ("all", "cost"), (("", 1),)))
    'Years across, under each measure.'
    """
    if laid.groups:
        words = "Years across, under each measure."
        return f"{caption} {words}" if caption else words
    held = " and ".join(label(v).lower() for v in laid.values)
    where = (
        "each hour (0 = midnight to 1 am)" if laid.across == "hour" else "each year"
    )
    words = f"{held[:1].upper()}{held[1:]} in {where}."
    return f"{caption} {words}" if caption else words


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA (which refuses to be compared with ``==``)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def arrow_basis(definition: Definition) -> str:
    """What a trend arrow compares, in the words every medium uses.

    Public data (``data_source: police_uk``) compare equal runs of months a
    year apart, which each finding's sentence names; the full SNA compares its
    two latest financial years.
    """
    if definition.data_source == "police_uk":
        return (
            "between the two periods its sentence names (the same months of two "
            "consecutive years, or two full 12-month windows, both in the data)"
        )
    return "between the two latest years"


def profile_kind(definition: Definition) -> str:
    """What a district profile is called: public data's template is not the SNA's."""
    if definition.data_source == "police_uk":
        return "district profile from public data (data.police.uk)"
    return "serious violence district profile"


def arrow(finding: FindingRecord, *, alpha: float) -> Arrow | None:
    """The arrow of a finding: ▲/▼ only when its change is significant, else ↔.

    None when no test applies (``direction`` is None).
    """
    if finding.direction is None:
        return None
    p = ""
    if finding.p_value is not None:
        p = f" ({numbers.p_clause(finding.p_value)})"
    if finding.direction == "no change":
        meaning = f"no statistically significant change at the {alpha:.0%} level{p}"
        return Arrow(ARROWS["same"], "same", meaning)
    word = "increase" if finding.direction == "up" else "decrease"
    meaning = f"statistically significant {word} at the {alpha:.0%} level{p}"
    return Arrow(ARROWS[finding.direction], finding.direction, meaning)


@dataclass(frozen=True)
class FindingView:
    """A finding's sentence with its arrow, printed from its published record."""

    text: str
    arrow: Arrow | None
    section: str
    test: str | None = None
    anchor: str = ""


def finding_view(finding: FindingRecord, *, alpha: float) -> FindingView:
    """How every medium prints one record of ``findings.json``."""
    return FindingView(
        finding.text,
        arrow(finding, alpha=alpha),
        finding.section,
        finding.test,
        anchor=f"section-{slug(finding.section_id)}",
    )


def findings_of(sections: tuple[Section, ...], *, alpha: float) -> list[FindingView]:
    """Every finding of every available section, in report order (from the records)."""
    return [finding_view(r, alpha=alpha) for r in finding_records(sections)]


def key_findings(
    sections: tuple[Section, ...],
    *,
    alpha: float,
    most: int = SUMMARY_MOST,
    per_section: int = KEY_PER_SECTION,
) -> list[FindingView]:
    """The executive summary's findings, ranked by :data:`SUMMARY_RULE`.

    First the definition's headline measures, then every statistically
    significant change (smallest p-value first), then the lead finding of
    each other chapter in report order; at most ``per_section`` a chapter
    and ``most`` in all.
    """
    records = finding_records(sections)
    leads: dict[str, int] = {}
    for order, r in enumerate(records):
        leads.setdefault(r.section_id, order)

    def rank(item: tuple[int, FindingRecord]) -> tuple[int, float, int]:
        order, r = item
        if r.headline:
            return (0, 0.0, order)
        if r.significant:
            return (1, r.p_value if r.p_value is not None else 1.0, order)
        return (2 if leads[r.section_id] == order else 3, 0.0, order)

    chosen: list[FindingView] = []
    taken: dict[str, int] = {}
    for order, r in sorted(enumerate(records), key=rank):
        if rank((order, r))[0] == 3 or len(chosen) == most:
            break
        if taken.get(r.section_id, 0) < per_section and r.text not in {
            c.text for c in chosen
        }:
            taken[r.section_id] = taken.get(r.section_id, 0) + 1
            chosen.append(finding_view(r, alpha=alpha))
    return chosen


def reference_chapters(sections: tuple[Section, ...]) -> list[str]:
    """Each chapter with its number in the reference SNA, for the methods.

    Examples
    --------
    >>> from svsna.results import Section
    >>> reference_chapters((Section("fire", "15", "Fire", reference="14"),))
    ['15. Fire: chapter 14 of the reference SNA']
    """
    return [
        f"{s.number}. {s.title}: chapter {s.reference} of the reference SNA"
        for s in sections
        if s.number and s.reference
    ]


def summary_lines(section: Section) -> tuple[str, ...]:
    """A section's paragraphs less those its findings list already say.

    A chapter whose sentence is also one of its findings prints it once, as
    the finding (with its arrow).
    """
    said = {f.text for f in section.findings}
    titles = {t.id: t.title for t in section.tables}
    return tuple(
        in_words(line, titles) for line in section.summary if line not in said
    )


def callout_value(value: float, unit: str = "") -> str:
    """A callout's big number: ``45%``, ``£1.2m``-style units kept as given.

    Examples
    --------
    >>> callout_value(45.0, "%"), callout_value(2523, "offences")
    ('45%', '2,523 offences')
    """
    decimals = 0 if float(value).is_integer() else 1
    number = format_number(float(value), decimals=decimals)
    if not unit:
        return number
    if unit in ("%", "per cent"):
        return f"{number}%"
    if unit in ("£", "$", "€"):
        return f"{unit}{number}"
    return f"{number} {unit}"


def default_alt_text(chart: Chart) -> str:
    """A plain description for a chart that came without one.

    Examples
    --------
    >>> import pandas as pd
    >>> from svsna.results import Chart
    >>> c = Chart("c", "T", "bar", pd.DataFrame({"year": ["a"], "n": [1]}), "year", "n", "")
    >>> default_alt_text(c)
    'Bar chart of n by year (1 value); the table beside it gives the numbers.'
    """
    kind = chart.kind.replace("_", " ")
    n = len(chart.data)
    by = (
        f" and {chart.color}"
        if chart.color and chart.color not in (chart.x, chart.y)
        else ""
    )
    values = f"{n} value{'s' if n != 1 else ''}"
    return (
        f"{kind[:1].upper()}{kind[1:]} chart of {chart.y} by {chart.x}{by} ({values}); "
        "the table beside it gives the numbers."
    )


def sv_versions(definition: Definition) -> list[dict[str, Any]]:
    """Each version of the serious-violence definition with its group labels."""
    labels = {g.id: g.label for g in definition.offence_groups}
    return [
        {"from_": v.from_, "labels": [labels.get(g, g) for g in v.groups]}
        for v in definition.serious_violence.versions
    ]


def left_out_line(section: Section) -> str:
    """The one line every medium shows in place of a section that could not be produced."""
    if section.missing_inputs:
        n = len(section.missing_inputs)
        return (
            f"Not produced: this chapter needs the {', '.join(section.missing_inputs)} "
            f"input{'s' if n != 1 else ''} (see the data contract); add "
            f"{'them' if n != 1 else 'it'} to the data folder to enable it."
        )
    return f"Not produced: {section.not_computed}"
