"""What the data say about the area itself: the force named in them, district populations.

A district's rate beside the whole area's is built here too, so both editions'
district profiles print it the same way.

Both the report's labels and several families read these, so they are asked
of the warehouse in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svsna.stats import rate

if TYPE_CHECKING:
    from svsna.analyses.core.context import Context


def force_name(ctx: Context) -> str:
    """The forces named in data.police.uk's ``Reported by`` column, if loaded."""
    if not ctx.has("occurrences") or "extra_reported_by" not in ctx.warehouse.columns(
        "occurrences"
    ):
        return ""
    names = ctx.query(
        "SELECT DISTINCT extra_reported_by AS name FROM occurrences "
        "WHERE extra_reported_by IS NOT NULL ORDER BY name"
    )["name"]
    return ", ".join(str(n) for n in names)


def district_populations(ctx: Context) -> dict[str, float]:
    """Each district's resident population from the ``districts`` table ({} without it)."""
    if not ctx.has("districts"):
        return {}
    frame = ctx.query(
        "SELECT district, SUM(population) AS population FROM districts "
        "WHERE population IS NOT NULL GROUP BY district"
    )
    return dict(
        zip(
            frame["district"].astype(str),
            frame["population"].astype(float),
            strict=True,
        )
    )


def place_rate(
    place: str, count: int, population: float, level: float
) -> dict[str, object]:
    """One row of a district-beside-the-area rate table, rates to two decimals.

    The count, the population and the rate per 1,000 with its exact Poisson
    limits at ``level``: the row both district profiles print for the
    district and for the whole area.
    """
    r = rate(count, population, level=level)
    return {
        "place": place,
        "count": count,
        "population": int(population),
        "per_1000": round(r.value, 2),
        "lower": round(r.lower, 2),
        "upper": round(r.upper, 2),
    }
