"""``report.docx``: the report as an editable Word document (python-docx).

Real Word headings (Heading 1-3, so the navigation pane and a table of
contents work), real tables with a repeated header row, and charts as PNG
images (drawn offline by vl-convert) carrying their text alternative.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

from svsna.report.charts import PRINT_WIDTH, to_png, vegalite_spec
from svsna.report.edition import disclosure_words
from svsna.report.labels import in_words
from svsna.report.methods import arrow_test, methods_of
from svsna.report.view import (
    DATA_QUALITY,
    PRINT_ROWS,
    PRINT_ROWS_FIXED,
    PRINTED_INLINE_ROWS,
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
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.style import BaseStyle
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

    from svsna.config import Definition
    from svsna.report.typst_pdf.compile import HeadingPage
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
    table = doc.add_table(rows=1 + bool(tv.groups), cols=len(tv.headers))
    table.style = "Table Grid"
    if tv.groups:
        _group_row(table, tv.groups)
    header = table.rows[-1]
    _repeat_on_each_page(header)
    for cell, text in zip(header.cells, tv.headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    try:
        _body_rows(table, tv)
    except SyntaxError:  # lxml's: text XML cannot hold; python-docx says so
        _body_rows_by_cell(table, tv)
    for note in tv.notes:
        doc.add_paragraph(f"Note: {note}")
    if tv.has_suppressed:
        doc.add_paragraph("[c] = confidential: withheld in the public edition.")


def _body_rows(table: Table, tv: TableView) -> None:
    """The table's rows, parsed from one piece of XML.

    The very elements :func:`_body_rows_by_cell` makes through python-docx's
    cell-by-cell API (each text in a run of its own, numbers right-aligned,
    totals in bold), at a small part of its cost: the report's tables hold
    about 19,000 cells.
    """
    # python-docx's add_table gives every column its width: each cell repeats it.
    widths = [Emu(column.w or 0).twips for column in table._tbl.tblGrid.gridCol_lst]
    rows = "".join(
        "<w:tr>"
        + "".join(
            _cell_xml(value.text, width, right=right, bold=i in tv.total_rows)
            for value, width, right in zip(row, widths, tv.numeric_columns, strict=True)
        )
        + "</w:tr>"
        for i, row in enumerate(tv.rows)
    )
    table._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")))


#: What python-docx writes a tab and a line break in a run's text as.
_RUN_BREAKS = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:br/>"}


def _cell_xml(text: str, width: int, *, right: bool, bold: bool) -> str:
    """One cell as python-docx writes it (``cell.text = text``, then aligned and bolded)."""
    parts = []
    for piece in re.split(r"([\t\r\n])", text):
        if piece in _RUN_BREAKS:
            parts.append(_RUN_BREAKS[piece])
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    aligned = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    bolded = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
        f"<w:p>{aligned}<w:r>{bolded}{''.join(parts)}</w:r></w:p></w:tc>"
    )


def _body_rows_by_cell(table: Table, tv: TableView) -> None:
    """The table's rows through python-docx, cell by cell (it rejects what XML cannot hold)."""
    for i, row in enumerate(tv.rows):
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = value.text
            paragraph = cell.paragraphs[0]
            if tv.numeric_columns[j]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i in tv.total_rows and paragraph.runs:
                paragraph.runs[0].bold = True


def _repeat_on_each_page(row: _Row) -> None:
    """Mark a header row to repeat on every page the table runs onto."""
    row._tr.get_or_add_trPr().append(row._tr.makeelement(qn("w:tblHeader"), {}))


def _group_row(table: Table, groups: tuple[tuple[str, int], ...]) -> None:
    """The first row: each measure's name over its year columns (merged cells)."""
    row = table.rows[0]
    _repeat_on_each_page(row)
    start = 0
    for text, span in groups:
        cell = row.cells[start]
        if span > 1:
            cell = cell.merge(row.cells[start + span - 1])
        cell.text = text
        if text:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].runs[0].bold = True
        start += span


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


