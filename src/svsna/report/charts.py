"""Chart specifications → Vega-Lite (Altair), SVG and PNG (vl-convert, offline).

Colours follow the Analysis Function's categorical palette (the afcharts
package's ``af_colour_values``: dark blue, turquoise, dark pink, orange, dark
grey, light purple) and its sequential dark blue for heat maps and maps. Maps
are Vega-Lite ``geoshape`` layers over GeoJSON drawn from the data: no tiles.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import altair as alt
import pandas as pd
import vl_convert as vlc
from shapely import set_precision
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from svsna.report.labels import label, value_label

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
#: Emerging hot-spot kinds (ArcGIS Pro), each a shade from deep to light.
EMERGING_KINDS = (
    "new", "consecutive", "intensifying", "persistent",
    "diminishing", "sporadic", "oscillating", "historical",
)  # fmt: skip
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


#: The colour of series-break rules (AF dark grey).
BREAK_COLOUR = "#3D3D3D"


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
            title=label(c),
            format=",.10~f" if pd.api.types.is_float_dtype(chart.data[c]) else ",",
        )
        if pd.api.types.is_numeric_dtype(chart.data[c])
        else alt.Tooltip(c, type="nominal", title=label(c))
        for c in _tooltip_columns(chart, columns)
    ]


#: Specs already built, by chart and size: each chart is drawn for several
#: media (HTML, PDF, Word) and a map's spec simplifies thousands of shapes.
#: Results are frozen, so a chart's spec never changes; an entry holds its
#: chart, so the chart's id cannot be reused while the entry lives.
_SPECS: OrderedDict[tuple[int, int | str, int], tuple[Chart, dict]] = OrderedDict()
SPEC_CACHE_SIZE = 256


def vegalite_spec(chart: Chart, *, width: int | str = 640, height: int = 300) -> dict:
    """The Vega-Lite specification of ``chart`` as a dict (inline data).

    Built once per chart and size and shared by every medium that asks for
    the same size; callers must not change the spec.
    """
    key = (id(chart), width, height)
    hit = _SPECS.get(key)
    if hit is None or hit[0] is not chart:
        hit = (chart, _spec(chart, width=width, height=height))
        _SPECS[key] = hit
        if len(_SPECS) > SPEC_CACHE_SIZE:
            _SPECS.popitem(last=False)
    return hit[1]


def _spec(chart: Chart, *, width: int | str, height: int) -> dict:
    """The Vega-Lite specification of ``chart``, built afresh.

    Three rules keep every chart honest and legible whatever its data: a line
    by month leaves missing months as gaps (:func:`with_month_gaps`); more
    categories than the palette has distinct colours are drawn as small
    multiples, one panel per category (:func:`_faceted`); category labels too
    long to sit side by side turn a bar chart on its side (:func:`_labels_fit`).
    """
    if chart.kind == "map":
        return _map_spec(chart, width=width, height=height)
    if chart.kind == "line" and is_months(chart.data, chart.x):
        chart = replace(chart, data=with_month_gaps(chart))
    data = chart.data
    base = alt.Chart(alt.Data(values=_records(data)))
    tooltip = _tooltip(chart, list(data.columns))
    if chart.kind == "heatmap":
        mark, enc = _heatmap(chart, base)
    elif chart.kind == "pie":
        mark = base.mark_arc(stroke="white")
        enc = {
            "theta": alt.Theta(chart.y, type="quantitative", title=_title(chart, "y")),
            "color": alt.Color(
                chart.x, type="nominal", title=_title(chart, "x"), sort=_x_sort(chart)
            ),
        }
    else:
        mark, enc = _cartesian(chart, base, width=width)
    enc["tooltip"] = tooltip
    encoded = mark.encode(**enc)
    if _faceted(chart):
        panels = 2 if _sideways(chart, width) else 3
        panel_width = _panel_width(width, panels)
        spec = (
            encoded.properties(width=panel_width, height=max(120, height // 2))
            .facet(
                facet=alt.Facet(
                    str(chart.color),
                    type="nominal",
                    title=None,
                    sort=_order(chart.data, chart.color or ""),
                    header=alt.Header(labelFontSize=12, labelLimit=panel_width),
                ),
                columns=panels,
            )
            .to_dict(validate=False)
        )
    else:
        drawn: alt.Chart | alt.LayerChart | alt.FacetChart = encoded
        layers = [*_trend_marks(chart, base, enc), *_withheld_marks(chart, base, enc)]
        if chart.breaks and "x" in enc:
            layers += _break_marks(chart, enc["x"])
        if layers:
            drawn = alt.layer(encoded, *layers)
        # Not validated against the Vega-Lite schema here (a third of the time
        # of a spec): the tests validate a spec of every kind.
        spec = drawn.properties(width=width, height=height).to_dict(validate=False)
    spec["config"] = CONFIG
    return spec


def _title(chart: Chart, axis: Literal["x", "y"]) -> str:
    given = chart.x_title if axis == "x" else chart.y_title
    column = chart.x if axis == "x" else chart.y
    return given or label(column)


def _value_labels(data: pd.DataFrame, column: str) -> dict[str, Any]:
    """A ``labelExpr`` showing each code value of ``column`` in words (else nothing).

    The data keep their values (the public edition matches them with the
    tables); only the axis or legend labels read ``Searches for weapons``
    where the value is ``weapon_searches``.

    Examples
    --------
    >>> _value_labels(pd.DataFrame({"m": ["knife_crime", "Derby"]}), "m")
    {'labelExpr': 'datum.label === "knife_crime" ? "Knife crime" : datum.label'}
    >>> _value_labels(pd.DataFrame({"m": ["Derby"]}), "m")
    {}
    """
    if column not in data.columns or pd.api.types.is_numeric_dtype(data[column]):
        return {}
    expr = "datum.label"
    for value in reversed(_order(data, column)):
        words = value_label(value)
        if words != str(value):
            expr = (
                f"datum.label === {json.dumps(str(value))} ? {json.dumps(words)} : {expr}"
            )
    return {} if expr == "datum.label" else {"labelExpr": expr}


def _x_sort(chart: Chart) -> list[Any] | None:
    x_type = _type(chart.data, chart.x, quantitative=chart.kind == "scatter")
    return _order(chart.data, chart.x) if x_type != "quantitative" else None


def _heatmap(chart: Chart, base: alt.Chart) -> tuple[alt.Chart, dict[str, Any]]:
    value = chart.color or chart.y
    enc: dict[str, Any] = {
        "x": alt.X(
            chart.x, type="ordinal", title=_title(chart, "x"), sort=_x_sort(chart)
        ),
        "y": alt.Y(
            chart.y if chart.color else chart.x,
            type="ordinal",
            title=_title(chart, "y"),
            sort=_order(chart.data, chart.y),
        ),
        "color": alt.condition(
            f"!isValid(datum[{json.dumps(value)}])",
            alt.value(NO_VALUE),  # withheld or missing: grey, never "zero"
            alt.Color(
                value,
                type="quantitative",
                title=label(value),
                scale=alt.Scale(type="quantize", range=list(AF_CLASSES), nice=True),
            ),
        ),
    }
    return base.mark_rect(invalid=None), enc


def _cartesian(
    chart: Chart, base: alt.Chart, *, width: int | str
) -> tuple[alt.Chart, dict[str, Any]]:
    """Lines, bars and points: x and y, coloured by ``color`` unless faceted."""
    x_type = _type(chart.data, chart.x, quantitative=chart.kind == "scatter")
    if chart.kind == "line" and is_months(chart.data, chart.x):
        x_enc = alt.X(
            chart.x,
            type="temporal",
            timeUnit="yearmonth",
            title=_title(chart, "x"),
            axis=alt.Axis(
                format="%b %Y",
                labelAngle=0,
                labelOverlap="greedy",
                tickCount={"interval": "month", "step": month_step(chart, width)},
            ),
        )
    else:
        axis = (
            alt.Axis(labelAngle=0, **_value_labels(chart.data, chart.x))
            if x_type != "quantitative"
            else alt.Axis()
        )
        if is_months(chart.data, chart.x):
            axis = _month_axis(chart, width)
        x_enc = alt.X(
            chart.x,
            type=x_type,
            title=_title(chart, "x"),
            sort=_x_sort(chart),
            axis=axis,
        )
    y_enc = alt.Y(chart.y, type="quantitative", title=_title(chart, "y"))
    enc: dict[str, Any] = {"x": x_enc, "y": y_enc}
    if chart.color and not _faceted(chart):
        order = _order(chart.data, chart.color)
        enc["color"] = alt.Color(
            chart.color, type="nominal", title=label(chart.color), sort=order,
            legend=alt.Legend(**_value_labels(chart.data, chart.color)),
        )
        if chart.kind == "bar":
            enc["xOffset"] = alt.XOffset(chart.color, type="nominal", sort=order)
    else:
        enc["color"] = alt.value(AF_PALETTE[0])
    if chart.kind in ("bar", "stacked_bar") and _sideways(chart, width):
        enc = _on_its_side(enc)
    if chart.kind == "line":
        return base.mark_line(point=True), enc
    if chart.kind == "scatter":
        return base.mark_circle(size=60, opacity=0.8), enc
    return base.mark_bar(), enc


#: Steps between labelled months, the smallest that leaves each "Jan 2024"
#: label about 80 px (a quarter, half a year or a year apart on long series).
MONTH_STEPS = (1, 2, 3, 6, 12, 24)
MONTH_LABEL_PX = 80


def month_step(chart: Chart, width: int | str) -> int:
    """Months between labels on a month axis, so that no two labels touch.

    Examples
    --------
    >>> from svsna.results import Chart
    >>> every = [f"{y}-{m:02d}" for y in (2022, 2023, 2024) for m in range(1, 13)]
    >>> months = pd.DataFrame({"m": every})
    >>> month_step(Chart("c", "t", "line", months, "m", "m", ""), 620)
    6
    """
    months = chart.data[chart.x].dropna().nunique()
    room = float(width) if isinstance(width, int | float) else 640.0
    fits = max(1, int(room // MONTH_LABEL_PX))
    return next((s for s in MONTH_STEPS if months / s <= fits), MONTH_STEPS[-1])


#: A ``YYYY-MM`` label as ``Jan 2024`` (a Vega expression).
MONTH_LABEL = (
    "['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec']"
    "[toNumber(slice(datum.label, 5, 7)) - 1] + ' ' + slice(datum.label, 0, 4)"
)


def _month_axis(chart: Chart, width: int | str) -> alt.Axis:
    """Months as categories (bars): every ``month_step``-th labelled, in words."""
    months = sorted(chart.data[chart.x].dropna().unique())
    step = month_step(chart, width)
    return alt.Axis(
        labelAngle=0, values=months[::step], labelExpr=MONTH_LABEL
    )


#: Pixels a character of an axis label takes at the report's 12 px (a mean of
#: Arial's widths, generous so that labels never touch).
LABEL_CHAR_PX = 7.0


def _labels_fit(labels: list[Any], width: float) -> bool:
    """Whether ``labels`` fit side by side, horizontally, in ``width`` pixels.

    Examples
    --------
    >>> _labels_fit(["2022/23", "2023/24", "2024/25"], 600)
    True
    >>> _labels_fit(["Violence and sexual offences"] * 10, 600)
    False
    """
    if not labels:
        return True
    slot = width / len(labels)
    return max(len(str(v)) for v in labels) * LABEL_CHAR_PX <= slot - 4


def _sideways(chart: Chart, width: int | str) -> bool:
    """Whether a bar chart's category labels are too long to print under the bars."""
    if chart.kind not in ("bar", "stacked_bar") or is_months(chart.data, chart.x):
        return False
    if _type(chart.data, chart.x, quantitative=False) == "ordinal":
        return False
    room = float(width) if isinstance(width, int | float) else 640.0
    if _faceted(chart):
        room = _panel_width(width, 3)
    return not _labels_fit(_order(chart.data, chart.x), room)


