"""Issue 12.4: arrows on headline measures stand; every other test is BH-adjusted."""

from __future__ import annotations

import pytest

from svsna.analyses.core.multiplicity import adjust_findings
from svsna.config import load_definition
from svsna.results import Finding, Section


def _change(finding_id: str, p: float) -> Finding:
    return Finding(
        finding_id, "t", current=12, previous=10, significant=p < 0.05, p_value=p,
        current_label="b", previous_label="a",
    )


def test_other_changes_are_adjusted_together_and_headlines_stand() -> None:
    # Not headline: 0.01, 0.04, 0.2. BH over three: 0.01*3/1 = 0.03,
    # 0.04*3/2 = 0.06, 0.2*3/3 = 0.2 (already increasing). The headline
    # sv_change at 0.04 keeps its p and its arrow.
    sections = [
        Section("a", "1", "A", findings=(_change("sv_change", 0.04), _change("x", 0.01))),
        Section("b", "2", "B", findings=(_change("y", 0.04), _change("z", 0.2),
                                         Finding("level", "a level", current=3))),
        # A tested level (the near-repeat ratio, adjusted across its own bands)
        # is no change between periods: left as it is, and not counted.
        Section("c", "3", "C", findings=(
            Finding("near", "ratio", current=2.4, significant=True, p_value=0.01),
        )),
    ]
    out = adjust_findings(sections, load_definition())
    got = {f.id: f for s in out for f in s.findings}
    assert got["sv_change"].p_value == 0.04 and got["sv_change"].significant is True
    assert got["sv_change"].headline is True
    assert got["x"].p_value == pytest.approx(0.03) and got["x"].significant is True
    assert got["y"].p_value == pytest.approx(0.06) and got["y"].significant is False
    assert got["z"].p_value == pytest.approx(0.2)
    assert "Benjamini-Hochberg" in (got["y"].test or "")
    assert got["level"].p_value is None and got["level"].significant is None
    assert got["near"].p_value == 0.01 and got["near"].significant is True
    assert got["near"].test is None
