"""Every output opened back with its own reader: pypdf, python-docx, openpyxl, csv.

(The PDF's layout has its own tests: test_report_pdf.py.)

The sample report (report_sample.py) is small and hand-made, so what each file
must hold is known: three chapters (one missing its input), five charts, three
tables, two district profiles, and in sv_yearly the small counts of 2022/23
(homicide 2) and 2024/25 (homicide 3) that the public edition must hide, with
their complements (possession of weapons, the next smallest of each year).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from report_sample import sample_report

from svsna.config import load_definition
from svsna.report import render_report

FORMATS = ("html", "pdf", "docx", "xlsx")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    definition = load_definition(None)
    out = {}
    for edition in ("public", "restricted"):
        folder = tmp_path_factory.mktemp(edition)
        timings: dict[str, float] = {}
        render_report(
            sample_report(edition),
            folder,
            formats=FORMATS,
            definition=definition,
            timings=timings,
        )
        (folder / "timings.txt").write_text(repr(sorted(timings)))
        out[edition] = folder
    return out


def test_every_output_is_written_and_timed(built):
    folder = built["public"]
    for name in ("index.html", "report.pdf", "report.docx", "tables.xlsx"):
        assert (folder / name).stat().st_size > 1000, name
    assert sorted(p.name for p in (folder / "profiles").iterdir()) == [
        "chesterfield.html",
        "chesterfield.pdf",
        "derby.html",
        "derby.pdf",
    ]
    timed = set(eval((folder / "timings.txt").read_text()))
    assert {
        "render_csv",
        "render_html",
        "render_pdf",
        "render_docx",
        "render_xlsx",
        "render_profiles",
        "render_findings",
    } <= timed


def test_findings_json_holds_every_finding_and_the_report_prints_it(built):
    import json

    for edition in ("public", "restricted"):
        folder = built[edition]
        records = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
        required = {"section", "text", "direction", "significant", "p_value"}
        assert all(required | {"test", "compared"} <= set(r) for r in records)
        by_id = {r["id"]: r for r in records}
        fell = by_id["sv_change"]
        assert fell["direction"] == "down" and fell["significant"] is True
        assert fell["compared"] == ["2023/24", "2024/25"]
        assert fell["section"] == "3 Serious violence and knife crime"
        assert by_id["weapons_change"]["direction"] == "no change"
        html = (folder / "index.html").read_text(encoding="utf-8")
        words = Document(str(folder / "report.docx"))
        docx_text = "\n".join(p.text for p in words.paragraphs)
        for r in records:
            if r["section_id"].startswith("profile_"):
                continue
            assert r["text"].replace("'", "&#39;") in html, r["text"]
            assert r["text"] in docx_text, r["text"]


def test_public_csv_hides_small_counts_and_their_complements(built):
    public = pd.read_csv(built["public"] / "tables" / "sv_yearly.csv", dtype=str)
    restricted = pd.read_csv(
        built["restricted"] / "tables" / "sv_yearly.csv", skiprows=1
    )
    assert public["all"].tolist() == [
        "50", "[c]", "[c]", "82",  # 2022/23: 2 hidden, then 30 (next smallest)
        "60", "9", "31", "100",  # 2023/24: nothing small
        "40", "[c]", "[c]", "72",  # 2024/25: 3 hidden, then 29
    ]  # fmt: skip
    assert restricted["all"].tolist() == [50, 2, 30, 82, 60, 9, 31, 100, 40, 3, 29, 72]


def test_missing_chapter_is_one_line_naming_its_input(built):
    html = (built["public"] / "index.html").read_text()
    assert "this chapter needs the ed_attendances input" in html


def test_docx_has_real_headings_tables_and_images_with_alt_text(built):
    doc = Document(str(built["restricted"] / "report.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == [
        "Executive summary",
        "3. Serious violence and knife crime",
        "5. Hotspots",
        "13. National Health Service",
    ]
    assert "Methods and definitions" in headings and "Data quality" in headings
    assert len(doc.tables) == 3  # sv_yearly, hotspots, dq_completeness
    # sv_yearly as the reference prints it: a row a group, the years across.
    first = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert first[0] == ["Group", "2022/23", "2023/24", "2024/25"]
    assert first[-1] == ["total", "82", "100", "72"]
    assert len(doc.inline_shapes) == 5
    descr = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert descr[0].startswith("Line chart: robbery")
    assert "RESTRICTED" in doc.sections[0].header.paragraphs[0].text
    # A contents list already filled in with page numbers (a contents field
    # whose result is written: nothing to update, no prompt), each line a link
    # to its heading's bookmark; the pages are the PDF's, which the list says.
    texts = [p.text for p in doc.paragraphs]
    listed = texts[texts.index("Contents") + 1 :]
    listed = listed[: listed.index("")]
    entries = dict(t.split("\t") for t in listed if "\t" in t)
    assert [t for t in entries if t in headings] == headings
    assert "Key findings" in entries
    assert "Page numbers are those of report.pdf" in listed[-1]
    pdf = PdfReader(built["restricted"] / "report.pdf")
    for heading in ("Executive summary", "Methods and definitions", "Data quality"):
        page = pdf.pages[int(entries[heading]) - 1].extract_text()
        assert heading in page and f"Page {entries[heading]} of" in page, heading
    assert 'TOC \\o "1-2"' in doc.element.xml and "PAGEREF _Toc" in doc.element.xml
    assert "updateFields" not in doc.settings.element.xml
    assert doc.element.xml.count("<w:hyperlink w:anchor=") >= len(headings)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 'w:instr="PAGE"' in section.footer._element.xml


def test_xlsx_cover_contents_one_sheet_per_table_numbers_as_numbers(built):
    book = load_workbook(built["public"] / "tables.xlsx")
    assert book.sheetnames == [
        "Cover",
        "Contents",
        "Notes",
        "sv_yearly",
        "hotspots",
        "dq_completeness",
    ]
    sheet = book["sv_yearly"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(
        i for i, r in enumerate(rows) if r[:3] == ["Year", "Group", "All occurrences"]
    )
    # The header row stays in view; counts carry thousands separators.
    assert sheet.freeze_panes == f"A{header + 2}"
    assert sheet.cell(header + 2, 3).number_format == "#,##0"
    body = rows[header + 1 : header + 13]
    assert [r[2] for r in body] == [
        50,
        "[c]",
        "[c]",
        82,
        60,
        9,
        31,
        100,
        40,
        "[c]",
        "[c]",
        72,
    ]
    assert isinstance(body[0][2], int)
    above = " ".join(str(r[0]) for r in rows[:header])
    assert "Some cells contain [c]" in above
    # Notes on the Notes sheet (the Analysis Function's guidance), numbered in
    # the order the tables' titles refer to them; [c]'s note only referred to
    # from a sheet that holds one.
    notes = {
        f"[note {r[0]}]": str(r[1])
        for r in book["Notes"].iter_rows(values_only=True)
        if isinstance(r[0], int)
    }
    assert rows[0][0] == "Serious violence by group and year [note 1][note 2]"
    assert "Occurrences counted once each" in notes["[note 1]"]
    assert notes["[note 2]"].startswith("[c] = confidential")
    quality = [str(c.value) for row in book["dq_completeness"].iter_rows() for c in row]
    assert not any("[c]" in text or "[note 2]" in text for text in quality)
    cover = " ".join(str(c.value) for row in book["Cover"].iter_rows() for c in row)
    assert "Notes are on the Notes sheet" in cover


def test_profiles_open_and_name_their_district(built):
    reader = PdfReader(built["restricted"] / "profiles" / "derby.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Derby: serious violence district profile" in text
    assert all("RESTRICTED" in p.extract_text() for p in reader.pages)
    html = (built["public"] / "profiles" / "chesterfield.html").read_text()
    # Chesterfield's 2024/25 count is 2: withheld in the public edition.
    assert ">[c]<" in html
    trend = pd.read_csv(built["public"] / "tables" / "profile_chesterfield_trend.csv")
    assert trend["count"].astype(str).tolist() == ["22", "30", "[c]"]


def test_index_html_is_self_contained_and_accessible(built):
    html = (built["public"] / "index.html").read_text()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html)
    assert "<link" not in html
    assert html.count('role="img" aria-label="') >= 4
    assert '<th scope="col"' in html
    # The significant fall has its arrow; the non-significant change gets ↔.
    assert re.search(
        r"aria-label=\"statistically significant decrease[^\"]*\"[^>]*>▼</span> "
        r"Serious violence fell by 28%",
        html,
    )
    assert re.search(r">↔</span> Possession of weapons went from 31 to 29", html)
