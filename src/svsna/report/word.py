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
from docx.shared import Cm, Pt, RGBColor

from svsna.report.charts import PRINT_WIDTH, to_png, vegalite_spec
from svsna.report.edition import disclosure_words
from svsna.report.methods import arrow_test, methods_of
from svsna.report.view import (
    DATA_QUALITY,
    PRINT_ROWS,
    PRINT_ROWS_FIXED,
    arrow_basis,
    callout_value,
    default_alt_text,
    findings_of,
    key_findings,
    left_out_line,
    sv_versions,
    table_view,
)

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocumentType

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
    alt = chart.alt_text.strip() or default_alt_text(chart)
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", chart.title)
    doc.add_paragraph(f"Description: {alt}")


def _body(doc: DocumentType, s: Section, *, alpha: float, symbol: str) -> None:
    for p in s.summary:
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
        if len(t.data) > (PRINT_ROWS_FIXED if t.fixed_form else PRINT_ROWS):
            doc.add_paragraph(
                f"{t.title}: {len(t.data):,} rows, in full in tables.xlsx "
                f"and tables/{t.id}.csv."
            )
            continue
        _table(doc, table_view(t, symbol=symbol))


def _contents(doc: DocumentType) -> None:
    """A Word table of contents over the headings, filled in when Word opens it."""
    doc.add_paragraph(
        "Contents", style="TOC Heading" if _has_style(doc, "TOC Heading") else None
    )
    paragraph = doc.add_paragraph()
    field = paragraph._p.makeelement(
        qn("w:fldSimple"), {qn("w:instr"): 'TOC \\o "1-2" \\h \\z \\u'}
    )
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = (
        "Right-click and choose Update Field to list the chapters with their pages."
    )
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    # Ask Word to update fields (the contents) when the document opens.
    settings = doc.settings.element
    update = settings.makeelement(qn("w:updateFields"), {qn("w:val"): "true"})
    settings.append(update)
    doc.add_page_break()


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
    _contents(doc)
    doc.add_heading("Executive summary", level=1)
    doc.add_heading("Key findings", level=2)
    chapters = tuple(s for s in report.sections if s.id != DATA_QUALITY)
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
    doc.add_heading("Disclosure control", level=2)
    for words in disclosure_words(d.disclosure, edition=report.edition):
        doc.add_paragraph(words)
