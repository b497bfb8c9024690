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


@pytest.mark.parametrize("kind", ["bar", "stacked_bar", "line"])
def test_a_withheld_value_is_marked_where_it_would_be(kind: str):
    # homicide 2024/25 is missing (withheld): the drawing says [c] there
    # rather than silently leaving the bar (or the stack) short.
    svg = to_svg(vegalite_spec(chart(kind)))
    assert svg.count(">[c]<") == 1
    full = YEARS.fillna(3)
    assert ">[c]<" not in to_svg(vegalite_spec(chart(kind, data=full)))


def test_a_promised_trend_line_is_drawn_dashed():
    months = pd.DataFrame(
        {
            "month": [f"2024-{m:02d}" for m in range(1, 13)],
            "count": [10, 12, 9, 14, 13, 15, 16, 14, 18, 17, 19, 20],
            "trend": [10 + 0.8 * m for m in range(12)],
        }
    )
    spec = vegalite_spec(
        Chart("t", "T", "line", months, "month", "count", "x", trend_column="trend")
    )
    dashed = [layer for layer in spec["layer"] if "strokeDash" in layer["mark"]]
    assert dashed and dashed[0]["encoding"]["y"]["field"] == "trend"
    # Twelve months on a print-width chart: labels every other month at most.
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["tickCount"]["step"] >= 2


def test_a_map_names_its_districts_and_has_a_legend_for_no_data():
    data = pd.DataFrame(
        {
            "area": ["A", "B"],
            "rate": [4.5, None],
            "geometry": [square(-1.6, 52.8), square(-1.5, 52.8)],
        }
    )
    map_chart = Chart(
        "m", "M", "map", data, x="area", y="rate", alt_text="x", color="rate",
        geometry="geometry", places=(("Northby", -1.595, 52.805),),
    )  # fmt: skip
    spec = vegalite_spec(map_chart, width=620)
    alt.Chart.from_dict(spec, validate=True)
    svg = to_svg(spec)
    assert ">Northby<" in svg and ">No data<" in svg and "Withheld" not in svg
    # The places travel beside the map's data, never as its features.
    assert [f["properties"]["area"] for f in spec["data"]["values"]] == ["A", "B"]
    assert spec["height"] >= 600


def test_lsoa_hot_spots_show_at_a4_and_grey_areas_say_why():
    # 300 small areas (LSOAs): edges thin and white, each hot or cold spot
    # marked by a dot at its centre in its class's colour; the background
    # class gets none. A value the public edition withholds is its own grey,
    # with its own legend entry beside "No data".
    n = 300
    classes = ["hot spot 99%", "cold spot 95%"] + ["not significant"] * (n - 2)
    data = pd.DataFrame(
        {
            "area": [f"E{i}" for i in range(n)],
            "class": pd.Categorical(
                classes, categories=["hot spot 99%", "cold spot 95%", "not significant"]
            ),
            "geometry": [square(-1.6 + 0.01 * (i % 20), 52.8 + 0.01 * (i // 20)) for i in range(n)],
        }
    )
    spec = vegalite_spec(
        Chart("m", "M", "map", data, x="area", y="class", alt_text="x", color="class",
              geometry="geometry"),
        width=620,
    )  # fmt: skip
    alt.Chart.from_dict(spec, validate=True)
    areas, dots = spec["layer"][0], spec["layer"][-1]
    assert areas["mark"]["stroke"] == "#FFFFFF" and areas["mark"]["strokeWidth"] < 0.5
    assert dots["mark"]["type"] == "circle"
    assert [d["properties"]["class"] for d in dots["data"]["values"]] == classes[:2]
    rates = pd.DataFrame(
        {
            "area": ["A", "B", "C"],
            "rate": [4.5, None, None],
            "withheld": [False, True, False],
            "geometry": [square(-1.6, 52.8), square(-1.5, 52.8), square(-1.4, 52.8)],
        }
    )
    svg = to_svg(
        vegalite_spec(
            Chart("r", "R", "map", rates, x="area", y="rate", alt_text="x",
                  color="rate", geometry="geometry"),
            width=620,
        )
    )  # fmt: skip
    assert ">No data<" in svg and ">Withheld [c]<" in svg
