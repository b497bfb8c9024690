"""``tables.xlsx``: every table, laid out as the Analysis Function asks (gptables).

A Cover sheet, a Contents sheet, a Notes sheet, then one sheet per table with
its title (naming its notes: ``[note 1]``) and source above it; numbers stay
numbers, and a withheld cell holds the text ``[c]``, whose note is referred to
only from the sheets that hold one.

Text from the data is written as written, never as markup: besides formulas
(:mod:`svsna.report.cells`), gptables reads ``[text](url)`` as a hyperlink and
``$$x$$`` as a note reference, and refuses a cell without a letter or digit,
a row of empty cells and an empty or repeated column name. So each such piece
of text is changed as little as shows it is plain text (:func:`as_written`).
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING

import gptables as gpt
import pandas as pd

from svsna.report.cells import inert
from svsna.report.labels import label
from svsna.report.view import column_formats

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report, Table

MAX_SHEET = 31
#: What gptables reads as markup: ``](`` in a Markdown link, ``$$`` around a note reference.
_LINK = re.compile(r"\]\(")
_NOTE = re.compile(r"\$(?=\$)")
_LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
#: What a cell or column name that would be empty, or only symbols, is marked with.
AS_RECORDED = "(as recorded)"
BLANK = "(blank)"


def as_written(value: object) -> object:
    r"""``value`` as gptables writes it as plain text; numbers and other values unchanged.

    Examples
    --------
    >>> as_written("[click](http://x.example)"), as_written("$$1$$ and $$2$$")
    ('[click] (http://x.example)', '$ $1$ $ and $ $2$ $')
    >>> as_written("—"), as_written("=-"), as_written("Derby"), as_written(3)
    ('— (as recorded)', "'=- (as recorded)", 'Derby', 3)
    """
    value = inert(value)
    if not isinstance(value, str):
        return value
    text = _NOTE.sub("$ ", _LINK.sub("] (", value))
    if text.strip() and not _LETTER_OR_DIGIT.search(text):
        text = f"{text} {AS_RECORDED}"
    return text


def _column_names(names: list[object]) -> list[str]:
    """Column names gptables takes: plain text, none empty, no two alike."""
    out: list[str] = []
    for name in names:
        text = str(as_written(str(name))).strip() or BLANK
        base, n = text, 1
        while text in out:
            n += 1
            text = f"{base} ({n})"
        out.append(text)
    return out


def for_gptables(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name as written (see :func:`as_written`).

    Only the cells that change are replaced, so numbers and column types stay
    (a column holding pandas' NA holds None instead); a row whose cells are
    all empty says so in its first cell.
    """
    data = frame.reset_index(drop=True).copy()
    data.columns = _column_names(list(data.columns))
    for column in data.columns:
        if any(v is pd.NA for v in data[column]):  # gptables cannot measure pandas' NA
            data[column] = data[column].astype(object).where(data[column].notna(), None)
        series = data[column]
        if not (
            pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
        ):
            continue
        rows = [
            i
            for i, value in enumerate(series)
            if isinstance(value, str) and as_written(value) != value
        ]
        if rows:
            written = [str(as_written(series.iloc[i])) for i in rows]
            data.loc[rows, column] = pd.Series(written, index=rows, dtype=object)
    empty = data.map(lambda v: pd.isna(v) or (isinstance(v, str) and not v.strip()))
    blank = empty.astype(bool).all(axis=1)  # an empty frame keeps its columns' dtypes
    if data.shape[1] and blank.any() and not blank.all():
        first = data.columns[0]
        data[first] = data[first].astype(object).where(~blank, BLANK)
    return data


def sheet_names(tables: list[Table]) -> list[str]:
    """Unique Excel sheet names (31 characters, none of ``[]:*?/``) from table ids.

    Examples
    --------
    >>> from svsna.results import Table
    >>> import pandas as pd
    >>> t = [Table("a" * 40, "x", pd.DataFrame()), Table("a" * 40 + "b", "y", pd.DataFrame())]
    >>> sheet_names(t)
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2']
    """
    names: list[str] = []
    for t in tables:
        base = re.sub(r"[\[\]:*?/\\]", "_", t.id)[:MAX_SHEET]
        name, n = base, 1
        while name.lower() in {x.lower() for x in names}:
            n += 1
            name = f"{base[: MAX_SHEET - len(str(n)) - 1]}_{n}"
        names.append(name)
    return names


def headers(columns: list[str]) -> list[str]:
    """Each column's words with its unit (:mod:`.labels`), its id where two would clash.

    Examples
    --------
    >>> headers(["year", "per_1000", "all", "all_occurrences"])
    ['Year', 'Rate per 1,000 residents', 'all', 'all_occurrences']
    """
    words = [label(c) for c in columns]
    return [
        w if words.count(w) == 1 else c for c, w in zip(columns, words, strict=True)
    ]


def _number_formats(data: pd.DataFrame, symbol: str) -> list[dict]:
    """Column formats for gptables: separators and each column's decimals, as printed."""
    by_format: dict[str, list[int]] = {}
    for i, f in enumerate(column_formats(data, symbol=symbol)):
        if f.numeric:
            by_format.setdefault(f.excel, []).append(i)
    return [
        {"column": {"columns": cols, "format": {"num_format": fmt}}}
        for fmt, cols in by_format.items()
    ]