def _body(
    doc: DocumentType, s: Section, *, alpha: float, symbol: str
) -> list[tuple[TableView, int]]:
    """A section's words, charts and short tables; its long tables are returned.

    A table longer than a printed page goes to the appendix (as in the PDF),
    with a line where it would have stood.
    """
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
    long_tables = []
    for t in s.tables:
        tv = table_view(t, symbol=symbol)
        if len(tv.rows) <= PRINTED_INLINE_ROWS:
            _table(doc, tv)
            continue
        long_tables.append((tv, PRINT_ROWS_FIXED if t.fixed_form else PRINT_ROWS))
        doc.add_paragraph(f"{tv.title} has {len(tv.rows):,} rows: it is in the appendix.")
    return long_tables


def _appendix(doc: DocumentType, long_tables: list[tuple[TableView, int]]) -> None:
    """The long tables, each under its own heading (as the PDF's appendix).

    A table of more rows than its limit (a fixed form may run longer) is named,
    not printed: Word is the copy people edit; the workbook holds every row.
    """
    if not long_tables:
        return
    doc.add_heading("Appendix: tables", level=1)
    doc.add_paragraph(
        "Tables longer than a page, in full; every table of this report is also in "
        "tables.xlsx and tables/<id>.csv."
    )
    for tv, limit in long_tables:
        doc.add_heading(tv.title, level=2)
        if len(tv.rows) > limit:
            doc.add_paragraph(
                f"{len(tv.rows):,} rows: in full in tables.xlsx and tables/{tv.id}.csv."
            )
            continue
        _table(doc, tv)


#: Where the contents' page numbers stand: the right edge of A4 less 2 cm margins.
CONTENTS_TAB = Cm(17)


def _contents(doc: DocumentType) -> Paragraph:
    """The contents heading; its entries go before the returned paragraph."""
    doc.add_paragraph(
        "Contents", style="TOC Heading" if _has_style(doc, "TOC Heading") else None
    )
    return doc.add_paragraph()


def contents_pages(
    headings: list[tuple[str, int]], pages: list[HeadingPage] | None
) -> list[int | None]:
    """Each heading's page in the PDF of the same report, matched by its words.

    Headings are matched in order (a heading repeated later takes the next
    one of its words); one the PDF does not have gets no page.

    Examples
    --------
    >>> from svsna.report.typst_pdf.compile import HeadingPage
    >>> pdf = [HeadingPage("Summary", 1, 3), HeadingPage("Key", 2, 3),
    ...        HeadingPage("1. Fire", 1, 5), HeadingPage("Key", 2, 6)]
    >>> contents_pages([("Summary", 1), ("Key", 2), ("Word only", 1), ("Key", 2)], pdf)
    [3, 3, None, 6]
    """
    if not pages:
        return [None] * len(headings)
    found: list[int | None] = []
    start = 0
    for text, level in headings:
        at = next(
            (
                i
                for i in range(start, len(pages))
                if (pages[i].text, pages[i].level) == (text, level)
            ),
            None,
        )
        found.append(None if at is None else pages[at].page)
        start = start if at is None else at + 1
    return found


def _fill_contents(
    doc: DocumentType, before: Paragraph, pages: list[HeadingPage] | None
) -> None:
    """A contents list written now, inside a Word contents field (TOC).

    Each Heading 1 and 2 gets a bookmark and one linked line; its page number
    is a PAGEREF field showing the page the same heading has in report.pdf
    (python-docx cannot lay out pages; Word replaces them with its own when
    the field is updated). Without the PDF's pages the lines have none.
    """
    headings = [
        (p, int(p.style.name[-1]))
        for p in doc.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2")
    ]
    numbers = contents_pages([(h.text, level) for h, level in headings], pages)
    entries = []
    for n, ((heading, level), page) in enumerate(
        zip(headings, numbers, strict=True), start=1
    ):
        name = f"_Toc{n:06d}"
        _bookmark(heading, name, n)
        entry = before.insert_paragraph_before()
        entry.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
        entry.paragraph_format.tab_stops.add_tab_stop(
            CONTENTS_TAB, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        link = entry._p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): name})
        entry._p.append(link)
        run = entry.add_run(heading.text)
        run.bold = level == 1
        run.font.color.rgb = DARK_BLUE
        link.append(run._r)
        if page is not None:
            link.append(entry.add_run("\t")._r)
            for r in _complex_field(entry, f"PAGEREF {name} \\h", str(page)):
                link.append(r)
        entries.append(entry)
    if entries:
        first, last = entries[0], entries[-1]
        for r in reversed(_field_start(first, 'TOC \\o "1-2" \\h \\z \\u')):
            first._p.insert(1 if first._p.pPr is not None else 0, r)
        last._p.append(_field_char(last, "end"))
    if any(p is not None for p in numbers):
        before.add_run(
            "Page numbers are those of report.pdf, the same report laid out for print; "
            "Word shows its own when the contents are updated (F9)."
        ).italic = True