def _on_its_side(enc: dict[str, Any]) -> dict[str, Any]:
    """The same encoding with categories down the y axis and values along x."""
    x, y = enc["x"].to_dict(), enc["y"].to_dict()
    axis = x.pop("axis", None) or {}
    turned = dict(enc)
    labels = {k: v for k, v in axis.items() if k == "labelExpr"}
    turned["y"] = alt.Y(**x, axis=alt.Axis(labelLimit=260, **labels))
    turned["x"] = alt.X(**y)
    if "xOffset" in turned:
        turned["yOffset"] = alt.YOffset(**turned.pop("xOffset").to_dict())
    return turned


def _faceted(chart: Chart) -> bool:
    """Whether ``chart`` has more colour categories than distinct palette colours."""
    if not chart.color or chart.kind in ("heatmap", "pie", "map"):
        return False
    return chart.data[chart.color].nunique() > len(AF_PALETTE)


def _panel_width(width: int | str, panels: int) -> int:
    total = float(width) if isinstance(width, int | float) else 640.0
    return int((total - 40 * panels) / panels)


MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def is_months(data: pd.DataFrame, column: str) -> bool:
    """Whether every value of ``column`` is a ``YYYY-MM`` month.

    Examples
    --------
    >>> is_months(pd.DataFrame({"m": ["2024-01", "2025-12"]}), "m")
    True
    >>> is_months(pd.DataFrame({"m": ["2024/25"]}), "m")
    False
    """
    values = data[column].dropna()
    return bool(len(values)) and all(
        isinstance(v, str) and MONTH.match(v) for v in values
    )


