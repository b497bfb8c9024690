"""``report.docx``: the report as an editable Word document (python-docx).

Real Word headings (Heading 1-3, so the navigation pane and a table of
contents work), real tables with a repeated header row, and charts as PNG
images (drawn offline by vl-convert) carrying their text alternative.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from svsna.report.charts import PRINT_WIDTH, to_png, vegalite_spec
from svsna.report.edition import disclosure_words
from svsna.report.labels import in_words
from svsna.report.methods import arrow_test, methods_of
from svsna.report.view import (
    DATA_QUALITY,
    PRINT_ROWS,
    PRINT_ROWS_FIXED,
    SUMMARY_RULE,
    arrow_basis,
    callout_value,
    default_alt_text,
    findings_of,
    key_findings,
    left_out_line,
    reference_chapters,
    summary_lines,
    sv_versions,
    table_view,
)

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocumentType
    from docx.text.paragraph import Paragraph

    from svsna.config import Definition
    from svsna.report.view import FindingView, TableView
    from svsna.results import Chart, Report, Section

DARK_BLUE = RGBColor(0x12, 0x43, 0x6D)


def _findings(doc: DocumentType, items: list[FindingView]) -> None:
    for f in items:
        text = f"{f.arrow.symbol} {f.text}" if f.arrow else f.text
        if f.arrow:
            text += f" ({f.arrow.meaning})"
        doc.add_paragraph(text, style="List Bullet")


def _table(doc: DocumentType, tv: TableView) -> None:
    doc.add_paragraph(tv.title, style="Caption")
    if tv.caption:
        doc.add_paragraph(tv.caption)
    table = doc.add_table(rows=1, cols=len(tv.headers))
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeat the header row on every page the table runs onto.
    header._tr.get_or_add_trPr().append(header._tr.makeelement(qn("w:tblHeader"), {}))
    for cell, text in zip(header.cells, tv.headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for i, row in enumerate(tv.rows):
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = value.text
            paragraph = cell.paragraphs[0]
            if tv.numeric_columns[j]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i in tv.total_rows and paragraph.runs:
                paragraph.runs[0].bold = True
    for note in tv.notes:
        doc.add_paragraph(f"Note: {note}")
    if tv.has_suppressed:
        doc.add_paragraph("[c] = confidential: withheld in the public edition.")


def _chart(doc: DocumentType, chart: Chart) -> None:
    png = to_png(vegalite_spec(chart, width=PRINT_WIDTH), scale=2.0)
    doc.add_paragraph(chart.title, style="Caption")
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    # The picture's text alternative (Word's "Alt Text"): descr on wp:docPr.
    inline = doc.inline_shapes[-1]._inline
    alt = in_words(chart.alt_text.strip() or default_alt_text(chart))
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", chart.title)
    doc.add_paragraph(f"Description: {alt}")


def _body(doc: DocumentType, s: Section, *, alpha: float, symbol: str) -> None:
    for p in summary_lines(s):
        doc.add_paragraph(p)
    for box in s.callouts:
        period = f" ({box.period})" if box.period else ""
        doc.add_paragraph(
            f"National context: {callout_value(box.value, box.unit)}: {box.figure}"
            f"{period}. Source: {box.source}."
        )
    _findings(doc, findings_of((s,), alpha=alpha))
    for c in s.charts:
        _chart(doc, c)
    for t in s.tables:
        tv = table_view(t, symbol=symbol)
        if len(tv.rows) > (PRINT_ROWS_FIXED if t.fixed_form else PRINT_ROWS):
            doc.add_paragraph(
                f"{t.title}: {len(tv.rows):,} rows, in full in tables.xlsx "
                f"and tables/{t.id}.csv."
            )
            continue
        _table(doc, tv)


def _contents(doc: DocumentType) -> Paragraph:
    """The contents heading; its entries go before the returned paragraph."""
    doc.add_paragraph(
        "Contents", style="TOC Heading" if _has_style(doc, "TOC Heading") else None
    )
    return doc.add_paragraph()


def _fill_contents(doc: DocumentType, before: Paragraph) -> None:
    """One linked line per chapter and section, written now (no field to update).

    Each Heading 1 and 2 gets a bookmark; each contents line links to it, so
    the list reads the same in Word, LibreOffice and a viewer that updates
    no fields. Page numbers, which only a layout engine knows, are left out.
    """
    headings = [
        (p, int(p.style.name[-1]))
        for p in doc.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2")
    ]
    for n, (heading, level) in enumerate(headings, start=1):
        name = f"_Toc{n:06d}"
        start = heading._p.makeelement(
            qn("w:bookmarkStart"), {qn("w:id"): str(n), qn("w:name"): name}
        )
        heading._p.insert(1 if heading._p.pPr is not None else 0, start)
        heading._p.append(heading._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(n)}))
        entry = before.insert_paragraph_before()
        entry.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
        link = entry._p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): name})
        run = entry.add_run(heading.text)
        run.bold = level == 1
        run.font.color.rgb = DARK_BLUE
        link.append(run._r)
        entry._p.append(link)


def _a4_with_page_numbers(doc: DocumentType) -> None:
    """A4 paper, 2 cm margins, and "Page N of M" in the footer (fields Word draws)."""
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (a page number) that Word and LibreOffice work out as they draw."""
    field = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): instruction})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _has_style(doc: DocumentType, name: str) -> bool:
    return any(style.name == name for style in doc.styles)


