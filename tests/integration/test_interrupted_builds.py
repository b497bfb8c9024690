"""A build killed at any stage leaves the previous report and warehouse readable.

A first build of the tiny good folder is the "previous" one; then the small
area is built into the same folders and killed (SIGKILL: nothing of svsna
runs after it) while it writes the warehouse, and while it renders.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from svsna.pipeline import build
from svsna.warehouse import Warehouse

pytestmark = pytest.mark.slow


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _warehouse_writing(root: Path) -> bool:
    # The warehouse is written aside (.warehouse.<pid>.next) and adopted at the end.
    return any((root / "report.private").glob("*/.building-*"))


def _rendering(root: Path) -> bool:
    return any(
        p.is_file() for s in root.glob(".report.building-*") for p in s.rglob("*")
    )


@pytest.mark.parametrize(
    "stage", [_warehouse_writing, _rendering], ids=["warehouse", "render"]
)
def test_a_build_killed_part_way_leaves_the_previous_report_and_warehouse(
    good_folder: Path, small_area: Path, tmp_path: Path, stage: object
) -> None:
    out = tmp_path / "report"
    build(good_folder, out, formats=("html",))
    before = _digest(out)
    command = [sys.executable, "-m", "svsna", "build", str(small_area), "--out", str(out),
               "--format", "html,docx,xlsx"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while (
        not stage(tmp_path) and process.poll() is None and time.monotonic() < deadline
    ):  # type: ignore[operator]
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _digest(out) == before
    with Warehouse.open(tmp_path / "report.private" / "warehouse") as warehouse:
        assert warehouse.scalar("SELECT count(*) FROM occurrences") == 3
    again = build(
        good_folder, out, formats=("html",)
    )  # the next build undoes the leftovers
    assert again.out_dir == out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".report.lock", "data", "report", "report.private"
    ]  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "report.private").iterdir()) == [
        "README.txt", "manifest.json", "rejects.csv", "warehouse"
    ]  # fmt: skip