def with_month_gaps(chart: Chart) -> pd.DataFrame:
    """``chart.data`` with a row of no value for each month missing from each line.

    A line joins the points it is given, so two months either side of a gap
    would be drawn as neighbours; a row with no value breaks the line there.

    Examples
    --------
    >>> from svsna.results import Chart
    >>> data = pd.DataFrame({"month": ["2024-03", "2024-06"], "n": [5, 7]})
    >>> out = with_month_gaps(Chart("c", "t", "line", data, "month", "n", "x"))
    >>> out["month"].tolist(), out["n"].isna().tolist()
    (['2024-03', '2024-04', '2024-05', '2024-06'], [False, True, True, False])
    """
    data = chart.data
    months = sorted(data[chart.x].dropna().unique())
    every = pd.period_range(months[0], months[-1], freq="M").astype(str)
    keys = [chart.color] if chart.color else []
    if not keys:
        full = pd.DataFrame({chart.x: every})
    else:
        series = data[keys].drop_duplicates()
        full = series.merge(pd.DataFrame({chart.x: every}), how="cross")
    merged = full.merge(data, on=[*keys, chart.x], how="left")
    # The lines keep the analysis's order (first appearance), months in order.
    if keys:
        rank = {v: i for i, v in enumerate(pd.unique(data[keys[0]]))}
        merged = merged.assign(_rank=merged[keys[0]].map(rank))
        merged = merged.sort_values(["_rank", chart.x], kind="stable")
        merged = merged.drop(columns="_rank")
    return merged.reset_index(drop=True)


