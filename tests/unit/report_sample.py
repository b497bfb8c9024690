"""A small hand-made Report that every renderer test draws (no warehouse needed)."""

from __future__ import annotations

import json

import pandas as pd

from svsna.results import Callout, Chart, Edition, Finding, Report, Section, Table

YEARS = ["2022/23", "2023/24", "2024/25"]


def square(lon: float, lat: float, size: float = 0.05) -> str:
    """A GeoJSON polygon (WGS84) as text, the form the places chapter gives."""
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def yearly_table() -> Table:
    rows = []
    for year, robbery, homicide, weapons in zip(
        YEARS, [50, 60, 40], [2, 9, 3], [30, 31, 29], strict=True
    ):
        rows += [
            {"year": year, "group": "robbery", "all": robbery},
            {"year": year, "group": "homicide", "all": homicide},
            {"year": year, "group": "possession of weapons", "all": weapons},
            {"year": year, "group": "total", "all": robbery + homicide + weapons},
        ]
    return Table(
        id="sv_yearly",
        title="Serious violence by group and year",
        data=pd.DataFrame(rows),
        notes=("Occurrences counted once each.",),
        count_columns=("all",),
        total_rows=(3, 7, 11),
    )


def sample_report(edition: str = "public") -> Report:
    yearly = yearly_table()
    totals = yearly.data[yearly.data["group"] == "total"]
    trend = Chart(
        id="sv_trend",
        title="Serious violence by year",
        kind="line",
        data=yearly.data[yearly.data["group"] != "total"],
        x="year",
        y="all",
        color="group",
        alt_text="Line chart: robbery rose from 50 to 60 then fell to 40.",
    )
    bars = Chart(
        id="sv_total_bars",
        title="All serious violence",
        kind="bar",
        data=totals[["year", "group", "all"]],
        x="year",
        y="all",
        alt_text="Bar chart of total serious violence: {values}.",
        table="sv_yearly",
    )
    hours = pd.DataFrame(
        [
            {"day": d, "hour": h, "count": (i * 24 + h) % 9}
            for i, d in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
            for h in range(24)
        ]
    )
    heat = Chart(
        id="day_hour",
        title="When it happens",
        kind="heatmap",
        data=hours,
        x="hour",
        y="day",
        color="count",
        alt_text="Heat map of occurrences by day and hour; nights at weekends are busiest.",
        source=Table("day_hour_counts", "", hours, count_columns=("count",)),
    )
    names = [f"Area {i:02d}" for i in range(40)]
    hotspots = pd.DataFrame(
        {
            "rank": range(1, 41),
            "district": ["Derby"] * 20 + ["Chesterfield"] * 20,
            "neighbourhood": names,
            "total": [100 - 2 * i for i in range(40)],
            "per_1000": [round(10 - i * 0.2, 1) for i in range(40)],
        }
    )
    geo = pd.DataFrame(
        {
            "neighbourhood": names[:6],
            "total": [100, 98, 96, 94, 92, 3],
            "geometry": [square(-1.6 + 0.06 * i, 52.9) for i in range(6)],
        }
    )
    ch03 = Section(
        id="ch03_serious_violence",
        number="3",
        title="Serious violence and knife crime",
        summary=("Serious violence fell in the latest year.",),
        callouts=(
            Callout(
                "national_knife",
                "knife crime offences in England and Wales",
                50510,
                "ONS, Crime in England and Wales",
                period="year ending March 2025",
            ),
        ),
        tables=(yearly,),
        charts=(trend, bars),
        findings=(
            Finding(
                "sv_change",
                "Serious violence fell by 28% (100 to 72).",
                current=72,
                previous=100,
                current_label="2024/25",
                previous_label="2023/24",
                significant=True,
                p_value=0.03,
            ),
            Finding(
                "homicide_change",
                "Homicide went from 9 to 3.",
                current=3,
                previous=9,
                current_label="2024/25",
                significant=False,
                p_value=0.15,
            ),
            Finding(
                "weapons_change",
                "Possession of weapons went from 31 to 29.",
                current=29,
                previous=31,
                current_label="2024/25",
                significant=False,
                p_value=0.9,
            ),
        ),
    )
    ch05 = Section(
        id="ch05_hotspots",
        number="5",
        title="Hotspots",
        tables=(
            Table(
                "hotspots",
                "Hotspot neighbourhoods",
                hotspots,
                count_columns=("total",),
                derived_columns={"per_1000": ("total",)},
            ),
        ),
        charts=(
            heat,
            Chart(
                id="hotspot_map",
                title="Serious violence by neighbourhood",
                kind="map",
                data=geo,
                x="neighbourhood",
                y="total",
                geometry="geometry",
                alt_text="Map of six neighbourhoods; the western ones have most.",
            ),
            Chart(
                id="by_district",
                title="Serious violence by district",
                kind="bar",
                # A missing category (NaN) must not break the chart's JSON.
                data=pd.DataFrame({"district": ["Derby", None], "count": [40.0, None]}),
                x="district",
                y="count",
                alt_text="Bar chart: Derby 40; the unknown district has no value.",
            ),
        ),
    )
    ch13 = Section(
        id="ch13_health",
        number="13",
        title="National Health Service",
        missing_inputs=("ed_attendances",),
    )
    quality = Section(
        id="data_quality",
        number="",
        title="Data quality",
        summary=("Most records are complete.",),
        tables=(
            Table(
                "dq_completeness",
                "Completeness of the police data",
                pd.DataFrame(
                    {
                        "field": ["time of day", "district"],
                        "records": [100, 100],
                        "recorded": [90, 97],
                        "pct_recorded": [90.0, 97.0],
                    }
                ),
                count_columns=("records", "recorded"),
                derived_columns={"pct_recorded": ("records", "recorded")},
            ),
        ),
    )
    profiles = tuple(
        Section(
            id=f"profile_{name.lower()}",
            number="",
            title=name,
            tables=(
                Table(
                    f"profile_{name.lower()}_trend",
                    f"Serious violence in {name}",
                    pd.DataFrame({"year": YEARS, "count": counts}),
                    count_columns=("count",),
                ),
            ),
            charts=(
                Chart(
                    f"profile_{name.lower()}_chart",
                    f"Serious violence in {name}",
                    "bar",
                    pd.DataFrame({"year": YEARS, "count": counts}),
                    x="year",
                    y="count",
                    alt_text=f"Bar chart of serious violence in {name}.",
                ),
            ),
            findings=(Finding(f"{name}_f", f"{name} saw {counts[-1]} in 2024/25."),),
        )
        for name, counts in [("Derby", [60, 70, 50]), ("Chesterfield", [22, 30, 2])]
    )
    return Report(
        title="Serious Violence Strategic Needs Assessment: Testshire",
        area_name="Testshire",
        period_label="2022/23 to 2024/25",
        edition=Edition(edition),
        sections=(ch03, ch05, ch13, quality),
        definition_name="Derby and Derbyshire 2025",
        generated_on="2026-11-27",
        data_quality=("Ethnicity is not stated for 12% of victims.",),
        profiles=profiles,
    )
