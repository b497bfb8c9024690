"""National figures shown beside a chapter as call-outs, never mixed into its tables.

They come from the optional ``national_context`` input; partner chapters and
the people chapters (reoffending) both show the figures of their section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from svsna.analyses.core.sql import literal
from svsna.results import Callout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.analyses.core.context import Context


def callouts_for(ctx: Context, sections: Sequence[str]) -> tuple[Callout, ...]:
    """The national figures whose ``section`` is one of ``sections``.

    National figures are shown beside a section, never mixed into its tables;
    they come from the optional ``national_context`` input.
    """
    if not ctx.has("national_context") or not sections:
        return ()
    wanted = ", ".join(literal(s.lower()) for s in sections)
    rows = ctx.query(
        "SELECT section, figure, value, unit, period, source, "
        "CAST(source_date AS VARCHAR) AS source_date FROM national_context "
        f"WHERE LOWER(TRIM(section)) IN ({wanted})"
    )
    rows["n"] = rows.groupby("section").cumcount() + 1
    return tuple(
        Callout(
            id=f"{str(row['section']).strip().lower()}_{row['n']}",
            figure=str(row["figure"]),
            value=float(row["value"]),
            source=str(row["source"]),
            unit=_text(row["unit"]),
            period=_text(row["period"]),
            source_date=_text(row["source_date"]),
        )
        for row in rows.to_dict("records")
    )


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


__all__ = ["callouts_for"]
