"""Arrows that do not overclaim: headline measures, and the rest adjusted together.

A report that tests forty changes at the 5% level will show two "significant"
changes a year from chance alone. The definition therefore declares its
headline measures (``trends.headline``, by finding id) before any data are
seen: their tests stand as they are. Every other tested change of the report
is adjusted with the others by Benjamini-Hochberg
(:func:`svsna.stats.multiple.bh_adjust`), and its arrow follows the adjusted
p-value, which is the one published.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from svsna.stats.multiple import bh_adjust

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svsna.config import Definition
    from svsna.results import Finding, Section

HEADLINE_WORDS = (
    "A headline measure declared in the definition, so not adjusted for the "
    "other tests of the report."
)


def _tested(finding: Finding) -> bool:
    """Whether ``finding`` is a tested change between two periods.

    A test that is not a change (the near-repeat ratio, already adjusted
    across its bands) is left as it is.
    """
    return (
        finding.significant is not None
        and finding.p_value is not None
        and finding.previous is not None
    )


def adjust_findings(
    sections: Sequence[Section], definition: Definition
) -> list[Section]:
    """``sections`` with headline findings marked and every other test BH-adjusted."""
    headline = set(definition.trends.headline)
    alpha = definition.trends.alpha
    others = [
        f.p_value
        for s in sections
        for f in s.findings
        if _tested(f) and f.id not in headline and f.p_value is not None
    ]
    adjusted = iter(bh_adjust(others).tolist())
    count = len(others)

    def one(finding: Finding) -> Finding:
        if not _tested(finding) or finding.p_value is None:
            return finding
        if finding.id in headline:
            return replace(
                finding, headline=True, test=f"{finding.test or ''} {HEADLINE_WORDS}"
            )
        p = float(next(adjusted))
        words = (
            f" Not a headline measure: the p-value is Benjamini-Hochberg adjusted "
            f"across the {count} such tests (p before adjustment "
            f"{finding.p_value:.4f})."
        )
        return replace(
            finding,
            p_value=p,
            significant=p < alpha,
            test=f"{finding.test or ''}{words}",
        )

    return [replace(s, findings=tuple(one(f) for f in s.findings)) for s in sections]


__all__ = ["HEADLINE_WORDS", "adjust_findings"]
