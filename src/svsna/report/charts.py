"""Chart specifications → Vega-Lite (Altair), SVG and PNG (vl-convert, offline).

Colours follow the Analysis Function's categorical palette (the afcharts
package's ``af_colour_values``: dark blue, turquoise, dark pink, orange, dark
grey, light purple) and its sequential dark blue for heat maps and maps. Maps
are Vega-Lite ``geoshape`` layers over GeoJSON drawn from the data: no tiles.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import altair as alt
import pandas as pd
import vl_convert as vlc
from shapely import set_precision
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

if TYPE_CHECKING:
    from svsna.results import Chart

AF_PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
#: Five classes from light to dark blue for heat maps and choropleths: a classed
#: legend reads more easily than a gradient and prints the same everywhere.
AF_CLASSES = ("#DCE7F1", "#A6C0D9", "#6D93B8", "#3A6893", "#12436D")
NO_VALUE = "#BFC1C3"
#: Gi* hot and cold spots at 90, 95 and 99% confidence (light to deep).
HOT = ("#E9A6C4", "#C0558A", "#801650")
COLD = ("#A6C0D9", "#3A6893", "#12436D")
#: Map geometry: simplified to ~10 m and rounded to ~1 m (WGS84 degrees).
SIMPLIFY_DEGREES = 0.0001
PRECISION = 0.00001
#: Arial where it exists; Liberation Sans (metric-compatible) where it does not,
#: e.g. in vl-convert's renderer on Linux, which draws no text for a missing font.
FONT = 'Arial, "Liberation Sans", Helvetica, sans-serif'
VL_VERSION = "6.4"

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "range": {"category": list(AF_PALETTE)},
    "axis": {
        "labelColor": "#3D3D3D",
        "titleColor": "#0B0C0C",
        "labelFontSize": 12,
        "titleFontSize": 13,
        "gridColor": "#D9D9D9",
        "domainColor": "#3D3D3D",
        "tickColor": "#3D3D3D",
    },
    "legend": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#0B0C0C"},
    "line": {"strokeWidth": 3},
}


def _type(
    data: pd.DataFrame, column: str, *, quantitative: bool
) -> Literal["quantitative", "ordinal", "nominal"]:
    if quantitative and pd.api.types.is_numeric_dtype(data[column]):
        return "quantitative"
    return "ordinal" if pd.api.types.is_numeric_dtype(data[column]) else "nominal"


def _order(data: pd.DataFrame, column: str) -> list[Any]:
    """Categories in the order the analysis gave them (not alphabetical)."""
    return [_plain(v) for v in pd.unique(data[column].dropna())]


def _records(data: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows Vega can read: JSON null for missing values, plain Python scalars."""
    return [
        {str(k): _plain(v) for k, v in row.items()} for row in data.to_dict("records")
    ]


def _tooltip_columns(chart: Chart, columns: list[str]) -> list[str]:
    wanted = [chart.x, chart.y, chart.color, chart.trend_column, *chart.tooltip]
    seen: list[str] = []
    for col in wanted:
        if col and col in columns and col != chart.geometry and col not in seen:
            seen.append(col)
    return seen


def _tooltip(chart: Chart, columns: list[str]) -> list[alt.Tooltip]:
    return [
        alt.Tooltip(
            c,
            type=_type(chart.data, c, quantitative=True),
            title=c.replace("_", " "),
            format=",.10~f" if pd.api.types.is_float_dtype(chart.data[c]) else ",",
        )
        if pd.api.types.is_numeric_dtype(chart.data[c])
        else alt.Tooltip(c, type="nominal", title=c.replace("_", " "))
        for c in _tooltip_columns(chart, columns)
    ]


