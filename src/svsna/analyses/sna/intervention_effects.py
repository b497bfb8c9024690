"""The estimated association of each intervention with serious violence in its areas.

For an intervention with areas and a start date: serious violence in its areas
and in the rest of the area, by month, in equal windows before and from the
start month (the definition's ``sna.interventions``); the difference in
differences of the two (:func:`svsna.stats.did.difference_in_differences`),
and an event study of the months around the start. The words say plainly that
this is an association, not proof of cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from svsna.analyses.core.windows import add_months
from svsna.analyses.sna.intervention_areas import Areas, monthly_counts
from svsna.results import Cells, Chart, Finding, Margin, Table
from svsna.stats.did import DiD, difference_in_differences, event_study

if TYPE_CHECKING:
    import datetime as dt

    from svsna.analyses.core.context import Context

EFFECTS = "intervention_effects"
EVENTS = "intervention_event_study"
EFFECT_COLUMNS = [
    "intervention", "areas", "before", "after", "comparison_before",
    "comparison_after", "effect", "lower", "upper", "p_value",
]  # fmt: skip
EVENT_COLUMNS = [
    "intervention", "month", "months_from_start", "window", "target",
    "comparison", "effect", "lower", "upper",
]  # fmt: skip
COUNTS = ("before", "after", "comparison_before", "comparison_after")

CAUTION = (
    "These estimates compare serious violence in an intervention's areas before "
    "and after it started with the same months in the rest of the area (a "
    "difference in differences). They show an association, not proof that the "
    "intervention caused the change: other things changed in those areas too, and "
    "areas are often chosen because violence there was high, so it may have fallen "
    "back anyway. The event-study chart shows whether the areas already differed "
    "from the rest before the start."
)


@dataclass(frozen=True)
class Windows:
    """Equal windows of ``months`` before and from ``start``, inside the event span."""

    start: dt.date
    months: int
    first: dt.date
    last: dt.date

    def label(self) -> str:
        """``2023-07 to 2024-06 against 2024-07 to 2025-06``."""
        before = add_months(self.start, -self.months)
        after_end = add_months(self.start, self.months - 1)
        return (
            f"{before:%Y-%m} to {add_months(self.start, -1):%Y-%m} against "
            f"{self.start:%Y-%m} to {after_end:%Y-%m}"
        )


@dataclass(frozen=True)
class Estimate:
    """One intervention's difference in differences and its months around the start."""

    name: str
    areas: Areas
    windows: Windows
    did: DiD
    months: pd.DataFrame


def windows(
    ctx: Context, start: dt.date, end: dt.date | None, first_month: dt.date
) -> Windows | str:
    """The windows for an intervention starting ``start``, or why there are none."""
    settings = ctx.definition.sna.interventions
    month = start.replace(day=1)
    if month > ctx.latest_month:
        return f"it starts after the data end ({ctx.latest_month:%Y-%m})"
    last = min(ctx.latest_month, (end or ctx.latest_month).replace(day=1))
    after = (last.year - month.year) * 12 + last.month - month.month + 1
    before = (month.year - first_month.year) * 12 + month.month - first_month.month
    months = min(after, before, settings.window_months)
    if months < settings.min_months:
        return (
            f"only {max(months, 0)} whole month(s) of data on one side of its start "
            f"(at least {settings.min_months} are needed)"
        )
    span = settings.event_months
    return Windows(
        month,
        months,
        max(first_month, add_months(month, -max(span, months))),
        min(ctx.latest_month, add_months(month, max(span, months) - 1)),
    )


def estimate(ctx: Context, name: str, areas: Areas, span: Windows) -> Estimate | str:
    """The estimate for one intervention, or why there is none."""
    counts = monthly_counts(ctx, areas, span.first, span.last)
    start = f"{span.start:%Y-%m}"
    before = f"{add_months(span.start, -span.months):%Y-%m}"
    after = f"{add_months(span.start, span.months - 1):%Y-%m}"
    counts["window"] = ""
    counts.loc[(counts["month"] >= before) & (counts["month"] < start), "window"] = (
        "before"
    )
    counts.loc[(counts["month"] >= start) & (counts["month"] <= after), "window"] = (
        "after"
    )
    used = counts[counts["window"] != ""]
    if used["target"].sum() == 0:
        return "no serious violence was recorded in its areas in those months"
    if used["comparison"].sum() == 0:
        return "its areas cover every place, so there is nothing to compare with"
    level = ctx.definition.trends.confidence_level
    did = difference_in_differences(
        used["target"], used["comparison"], used["window"] == "after", level=level
    )
    offsets = [
        (int(m[:4]) - span.start.year) * 12 + int(m[5:]) - span.start.month
        for m in counts["month"]
    ]
    events = event_study(
        offsets, counts["target"], counts["comparison"], level=level,
        scale=did.dispersion,
    )  # fmt: skip
    months = counts.assign(
        intervention=name,
        months_from_start=offsets,
        effect=events["effect"].round(1),
        lower=events["lower"].round(1),
        upper=events["upper"].round(1),
    )[EVENT_COLUMNS]
    return Estimate(name, areas, span, did, months)


