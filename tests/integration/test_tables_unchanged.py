"""Every table of the demo area's build, byte for byte, against the recorded fingerprints.

A refactoring (moving chapters between modules, folding helpers) must not
change one byte of any table in either edition. A change that is meant to
change tables records the new fingerprints on purpose:

    SVSNA_RECORD_TABLES=1 python -m uv run pytest tests/integration/test_tables_unchanged.py

and the diff of ``tests/data/golden/table_fingerprints.json`` shows which
tables moved, for review.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

RECORD = Path(__file__).parents[1] / "data" / "golden" / "table_fingerprints.json"
pytestmark = pytest.mark.slow


def fingerprints(outs: dict[str, Path]) -> dict[str, str]:
    """SHA-256 of every table CSV of each edition, by ``edition/tables/<id>.csv``."""
    return {
        f"{edition}/{path.relative_to(out).as_posix()}": hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for edition, out in sorted(outs.items())
        for path in sorted((out / "tables").rglob("*.csv"))
    }


def test_every_table_is_byte_for_byte_the_recorded_one(
    demo_builds: dict[str, Path],
) -> None:
    got = fingerprints(demo_builds)
    if os.environ.get("SVSNA_RECORD_TABLES") == "1":
        RECORD.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(RECORD.read_text())
    changed = sorted(k for k in recorded.keys() & got.keys() if recorded[k] != got[k])
    assert not changed, f"tables changed: {changed}"
    assert sorted(got.keys() - recorded.keys()) == [], "tables added"
    assert sorted(recorded.keys() - got.keys()) == [], "tables gone"
