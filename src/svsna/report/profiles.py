"""District profiles: ``profiles/<district>.html`` and ``.pdf``, one per district.

Each profile is a :class:`~svsna.results.Section` made by the district-profiles
analysis (its trend, share of the area, hotspots, when, who, and the area for
comparison); here it is only drawn, with the report's own pieces: the HTML
templates for ``.html``, the Typst print layout for ``.pdf``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svsna.report.document import asset, environment, section_views
from svsna.report.methods import arrow_test
from svsna.report.typst_pdf import compile_pdf, profile_document
from svsna.report.view import arrow_basis, profile_kind

if TYPE_CHECKING:
    from pathlib import Path

    from svsna.config import Definition
    from svsna.report.document import SectionView
    from svsna.results import Report, Section


def render_profile(report: Report, profile: Section, *, definition: Definition) -> str:
    """One district's profile as a self-contained HTML page."""
    view: SectionView = section_views(
        (profile,),
        alpha=definition.trends.alpha,
        symbol=definition.disclosure.symbol,
        inline_rows=10_000,
    )[0]
    view.profile = True
    context: dict[str, Any] = {
        "report": report,
        "profile": view,
        "restricted": report.edition.restricted,
        "alpha": definition.trends.alpha,
        "threshold": definition.disclosure.threshold,
        "symbol": definition.disclosure.symbol,
        "rounded_to": definition.disclosure.rounded_to,
        "profile_kind": profile_kind(definition),
        "arrow_basis": arrow_basis(definition),
        "arrow_test": arrow_test(definition),
        "tables_href": "../tables/",
        "css": asset("report.css"),
        "vega_js": asset("vega-bundle.min.js"),
        "sortable_js": asset("sortable.js"),
    }
    return environment().get_template("profile.html.j2").render(context)


def write_profiles(
    report: Report, folder: Path, *, definition: Definition, formats: tuple[str, ...]
) -> list[Path]:
    """Write every district's profile in the formats asked for (html, pdf)."""
    written: list[Path] = []
    if not report.profiles:
        return written
    folder.mkdir(parents=True, exist_ok=True)
    for profile in report.profiles:
        name = profile.id.removeprefix("profile_")
        if "html" in formats:
            path = folder / f"{name}.html"
            html = render_profile(report, profile, definition=definition)
            path.write_text(html, encoding="utf-8")
            written.append(path)
        if "pdf" in formats:
            document = profile_document(report, profile, definition=definition)
            path = folder / f"{name}.pdf"
            written.append(compile_pdf(document, path, produced=report.generated_on))
    return written