def effects_table(estimates: list[Estimate], notes: tuple[str, ...]) -> Table:
    """``intervention_effects``: one row per intervention estimated (fixed form)."""
    rows = [
        {
            "intervention": e.name,
            "areas": e.areas.words(),
            "before": e.did.before,
            "after": e.did.after,
            "comparison_before": e.did.comparison_before,
            "comparison_after": e.did.comparison_after,
            "effect": round(e.did.effect, 1),
            "lower": round(e.did.lower, 1),
            "upper": round(e.did.upper, 1),
            "p_value": round(e.did.p_value, 4),
        }
        for e in estimates
    ]
    windows = tuple(f"{e.name}: {e.windows.label()}." for e in estimates)
    return Table(
        id=EFFECTS,
        title="Serious violence in interventions' areas against the rest of the area",
        data=pd.DataFrame(rows, columns=EFFECT_COLUMNS),
        caption="before/after: serious violence in the intervention's areas in equal "
        "windows of whole months before and from its start month; comparison: the "
        "rest of the area (a known district) in the same months. effect: the change "
        "in the areas relative to the rest, per cent (difference in differences), "
        "with its 95% interval (lower, upper) and p-value before adjustment for the "
        "report's other tests. An association, not proof of cause.",
        notes=(*windows, *notes),
        count_columns=COUNTS,
        derived_columns={c: COUNTS for c in ("effect", "lower", "upper", "p_value")},
        fixed_form=True,
    )


def events_table(estimates: list[Estimate]) -> Table:
    """``intervention_event_study``: each estimated intervention's months around the start."""
    frame = (
        pd.concat([e.months for e in estimates], ignore_index=True)
        if estimates
        else pd.DataFrame(columns=EVENT_COLUMNS)
    )
    pairs = (
        ("target", "before", "before"),
        ("target", "after", "after"),
        ("comparison", "before", "comparison_before"),
        ("comparison", "after", "comparison_after"),
    )
    return Table(
        id=EVENTS, title="Serious violence by month around each intervention's start",
        data=frame,
        caption="target: serious violence in the intervention's areas; comparison: "
        "the rest of the area; effect: the month's target-to-comparison ratio "
        "against that of the months before the start, per cent, with its 95% "
        "interval; window: the months of the difference in differences.",
        count_columns=("target", "comparison"),
        derived_within={c: ("intervention",) for c in ("effect", "lower", "upper")},
        margins=tuple(
            Margin(
                EFFECTS,
                by=("intervention",), column=column, total_column=total,
                where={"window": window},
            )
            for column, window, total in pairs
        ),
    )


def effect_chart(e: Estimate, index: int) -> Chart:
    """The event study of one intervention: its relative change by month from the start."""
    long = e.months.melt(
        id_vars=["intervention", "months_from_start"],
        value_vars=["effect", "lower", "upper"],
        var_name="measure",
        value_name="value",
    )
    return Chart(
        id=f"intervention_event_study_{index}",
        title=f"{e.name}: serious violence in its areas relative to the rest, by "
        "month from the start",
        kind="line", data=long,
        x="months_from_start", y="value", color="measure",
        x_title="Months from the start (0 = the start month)",
        y_title="Per cent against the months before",
        alt_text=f"Line chart of the change in serious violence in the areas of "
        f"{e.name} relative to the rest of the area, month by month from "
        f"{int(e.months['months_from_start'].min())} to "
        f"{int(e.months['months_from_start'].max())} months from its start, with "
        "the lower and upper limits of its 95% interval; 0 means the same ratio as "
        "before the start.",
        table=EVENTS, measure_column="measure",
    )


def _relative(value: float) -> str:
    """``12.3% fewer``, ``4.0% more``."""
    return f"{abs(value):.1f}% {'fewer' if value < 0 else 'more'}"


def effect_finding(e: Estimate, alpha: float) -> Finding:
    """The estimate in a sentence, citing the four counts it rests on."""
    d, months = e.did, e.windows.months
    cells = Cells(EFFECTS, "before", {"intervention": e.name})
    text = (
        f"In the areas of {e.name}, serious violence went from {d.before:,} in the "
        f"{months} months before its start to {d.after:,} in the {months} months "
        f"from it, while the rest of the area went from {d.comparison_before:,} to "
        f"{d.comparison_after:,}: {_relative(d.effect)} than the rest of the area "
        f"would predict (95% interval: {_relative(d.lower)} to "
        f"{_relative(d.upper)}). This is an association, not proof that "
        f"{e.name} caused it."
    )
    test = (
        "Difference in differences of the logarithms of serious-violence counts, "
        "the intervention's areas against the rest of the area, in equal windows "
        f"before and from the start ({e.windows.label()}); the variance of Poisson "
        f"counts multiplied by the over-dispersion of the monthly shares "
        f"({d.dispersion:.2f}); normal 95% interval and two-sided p-value."
    )
    return Finding(
        id=f"intervention_effect/{e.name}",
        text=text,
        current=round(d.effect, 1), previous=0.0,
        current_label=f"the areas of {e.name}", previous_label="the rest of the area",
        significant=d.p_value < alpha, p_value=d.p_value,
        unit="%",
        test=test,
        lower=round(d.lower, 1),
        upper=round(d.upper, 1),
        cites={name: Cells(EFFECTS, name, cells.where) for name in COUNTS},
    )
