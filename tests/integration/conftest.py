"""The synthetic demo area, built once per session in both editions (tables, and the
public edition's HTML), and a
small area cut from it, built by the command line in both editions with every format and
the network cut."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from offline import run_offline
from small_area import write_small_area

from svsna.pipeline import build
from svsna.synth import DEMO_SEED, write_area


@pytest.fixture(scope="session")
def demo_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Output folders of the demo area's restricted and public builds.

    The public one has its ``index.html`` (the chapters' screenshots are of
    it); neither has the other report files.
    """
    root = tmp_path_factory.mktemp("demo")
    write_area(root / "data", seed=DEMO_SEED)
    outs = {}
    for edition, formats in (("restricted", ()), ("public", ("html",))):
        outs[edition] = root / edition
        build(root / "data", outs[edition], edition=edition, formats=formats)  # type: ignore[arg-type]
    return outs


@dataclass(frozen=True)
class OfflineBuild:
    """One ``svsna build`` of the small area, run with the network cut."""

    data: Path
    out: Path
    private: Path
    exit_code: int
    stderr: str
    network_attempts: list[str]


@pytest.fixture(scope="session")
def small_area(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small area (every table, rejects planted), written once per session."""
    root = tmp_path_factory.mktemp("small")
    return write_small_area(root / "data", tmp_path_factory.mktemp("full-area"))


@pytest.fixture(scope="session")
def offline_builds(
    small_area: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, OfflineBuild]:
    """``svsna build`` of the small area in each edition, every format, no network."""
    root = tmp_path_factory.mktemp("offline")
    builds = {}
    for edition, name in (("public", "report"), ("restricted", "report-RESTRICTED")):
        out = root / name
        result, attempts = run_offline(
            [
                "-m",
                "svsna",
                "build",
                str(small_area),
                "--out",
                str(out),
                "--edition",
                edition,
            ],
            guard_dir=root / "guard",
            env={"SVSNA_TODAY": "2026-11-27"},
        )
        private = out.with_name(f"{name}.private")
        builds[edition] = OfflineBuild(
            small_area, out, private, result.returncode, result.stderr, attempts
        )
    return builds
