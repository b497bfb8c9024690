"""Every chart kind becomes a Vega-Lite spec that vl-convert draws offline."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest
from report_sample import square

from svsna.report.charts import AF_PALETTE, to_png, to_svg, vegalite_spec
from svsna.results import Chart

YEARS = pd.DataFrame(
    {
        "year": ["2022/23", "2023/24", "2024/25"] * 2,
        "group": ["robbery"] * 3 + ["homicide"] * 3,
        "count": [50, 60, 40, 9, 7, None],
    }
)


def chart(kind: str, **kw) -> Chart:
    base = {"x": "year", "y": "count", "alt_text": "x", "color": "group"}
    base.update(kw)
    data = base.pop("data", YEARS)
    return Chart(f"c_{kind}", kind.title(), kind, data, **base)


@pytest.mark.parametrize("kind", ["line", "bar", "stacked_bar", "pie", "scatter"])
def test_each_kind_draws_with_the_af_palette(kind: str):
    spec = vegalite_spec(chart(kind))
    svg = to_svg(spec)
    assert svg.startswith("<svg")
    # The first category is drawn in the Analysis Function's dark blue.
    assert AF_PALETTE[0].lower() in svg.lower()
    # The missing value is JSON null, never NaN.
    assert "NaN" not in json.dumps(spec)
    # The renderers skip Altair's schema check for speed: the spec must pass it.
    alt.Chart.from_dict(spec, validate=True)


def test_spec_is_built_once_per_chart_and_size():
    one = chart("bar")
    html = vegalite_spec(one, width="container")
    printed = vegalite_spec(one, width=620)
    assert (html["width"], printed["width"]) == ("container", 620)
    # The width shapes the spec (panels, bars on their side), so each size is
    # built once: Word and PDF ask for the same size and share it.
    assert vegalite_spec(one, width=620) is printed
    other = chart("bar")  # an equal chart is another chart: its own spec
    assert vegalite_spec(other, width=620) is not printed


def test_heatmap_draws_withheld_cells_grey():
    data = pd.DataFrame(
        {
            "day": ["Mon", "Mon", "Tue", "Tue"],
            "hour": [0, 1, 0, 1],
            "n": [5, None, 7, 9],
        }
    )
    spec = vegalite_spec(chart("heatmap", data=data, x="hour", y="day", color="n"))
    alt.Chart.from_dict(spec, validate=True)
    assert "#bfc1c3" in to_svg(spec).lower()


def test_map_of_categories_with_layers_and_no_tiles():
    data = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "layer": pd.Categorical(["school", "area", "area"], ["area", "school"]),
            "geometry": [
                square(-1.5, 52.9, 0.01),
                square(-1.6, 52.8),
                square(-1.5, 52.8),
            ],
        }
    )
    spec = vegalite_spec(
        chart("map", data=data, x="name", y="layer", color="layer", geometry="geometry")
    )
    # Drawn in layer order (areas beneath the school), from inline GeoJSON only.
    names = [f["properties"]["name"] for f in spec["data"]["values"]]
    assert names == ["B", "C", "A"]
    assert not re.search(r"https?://(?!vega\.github\.io/schema)", json.dumps(spec))
    assert to_png(spec)[:4] == b"\x89PNG"