#: The trend line's colour (AF orange) and dash, named in the chart's note.
TREND_COLOUR = "#F46A25"


def _trend_marks(chart: Chart, base: alt.Chart, enc: dict[str, Any]) -> list[alt.Chart]:
    """The trend line a chart's description promises, dashed over its values."""
    trend = chart.trend_column
    if not trend or trend not in chart.data.columns or chart.kind not in ("line", "bar"):
        return []
    y = alt.Y(trend, type="quantitative", title=_title(chart, "y"))
    line = base.mark_line(strokeDash=[6, 4], strokeWidth=2, color=TREND_COLOUR)
    extra = {"detail": alt.Detail(chart.color, type="nominal")} if chart.color else {}
    return [line.encode(x=enc["x"], y=y, **extra)]


#: What marks a withheld value on a chart (the GSS symbol for confidential).
WITHHELD_MARK = "[c]"


def _withheld_marks(
    chart: Chart, base: alt.Chart, enc: dict[str, Any]
) -> list[alt.Chart]:
    """``[c]`` on the axis where a bar, a part of a bar or a point is withheld.

    A withheld value is never drawn, but it is never silently dropped either:
    the mark shows where it would be, so that a bar missing a part does not
    read as the whole (the chart's note says so).
    """
    if chart.kind not in ("bar", "stacked_bar", "line") or not _has_withheld(chart):
        return []
    value = "y" if enc["y"].to_dict().get("field") == chart.y else "x"
    category = "x" if value == "y" else "y"
    at: Any = alt.datum(0)
    if chart.kind == "stacked_bar":
        # Above the stack of published parts, where the reader looks for the total.
        base = base.transform_joinaggregate(
            stack_top=f"sum({chart.y})", groupby=[chart.x]
        )
        at = alt.Y("stack_top", type="quantitative") if value == "y" else alt.X(
            "stack_top", type="quantitative"
        )
    marks: dict[str, Any] = {category: enc[category], value: at}
    for offset in ("xOffset", "yOffset"):
        if offset in enc:
            marks[offset] = enc[offset]
    text = base.transform_filter(f"!isValid(datum[{json.dumps(chart.y)}])").mark_text(
        text=WITHHELD_MARK,
        fontSize=11,
        fontWeight="bold",
        color=BREAK_COLOUR,
        dy=-8 if value == "y" else 0,
        dx=0 if value == "y" else 12,
    )
    return [text.encode(**marks)]


