"""What changed since the last edition (``svsna build --previous OLD_DIR``).

An SNA is refreshed every year; a board reading this year's wants to know
what is different from last year's. This chapter compares the report with an
earlier build's report folder (its ``findings.json``, ``tables/*.csv`` and
``manifest.json``, nothing else): the findings whose direction changed, the
hotspots new to the ranking's top and those gone from it, the settings of the
definition that changed, and the inputs added or lost. It prints directions,
ranks and settings, never counts, so neither edition can carry the other's
numbers. Without ``--previous`` the chapter is left out.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from svsna.analyses.core.chapter import Chapter, Heading
from svsna.analyses.core.months import join_words
from svsna.analyses.sna.report_reading import (
    report_findings,
    report_table,
    top_hotspots,
)
from svsna.results import Section, Table

if TYPE_CHECKING:
    from collections.abc import Mapping

    from svsna.analyses.core.context import Context
    from svsna.results.previous import PreviousBuild

COLUMNS = ["kind", "item", "previous", "now", "note"]
#: A setting's value is printed up to this many characters.
LONGEST = 120


def _key(record: Mapping[str, Any]) -> tuple[str, str]:
    return str(record.get("section_id", "")), str(record.get("id", ""))


def direction_rows(ctx: Context, previous: PreviousBuild) -> list[dict[str, str]]:
    """Findings in both builds whose tested direction differs."""
    before = {
        _key(r): r
        for r in previous.findings
        if r.get("direction")
        and not str(r.get("section_id", "")).startswith("profile_")
    }
    rows = []
    for section, finding, record in report_findings(ctx):
        old = before.get(_key(record))
        if old is None or record["direction"] is None:
            continue
        if old["direction"] == record["direction"]:
            continue
        periods = [
            " to ".join(c) for c in (old.get("compared"), record["compared"]) if c
        ]
        rows.append(
            {
                "kind": "direction",
                "item": f"{section.number} {section.title}: {finding.id}".strip(),
                "previous": str(old["direction"]),
                "now": str(record["direction"]),
                "note": " then ".join(periods),
            }
        )
    return rows


def hotspot_rows(ctx: Context, previous: PreviousBuild) -> list[dict[str, str]]:
    """Neighbourhoods new to the hotspots' top and those gone from it."""
    top_n = ctx.definition.hotspots.top_n
    now = top_hotspots(report_table(ctx, "hotspots"), top_n)
    before = top_hotspots(previous.table("hotspots"), top_n)
    if not now or not before:
        return []
    outside = f"not in the top {top_n}"
    rows = [
        {"kind": "hotspot new", "item": area, "previous": outside, "now": rank,
         "note": "rank by volume and rate per 1,000"}
        for area, rank in now.items() if area not in before
    ]  # fmt: skip
    rows += [
        {"kind": "hotspot gone", "item": area, "previous": rank, "now": outside,
         "note": "rank by volume and rate per 1,000"}
        for area, rank in before.items() if area not in now
    ]  # fmt: skip
    return rows


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Settings as ``dotted.name`` → JSON text, mappings opened, lists kept whole.

    >>> flatten({"a": {"b": 1, "c": [1, 2]}, "d": None})
    {'a.b': '1', 'a.c': '[1, 2]', 'd': 'null'}
    """
    if isinstance(value, dict):
        flat: dict[str, str] = {}
        for name, inner in value.items():
            flat.update(flatten(inner, f"{prefix}{name}."))
        return flat
    return {prefix.rstrip("."): json.dumps(value, ensure_ascii=False, default=str)}


def _short(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def definition_rows(ctx: Context, previous: PreviousBuild) -> list[dict[str, str]]:
    """Settings of the definition that differ between the two builds."""
    now = flatten(ctx.definition.model_dump(mode="json", by_alias=True))
    before = flatten(dict(previous.definition))
    if not before:
        return []
    unset = "(not set)"
    return [
        {
            "kind": "definition",
            "item": name,
            "previous": _short(before.get(name, unset)),
            "now": _short(now.get(name, unset)),
            "note": ""
            if name in before
            else "a setting the earlier build did not have",
        }
        for name in sorted(now.keys() | before.keys())
        if now.get(name) != before.get(name)
    ]


def input_rows(ctx: Context, previous: PreviousBuild) -> list[dict[str, str]]:
    """Inputs (contract tables and ``sna.yaml``) present in one build only."""
    now, before = set(ctx.tables), set(previous.inputs)
    rows = [
        {"kind": "input added", "item": t, "previous": "absent", "now": "present",
         "note": ""}
        for t in sorted(now - before)
    ]  # fmt: skip
    rows += [
        {"kind": "input lost", "item": t, "previous": "present", "now": "absent",
         "note": ""}
        for t in sorted(before - now)
    ]  # fmt: skip
    return rows


def _summary(previous: PreviousBuild, frame: pd.DataFrame) -> list[str]:
    software = previous.manifest.get("software", {}).get("version", "?")
    name = previous.definition.get("name", "?")
    counts = frame["kind"].value_counts()
    parts = [
        f"{counts.get('direction', 0)} finding(s) changed direction",
        f"{counts.get('hotspot new', 0)} neighbourhood(s) entered the hotspots' top "
        f"and {counts.get('hotspot gone', 0)} left it",
        f"{counts.get('definition', 0)} setting(s) of the definition changed",
        f"{counts.get('input added', 0)} input(s) were added and "
        f"{counts.get('input lost', 0)} lost",
    ]
    return [
        f"Compared with the earlier build in '{previous.name}' (svsna {software}, "
        f"definition '{name}'): {join_words(parts)}.",
        "A finding's direction is up or down only for a significant change, and no "
        "change otherwise; counts are not repeated here, so read each chapter for "
        "them.",
    ]


def analyse(ctx: Context, heading: Heading) -> Section:
    """The four kinds of change against the earlier build, one row each."""
    previous = ctx.previous
    if previous is None:  # the runner leaves the chapter out (``when``)
        return Section(*heading, missing_inputs=("--previous",))
    rows = [
        *direction_rows(ctx, previous),
        *hotspot_rows(ctx, previous),
        *definition_rows(ctx, previous),
        *input_rows(ctx, previous),
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    table = Table(
        id="changes_since_previous", title="What changed since the earlier build",
        data=frame,
        caption="kind: direction (a finding's tested direction), hotspot new or "
        "gone (the top of the hotspot ranking), definition (a setting), input added "
        "or lost.",
        fixed_form=True,
    )
    return Section(*heading, summary=tuple(_summary(previous, frame)), tables=(table,))


CHAPTER = Chapter(
    "changes_since_previous", "What changed since the last edition", analyse,
    after_others=True, when=lambda ctx: ctx.previous is not None,
)
