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
from typing import Any

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
    data = json.dumps(document, ensure_ascii=False, allow_nan=False)
    day = dt.date.fromisoformat(produced)
    typst.compile(
        str(LAYOUT),
        output=str(path),
        root=str(LAYOUT.parent),
        font_paths=bundled_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": data},
        timestamp=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
    )
    return path
