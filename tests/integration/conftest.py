"""The synthetic demo area, built once per session in both editions (tables only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from svsna.pipeline import build
from svsna.synth import DEMO_SEED, write_area


@pytest.fixture(scope="session")
def demo_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Output folders of the demo area's restricted and public builds (no report files)."""
    root = tmp_path_factory.mktemp("demo")
    write_area(root / "data", seed=DEMO_SEED)
    outs = {}
    for edition in ("restricted", "public"):
        outs[edition] = root / edition
        build(root / "data", outs[edition], edition=edition, formats=())  # type: ignore[arg-type]
    return outs
