"""Hostile names stay text in the interactive charts' tooltips (issue 14).

Jinja's autoescape covers the page's own markup, but a Vega tooltip is
written into the page by JavaScript when the reader points at a mark, from
the chart's data. A district called ``<img src=x onerror=...>`` must show as
those characters, never run. The chart is drawn in Debian's Chromium with
the network cut; every bar is pointed at, and the tooltip is read back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from svsna.config import load_definition
from svsna.report import render_report
from svsna.results import Chart, Edition, Report, Section

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "Derby\u202eevil\u202c 🔪",
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the system Chromium"),
]


def _report() -> Report:
    data = pd.DataFrame({"district": list(HOSTILE), "count": [40, 30, 20]})
    chart = Chart(
        "hostile_bars",
        "Offences by district",
        "bar",
        data,
        x="district",
        y="count",
        alt_text="Bar chart of three districts.",
    )
    section = Section(id="ch03_x", number="3", title="Districts", charts=(chart,))
    return Report(
        title="Serious Violence Strategic Needs Assessment: Testshire",
        area_name="Testshire",
        period_label="2024/25",
        edition=Edition("restricted"),
        sections=(section,),
        definition_name="test",
        generated_on="2026-11-27",
    )


def _tooltips(page_path: Path) -> tuple[list[str], object]:
    """Point at every bar; return each tooltip's HTML and ``window.__pwned``."""
    from playwright.sync_api import sync_playwright

    shown: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_context(offline=True).new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.chart-view svg path[aria-roledescription=bar]')"
            ".length >= 3",
            timeout=20_000,
        )
        for bar in page.locator(".chart-view svg path[aria-roledescription=bar]").all():
            bar.hover()
            page.wait_for_selector("#vg-tooltip-element.visible", timeout=5_000)
            shown.append(page.inner_html("#vg-tooltip-element"))
        pwned = page.evaluate("window.__pwned")
        browser.close()
    return shown, pwned


def test_hostile_names_in_tooltips_are_shown_not_run(tmp_path: Path) -> None:
    render_report(
        _report(),
        tmp_path,
        formats=("html",),
        definition=load_definition(None),
        timings={},
    )
    shown, pwned = _tooltips(tmp_path / "index.html")
    assert pwned is None
    assert len(shown) == 3
    joined = "".join(shown)
    # Shown as text: the browser hands the characters back escaped, intact.
    assert '&lt;img src=x onerror="window.__pwned=1"&gt;' in joined, joined
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in joined, joined
    assert "Derby\u202eevil\u202c 🔪" in joined, joined
    assert "<img" not in joined and "<script" not in joined, joined
