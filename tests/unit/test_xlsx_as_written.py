"""Text from the data goes into ``tables.xlsx`` as written, never as markup (issue 14.3).

gptables reads ``[text](url)`` as a hyperlink and ``$$x$$`` as a note
reference, and stops at a cell without a letter or digit, a row of empty
cells or an empty column name: each would let a district's name make a live
link, or stop the whole workbook.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from report_sample import sample_report

from svsna.config import load_definition
from svsna.report.excel import write_xlsx
from svsna.results import Section, Table

NAMES = [
    "[click](http://evil.example)",
    "[a](http://x.example) and [b](http://y.example)",
    "$$note$$",
    "—",
    "=1+2",
    None,
    "Derby",
]


def _hostile_report(edition: str) -> object:
    table = Table(
        "hostile_names",
        "Crimes in [here](http://evil.example) $$x$$",
        pd.DataFrame(
            {
                "district": NAMES,
                "": ["a", "b", "c", "d", "e", None, "g"],  # a column named nothing
                "count": [1, 2, 3, 4, 5, None, 7],
                "share": [0.5, 1.5, None, 2.0, -3.0, None, 4.25],
            }
        ).astype({"count": "Int64"}),
        count_columns=("count",),
    )
    report = sample_report(edition)
    hostile = Section("hostile", "99", "Hostile", tables=(table,))
    return dataclasses.replace(report, sections=(*report.sections, hostile))


def test_hostile_names_are_plain_text_in_the_workbook(tmp_path: Path) -> None:
    path = write_xlsx(
        _hostile_report("restricted"),  # type: ignore[arg-type]
        tmp_path / "tables.xlsx",
        definition=load_definition(None),
    )
    book = load_workbook(path)
    links = {
        sheet.title
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.hyperlink is not None
    }
    assert links == {"Contents"}  # its links to the sheets: the search can find links
    sheet = book["hostile_names"]
    rows = [
        r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)
    ]
    header = rows.index(("District", "(blank)", "Count", "Share"))
    body = rows[header + 1 :]
    assert [r[0] for r in body] == [
        "[click] (http://evil.example)",
        "[a] (http://x.example) and [b] (http://y.example)",
        "$ $note$ $",
        "— (as recorded)",
        "'=1+2",
        "(blank)",
        "Derby",
    ]
    assert [r[2] for r in body] == [1, 2, 3, 4, 5, None, 7]
    assert [r[3] for r in body] == [0.5, 1.5, None, 2.0, -3.0, None, 4.25]
    title = " ".join(str(v) for r in rows[:header] for v in r if v)
    assert "[here] (http://evil.example) $ $x$ $" in title


def test_a_table_with_no_rows_keeps_its_dated_columns_in_the_workbook(
    tmp_path: Path,
) -> None:
    """Found by Hypothesis in CI: a dated table whose every row was rejected."""
    empty = pd.DataFrame(
        {
            "month": pd.Series([], dtype="datetime64[ns]"),
            "count": pd.Series([], dtype="Int64"),
        }
    )
    report = sample_report("restricted")
    section = Section(
        "dated", "99", "Dated", tables=(Table("no_rows", "No rows", empty),)
    )
    report = dataclasses.replace(report, sections=(*report.sections, section))
    path = write_xlsx(
        report, tmp_path / "tables.xlsx", definition=load_definition(None)
    )
    assert "no_rows" in load_workbook(path).sheetnames
