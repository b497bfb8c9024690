"""index.html in a real browser (Debian's Chromium) with the network cut.

No request may leave the file, no console error may appear, and every chart
and map must be drawn (each vega-embed container holds an SVG).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from svsna.config import load_definition
from svsna.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the system Chromium"),
]


def _sample_report(edition: str):
    spec = importlib.util.spec_from_file_location(
        "report_sample", ROOT / "tests" / "unit" / "report_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sample_report(edition)


def open_offline(page_path: Path, screenshot: Path) -> dict:
    """Open ``page_path`` offline; return failed requests, console errors, charts."""
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
            ],
        )
        context = browser.new_context(
            offline=True, viewport={"width": 1280, "height": 900}
        )
        outside: list[str] = []

        def block(route):
            outside.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(("file:", "data:")), block)
        page = context.new_page()
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        containers = page.locator(".chart-view")
        count = containers.count()
        page.wait_for_function(
            "n => document.querySelectorAll('.chart-view svg').length >= n",
            arg=count,
            timeout=20_000,
        )
        drawn = page.locator(".chart-view svg").count()
        marks = page.evaluate(
            "Array.from(document.querySelectorAll('.chart-view svg'))"
            ".map(s => s.querySelectorAll('path, rect, line').length)"
        )
        # Sorting a table by a header click reorders its rows.
        sortable = page.locator("#table-hotspots thead button").first
        first_before = page.locator("#table-hotspots tbody tr td").first.inner_text()
        sortable.click()
        sortable.click()
        first_after = page.locator("#table-hotspots tbody tr td").first.inner_text()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return {
        "failed": failed + outside,
        "errors": errors,
        "containers": count,
        "drawn": drawn,
        "marks": marks,
        "sorted": (first_before, first_after),
    }


@pytest.mark.parametrize("edition", ["public", "restricted"])
def test_index_html_works_offline(tmp_path: Path, edition: str):
    definition = load_definition(None)
    report = _sample_report(edition)
    render_report(
        report, tmp_path, formats=("html",), definition=definition, timings={}
    )
    shot = tmp_path / "index.png"
    result = open_offline(tmp_path / "index.html", shot)
    assert result["failed"] == []
    assert result["errors"] == []
    # The sample report has five charts, one of them a map.
    assert result["containers"] == 5
    assert result["drawn"] == 5
    assert all(n > 3 for n in result["marks"])
    # Rank 1 first; after two clicks on "Rank" (descending) rank 40 comes first.
    assert result["sorted"] == ("1", "40")
    assert shot.stat().st_size > 10_000
    # The README's screenshot: written when missing, or refreshed on request
    # (SVSNA_UPDATE_SCREENSHOT=1), so that a test run leaves the tree clean.
    target = ROOT / "bench" / "index-screenshot.png"
    if edition == "public" and (
        not target.exists() or os.environ.get("SVSNA_UPDATE_SCREENSHOT")
    ):
        shutil.copy(shot, target)


def test_district_profile_works_offline(tmp_path: Path):
    definition = load_definition(None)
    render_report(
        _sample_report("public"),
        tmp_path,
        formats=("html",),
        definition=definition,
        timings={},
    )
    page = tmp_path / "profiles" / "derby.html"
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        context = browser.new_context(offline=True)
        tab = context.new_page()
        tab.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        tab.goto(page.as_uri())
        tab.wait_for_function(
            "document.querySelectorAll('.chart-view svg').length >= 1", timeout=20_000
        )
        browser.close()
    assert errors == []