def _has_withheld(chart: Chart) -> bool:
    """Whether a value the chart plots is missing (withheld in the public edition)."""
    values = chart.data[chart.y] if chart.y in chart.data.columns else None
    return values is not None and bool(values.isna().any())


def _break_marks(chart: Chart, x: alt.X) -> list[alt.Chart]:
    """A dashed rule and its label at each series break (a change of definition)."""
    values = [{chart.x: at, "break_label": label} for at, label in chart.breaks]
    marks = alt.Chart(alt.Data(values=values))
    rule = marks.mark_rule(color=BREAK_COLOUR, strokeDash=[4, 3], strokeWidth=1.5)
    text = marks.mark_text(
        align="left", baseline="top", dx=4, dy=4, color=BREAK_COLOUR, fontSize=11
    )
    return [
        rule.encode(x=x),
        text.encode(x=x, y=alt.value(0), text=alt.Text("break_label:N")),
    ]


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
    if any(x.endswith(("hot spot", "cold spot")) for x in labels) and any(
        x.split(" ")[0] in EMERGING_KINDS for x in labels
    ):
        return [_emerging(x) for x in labels]
    if any("hot" in x for x in labels) and any("cold" in x for x in labels):
        return [_diverging(x) for x in labels]
    if layered:
        return [BACKGROUND, *AF_PALETTE[1:], *AF_PALETTE[:1]][: len(categories)]
    return [AF_PALETTE[i % len(AF_PALETTE)] for i in range(len(categories))]


