"""report.pdf and the profile PDFs, laid out by Typst, read back with pypdf.

The sample report (report_sample.py) is small and hand-made, so its pages are
known: cover, contents, summary, three chapters (one missing its input),
methods, data quality and the appendix. Two more reports test what the sample
cannot: a table far longer than a page, and user text written to break out of
the layout.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from report_sample import sample_report

from svsna.config import load_definition
from svsna.report.edition import edition_report
from svsna.report.pdf import write_pdf
from svsna.report.profiles import write_profiles
from svsna.results import Chart, Finding, Section, Table

BUNDLED = {"SourceSans3-Regular", "SourceSans3-Bold", "SourceSans3-It"}
HOSTILE = '#import "/etc/passwd": * $x^2$ <script>alert(1)</script> [link](x) \\ @ref'
RLO = "\u202e"


@pytest.fixture(scope="module")
def definition():
    return load_definition(None)


def written(report, folder: Path, definition, name: str = "report.pdf") -> Path:
    """The PDF of ``report`` as the build writes it (the edition applied first)."""
    shown = edition_report(report, definition=definition)
    return write_pdf(shown, folder / name, definition=definition)


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory, definition) -> dict[str, PdfReader]:
    folder = tmp_path_factory.mktemp("pdf")
    return {
        edition: PdfReader(
            written(sample_report(edition), folder, definition, f"{edition}.pdf")
        )
        for edition in ("public", "restricted")
    }


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def outline_titles(items) -> list[str]:
    """Every bookmark title, nested ones included, in order."""
    titles = []
    for item in items:
        if isinstance(item, list):
            titles += outline_titles(item)
        else:
            titles.append(item.title)
    return titles


def font_names(reader: PdfReader) -> set[str]:
    """The base names of every font used on any page or in any drawing."""
    names: set[str] = set()

    def visit(resources) -> None:
        resources = resources.get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            names.add(re.sub(r"^[A-Z]{6}\+", "", base).removesuffix("-Identity-H"))
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                # The font program itself is in the file, not only its name.
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in reader.pages:
        visit(page["/Resources"])
    return names


def figure_alts(reader: PdfReader) -> list[str]:
    """The text alternatives (/Alt) of the Figure elements of the tag tree."""
    alts: list[str] = []

    def visit(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                visit(child)
        elif hasattr(node, "get") and "/S" in node:
            if node["/S"] == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            visit(node.get("/K", []))

    visit(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return alts


def test_cover_then_contents_with_the_page_each_chapter_starts_on(sample_pdfs):
    pages = page_texts(sample_pdfs["public"])
    assert "Serious Violence Strategic Needs Assessment: Testshire" in pages[0]
    assert "Contents" in pages[1]
    listing = pages[1].split(" Contents ", 1)[1]
    # Each entry, its dot leader, then the page it starts on.
    entries = dict(re.findall(r"(\S.*?)(?: \.){3,} (\d+)", listing))
    assert entries["Executive summary"] == "3"
    for title in ("3. Serious violence and knife crime", "Methods and definitions"):
        assert pages[int(entries[title]) - 1].count(title) >= 1, title
    assert list(entries) == [
        "Executive summary",
        "3. Serious violence and knife crime",
        "5. Hotspots",
        "13. National Health Service",
        "Methods and definitions",
        "Data quality",
        "Appendix: tables",
    ]


def test_page_count_and_page_numbers(sample_pdfs):
    reader = sample_pdfs["restricted"]
    pages = page_texts(reader)
    # Cover, contents, summary, chapter 3 (findings and charts, then its
    # table), chapter 5 (three pages: charts, then its map as wide as the
    # page), chapter 13, methods (three pages: the statistics in words with
    # references, interventions and prompts included), data quality, appendix.
    assert len(pages) == 14
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of 14" in text


def test_running_header_names_report_and_edition_on_every_page(sample_pdfs):
    header = (
        "Serious Violence Strategic Needs Assessment: Testshire · 2022/23 to 2024/25"
    )
    for edition, mark in (("public", "Public edition"), ("restricted", "RESTRICTED")):
        pages = page_texts(sample_pdfs[edition])
        assert mark in pages[0]  # the cover says it in large type
        for text in pages[1:]:
            assert text.startswith(f"{header} {mark}"), text[:120]


def test_bookmarks_follow_the_headings(sample_pdfs):
    titles = outline_titles(sample_pdfs["public"].outline)
    assert titles[:5] == [
        "Executive summary",
        "Key findings",
        "3. Serious violence and knife crime",
        "5. Hotspots",
        "13. National Health Service",
    ]
    assert {"Methods and definitions", "Disclosure control", "Data quality"} <= set(
        titles
    )
    # The long hotspot table (40 rows) has its own bookmark in the appendix.
    assert titles[-2:] == ["Appendix: tables", "Hotspot neighbourhoods"]


def test_only_the_bundled_font_is_embedded(sample_pdfs):
    for reader in sample_pdfs.values():
        assert font_names(reader) == BUNDLED


def test_charts_are_vectors_with_their_text_alternative_as_figure_description(
    sample_pdfs,
):
    reader = sample_pdfs["public"]
    assert sum(len(p.images) for p in reader.pages) == 0
    assert figure_alts(reader) == [
        "Line chart: robbery rose from 50 to 60 then fell to 40.",
        "Bar chart of total serious violence: 2022/23 82, 2023/24 100, 2024/25 72.",
        "Heat map of occurrences by day and hour; nights at weekends are busiest.",
        "Map of six neighbourhoods; the western ones have most.",
        "Bar chart: Derby 40; the unknown district has no value.",
    ]
    text = " ".join(page_texts(reader))
    assert "Description: Map of six neighbourhoods; the western ones have most." in text


def test_public_edition_shows_no_small_count(sample_pdfs):
    public = " ".join(page_texts(sample_pdfs["public"]))
    assert "homicide [c] 9 [c]" in public  # years across: 2022/23 to 2024/25
    assert "Homicide went from 9 to 3" not in public
    restricted = " ".join(page_texts(sample_pdfs["restricted"]))
    assert "Homicide went from 9 to 3" in restricted
    assert "homicide 2 9 3" in restricted


def long_table_report():
    """The sample report with a 150-row table: three pages of it in the appendix."""
    rows = pd.DataFrame(
        {
            "neighbourhood": [f"Place {i:03d}" for i in range(150)],
            "district": ["Derby"] * 150,
            "total": [1000 - i for i in range(150)],
        }
    )
    report = sample_report("restricted")
    chapter = replace(
        report.sections[1],
        tables=(Table("long_places", "Every neighbourhood", rows),),
    )
    return replace(report, sections=(report.sections[0], chapter, *report.sections[2:]))


def test_long_table_printed_in_full_with_its_header_on_every_page(tmp_path, definition):
    pages = page_texts(PdfReader(written(long_table_report(), tmp_path, definition)))
    # The chapter points to the appendix, where every row is printed.
    assert any(
        "Every neighbourhood has 150 rows: it is in the appendix." in p for p in pages
    )
    holding = [p for p in pages if re.search(r"Place \d{3} Derby", p)]
    assert len(holding) >= 3
    printed = [int(n) for p in holding for n in re.findall(r"Place (\d{3}) Derby", p)]
    assert printed == list(range(150))
    assert (
        "Every neighbourhood Neighbourhood District Total Place 000 Derby" in holding[0]
    )
    for text in holding[1:]:
        # Below the running header, each later page of the table starts with its
        # header row.
        body = text.split("RESTRICTED edition ", 1)[1]
        assert body.startswith("Neighbourhood District Total Place"), body[:80]


def hostile_report():
    """User text that is Typst (and HTML) markup, and a right-to-left override."""
    report = sample_report("restricted")
    table = Table(
        "names", "Names as given", pd.DataFrame({"name": [HOSTILE], "count": [1]})
    )
    chapter = Section(
        id="ch03_hostile",
        number="3",
        title=f"Chapter {HOSTILE}",
        summary=(f"Summary {HOSTILE}",),
        tables=(table,),
        findings=(Finding("f", f"Finding {RLO}reversed{RLO} text"),),
        charts=(
            Chart(
                "c",
                f"Chart {HOSTILE}",
                "bar",
                pd.DataFrame({"x": ["a"], "y": [1]}),
                "x",
                "y",
                alt_text=f"Alt {HOSTILE}",
            ),
        ),
    )
    return replace(report, area_name=HOSTILE, sections=(chapter,))


def test_hostile_text_is_printed_literally(tmp_path, definition):
    reader = PdfReader(written(hostile_report(), tmp_path, definition))
    text = " ".join(page_texts(reader))
    for where in ("Chapter", "Summary", "Chart", "Alt"):
        assert f"{where} {HOSTILE}" in text, where
    assert f"{HOSTILE} 1" in text  # the table cell, then its count
    assert HOSTILE in page_texts(reader)[0]  # the area name on the cover
    assert "Finding [U+202E]reversed[U+202E] text" in text
    assert f"Alt {HOSTILE}" in figure_alts(reader)


def test_same_report_same_file(tmp_path, definition):
    first = written(sample_report("public"), tmp_path, definition, "a.pdf")
    second = written(sample_report("public"), tmp_path, definition, "b.pdf")
    assert first.read_bytes() == second.read_bytes()


def test_profile_pdf_has_banner_header_and_bundled_font(tmp_path, definition):
    report = edition_report(sample_report("public"), definition=definition)
    write_profiles(report, tmp_path, definition=definition, formats=("pdf",))
    reader = PdfReader(tmp_path / "chesterfield.pdf")
    pages = page_texts(reader)
    assert "Chesterfield: serious violence district profile" in pages[0]
    for text in pages:
        assert text.startswith(
            "Chesterfield: district profile · 2022/23 to 2024/25 Public edition"
        )
    assert "2024/25 [c]" in pages[0]  # Chesterfield's 2 in 2024/25 is withheld
    assert "SourceSans3-Regular" in font_names(reader) <= BUNDLED
    assert figure_alts(reader) == ["Bar chart of serious violence in Chesterfield."]
