"""``tables.xlsx``: every table, laid out as the Analysis Function asks (gptables).

A cover sheet, a contents sheet, then one sheet per table with its title,
notes and source above it; numbers stay numbers, and a withheld cell holds the
text ``[c]`` with a note saying what it means.
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING

import gptables as gpt
import pandas as pd

from svsna.report.cells import inert, inert_cells

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.results import Report, Table

MAX_SHEET = 31


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


def _gptable(
    table: Table, *, report: Report, symbol: str, threshold: int
) -> gpt.GPTable:
    data = inert_cells(table.data.reset_index(drop=True))
    data.columns = [str(c) for c in data.columns]
    if data.empty or data.isna().all().all():
        # gptables refuses an empty table; say so in a cell instead.
        data = pd.DataFrame({"note": ["This table has no rows for the data supplied."]})
    notes = list(table.notes)
    if (data.astype(str) == symbol).any().any():
        notes.append(
            f"{symbol} = confidential: a count from 1 to {threshold}, or a value that "
            "would reveal one, withheld in the public edition."
        )
    subtitles = [table.caption] if table.caption else []
    subtitles += [f"Note: {n}" for n in notes]
    if report.edition.restricted:
        subtitles.insert(0, report.edition.banner)
    return gpt.GPTable(
        table=data,
        table_name=re.sub(r"\W", "_", table.id),
        title=str(inert(table.title)),
        subtitles=[str(inert(s)) for s in subtitles],
        scope=str(inert(f"{report.area_name}, {report.period_label}")),
        source=f"svsna, definition {report.definition_name}",
        instructions=(
            f"This worksheet contains one table. Some cells may contain {symbol}."
            if not report.edition.restricted
            else "This worksheet contains one table."
        ),
    )


def write_xlsx(report: Report, path: Path, *, definition: Definition) -> Path:
    """Write ``tables.xlsx``."""
    tables = report.tables()
    symbol = definition.disclosure.symbol
    threshold = definition.disclosure.threshold
    sheets = {
        name: _gptable(t, report=report, symbol=symbol, threshold=threshold)
        for name, t in zip(sheet_names(tables), tables, strict=True)
    }
    edition = report.edition.disclosure_note(
        threshold, symbol, rounded_to=definition.disclosure.rounded_to
    )
    cover = gpt.Cover(
        cover_label="Cover",
        title=str(inert(f"{report.title}: tables")),
        intro=[
            str(inert(f"{report.area_name}, {report.period_label}.")),
            edition,
            f"Definition: {report.definition_name}. Produced {report.generated_on}.",
        ],
        about=[
            "Each table of the report is on its own sheet, listed on the Contents sheet.",
            "Numbers are stored as numbers"
            + (
                f"; withheld cells hold the text {symbol}."
                if not report.edition.restricted
                else "."
            ),
        ],
    )
    if not sheets:
        from svsna.results import Table

        empty = Table("no_tables", "No tables", pd.DataFrame({"note": ["none"]}))
        sheets = {
            "no_tables": _gptable(empty, report=report, symbol=symbol, threshold=0)
        }
    with warnings.catch_warnings():
        # Notes live under each table's title, so gptables' notes sheet is unused.
        warnings.filterwarnings("ignore", message="No note text provided")
        # gptables' own pandas deprecation notices say nothing about our data.
        warnings.filterwarnings("ignore", module=r"gptables\.")
        gpt.write_workbook(
            filename=str(path),
            sheets=sheets,
            cover=cover,
            contentsheet_label="Contents",
            auto_width=True,
            # Text is written as text: never read as a formula or a link.
            workbook_options={"strings_to_formulas": False, "strings_to_urls": False},
        )
    return path
