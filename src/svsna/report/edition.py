"""Editions: the public edition shows only what protection leaves, everywhere.

Every table of the report (the profiles' too) is protected at once by the
definition's method (:mod:`svsna.report.protection`); then every other place a
number reaches the reader is rebuilt from those protected tables, before any
renderer runs:

* person-level tables are left out;
* each chart embeds only its plotted fields of the cells its table shows
  (:mod:`svsna.report.chart_data`), and an alt text listing values lists those;
* each finding is printed only when every number it cites is shown; otherwise
  its withheld form says "fewer than N" for small counts, or it is left out;
  a section summary line repeating a finding follows it.

The restricted edition is the report as analysed, marked RESTRICTED on every
page.
"""

from __future__ import annotations

from dataclasses import replace
from string import Formatter
from typing import TYPE_CHECKING

from svsna.report.chart_data import described, drawn, source_table
from svsna.report.protection import Protection, protect, shown_tables
from svsna.report.view import format_number

if TYPE_CHECKING:
    from collections.abc import Callable

    from svsna.config import Definition
    from svsna.config.definition import Disclosure
    from svsna.results import Chart, Finding, Report, Section

#: Finding units that are not counts of people or events.
NOT_COUNTS = (
    "%",
    "percent",
    "rate",
    "per 1,000",
    "per 1000",
    "£",
    "pounds",
    "per year",
)


def edition_report(report: Report, *, definition: Definition) -> Report:
    """``report`` as its edition may show it."""
    disclosure = definition.disclosure
    if report.edition.restricted:
        return _each_section(
            report,
            lambda s: replace(
                s,
                charts=tuple(described(c, symbol=disclosure.symbol) for c in s.charts),
            ),
        )
    protection = protect(report, disclosure)
    return _each_section(
        report, lambda s: public_section(s, protection, disclosure=disclosure)
    )


def _each_section(report: Report, change: Callable[[Section], Section]) -> Report:
    return replace(
        report,
        sections=tuple(change(s) for s in report.sections),
        profiles=tuple(change(p) for p in report.profiles),
    )


def public_section(
    section: Section, protection: Protection, *, disclosure: Disclosure
) -> Section:
    """One section with its tables, charts, findings and summary as published."""
    findings = {
        f.text: public_finding(f, protection, disclosure=disclosure)
        for f in section.findings
    }
    summary = tuple(
        line if line not in findings else findings[line].text  # type: ignore[union-attr]
        for line in section.summary
        if line not in findings or findings[line] is not None
    )
    return replace(
        section,
        summary=summary,
        tables=shown_tables(section.tables, protection),
        charts=tuple(
            public_chart(c, section, protection, symbol=disclosure.symbol)
            for c in section.charts
        ),
        findings=tuple(f for f in findings.values() if f is not None),
    )


def public_chart(
    chart: Chart, section: Section, protection: Protection, *, symbol: str
) -> Chart:
    """The chart drawn from the public form of its table."""
    original = source_table(chart, section.tables)
    public = protection.tables.get(original.id) if original is not None else None
    return described(drawn(chart, original, public, symbol=symbol), symbol=symbol)


def fewer_than(threshold: int) -> str:
    """How a sentence gives a withheld small count: ``fewer than 5`` for a threshold of 4."""
    return f"fewer than {threshold + 1}"


def public_finding(
    finding: Finding, protection: Protection, *, disclosure: Disclosure
) -> Finding | None:
    """The finding as published: whole, in its withheld form, or None (left out)."""
    if not finding.cites:
        return _uncited(finding, disclosure)
    cited = {name: protection.cite(c) for name, c in finding.cites.items()}
    if any(c is None for c in cited.values()):
        return None
    if all(c.exact for c in cited.values() if c is not None):
        return finding
    if not finding.withheld_text:
        return None
    # Only the numbers the withheld form prints must be printable.
    printed = {f for _, f, _, _ in Formatter().parse(finding.withheld_text) if f}
    words: dict[str, str] = {}
    for name, c in cited.items():
        if name not in printed:
            continue
        if c is None or (c.value is None and not c.small):
            return None
        words[name] = (
            fewer_than(disclosure.threshold)
            if c.value is None
            else format_number(c.value)
        )
    current, previous = cited.get("current"), cited.get("previous")
    return replace(
        finding,
        text=finding.withheld_text.format(**words),
        current=current.value if current is not None else None,
        previous=previous.value if previous is not None else None,
        significant=None, p_value=None,
        lower=None,
        upper=None,
    )


def _uncited(finding: Finding, disclosure: Disclosure) -> Finding | None:
    """A finding that names no cells: left out when it rests on a small count."""
    if finding.unit.strip().lower().startswith(NOT_COUNTS):
        return finding
    if disclosure.method == "round":
        return None
    small = [
        v
        for v in (finding.current, finding.previous)
        if v is not None and 1 <= v <= disclosure.threshold and float(v).is_integer()
    ]
    return None if small else finding


def disclosure_words(
    disclosure: Disclosure, *, edition: str, public_data: bool = False
) -> tuple[str, ...]:
    """The methods chapter's account of disclosure control, in every medium's words.

    Examples
    --------
    >>> from svsna.config.definition import Disclosure
    >>> disclosure_words(Disclosure(method="round", base=5), edition="public")[1][:60]
    'Every count is rounded to the nearest multiple of 5, and eve'
    """
    if edition != "public":
        return (
            "This is the RESTRICTED edition: it shows exact numbers, including small "
            "counts that could identify people. It must not be published or shared "
            "beyond those entitled to see it.",
        )
    opening = "This is the public edition. No person-level data appears."
    if disclosure.method == "round":
        return (
            opening,
            f"Every count is rounded to the nearest multiple of {disclosure.base}, "
            "and every total is rounded on its own, so totals need not equal the "
            "sum of their rounded parts (as NHS and ONS outputs often are). "
            "Percentages are worked out again from the rounded counts, rates and "
            "limits are scaled with their count, and other values built on several "
            f"counts that rounding changed are shown as {disclosure.symbol}. Charts "
            "draw and sentences give the rounded numbers.",
        )
    if disclosure.threshold == 0:
        why = ", as data.police.uk already publishes every row" if public_data else ""
        return (
            opening,
            f"No count is withheld: the definition's disclosure threshold is 0{why}.",
        )
    return (
        opening,
        f"Every count from 1 to {disclosure.threshold} is shown as "
        f"{disclosure.symbol} (the Government Statistical Service convention). "
        "Further counts are withheld (secondary suppression) so that no withheld "
        "count can be worked out from any combination of published numbers: the "
        "totals of its own table, sums across tables (districts to the area, "
        "months to the year, age bands and sexes to all), percentages printed "
        "beside counts, and numbers stated in sentences. Every table, chart, map, "
        "sentence and alt text of the report is protected together, and the result "
        "is checked by working out, by linear programming, the least and greatest "
        "value every withheld count could take (the interval audit of tau-ARGUS); "
        "none may be pinned to one number. Zeros are shown.",
        "Rates, percentages and limits built on a withheld count are withheld too; "
        "charts and maps draw only what the tables show; a sentence whose count is "
        f"withheld says \"{fewer_than(disclosure.threshold)}\" for a count from 1 to "
        f"{disclosure.threshold}, or is left out.",
    )