def _emerging(label: str) -> str:
    """An emerging hot-spot category: its own shade of pink (hot) or blue (cold).

    The eight kinds run from deep (new, consecutive) to light (historical), so
    that every category on a map has a colour of its own.
    """
    kind = label.split(" ")[0]
    if kind not in EMERGING_KINDS or not label.endswith("spot"):
        return BACKGROUND
    deep, light = ("#801650", "#F2D0E0") if "hot" in label else ("#12436D", "#D6E3F0")
    share = EMERGING_KINDS.index(kind) / (len(EMERGING_KINDS) - 1)
    mixed = (
        round(
            int(deep[i : i + 2], 16) * (1 - share) + int(light[i : i + 2], 16) * share
        )
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _diverging(label: str) -> str:
    depth = 2 if "99" in label else 1 if "95" in label else 0
    if "hot" in label:
        return HOT[depth]
    if "cold" in label:
        return COLD[depth]
    return BACKGROUND


#: A map's height in pixels: with the width of the page, a county reads at A4.
MAP_HEIGHT = 620
#: The legend entries of areas drawn without a value: no data (light grey),
#: or a value the public edition withholds (darker grey, as the tables' [c]).
NO_DATA_LABEL = "No data"
WITHHELD_LABEL = "Withheld [c]"
WITHHELD = "#8D9094"
#: Areas of a category drawn in this grey are the background (not significant,
#: no pattern): a map of more than ``MANY_AREAS`` areas draws every edge thin
#: and white (dark edges would hide small areas at A4) and marks each area of
#: another category (a hot or cold spot) with a dot at its centre.
BACKGROUND = "#E5E6E7"
MANY_AREAS = 200
SPOT_SIZE = 45
#: Points (schools) as small dots, so that their 500 m rings show around them.
POINT_RADIUS = 1.6


def _map_spec(chart: Chart, *, width: int | str, height: int) -> dict:
    """A map from a GeoJSON geometry column, drawn without tiles.

    ``color`` (else ``y``) colours the areas: numbers in five classes of the
    AF dark blue, categories with their own colours; a ``layer`` column
    orders the drawing (the first layer beneath, rings see-through). Areas
    with no value are grey, with their own legend entry; ``places`` name the
    districts.
    """
    frame, features = _map_features(chart)
    colour = chart.color or chart.y
    tooltip = [
        {"field": f"properties.{c}", "title": label(c)}
        for c in _tooltip_columns(chart, [c for c in frame.columns if c != chart.geometry])
    ]
    many = len(features) > MANY_AREAS
    mark = {
        "type": "geoshape",
        "stroke": "#FFFFFF" if many else "#3D3D3D",
        "strokeWidth": 0.3 if many else 0.4,
        "invalid": None,
    }
    main: dict[str, Any] = {
        "mark": mark,
        "encoding": {
            "color": _map_colour(chart, frame, colour),
            "tooltip": tooltip,
            **_layer_styles(frame),
        },
    }
    valid = f"isValid(datum.properties[{json.dumps(colour)}])"
    layers = [main] if frame[colour].notna().any() else []
    if frame[colour].isna().any():
        main["transform"] = [{"filter": valid}]
        layers.append(_no_value_layer(frame, colour, mark, tooltip))
    if many:
        layers += _spot_marks(chart, frame, colour, main["encoding"]["color"])
    layers += _place_names(chart)
    return {
        "$schema": alt.SCHEMA_URL,
        "width": width,
        "height": max(height, MAP_HEIGHT),
        "data": {"values": features},
        "projection": {"type": "mercator", "pointRadius": POINT_RADIUS},
        "layer": layers,
        "config": CONFIG,
    }


def _no_value_layer(
    frame: pd.DataFrame, colour: str, mark: dict[str, Any], tooltip: list[Any]
) -> dict[str, Any]:
    """Areas without a value, grey, each kind with its legend entry.

    No data is light grey; a value the public edition withholds (the chart's
    ``withheld`` column, :func:`svsna.report.chart_data.drawn`) darker grey.
    """
    missing = frame[colour].isna()
    withheld = (
        frame["withheld"].fillna(False).astype(bool)
        if "withheld" in frame.columns
        else pd.Series(False, index=frame.index)
    )
    kinds = [
        (text, grey)
        for text, grey, present in (
            (NO_DATA_LABEL, NO_VALUE, (missing & ~withheld).any()),
            (WITHHELD_LABEL, WITHHELD, (missing & withheld).any()),
        )
        if present
    ]
    shown = (
        f"datum.properties.withheld === true ? {json.dumps(WITHHELD_LABEL)} "
        f": {json.dumps(NO_DATA_LABEL)}"
    )
    return {
        "transform": [
            {"filter": f"!isValid(datum.properties[{json.dumps(colour)}])"},
            {"calculate": shown, "as": "shown"},
        ],
        "mark": mark,
        "encoding": {
            "fill": {
                "field": "shown",
                "type": "nominal",
                "scale": {
                    "domain": [k for k, _ in kinds],
                    "range": [g for _, g in kinds],
                },
                "legend": {"title": None, "orient": "bottom"},
            },
            "tooltip": tooltip,
        },
    }


def _spot_marks(
    chart: Chart, frame: pd.DataFrame, colour: str, encoding: dict[str, Any]
) -> list[dict[str, Any]]:
    """A dot at the centre of each area of a coloured category, in its colour.

    On a map of hundreds of small areas (LSOAs) a hot spot of a few streets
    is a speck at A4; its dot, outlined in black, shows where it is. Numbers
    (a choropleth) get none: every area there has a colour of its own.
    """
    if encoding.get("type") != "nominal":
        return []
    scale = encoding["scale"]
    coloured = {
        c for c, shade in zip(scale["domain"], scale["range"], strict=False)
        if shade != BACKGROUND
    }  # fmt: skip
    geometry = chart.geometry or "geometry"
    values = []
    for _, row in frame.iterrows():
        category = _plain(row[colour])
        if category not in coloured or not isinstance(row[geometry], str | dict):
            continue
        data = row[geometry]
        point = shape(json.loads(data) if isinstance(data, str) else data)
        centre = point.representative_point()
        values.append(
            {"lon": centre.x, "lat": centre.y, "properties": {colour: category}}
        )
    if not values:
        return []
    return [
        {
            "data": {"values": values},
            "mark": {
                "type": "circle", "size": SPOT_SIZE, "opacity": 1,
                "stroke": "#0B0C0C", "strokeWidth": 0.8,
            },
            "encoding": {
                "longitude": {"field": "lon", "type": "quantitative"},
                "latitude": {"field": "lat", "type": "quantitative"},
                "color": {**encoding, "legend": None},
            },
        }
    ]  # fmt: skip


def _map_features(chart: Chart) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The chart's rows in drawing order, and as GeoJSON features."""
    geometry = chart.geometry or "geometry"
    frame = chart.data
    if "layer" in frame.columns:
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
    return frame, features


def _map_colour(chart: Chart, frame: pd.DataFrame, colour: str) -> dict[str, Any]:
    """The colour encoding of a map: five classes of blue, or a colour per category."""
    title = (chart.y_title if colour == chart.y else None) or label(colour)
    legend = {"orient": "bottom", "direction": "horizontal", "columns": 4, "titleLimit": 600}
    if pd.api.types.is_numeric_dtype(frame[colour]):
        return {
            "field": f"properties.{colour}",
            "type": "quantitative",
            "title": title,
            "scale": {"type": "quantize", "range": list(AF_CLASSES), "nice": True},
            "legend": legend,
        }
    categories = _categories(chart.data, colour)
    return {
        "field": f"properties.{colour}",
        "type": "nominal",
        "title": title,
        "scale": {
            "domain": categories,
            "range": _category_colours(categories, layered="layer" in frame.columns),
        },
        "legend": {**legend, **_value_labels(chart.data, colour)},
    }


def _layer_styles(frame: pd.DataFrame) -> dict[str, Any]:
    """A layered map's rings see-through with a clear edge; the base opaque."""
    if "layer" not in frame.columns:
        return {}
    ring = "indexof(lower(datum.properties.layer), 'ring') >= 0"
    return {
        "fillOpacity": {"condition": {"test": ring, "value": 0.25}, "value": 1},
        "strokeWidth": {"condition": {"test": ring, "value": 1.2}, "value": 0.4},
        "stroke": {"condition": {"test": ring, "value": AF_PALETTE[1]}, "value": "#3D3D3D"},
    }


def _place_names(chart: Chart) -> list[dict[str, Any]]:
    """Each district's name at its place: a white halo, then the dark words."""
    if not chart.places:
        return []
    values = [{"place": n, "lon": x, "lat": y} for n, x, y in chart.places]
    where = {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
        "text": {"field": "place", "type": "nominal"},
    }
    text = {"type": "text", "fontSize": 12, "fontWeight": "bold"}
    return [
        {
            "data": {"values": values},
            "mark": {**text, "color": "white", "stroke": "white", "strokeWidth": 3},
            "encoding": where,
        },
        {"data": {"values": values}, "mark": {**text, "color": "#0B0C0C"}, "encoding": where},
    ]


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
