"""Word puts a table longer than a printed page in its appendix, as the PDF does (issue 22.1)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pandas as pd
from docx import Document
from report_sample import sample_report

from svsna.config import load_definition
from svsna.report.word import write_docx
from svsna.results import Section, Table

if TYPE_CHECKING:
    from pathlib import Path


def _with_tables(*tables: Table) -> object:
    report = sample_report("restricted")
    extra = Section("long", "99", "Long tables", tables=tables)
    return dataclasses.replace(report, sections=(*report.sections, extra))


def _places(rows: int, table_id: str) -> Table:
    frame = pd.DataFrame(
        {"place": [f"Place {i:03d}" for i in range(rows)], "count": range(10, 10 + rows)}
    )
    return Table(table_id, f"Crimes by place ({rows})", frame, count_columns=("count",))


def test_a_long_table_is_printed_in_the_appendix_and_a_huge_one_named(
    tmp_path: Path,
) -> None:
    report = _with_tables(_places(12, "short"), _places(45, "long"), _places(70, "huge"))
    path = write_docx(report, tmp_path / "r.docx", definition=load_definition(None))  # type: ignore[arg-type]
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert "Crimes by place (45) has 45 rows: it is in the appendix." in texts
    appendix = len(texts) - 1 - texts[::-1].index("Appendix: tables")  # not the contents' line
    assert doc.paragraphs[appendix].style.name == "Heading 1"
    after = texts[appendix:]
    assert "Crimes by place (45)" in after and "Crimes by place (70)" in after
    assert "70 rows: in full in tables.xlsx and tables/huge.csv." in after
    sizes = sorted(len(t.rows) for t in doc.tables)
    assert 13 in sizes and 46 in sizes  # each with its header row
    assert 71 not in sizes
