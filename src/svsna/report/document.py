"""The report as an HTML document: Jinja2 templates over the results.

``report.html.j2`` makes the interactive ``index.html`` (charts drawn by
Vega-Lite in the browser). Every script, style and chart is inlined: the file
opens with the network cut. The print version is laid out by Typst
(:mod:`svsna.report.typst_pdf`) from the same results and view layer.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import jinja2

from svsna.report.charts import vegalite_spec
from svsna.report.edition import disclosure_words
from svsna.report.labels import in_words
from svsna.report.methods import arrow_test, methods_of
from svsna.report.view import (
    DATA_QUALITY,
    PRINTED_INLINE_ROWS,
    SCREEN_ROWS,
    SUMMARY_RULE,
    TableView,
    arrow_basis,
    callout_value,
    default_alt_text,
    findings_of,
    format_number,
    key_findings,
    left_out_line,
    reference_chapters,
    summary_lines,
    sv_versions,
    table_view,
)
from svsna.results import slug

if TYPE_CHECKING:
    import pandas as pd

    from svsna.config import Definition
    from svsna.report.view import FindingView
    from svsna.results import Chart, Report, Section

#: Printed tables longer than this go to the appendix (one rule for PDF and Word).
INLINE_ROWS = PRINTED_INLINE_ROWS


@cache
def asset(name: str) -> str:
    """The text of a vendored asset (CSS, JavaScript)."""
    return (files("svsna.report") / "assets" / name).read_text(encoding="utf-8")


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: package templates, HTML autoescaping, number filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("svsna.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = lambda v, d=0: format_number(float(v), decimals=d)
    env.filters["callout_value"] = callout_value
    env.globals["disclosure_words"] = disclosure_words
    env.globals["methods_of"] = methods_of
    env.filters["left_out_line"] = left_out_line
    env.globals["summary_lines"] = summary_lines
    return env


@dataclass(frozen=True)
class ChartView:
    """A chart ready for the template: its Vega-Lite spec, drawn in the browser."""

    id: str
    title: str
    alt_text: str
    spec_json: str = ""
    note: str = ""


def chart_note(chart: Chart) -> str:
    """What the dashed line and the missing values mean, when the chart has them."""
    notes = []
    if chart.trend_column and chart.trend_column in chart.data.columns:
        notes.append("The dashed orange line is the trend.")
    value = chart.color if chart.kind == "heatmap" and chart.color else chart.y
    if value in chart.data.columns and chart.data[value].isna().any():
        notes.append(_withheld_note(chart))
    return " ".join(notes)


def _withheld_note(chart: Chart) -> str:
    """How a chart shows what the public edition withholds."""
    if chart.kind in ("heatmap", "map"):
        return "Grey: withheld to protect small counts, or no data."
    if chart.kind == "stacked_bar":
        return (
            "[c] marks a part withheld to protect small counts: a bar shows only "
            "its published parts, so it can be shorter than the total in the table."
        )
    if chart.kind == "bar":
        return "[c] marks a bar withheld to protect small counts."
    return "[c] marks a point withheld to protect small counts; the line breaks there."


@dataclass
class SectionView:
    """A section with its tables formatted and its charts specified for HTML."""

    section: Section
    anchor: str
    heading: str
    findings: list[FindingView] = field(default_factory=list)
    charts: list[ChartView] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)
    appendix_tables: list[TableView] = field(default_factory=list)
    profile: bool = False


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinity replaced by None (JSON has neither)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _safe_json(spec: dict) -> str:
    """Strict JSON that cannot close its <script> element."""
    try:
        text = json.dumps(spec, separators=(",", ":"), default=str, allow_nan=False)
    except ValueError:  # a NaN or infinity somewhere: JSON has neither
        text = json.dumps(
            _finite(spec), separators=(",", ":"), default=str, allow_nan=False
        )
    return text.replace("</", "<\\/")


def chart_view(chart: Chart) -> ChartView:
    """``chart`` as a Vega-Lite spec to embed."""
    if not chart.alt_text.strip():
        # Every chart carries a text alternative, even when its analysis gave none.
        chart = replace(chart, alt_text=default_alt_text(chart))
    chart = replace(chart, alt_text=in_words(chart.alt_text))
    spec = vegalite_spec(chart, width="container")
    return ChartView(
        chart.id,
        chart.title,
        chart.alt_text,
        spec_json=_safe_json(spec),
        note=chart_note(chart),
    )


def section_views(
    sections: tuple[Section, ...],
    *,
    alpha: float,
    symbol: str,
    inline_rows: int = SCREEN_ROWS,
) -> list[SectionView]:
    """Every section formatted for the page.

    A table longer than ``inline_rows`` (a screen) goes to the appendix,
    unless it is a list of statements.
    """
    views = []
    for s in sections:
        heading = f"{s.number}. {s.title}" if s.number else s.title
        view = SectionView(s, anchor=f"section-{slug(s.id)}", heading=heading)
        if s.available:
            view.findings = findings_of((s,), alpha=alpha)
            view.charts = [chart_view(c) for c in s.charts]
            for t in s.tables:
                tv = table_view(t, symbol=symbol)
                if len(tv.rows) <= inline_rows or tv.is_list:
                    view.tables.append(tv)
                else:
                    view.appendix_tables.append(tv)
        views.append(view)
    return views


def rejects_view(counts: pd.DataFrame | None) -> tuple[TableView | None, int]:
    """Rejected rows counted by table and rule (``table``, ``rule``, ``rows``)."""
    if counts is None or counts.empty:
        return None, 0
    from svsna.results import Table

    table = Table("rejects_summary", "Rows rejected, by table and rule", counts)
    return table_view(table), int(counts["rows"].sum())


def render_document(
    report: Report,
    *,
    definition: Definition,
    rejects: pd.DataFrame | None = None,
) -> str:
    """The report as one self-contained HTML document."""
    alpha = definition.trends.alpha
    symbol = definition.disclosure.symbol
    chapters = tuple(s for s in report.sections if s.id != DATA_QUALITY)
    quality = tuple(s for s in report.sections if s.id == DATA_QUALITY)
    sections = section_views(chapters, alpha=alpha, symbol=symbol)
    quality_views = section_views(quality, alpha=alpha, symbol=symbol)
    rejects_summary, rejects_total = rejects_view(rejects)
    context: dict[str, Any] = {
        "report": report,
        "restricted": report.edition.restricted,
        "sections": sections,
        "quality_sections": quality_views,
        "key_findings": key_findings(chapters, alpha=alpha),
        "summary_rule": SUMMARY_RULE,
        "reference_chapters": reference_chapters(chapters),
        "missing_sections": [s for s in chapters if not s.available],
        "alpha": alpha,
        "threshold": definition.disclosure.threshold,
        "d": definition,
        "arrow_basis": arrow_basis(definition),
        "arrow_test": arrow_test(definition),
        "edition": report.edition,
        "sv_versions": sv_versions(definition),
        "rejects_summary": rejects_summary,
        "rejects_total": rejects_total,
        "tables_href": "tables/",
        "css": asset("report.css"),
        "vega_js": asset("vega-bundle.min.js"),
        "sortable_js": asset("sortable.js"),
    }
    return environment().get_template("report.html.j2").render(context)
