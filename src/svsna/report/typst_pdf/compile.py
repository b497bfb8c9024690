"""Lay out a print document (:mod:`.blocks`) as PDF with Typst.

Typst sees only the bundled fonts (``assets/fonts``, Source Sans 3 under the
SIL Open Font License): system fonts are ignored, so a PDF is laid out the
same on every machine. The document travels as JSON in ``sys.inputs``; the
layout (``document.typ``) reads it with ``json()`` and places its strings as
text, so nothing in the data is evaluated.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import typst

from svsna.report.charts import PRINT_FONTS

LAYOUT = Path(__file__).with_name("document.typ")


@cache
def bundled_fonts() -> typst.Fonts:
    """The bundled fonts only: no system font, no font compiled into Typst."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(PRINT_FONTS)],
    )


def compile_pdf(document: dict[str, Any], path: Path, *, produced: str) -> Path:
    """Write ``document`` laid out by ``document.typ`` to ``path`` as PDF.

    ``produced`` (an ISO date, the report's) is the file's creation date, so
    the same report makes the same file, whenever and wherever it is laid out.
    """
    compile_with_pages(document, path, produced=produced)
    return path


def compile_with_pages(
    document: dict[str, Any], path: Path, *, produced: str
) -> list[HeadingPage]:
    """Write the PDF (as :func:`compile_pdf`) and return its headings' pages.

    The pages are those the PDF's footers print, for each chapter and section
    heading (levels 1 and 2) in order: the Word document's contents take them
    (Typst's query reuses the compiler's memoised layout).
    """
    data = json.dumps(document, ensure_ascii=False, allow_nan=False)
    day = dt.date.fromisoformat(produced)
    compiler = typst.Compiler(
        str(LAYOUT),
        root=str(LAYOUT.parent),
        font_paths=bundled_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": data},
    )
    compiler.compile(
        output=str(path),
        timestamp=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
    )
    found = json.loads(compiler.query("<heading-pages>", field="value", one=True))
    return [HeadingPage(str(h["text"]), int(h["level"]), int(h["page"])) for h in found]


class HeadingPage(NamedTuple):
    """A heading of the PDF and the page number its footer prints."""

    text: str
    level: int
    page: int