class Notes:
    """The workbook's notes: each text once, referred to by a key gptables numbers.

    gptables turns ``$$key$$`` in a title into ``[note N]`` (N in the order
    the notes are first referred to) and lists every note on the Notes sheet,
    as the Analysis Function's guidance asks.
    """

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def refer(self, text: str) -> str:
        """The reference to ``text``'s note, its key made on first use."""
        key = self.keys.setdefault(text, f"note_{len(self.keys) + 1}")
        return f"$${key}$$"

    def table(self) -> pd.DataFrame:
        """The Notes sheet's table: key (numbered by gptables) and text."""
        return pd.DataFrame(
            {
                "key": list(self.keys.values()),
                "Note text": [str(as_written(t)) for t in self.keys],
            }
        )


def _gptable(
    table: Table, *, report: Report, symbol: str, threshold: int, notes: Notes
) -> gpt.GPTable:
    raw = table.data.reset_index(drop=True)
    formats = _number_formats(raw, symbol)
    raw.columns = headers([str(c) for c in raw.columns])
    data = for_gptables(raw)
    if data.empty or data.isna().all().all():
        # gptables refuses an empty table; say so in a cell instead.
        data = pd.DataFrame({"note": ["This table has no rows for the data supplied."]})
        formats = []
    texts = [str(n) for n in table.notes]
    withheld = bool((data.astype(str) == symbol).any().any())
    if withheld:
        texts.append(
            f"{symbol} = confidential: a count from 1 to {threshold}, or a value that "
            "would reveal one, withheld in the public edition."
        )
    references = "".join(notes.refer(t) for t in texts)  # gptables: " [note 1][note 2]"
    subtitles = [table.caption] if table.caption else []
    if report.edition.restricted:
        subtitles.insert(0, report.edition.banner)
    return gpt.GPTable(
        table=data,
        table_name=re.sub(r"\W", "_", table.id),
        title=f"{as_written(table.title)} {references}".strip(),
        subtitles=[str(as_written(s)) for s in subtitles],
        scope=str(as_written(f"{report.area_name}, {report.period_label}")),
        source=f"svsna, definition {report.definition_name}",
        instructions=(
            f"This worksheet contains one table. Some cells contain {symbol}."
            if withheld
            else "This worksheet contains one table."
        )
        + (" Its notes are on the Notes sheet." if texts else ""),
        additional_formatting=formats,
    )


def _cover(report: Report, definition: Definition) -> gpt.Cover:
    """The Cover sheet: what the workbook holds, its edition, where its notes are."""
    symbol = definition.disclosure.symbol
    edition = report.edition.disclosure_note(
        definition.disclosure.threshold, symbol, rounded_to=definition.disclosure.rounded_to
    )
    return gpt.Cover(
        cover_label="Cover",
        title=str(as_written(f"{report.title}: tables")),
        intro=[
            str(as_written(f"{report.area_name}, {report.period_label}.")),
            edition,
            f"Definition: {report.definition_name}. Produced {report.generated_on}.",
        ],
        about=[
            "Each table of the report is on its own sheet, listed on the Contents sheet.",
            "Notes are on the Notes sheet; a table's title refers to each of its "
            "notes by number, such as [note 1].",
            "Numbers are stored as numbers"
            + (
                f"; withheld cells hold the text {symbol}."
                if not report.edition.restricted
                else "."
            ),
        ],
    )


def write_xlsx(report: Report, path: Path, *, definition: Definition) -> Path:
    """Write ``tables.xlsx``: Cover, Contents and Notes sheets, then one sheet a table."""
    tables = report.tables()
    symbol = definition.disclosure.symbol
    threshold = definition.disclosure.threshold
    notes = Notes()
    sheets = {
        name: _gptable(t, report=report, symbol=symbol, threshold=threshold, notes=notes)
        for name, t in zip(sheet_names(tables), tables, strict=True)
    }
    if not sheets:
        from svsna.results import Table

        empty = Table("no_tables", "No tables", pd.DataFrame({"note": ["none"]}))
        sheets = {
            "no_tables": _gptable(
                empty, report=report, symbol=symbol, threshold=0, notes=notes
            )
        }
    with warnings.catch_warnings():
        # gptables' own pandas deprecation notices say nothing about our data.
        warnings.filterwarnings("ignore", module=r"gptables\.")
        book = gpt.produce_workbook(
            filename=str(path),
            sheets=sheets,
            cover=_cover(report, definition),
            contentsheet_label="Contents",
            notes_table=notes.table() if notes.keys else None,
            notesheet_label="Notes",
            notesheet_options={
                "title": "Notes",
                "instructions": "This worksheet contains one table of notes, "
                "numbered in the order the tables refer to them.",
            },
            auto_width=True,
            # Text is written as text: never read as a formula or a link.
            workbook_options={"strings_to_formulas": False, "strings_to_urls": False},
        )
        for name, sheet in sheets.items():
            # The header row stays in view while the rows scroll beneath it.
            book.get_worksheet_by_name(name).freeze_panes(sheet.data_range[0] + 1, 0)
        book.close()
    return path