def vegalite_spec(chart: Chart, *, width: int | str = 640, height: int = 300) -> dict:
    """The Vega-Lite specification of ``chart`` as a dict (inline data)."""
    if chart.kind == "map":
        return _map_spec(chart, width=width, height=height)
    data = chart.data
    base = alt.Chart(alt.Data(values=_records(data)))
    x_title = chart.x_title or chart.x.replace("_", " ")
    y_title = chart.y_title or chart.y.replace("_", " ")
    tooltip = _tooltip(chart, list(data.columns))
    enc: dict[str, Any] = {"tooltip": tooltip}
    x_type = _type(chart.data, chart.x, quantitative=chart.kind == "scatter")
    x_sort = _order(chart.data, chart.x) if x_type != "quantitative" else None
    if chart.kind == "heatmap":
        value = chart.color or chart.y
        enc["x"] = alt.X(chart.x, type="ordinal", title=x_title, sort=x_sort)
        enc["y"] = alt.Y(
            chart.y if chart.color else chart.x,
            type="ordinal",
            title=y_title,
            sort=_order(chart.data, chart.y),
        )
        enc["color"] = alt.condition(
            f"!isValid(datum[{json.dumps(value)}])",
            alt.value(NO_VALUE),  # withheld or missing: grey, never "zero"
            alt.Color(
                value,
                type="quantitative",
                title=value.replace("_", " "),
                scale=alt.Scale(type="quantize", range=list(AF_CLASSES), nice=True),
            ),
        )
        mark = base.mark_rect(invalid=None)
    elif chart.kind == "pie":
        mark = base.mark_arc(stroke="white")
        enc["theta"] = alt.Theta(chart.y, type="quantitative", title=y_title)
        enc["color"] = alt.Color(chart.x, type="nominal", title=x_title, sort=x_sort)
    else:
        axis = alt.Axis(labelAngle=0) if x_type != "quantitative" else alt.Axis()
        enc["x"] = alt.X(chart.x, type=x_type, title=x_title, sort=x_sort, axis=axis)
        enc["y"] = alt.Y(chart.y, type="quantitative", title=y_title)
        if chart.color:
            enc["color"] = alt.Color(
                chart.color,
                type="nominal",
                title=chart.color.replace("_", " "),
                sort=_order(chart.data, chart.color),
            )
            if chart.kind == "bar":
                enc["xOffset"] = alt.XOffset(
                    chart.color, type="nominal", sort=_order(chart.data, chart.color)
                )
        else:
            enc["color"] = alt.value(AF_PALETTE[0])
        if chart.kind == "line":
            mark = base.mark_line(point=True)
        elif chart.kind == "scatter":
            mark = base.mark_circle(size=60, opacity=0.8)
        else:
            mark = base.mark_bar()
    spec = mark.encode(**enc).properties(width=width, height=height).to_dict()
    spec["config"] = CONFIG
    return spec