def _restricted_header(doc: DocumentType, report: Report) -> None:
    label = report.edition.label
    for section in doc.sections:
        paragraph = section.header.paragraphs[0]
        run = paragraph.add_run(f"{report.title} · {label}")
        run.font.size = Pt(8)
        if report.edition.restricted:
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(report.edition.colour[1:].upper())


def write_docx(report: Report, path: Path, *, definition: Definition) -> Path:
    """Write ``report.docx``."""
    alpha = definition.trends.alpha
    symbol = definition.disclosure.symbol
    doc = Document()
    _a4_with_page_numbers(doc)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10.5)
    for level in (1, 2, 3):
        doc.styles[f"Heading {level}"].font.color.rgb = DARK_BLUE
        doc.styles[f"Heading {level}"].font.name = "Arial"
    _restricted_header(doc, report)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"{report.area_name} · {report.period_label}")
    doc.add_paragraph(report.edition.label).runs[0].bold = True
    doc.add_paragraph(
        f"Definition: {report.definition_name} · Produced {report.generated_on} with svsna"
    )
    contents = _contents(doc)
    doc.add_page_break()
    doc.add_heading("Executive summary", level=1)
    doc.add_heading("Key findings", level=2)
    chapters = tuple(s for s in report.sections if s.id != DATA_QUALITY)
    doc.add_paragraph(SUMMARY_RULE)
    _findings(doc, key_findings(chapters, alpha=alpha))
    doc.add_paragraph(
        f"▲ / ▼ a statistically significant rise or fall {arrow_basis(definition)} "
        f"({arrow_test(definition)}); ↔ no significant change."
    )
    for s in report.sections:
        if s.id == DATA_QUALITY:
            continue
        doc.add_heading(f"{s.number}. {s.title}" if s.number else s.title, level=1)
        if not s.available:
            doc.add_paragraph(left_out_line(s))
            continue
        _body(doc, s, alpha=alpha, symbol=symbol)
    _methods(doc, report, definition)
    doc.add_heading("Data quality", level=1)
    for s in report.sections:
        if s.id == DATA_QUALITY:
            _body(doc, s, alpha=alpha, symbol=symbol)
    for q in report.data_quality or ("No warnings were raised while loading.",):
        doc.add_paragraph(q, style="List Bullet")
    _fill_contents(doc, contents)
    doc.save(str(path))
    return path


def _methods(doc: DocumentType, report: Report, definition: Definition) -> None:
    d = definition
    doc.add_heading("Methods and definitions", level=1)
    doc.add_heading("The definition of serious violence", level=2)
    for v in sv_versions(d):
        doc.add_paragraph(
            f"From {v['from_']}: {', '.join(v['labels'])}.", style="List Bullet"
        )
    for title, paragraphs in methods_of(d):
        doc.add_heading(title, level=2)
        for words in paragraphs:
            doc.add_paragraph(words)
    lines = reference_chapters(report.sections)
    if lines:
        doc.add_heading("Chapter numbers in the reference SNA", level=2)
        doc.add_paragraph(
            "This report numbers its chapters from 1, in the order of its definition. "
            "The Derby and Derbyshire Serious Violence Strategic Needs Assessment 2025 "
            "numbers them as follows."
        )
        for line in lines:
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Disclosure control", level=2)
    for words in disclosure_words(d.disclosure, edition=report.edition):
        doc.add_paragraph(words)
