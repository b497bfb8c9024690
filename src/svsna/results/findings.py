"""Findings as data: the one list every medium renders and ``findings.json`` holds.

Each :class:`~svsna.results.Finding` of a section becomes a
:class:`FindingRecord`: its sentence, the direction the report claims (an
arrow only for a significant change), whether it is significant, its p-value,
the test in words and the two periods compared. ``findings.json`` is these
records; the HTML, PDF and Word reports print the same records, so the files
cannot disagree.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from svsna.results.model import Finding, Report, Section

Direction = Literal["up", "down", "no change"]


@dataclass(frozen=True)
class FindingRecord:
    """One finding as published.

    ``direction`` is ``up`` or ``down`` only for a significant change, ``no
    change`` for a change tested and not significant, and None where nothing
    was tested (a level, or a change that could not be tested fairly).
    """

    section: str
    section_id: str
    id: str
    text: str
    direction: Direction | None
    significant: bool | None
    p_value: float | None
    test: str | None
    compared: list[str] | None
    headline: bool
    current: float | None
    previous: float | None
    unit: str
    lower: float | None
    upper: float | None

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON object (NaN and infinity as null)."""
        return {k: _finite(v) for k, v in asdict(self).items()}


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def direction_of(finding: Finding) -> Direction | None:
    """The direction a finding claims: None when untested, ``no change`` unless significant.

    A finding that compares nothing (a level, even a tested one such as the
    near-repeat ratio) has no direction: there is no rise or fall to claim.

    Examples
    --------
    >>> from svsna.results import Finding
    >>> direction_of(Finding("a", "t", current=5, previous=9, significant=True))
    'down'
    >>> direction_of(Finding("a", "t", current=5, previous=9, significant=False))
    'no change'
    >>> direction_of(Finding("a", "t", current=5)) is None
    True
    >>> direction_of(Finding("a", "t", current=2.4, significant=True)) is None
    True
    """
    if finding.significant is None or finding.previous is None:
        return None
    shown = finding.direction
    return "no change" if shown == "same" else shown


def record(section: Section, finding: Finding) -> FindingRecord:
    """The published record of one finding of ``section``."""
    label = f"{section.number} {section.title}".strip()
    compared = finding.compared
    return FindingRecord(
        section=label,
        section_id=section.id,
        id=finding.id,
        text=finding.text,
        direction=direction_of(finding),
        significant=finding.significant,
        p_value=None if finding.significant is None else finding.p_value,
        test=finding.test,
        compared=list(compared) if compared else None,
        headline=finding.headline,
        current=finding.current, previous=finding.previous,
        unit=finding.unit,
        lower=finding.lower,
        upper=finding.upper,
    )


def finding_records(sections: Iterable[Section]) -> list[FindingRecord]:
    """Every finding of every available section, in report order."""
    return [record(s, f) for s in sections if s.available for f in s.findings]


def findings_json(report: Report) -> str:
    """``findings.json``: the report's findings, then each district profile's.

    Each record names the edition it belongs to, so a restricted file says so
    wherever it travels.
    """
    records = finding_records(report.sections) + finding_records(report.profiles)
    edition = str(report.edition)
    rows = [{**r.to_json(), "edition": edition} for r in records]
    return json.dumps(rows, indent=2, allow_nan=False) + "\n"


__all__ = [
    "Direction",
    "FindingRecord",
    "direction_of",
    "finding_records",
    "findings_json",
    "record",
]
