"""Relations an outsider reads off what is not a table: maps, alt text, sentences.

The profiles' heat maps are counts printed nowhere else; a chart's alt text
may list the values it draws; a sentence states numbers a table also holds
("There were 6 homicides in 2024/25; 2 involved knives"). Each becomes an
equation or an inequality of the attack, written from what the words say.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from outsider import Attack, C, rows

if TYPE_CHECKING:
    import pandas as pd

SV, KNIFE = "serious violence", "knife crime"
THRESHOLD = 4
HEAT = "profile_heat_maps"


def heat_map_relations(at: Attack, public: pd.DataFrame, key: pd.DataFrame) -> None:
    """Heat-map cells: no more than the area's cell of the hour, nor the district's day."""
    if public.empty:
        return
    at.public[HEAT], at.key[HEAT] = public, key
    if "sv_day_hour" in at.public:
        area = at.public["sv_day_hour"]
        for (day, hour), cells in public.groupby(["day", "hour"]).groups.items():
            (total,) = rows(area, cohort="all", day=str(day), hour=str(hour))
            at.relation(
                [((HEAT, int(i), "count"), 1.0) for i in cells]
                + [(("sv_day_hour", total, "count"), -1.0)],
                at_most=True,
            )
    for (profile, day), cells in public.groupby(["profile", "day"]).groups.items():
        days = f"{profile}_days"
        if days not in at.public:
            continue
        (row,) = rows(at.public[days], day=str(day))
        at.relation(
            [((HEAT, int(i), "count"), 1.0) for i in cells]
            + [((days, row, "count"), -1.0)],
            at_most=True,
        )


def alt_text_relations(at: Attack, texts: dict[str, list[str]]) -> None:
    """A profile trend chart's alt text lists each year's count: each is that cell."""
    for chart_id, said in texts.items():
        if not chart_id.endswith("_trend_chart"):
            continue
        table = chart_id[: -len("_chart")]
        if table not in at.public:
            continue
        frame = at.public[table]
        for text in said:
            for year, value in re.findall(r"(\d{4}/\d{2}) ([\d,]+|\[c\])", text):
                if value == C:
                    continue
                (row,) = rows(frame, year=year)
                _is(at, (table, row, "count"), float(value.replace(",", "")))


def sentence_relations(at: Attack, texts: list[str]) -> None:
    """Numbers sentences state, tied to the cells they describe."""
    for text in texts:
        _homicides(at, text)
        _weekend_nights(at, text)
        _school_proximity(at, text)
        _neet(at, text)
        _busiest_nte_area(at, text)
        _repeat(at, text)


def _is(at: Attack, cell: tuple[str, int, str], value: float) -> None:
    """``cell`` equals ``value`` (a number a sentence or alt text states)."""
    k, printed = at.term(*cell)
    if k is None:
        assert printed == value, (cell, printed, value)
        return
    at.equal.append(({k: 1.0}, value))


def _at_most(at: Attack, cell: tuple[str, int, str], value: float) -> None:
    k, _ = at.term(*cell)
    if k is not None:
        at.below.append(({k: 1.0}, value))


def _homicides(at: Attack, text: str) -> None:
    m = re.search(
        r"There were ([\d,]+) homicides? in (\S+); (fewer than \d+|[\d,]+) involved", text
    )
    if not m or "sv_yearly" not in at.public:
        return
    frame, year = at.public["sv_yearly"], m.group(2)
    (all_sv,) = rows(frame, measure=SV, group="homicide", year=year)
    _is(at, ("sv_yearly", all_sv, "all"), float(m.group(1).replace(",", "")))
    (knives,) = rows(frame, measure=KNIFE, group="homicide", year=year)
    said = m.group(3)
    if said.startswith("fewer than"):
        _at_most(at, ("sv_yearly", knives, "all"), float(said.split()[-1]) - 1)
    else:
        _is(at, ("sv_yearly", knives, "all"), float(said.replace(",", "")))


def _weekend_nights(at: Attack, text: str) -> None:
    m = re.search(r"known time \(([\d,]+) of ([\d,]+)\)", text)
    if not m or "sv_day_hour" not in at.public:
        return
    every = rows(at.public["sv_day_hour"], cohort="all")
    _sum_is(at, [("sv_day_hour", i, "count") for i in every], m.group(2), "known")


def _sum_is(
    at: Attack, cells: list[tuple[str, int, str]], stated: str, name: str
) -> None:
    """The sum of ``cells`` is the number a sentence states."""
    at.relation([(c, 1.0) for c in cells] + [(("unprinted", name), -1.0)])
    k = at.unknowns.get(("unprinted", -1, name))
    if k is not None:
        at.equal.append(({k: 1.0}, float(stated.replace(",", ""))))


def _school_proximity(at: Attack, text: str) -> None:
    m = re.search(r"Over the three periods, ([\d,]+) of ([\d,]+) offences", text)
    if not m or "school_proximity" not in at.public:
        return
    frame = at.public["school_proximity"]
    for column, stated in zip(
        ("at_or_near_school", "school_age_victim"), m.groups(), strict=True
    ):
        cells = [("school_proximity", i, column) for i in range(len(frame))]
        _sum_is(at, cells, stated, f"three periods {column}")


def _neet(at: Attack, text: str) -> None:
    m = re.search(r"In (.+?), .*? in (\d{4}) \(([\d,]+) of ([\d,]+)\)", text)
    if not m or "neet_by_year" not in at.public:
        return
    found = rows(at.public["neet_by_year"], authority=m.group(1), year=m.group(2))
    if len(found) == 1:
        _is(at, ("neet_by_year", found[0], "neet"), float(m.group(3).replace(",", "")))
        _is(
            at, ("neet_by_year", found[0], "cohort"), float(m.group(4).replace(",", ""))
        )


def _busiest_nte_area(at: Attack, text: str) -> None:
    m = re.search(r"^(.+?) had the most night-time-economy crimes in (\S+): ([\d,]+)", text)
    if not m or "nte_by_area" not in at.public:
        return
    frame = at.public["nte_by_area"]
    found = rows(frame, nte_area=m.group(1))
    if len(found) == 1 and m.group(2) in frame.columns:
        _is(at, ("nte_by_area", found[0], m.group(2)), float(m.group(3).replace(",", "")))


def _repeat(at: Attack, text: str) -> None:
    m = re.search(r"Over the period ([\d,]+) repeat (victims|suspects)", text)
    table = f"repeat_{m.group(2)}" if m else ""
    if not m or table not in at.public:
        return
    found = rows(at.public[table], period="all years")
    if len(found) == 1:
        _is(at, (table, found[0], "repeat_individuals"), float(m.group(1).replace(",", "")))
