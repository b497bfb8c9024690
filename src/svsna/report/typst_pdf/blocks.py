"""The report as plain data for the print layout: a cover and a list of blocks.

``document.typ`` draws a fixed set of block kinds (heading, paragraph,
findings, bullets, callouts, chart, table, pagebreak); this module decides
which blocks a report or a district profile is made of, with the words and
numbers every medium shares (:mod:`svsna.report.view`). Nothing here writes
Typst markup: user text travels as JSON strings, which the layout only ever
places as text, so it cannot run as code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from svsna.report.charts import PRINT_WIDTH, to_svg, vegalite_spec
from svsna.report.document import INLINE_ROWS, chart_note, environment, rejects_view
from svsna.report.labels import in_words
from svsna.report.methods import arrow_test
from svsna.report.view import (
    DATA_QUALITY,
    SUMMARY_RULE,
    arrow_basis,
    callout_value,
    default_alt_text,
    findings_of,
    key_findings,
    left_out_line,
    profile_kind,
    reference_chapters,
    summary_lines,
    sv_versions,
    table_view,
)
from svsna.results.names import slug

if TYPE_CHECKING:
    import pandas as pd

    from svsna.config import Definition
    from svsna.report.view import FindingView, TableView
    from svsna.results import Chart, Report, Section

Block = dict[str, Any]

#: Bidirectional controls (embeddings, overrides, isolates, marks): in user
#: text they could reorder what follows them on the line, so the PDF shows
#: them as their code point instead.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """``text`` with every bidirectional control shown as ``[U+XXXX]``.

    Examples
    --------
    >>> inert("abc\u202edef")
    'abc[U+202E]def'
    """
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def heading(
    text: str, level: int = 1, *, outlined: bool = True, anchor: str = ""
) -> Block:
    """A heading; level 1 starts a page in the report and is in the contents.

    ``anchor`` names it for links (a finding's chapter in the summary).
    """
    return {
        "kind": "heading",
        "level": level,
        "text": text,
        "outlined": outlined,
        "anchor": anchor,
    }


def paragraph(*runs: str | dict[str, Any], style: str = "") -> Block:
    """A paragraph of runs (plain strings, or ``{text, strong, code}``)."""
    return {
        "kind": "paragraph",
        "style": style,
        "runs": [{"text": r} if isinstance(r, str) else r for r in runs],
    }


def findings_block(items: list[FindingView], *, with_section: bool = False) -> Block:
    """Findings with their arrows (and, in the summary, their chapter)."""
    return {
        "kind": "findings",
        "items": [
            {
                "text": f.text,
                "section": f.section if with_section else None,
                "anchor": f.anchor,
                "arrow": (
                    {"symbol": f.arrow.symbol, "direction": f.arrow.direction}
                    if f.arrow
                    else None
                ),
            }
            for f in items
        ],
    }


def chart_block(chart: Chart) -> Block:
    """A chart drawn as SVG (vector) with its text alternative."""
    alt = in_words(chart.alt_text.strip() or default_alt_text(chart))
    return {
        "kind": "chart",
        "title": chart.title,
        "alt": alt,
        "svg": to_svg(vegalite_spec(chart, width=PRINT_WIDTH)),
        "note": chart_note(chart),
    }


#: Column widths are worked out here rather than by Typst measuring every cell
#: (a third of the layout time of the long tables): the width of the longest
#: text at about half an em a character, plus the cell padding; when a table
#: is wider than the page its columns share the page in those proportions.
EM_PER_CHAR = 0.55
CELL_PADDING_EM = 1.2
PAGE_WIDTH_EM = 62.0
WIDEST_COLUMN_EM = 24.0


def column_widths(tv: TableView) -> tuple[list[float], str]:
    """Each column's width in em (8 pt table text), or its share of the page.

    Examples
    --------
    >>> from svsna.report.view import Cell, TableView
    >>> tv = TableView("t", "T", "", (), ("District", "Count"), (False, True),
    ...     ((Cell("Derby", "", False), Cell("1,234", "", True)),), frozenset())
    >>> column_widths(tv)
    ([5.6, 4.0], 'em')
    """
    widths, floors = [], []
    for j, header in enumerate(tv.headers):
        texts = [header, *(row[j].text for row in tv.rows)]
        longest_word = max((len(w) for t in texts for w in t.split()), default=0)
        longest_cell = max((len(row[j].text) for row in tv.rows), default=0)
        chars = max(len(max(header.split(), key=len, default="")), longest_cell)
        widths.append(_em(chars))
        floors.append(_em(longest_word))
    if sum(widths) <= PAGE_WIDTH_EM:
        return widths, "em"
    spare = PAGE_WIDTH_EM - sum(floors)
    if spare <= 0:  # too wide even so: each column its share of what it cannot lose
        return floors, "fr"
    # Each column keeps room for its longest word (a date, a number never breaks);
    # what is left of the page goes to the columns that wrap, as they want it.
    wanted = [w - f for w, f in zip(widths, floors, strict=True)]
    return [
        round(f + spare * w / sum(wanted), 1)
        for f, w in zip(floors, wanted, strict=True)
    ], "em"


def _em(chars: int) -> float:
    """The width of ``chars`` characters of table text, with the cell's padding."""
    return round(min(chars * EM_PER_CHAR, WIDEST_COLUMN_EM) + CELL_PADDING_EM, 1)


def table_block(
    tv: TableView, *, threshold: int, title: bool = True, download: bool = True
) -> Block:
    """A table; its header row repeats on every page it runs onto."""
    suppressed = (
        f"[c] = confidential: a count from 1 to {threshold}, or a value that would "
        "reveal one, withheld in the public edition."
        if tv.has_suppressed
        else ""
    )
    widths, unit = column_widths(tv)
    return {
        "kind": "table",
        "id": tv.id,
        "title": tv.title if title else "",
        "caption": tv.caption,
        "headers": list(tv.headers),
        "groups": [[g, n] for g, n in tv.groups],
        "widths": widths,
        "unit": unit,
        "numeric": list(tv.numeric_columns),
        "rows": [[c.text for c in row] for row in tv.rows],
        "totals": sorted(tv.total_rows),
        "notes": list(tv.notes),
        "suppressed": suppressed,
        "download": download,
    }


def section_body(
    s: Section, *, definition: Definition, in_place: bool = False
) -> tuple[list[Block], list[TableView]]:
    """A section's blocks, and its long tables (for the appendix).

    Tables over ``INLINE_ROWS`` rows go to the appendix, with a line saying so,
    unless ``in_place`` (a district profile prints every table where it is).
    """
    threshold = definition.disclosure.threshold
    blocks: list[Block] = [paragraph(p) for p in summary_lines(s)]
    if s.callouts:
        blocks.append(
            {
                "kind": "callouts",
                "items": [
                    {
                        "value": callout_value(c.value, c.unit),
                        "figure": c.figure + (f" ({c.period})" if c.period else ""),
                        "source": f"Source: {c.source}"
                        + (f", {c.source_date}" if c.source_date else "")
                        + ". National figure, not local data.",
                    }
                    for c in s.callouts
                ],
            }
        )
    found = findings_of((s,), alpha=definition.trends.alpha)
    if found:
        blocks.append(findings_block(found))
    blocks += [chart_block(c) for c in s.charts]
    long_tables: list[TableView] = []
    for t in s.tables:
        tv = table_view(t, symbol=definition.disclosure.symbol)
        if in_place or len(tv.rows) <= INLINE_ROWS:
            blocks.append(table_block(tv, threshold=threshold))
        else:
            long_tables.append(tv)
            blocks.append(
                paragraph(
                    f"{tv.title} has {len(tv.rows):,} rows: it is in the ",
                    {"text": "appendix", "link": f"table-{tv.id}"},
                    ".",
                    style="meta",
                )
            )
    return blocks, long_tables


class _HtmlBlocks(HTMLParser):
    """Headings, paragraphs and lists of a simple HTML fragment, as blocks."""

    def __init__(self, level: int) -> None:
        super().__init__(convert_charrefs=True)
        self.level = level
        self.blocks: list[Block] = []
        self.runs: list[dict[str, Any]] = []
        self.items: list[list[dict[str, Any]]] = []
        self.marks: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("strong", "code"):
            self.marks.add(tag)
        elif tag in ("p", "h3", "li"):
            self.runs = []
        elif tag == "ul":
            self.items = []

    def handle_endtag(self, tag: str) -> None:
        text = "".join(r["text"] for r in self.runs).strip()
        if tag in ("strong", "code"):
            self.marks.discard(tag)
        elif tag == "h3":
            self.blocks.append(heading(text, self.level))
        elif tag == "p" and text:
            self.blocks.append(paragraph(*_trimmed(self.runs)))
        elif tag == "li":
            self.items.append(_trimmed(self.runs))
        elif tag == "ul":
            self.blocks.append({"kind": "bullets", "items": self.items})

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if text.strip() or self.runs:
            run: dict[str, Any] = {"text": text}
            run.update({mark: True for mark in self.marks})
            self.runs.append(run)


def _trimmed(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs without the spaces HTML ignores at the start and end."""
    if not runs:
        return runs
    first = {**runs[0], "text": runs[0]["text"].lstrip()}
    runs = [first, *runs[1:]]
    return [*runs[:-1], {**runs[-1], "text": runs[-1]["text"].rstrip()}]


def methods_blocks(report: Report, definition: Definition) -> list[Block]:
    """The methods chapter, from the same template (and so words) as index.html."""
    html = (
        environment()
        .get_template("methods.html.j2")
        .render(
            d=definition,
            edition=report.edition,
            sv_versions=sv_versions(definition),
            arrow_basis=arrow_basis(definition),
            reference_chapters=reference_chapters(report.sections),
        )
    )
    parser = _HtmlBlocks(level=2)
    parser.feed(html)
    parser.close()
    return [heading("Methods and definitions"), *parser.blocks]


def summary_blocks(report: Report, definition: Definition) -> list[Block]:
    """The executive summary: each chapter's key findings."""
    alpha = definition.trends.alpha
    chapters = tuple(s for s in report.sections if s.id != DATA_QUALITY)
    found = key_findings(chapters, alpha=alpha)
    blocks = [heading("Executive summary"), heading("Key findings", 2)]
    if found:
        blocks += [
            paragraph(SUMMARY_RULE, style="meta"),
            findings_block(found, with_section=True),
            paragraph(
                "▲ / ▼ a statistically significant rise or fall "
                f"{arrow_basis(definition)} ({arrow_test(definition)}); "
                "↔ no significant change.",
                style="meta",
            ),
        ]
    else:
        blocks.append(paragraph("No chapter could be computed from the data supplied."))
    missing = [s for s in chapters if not s.available]
    if missing:
        n = len(missing)
        blocks.append(
            paragraph(
                f"{n} chapter{'s' if n != 1 else ''} could not be produced for want of "
                "input data; each says which input would enable it."
            )
        )
    return blocks


def _missing_line(s: Section) -> Block:
    return paragraph(left_out_line(s), style="missing")


def quality_blocks(
    report: Report, definition: Definition, rejects: pd.DataFrame | None
) -> tuple[list[Block], list[tuple[str, TableView]]]:
    """The data-quality chapter, and its long tables for the appendix."""
    blocks = [heading("Data quality")]
    long_tables: list[tuple[str, TableView]] = []
    for s in report.sections:
        if s.id == DATA_QUALITY:
            body, long = section_body(s, definition=definition)
            blocks += body
            long_tables += [("Data quality", tv) for tv in long]
    if report.data_quality:
        blocks.append(
            {"kind": "bullets", "items": [[{"text": q}] for q in report.data_quality]}
        )
    else:
        blocks.append(paragraph("No warnings were raised while loading."))
    summary, total = rejects_view(rejects)
    if summary is None:
        blocks.append(paragraph("No input row was rejected."))
        return blocks, long_tables
    rows = "rows" if total != 1 else "row"
    blocks += [
        heading("Rows rejected", 2),
        paragraph(
            f"{total:,} input {rows} failed the data contract and "
            f"{'were' if total != 1 else 'was'} left out; every one is listed in ",
            {"text": "rejects.csv", "code": True},
            ".",
        ),
        table_block(summary, threshold=definition.disclosure.threshold, download=False),
    ]
    return blocks, long_tables


def appendix_blocks(
    listed: list[tuple[str, TableView]],
    long_tables: list[tuple[str, TableView]],
    *,
    threshold: int,
) -> list[Block]:
    """Every table listed by identifier, then each long table in full."""
    from svsna.report.view import Cell, TableView

    index = TableView(
        id="list_of_tables", title="List of tables",
        caption="",
        notes=(),
        headers=("Table", "Identifier", "Chapter"),
        numeric_columns=(False, False, False),
        rows=tuple(
            (
                Cell(tv.title, "", False),
                Cell(tv.id, "", False),
                Cell(chapter, "", False),
            )
            for chapter, tv in listed
        ),
        total_rows=frozenset(),
    )
    blocks = [
        heading("Appendix: tables"),
        paragraph(
            "Every table of this report, with its identifier; each is also in ",
            {"text": "tables.xlsx", "code": True},
            " and ",
            {"text": "tables/<id>.csv", "code": True},
            ".",
        ),
        table_block(index, threshold=threshold, download=False),
    ]
    for _, tv in long_tables:
        blocks += [
            heading(tv.title, 2, anchor=f"table-{tv.id}"),
            table_block(tv, threshold=threshold, title=False),
        ]
    return blocks


def report_document(
    report: Report, *, definition: Definition, rejects: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The whole report for ``document.typ``: cover, contents and every chapter."""
    blocks = summary_blocks(report, definition)
    listed: list[tuple[str, TableView]] = []
    long_tables: list[tuple[str, TableView]] = []
    symbol = definition.disclosure.symbol
    for s in report.sections:
        if s.id == DATA_QUALITY:
            continue
        name = f"{s.number}. {s.title}" if s.number else s.title
        blocks.append(heading(name, anchor=f"section-{slug(s.id)}"))
        if not s.available:
            blocks.append(_missing_line(s))
            continue
        body, long = section_body(s, definition=definition)
        blocks += body
        listed += [(name, table_view(t, symbol=symbol)) for t in s.tables]
        long_tables += [(name, tv) for tv in long]
    blocks += methods_blocks(report, definition)
    quality, quality_long = quality_blocks(report, definition, rejects)
    blocks += quality
    for s in report.sections:
        if s.id == DATA_QUALITY:
            listed += [("Data quality", table_view(t, symbol=symbol)) for t in s.tables]
    blocks += appendix_blocks(
        listed, long_tables + quality_long, threshold=definition.disclosure.threshold
    )
    cover = {
        "full_page": True,
        "before": [report.area_name],
        "title": report.title,
        "after": [report.period_label],
        "small": [
            f"Definition: {report.definition_name} · Produced {report.generated_on} "
            "with svsna"
        ],
    }
    return _document(
        report,
        header=f"{report.title} · {report.period_label}",
        cover=cover,
        blocks=blocks,
        contents=True,
        tables_href="tables/",
    )


def profile_document(
    report: Report, profile: Section, *, definition: Definition
) -> dict[str, Any]:
    """One district's profile for ``document.typ``: a banner, then its section."""
    body, _ = section_body(profile, definition=definition, in_place=True)
    restricted = report.edition.restricted
    closing = (
        f"Produced {report.generated_on} with svsna; definition "
        f"{report.definition_name}. Arrows mark only statistically significant "
        f"changes {arrow_basis(definition)} ({arrow_test(definition)})."
    )
    if not restricted:
        closing += " " + report.edition.disclosure_note(
            definition.disclosure.threshold,
            definition.disclosure.symbol,
            rounded_to=definition.disclosure.rounded_to,
        )
    cover = {
        "full_page": False,
        "before": [f"{report.area_name} · {report.period_label}"],
        "title": f"{profile.title}: {profile_kind(definition)}",
        "after": [],
        "small": [],
    }
    return _document(
        report,
        header=f"{profile.title}: district profile · {report.period_label}",
        cover=cover,
        blocks=[*body, paragraph(closing, style="meta")],
        contents=False,
        tables_href="../tables/",
    )


def _document(
    report: Report,
    *,
    header: str,
    cover: dict[str, Any],
    blocks: list[Block],
    contents: bool,
    tables_href: str,
) -> dict[str, Any]:
    document = {
        "title": cover["title"],
        "header": header,
        "edition": {
            "label": report.edition.label,
            "cover": report.edition.label,
            "colour": report.edition.colour,
        },
        "cover": cover,
        "contents": contents,
        "chapter_breaks": contents,
        "plain_pages": 1 if cover["full_page"] else 0,
        "tables_href": tables_href,
        "blocks": blocks,
    }
    return _inert_strings(document)


def _inert_strings(value: Any) -> Any:
    """Every string of the document made :func:`inert` (SVG drawings excepted)."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "svg" else _inert_strings(v) for k, v in value.items()}
    return value