def _bookmark(heading: Paragraph, name: str, n: int) -> None:
    """A bookmark around ``heading``'s words, for a contents line to link to."""
    start = heading._p.makeelement(
        qn("w:bookmarkStart"), {qn("w:id"): str(n), qn("w:name"): name}
    )
    heading._p.insert(1 if heading._p.pPr is not None else 0, start)
    heading._p.append(heading._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(n)}))


def _field_char(paragraph: Paragraph, kind: str) -> Any:
    """A run holding a field's begin, separate or end mark."""
    run = paragraph._p.makeelement(qn("w:r"), {})
    run.append(run.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
    return run


def _field_start(paragraph: Paragraph, instruction: str) -> list[Any]:
    """The runs that open a complex field: begin, its instruction, separate."""
    code = paragraph._p.makeelement(qn("w:r"), {})
    text = code.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    text.text = f" {instruction} "
    code.append(text)
    return [_field_char(paragraph, "begin"), code, _field_char(paragraph, "separate")]


def _complex_field(paragraph: Paragraph, instruction: str, shown: str) -> list[Any]:
    """A whole complex field with its result already written (``shown``)."""
    result = paragraph._p.makeelement(qn("w:r"), {})
    text = result.makeelement(qn("w:t"), {})
    text.text = shown
    result.append(text)
    return [*_field_start(paragraph, instruction), result, _field_char(paragraph, "end")]


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


def _remember_style_ids(doc: DocumentType) -> None:
    """Look each style up once, not once per paragraph.

    python-docx finds a style by reading every style of the document each time
    a paragraph, heading or table is given a style by name, and each time a
    paragraph's style is read: in the report's thousands of paragraphs, more
    time than the rest of the document. Styles do not change while it is written.
    """
    part = doc.part
    find_id, find_style = part.get_style_id, part.get_style
    ids: dict[tuple[str, object], str | None] = {}
    styles: dict[tuple[str | None, object], BaseStyle] = {}

    def style_id(style: object, style_type: WD_STYLE_TYPE) -> str | None:
        if not isinstance(style, str):
            return find_id(style, style_type)
        if (style, style_type) not in ids:
            ids[style, style_type] = find_id(style, style_type)
        return ids[style, style_type]

    def style_of(style_id: str | None, style_type: WD_STYLE_TYPE) -> BaseStyle:
        if (style_id, style_type) not in styles:
            styles[style_id, style_type] = find_style(style_id, style_type)
        return styles[style_id, style_type]

    part.get_style_id = style_id  # type: ignore[method-assign]
    part.get_style = style_of  # type: ignore[method-assign]


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


def write_docx(
    report: Report,
    path: Path,
    *,
    definition: Definition,
    pages: list[HeadingPage] | None = None,
) -> Path:
    """Write ``report.docx``; ``pages``: each heading's page in report.pdf."""
    alpha = definition.trends.alpha
    symbol = definition.disclosure.symbol
    doc = Document()
    _remember_style_ids(doc)
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
    long_tables = []
    for s in report.sections:
        if s.id == DATA_QUALITY:
            continue
        doc.add_heading(f"{s.number}. {s.title}" if s.number else s.title, level=1)
        if not s.available:
            doc.add_paragraph(left_out_line(s))
            continue
        long_tables += _body(doc, s, alpha=alpha, symbol=symbol)
    _methods(doc, report, definition)
    doc.add_heading("Data quality", level=1)
    for s in report.sections:
        if s.id == DATA_QUALITY:
            long_tables += _body(doc, s, alpha=alpha, symbol=symbol)
    for q in report.data_quality or ("No warnings were raised while loading.",):
        doc.add_paragraph(q, style="List Bullet")
    _appendix(doc, long_tables)
    _fill_contents(doc, contents, pages)
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