def _plain(value: Any) -> Any:
    """A JSON-ready scalar (None for missing, Python numbers for NumPy ones)."""
    if value is None or (not isinstance(value, str | dict | list) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _geometry(value: Any) -> Any:
    """GeoJSON with clockwise outer rings, the winding d3-geo (Vega) expects.

    GeoJSON (RFC 7946) and most GIS tools wind outer rings anticlockwise; d3's
    spherical geometry reads such a ring as the whole globe minus the area.
    """
    data = json.loads(value) if isinstance(value, str) else value
    geom = shape(data)
    if not isinstance(geom, Polygon | MultiPolygon):
        return mapping(set_precision(geom, PRECISION))
    # Simplified to what a page or screen can show (about 10 m), which keeps the
    # report small and quick to lay out; coordinates rounded to about 1 m.
    geom = set_precision(geom.simplify(SIMPLIFY_DEGREES), PRECISION)
    if isinstance(geom, Polygon):
        geom = orient(geom, sign=-1.0)
    elif isinstance(geom, MultiPolygon):
        geom = MultiPolygon([orient(p, sign=-1.0) for p in geom.geoms])
    return mapping(geom)


def _categories(data: pd.DataFrame, column: str) -> list[Any]:
    """A categorical's own order, else the order of first appearance."""
    series = data[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [_plain(c) for c in series.cat.categories]
    return _order(data, column)


def _category_colours(categories: list[Any], *, layered: bool) -> list[str]:
    """Colours for map categories.

    Gi* classes (hot and cold spots at three confidence levels) get a
    diverging scale: dark pink for hot, dark blue for cold, deeper for more
    confidence, light grey for not significant. Layered maps draw their first
    layer (the base areas) in light grey. Otherwise the AF categorical palette.
    """
    labels = [str(c).lower() for c in categories]
    if any("hot" in x for x in labels) and any("cold" in x for x in labels):
        return [_diverging(x) for x in labels]
    if layered:
        return ["#E5E6E7", *AF_PALETTE[1:], *AF_PALETTE[:1]][: len(categories)]
    return [AF_PALETTE[i % len(AF_PALETTE)] for i in range(len(categories))]


def _diverging(label: str) -> str:
    depth = 2 if "99" in label else 1 if "95" in label else 0
    if "hot" in label:
        return HOT[depth]
    if "cold" in label:
        return COLD[depth]
    return "#E5E6E7"


def _map_spec(chart: Chart, *, width: int | str, height: int) -> dict:
    """A map from a GeoJSON geometry column, drawn without tiles.

    ``color`` (else ``y``) colours the areas: numbers in five classes of the
    AF dark blue, categories with their own colours; a ``layer`` column
    orders the drawing (the first layer beneath).
    """
    geometry = chart.geometry or "geometry"
    frame = chart.data
    colour = chart.color or chart.y
    layered = "layer" in frame.columns
    if layered:
        order = _categories(frame, "layer")
        rank = {v: i for i, v in enumerate(order)}
        frame = frame.iloc[
            sorted(
                range(len(frame)),
                key=lambda i: rank.get(_plain(frame["layer"].iloc[i]), 0),
            )
        ]
    props = [c for c in frame.columns if c != geometry]
    features = [
        {
            "type": "Feature",
            "geometry": _geometry(row[geometry]),
            "properties": {c: _plain(row[c]) for c in props},
        }
        for _, row in frame.iterrows()
        if isinstance(row[geometry], str | dict)
    ]
    tooltip = [
        {"field": f"properties.{c}", "title": c.replace("_", " ")}
        for c in _tooltip_columns(chart, props)
    ]
    title = (chart.y_title if colour == chart.y else None) or colour.replace("_", " ")
    legend = {"orient": "bottom", "direction": "horizontal", "columns": 4}
    if pd.api.types.is_numeric_dtype(frame[colour]):
        colour_enc: dict[str, Any] = {
            "field": f"properties.{colour}",
            "type": "quantitative",
            "title": title,
            "scale": {"type": "quantize", "range": list(AF_CLASSES), "nice": True},
            "legend": legend,
        }
    else:
        categories = _categories(chart.data, colour)
        colour_enc = {
            "field": f"properties.{colour}",
            "type": "nominal",
            "title": title,
            "scale": {
                "domain": categories,
                "range": _category_colours(categories, layered=layered),
            },
            "legend": legend,
        }
    # Areas with no value (withheld or missing) are drawn in grey.
    colour_enc["condition"] = {
        "test": f"!isValid(datum.properties[{json.dumps(colour)}])",
        "value": NO_VALUE,
    }
    return {
        "$schema": alt.SCHEMA_URL,
        "width": width,
        "height": max(height, 380),
        "data": {"values": features},
        "projection": {"type": "mercator"},
        "mark": {
            "type": "geoshape",
            "stroke": "#3D3D3D",
            "strokeWidth": 0.4,
            "fillOpacity": 0.75 if layered else 1,
            "invalid": None,
        },
        "encoding": {"color": colour_enc, "tooltip": tooltip},
        "config": CONFIG,
    }


#: Width in pixels of charts drawn for print and Word (one drawing serves both).
PRINT_WIDTH = 620
#: The font of everything printed (the PDF and the charts drawn for print and
#: Word): Source Sans 3, bundled under the SIL Open Font License, so that text
#: is measured and drawn the same on every machine, whatever fonts it has.
PRINT_FONT = "Source Sans 3"
PRINT_FONTS = Path(__file__).parent / "assets" / "fonts"


def to_svg(spec: dict) -> str:
    """The chart as SVG (vector, for the PDF), drawn offline in the bundled font."""
    printed = {**spec, "config": {**spec.get("config", {}), "font": f'"{PRINT_FONT}"'}}
    return _svg(json.dumps(printed, sort_keys=True, default=str))


@cache
def _register_print_fonts() -> None:
    vlc.register_font_directory(str(PRINT_FONTS))


@lru_cache(maxsize=128)
def _svg(spec_json: str) -> str:
    # Drawn once per process: the PDF, Word and the profiles share drawings.
    _register_print_fonts()
    return vlc.vegalite_to_svg(json.loads(spec_json), vl_version=VL_VERSION)


def to_png(spec: dict, *, scale: float = 2.0) -> bytes:
    """The chart as PNG (for Word): its SVG rasterised offline by vl-convert."""
    return vlc.svg_to_png(to_svg(spec), scale=scale)
