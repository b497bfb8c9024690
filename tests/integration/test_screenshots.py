"""Screenshots kept in ``docs/screenshots/``: a change that breaks a page is seen.

Sample PDF pages are laid out by Typst as PNG (the bundled font only, so the
same on every machine) and compared pixel by pixel with the kept images; each
chapter of the demo's ``index.html`` (the public edition of the synthetic
area, built once per session) is photographed in Debian's Chromium and
compared with its kept image. A missing image is written (commit it); to accept a
change on purpose, run with ``SVSNA_UPDATE_SCREENSHOTS=1`` and look at the
diff before committing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import zlib
from pathlib import Path

import pytest
import typst

from svsna.config import load_definition
from svsna.report.edition import edition_report
from svsna.report.typst_pdf import report_document
from svsna.report.typst_pdf.compile import LAYOUT, bundled_fonts

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
#: Sample pages of the PDF: cover, contents, executive summary, a chapter
#: (tables and a chart), methods.
PDF_PAGES = (1, 2, 3, 4, 5)
PPI = 48
#: Share of pixels that may differ before a page counts as changed (antialiasing).
TOLERANCE = 0.01


def _sample_report(edition: str):
    spec = importlib.util.spec_from_file_location(
        "report_sample", ROOT / "tests" / "unit" / "report_sample.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sample_report(edition)


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw pixel bytes of an 8-bit PNG (no library needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8, "8-bit PNG only"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(chunks), width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 255
        rows.append(line)
        previous = line
    return width, height, bytes(b"".join(rows))


def differs(new: bytes, kept: bytes) -> float:
    """The share of bytes that differ between two PNGs' pixels (1.0: other sizes)."""
    (w1, h1, a), (w2, h2, b) = decode_png(new), decode_png(kept)
    if (w1, h1) != (w2, h2):
        return 1.0
    changed = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 16)
    return changed / len(a)


def check_or_keep(name: str, image: bytes, *, pixels: bool = True) -> None:
    """Compare ``image`` with the kept one; keep it when missing or asked to.

    ``pixels`` compares pixel by pixel (Typst's pages, in the bundled font);
    otherwise only the size (a browser's fonts differ from machine to
    machine, but a broken chart or a runaway table changes a chapter's size).
    """
    target = SHOTS / name
    if not target.exists() or os.environ.get("SVSNA_UPDATE_SCREENSHOTS"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
        return
    kept = target.read_bytes()
    if image == kept:
        return
    if pixels:
        share = differs(image, kept)
        assert share <= TOLERANCE, f"{name}: {share:.1%} of the page changed"
        return
    (w1, h1), (w2, h2) = _size(image), _size(kept)
    assert w1 == w2 and abs(h1 - h2) <= 0.1 * h2, f"{name}: {w1}x{h1}, kept {w2}x{h2}"


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_sample_pdf_pages_look_as_kept():
    definition = load_definition(None)
    # The public edition as it is printed: protected first, as render() does.
    shown = edition_report(_sample_report("public"), definition=definition)
    document = report_document(shown, definition=definition)
    pages = typst.compile(
        str(LAYOUT),
        root=str(LAYOUT.parent),
        font_paths=bundled_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(document, ensure_ascii=False)},
        format="png",
        ppi=PPI,
    )
    assert isinstance(pages, list) and len(pages) >= max(PDF_PAGES)
    for number in PDF_PAGES:
        image = pages[number - 1]
        width, height, pixels = decode_png(image)
        # A4 at PPI: 210 x 297 mm.
        assert (width, height) == (round(210 / 25.4 * PPI), round(297 / 25.4 * PPI))
        assert len(set(pixels)) > 2, f"page {number} is blank"
        check_or_keep(f"pdf-page-{number}.png", image)


#: The chapters' photographs are kept at half size (a screen's layout, a
#: quarter of the bytes); a chapter taller than this many screens is cut there
#: (only the appendix of full tables is, and it says why).
SCALE = 0.5
SCREEN = {"width": 1280, "height": 900}
MOST_SCREENS = 6


def _chapters_in_chromium(
    index: Path,
) -> tuple[dict[str, tuple[bytes, float]], list[str]]:
    """Each chapter (``main > section``) of ``index`` photographed, with its height;
    and the tables taller than a screen."""
    from playwright.sync_api import sync_playwright

    shots = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking"],
        )  # fmt: skip
        page = browser.new_context(
            offline=True, viewport=SCREEN, device_scale_factor=SCALE
        ).new_page()
        page.goto(index.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.chart-view svg').length"
            " >= document.querySelectorAll('.chart-view').length",
            timeout=120_000,
        )
        chapters = page.locator("main > section")
        for i in range(chapters.count()):
            section = chapters.nth(i)
            # The chapter's place on the page (not the screen), cut at MOST_SCREENS.
            x, y, width, height = section.evaluate(
                "e => { const r = e.getBoundingClientRect();"
                " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }"
            )
            assert height > 0
            clip = {"x": x, "y": y, "width": width,
                    "height": min(height, MOST_SCREENS * SCREEN["height"])}  # fmt: skip
            image = page.screenshot(clip=clip, full_page=True)
            shots[str(section.get_attribute("id"))] = (image, height)
        tall = page.evaluate(TALL_TABLES, SCREEN["height"])
        browser.close()
    return shots, tall


#: Each table whose header and rows are taller than a screen, as "chapter id:
#: table id" (in Chromium's layout), but lists of statements (recommendations,
#: what people said: class "list"), which are read whole where they are.
TALL_TABLES = """screen => Array.from(document.querySelectorAll('.table-wrap:not(.list)'))
  .filter(t => t.querySelector('thead').getBoundingClientRect().height
    + t.querySelector('tbody').getBoundingClientRect().height > screen)
  .map(t => t.closest('main > section').id + ': ' + t.id)"""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the system Chromium")
def test_each_chapter_of_the_demo_in_chromium_looks_as_kept(
    demo_builds: dict[str, Path],
):
    # The demo's public edition, the report a board reads: every chapter of it.
    shots, tall = _chapters_in_chromium(demo_builds["public"] / "index.html")
    assert len(shots) >= 25
    # No table runs past one screen but in the appendix of full tables (each a
    # chapter's long table, printed in full there on purpose).
    assert [t for t in tall if not t.startswith("appendix:")] == []
    for anchor, (image, _) in shots.items():
        check_or_keep(f"chapters/{anchor}.png", image, pixels=False)
