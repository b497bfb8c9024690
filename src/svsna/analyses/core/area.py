"""What the data say about the area itself: the force named in them, district populations.

Both the report's labels and several families read these, so they are asked
of the warehouse in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
