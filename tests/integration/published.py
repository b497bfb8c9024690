"""What an outsider reads from a build folder besides its CSV tables.

The HTML embeds every chart's data as JSON (a map's GeoJSON properties
included) and gives each chart a text alternative; ``findings.json`` and the
pages hold the sentences; ``tables.xlsx`` and ``report.docx`` print the tables
again. Each reader here turns one of them into plain Python data for the
attack (:mod:`relations_read`, :mod:`test_disclosure_attack`).
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import TYPE_CHECKING

import pandas as pd
from outsider import C, number

if TYPE_CHECKING:
    from pathlib import Path

SPEC = r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>'
FIGURE = r'<figure class="chart" id="figure-([^"]+)">(.*?)</figure>'


def pages(folder: Path) -> list[Path]:
    """The report page and every district profile page of a build folder."""
    found = [folder / "index.html", *sorted((folder / "profiles").glob("*.html"))]
    return [p for p in found if p.exists()]


def chart_data(folder: Path) -> dict[str, list[dict[str, object]]]:
    """Every chart's embedded data rows (a map's GeoJSON properties), by chart id."""
    found: dict[str, list[dict[str, object]]] = {}
    for page in pages(folder):
        for chart_id, text in re.findall(SPEC, page.read_text(encoding="utf-8"), re.S):
            spec = json.loads(text.replace("<\\/", "</"))
            data = spec.get("data", {})
            values = data.get("values", []) if isinstance(data, dict) else []
            if not values and "datasets" in spec:
                values = [v for d in spec["datasets"].values() for v in d]
            found[chart_id] = [v.get("properties", v) for v in values]
    return found


def alt_texts(folder: Path) -> dict[str, list[str]]:
    """Every text alternative of each chart (aria-label and the printed one), by id."""
    found: dict[str, list[str]] = {}
    for page in pages(folder):
        html = page.read_text(encoding="utf-8")
        for chart_id, body in re.findall(FIGURE, html, re.S):
            texts = re.findall(r'aria-label="([^"]*)"', body)
            texts += re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)
            found[chart_id] = [unescape(re.sub(r"<[^>]+>", "", t)) for t in texts]
    return found


def sentences(folder: Path) -> list[str]:
    """Every finding sentence: ``findings.json`` and the pages' finding lists."""
    texts = [f["text"] for f in json.loads((folder / "findings.json").read_text())]
    for page in pages(folder):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<ul class="findings">(.*?)</ul>', html, re.S):
            for item in re.findall(r"<li>(.*?)</li>", block, re.S):
                item = re.sub(r"<span[^>]*>.*?</span>", "", item, flags=re.S)
                item = re.sub(r"<[^>]+>", "", item)
                texts.append(unescape(re.sub(r"\s+", " ", item)).strip())
    return texts


def heat_maps(folder: Path) -> pd.DataFrame:
    """The district profiles' day-by-hour heat maps as one table (printed nowhere else)."""
    frames = []
    for chart_id, rows in sorted(chart_data(folder).items()):
        if not (chart_id.startswith("profile_") and chart_id.endswith("_day_hour")):
            continue
        frame = pd.DataFrame(rows)
        frame.insert(0, "profile", chart_id[: -len("_day_hour")])
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["profile", "day", "hour", "count"])
    out = pd.concat(frames, ignore_index=True)
    out["hour"] = out["hour"].astype(int).astype(str)
    out["count"] = [C if pd.isna(v) else str(int(v)) for v in out["count"]]
    return out.sort_values(["profile", "day", "hour"], kind="mergesort").reset_index(
        drop=True
    )


class Printed:
    """Every row of every public table, indexed by the texts it holds.

    A chart's data row is *shown* when one table row holds all its labels
    (as text, or as a column name) and prints every one of its numbers.
    """

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self.rows: list[tuple[set[str], list[float]]] = []
        self.by_text: dict[str, set[int]] = {}
        for frame in tables.values():
            names = set(frame.columns)
            for values in frame.itertuples(index=False):
                texts = {str(v) for v in values} | names
                numbers = [n for n in (number(str(v)) for v in values) if n is not None]
                k = len(self.rows)
                self.rows.append((texts, numbers))
                for text in texts:
                    self.by_text.setdefault(text, set()).add(k)

    def shows(self, datum: dict[str, object]) -> bool:
        """Whether one table row prints every label and number of ``datum``."""
        labels = [str(v) for v in datum.values() if isinstance(v, str)]
        numbers = [
            float(v)
            for v in datum.values()
            if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        if not numbers:
            return True
        candidates = set(range(len(self.rows)))
        for text in labels:
            candidates &= self.by_text.get(text, set())
        return any(
            all(any(abs(n - p) < 1e-6 for p in self.rows[k][1]) for n in numbers)
            for k in candidates
        )
