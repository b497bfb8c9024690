"""Hostile text is inert everywhere (issue 14.3), checked the way an attacker would look.

``tests/data/nasty/hostile_text`` names its districts, neighbourhoods,
schools and places with markup, formulas, bidi overrides, emoji, quotes,
Typst and Jinja syntax and 300 characters. Built once with every format, the
outputs are searched: no live markup in any HTML page, the names intact in
Word and PDF (so Typst ran none of them), and no exported cell (CSV or xlsx)
that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from svsna.pipeline import build

HOSTILE = Path(__file__).parents[1] / "data" / "nasty" / "hostile_text"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(1)">'
TYPST = '#panic("x") $x$ *bold* <label> @ref'
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile folder built in the restricted edition (every name shown), every format."""
    out = tmp_path_factory.mktemp("hostile") / "report-RESTRICTED"
    result = build(HOSTILE, out, edition="restricted")
    assert result.load.exit_code == 0, result.load.problems
    return out


class _Tags(HTMLParser):
    """Every element the browser would make, with its attributes, and script bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _live_markup(text: str) -> list[object]:
    """Elements a browser would make from the hostile names: handlers, images, scripts."""
    parsed = _Tags()
    parsed.feed(text)
    return [
        *(
            (tag, name)
            for tag, attrs in parsed.tags
            for name in attrs
            if name.startswith("on")
        ),
        *(
            attrs
            for tag, attrs in parsed.tags
            if tag == "img" and attrs.get("src") == "x"
        ),
        *(body for body in parsed.scripts if body.strip() == "alert(1)"),
    ]


def test_the_search_finds_markup_that_broke_out() -> None:
    """The search can fail: a name that closed the chart data's script tag is found."""
    page = f'<script type="application/json">{{"name": "</script>{SCRIPT}{IMAGE}"}}</script>'
    assert len(_live_markup(page)) == 3
    assert (
        _live_markup('<script type="application/json">{"n": "<\\/script>"}</script>')
        == []
    )


def test_no_html_page_holds_live_markup_from_the_data(built: Path) -> None:
    pages = [built / "index.html", *sorted((built / "profiles").glob("*.html"))]
    assert len(pages) > 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _live_markup(text) == [], page.name
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;" in text or page.name != "index.html"
        )


def test_names_are_intact_in_word_and_pdf(built: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    document = Document(str(built / "report.docx"))
    words = [p.text for p in document.paragraphs]
    words += [c.text for t in document.tables for row in t.rows for c in row.cells]
    word = "\n".join(words)
    assert SCRIPT in word and IMAGE in word and TYPST in word
    assert "Derby\u202eevil\u202c" in word and "knife 🔪 crime 😀" in word
    pdf = " ".join(p.extract_text() for p in PdfReader(built / "report.pdf").pages)
    flat = " ".join(pdf.split())
    assert SCRIPT in flat and IMAGE in flat and TYPST in flat


def _would_run(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(FORMULA)
        and not NUMBER.fullmatch(value)
    )


def test_no_exported_cell_starts_a_formula(built: Path) -> None:
    import openpyxl

    running = []
    for path in sorted((built / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            running += [
                (path.name, v)
                for row in csv.reader(handle)
                for v in row
                if _would_run(v)
            ]
    workbook = openpyxl.load_workbook(built / "tables.xlsx", read_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            running += [(sheet.title, v) for v in row if _would_run(v)]
    assert running == []
    assert any((built / "tables").glob("*.csv"))


def test_no_name_becomes_a_link_in_the_workbook(built: Path) -> None:
    """gptables makes ``[text](url)`` a hyperlink: only the contents sheet may hold links."""
    import openpyxl

    workbook = openpyxl.load_workbook(built / "tables.xlsx")
    links = {
        (sheet.title, cell.hyperlink.target, cell.hyperlink.location)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.hyperlink is not None
    }
    assert {title for title, _, _ in links} == {"Contents"}  # the search can find links
    assert all(target is None and location for _, target, location in links)
    cells = {
        v for s in workbook.worksheets for r in s.iter_rows(values_only=True) for v in r
    }
    assert "[click] (http://evil.example)" in cells and "— (as recorded)" in cells


def test_profile_files_are_named_safely_whatever_the_district(built: Path) -> None:
    """``../../escape`` stays in profiles/, ``CON`` is no Windows device, 300 characters fit."""
    from svsna.results.names import WINDOWS_DEVICES

    pages = sorted((built / "profiles").iterdir())
    stems = {p.name.split(".")[0] for p in pages}
    assert len(stems) == 6  # one per district of the folder
    assert not stems & WINDOWS_DEVICES
    assert all(len(p.name) <= 60 for p in pages)
    root = built.parent.resolve()
    assert all(p.resolve().is_relative_to(root) for p in root.rglob("*"))
