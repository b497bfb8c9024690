"""No process a build starts outlives it: not on success, failure, Ctrl+C or SIGKILL.

A build spawns second processes (the print formats, the places chapters) and,
with them, multiprocessing's resource tracker. Each is looked for in /proc as
a child of the process that ran the build, before and after it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest

from svsna.errors import SvsnaError
from svsna.pipeline import build

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)"
)

PRINTED = ("html", "pdf", "docx")


def _parents() -> dict[int, int]:
    """Every live (not zombie) process's parent, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        state, ppid = text.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            parents[int(stat.parent.name)] = int(ppid)
    return parents


def _descendants(pid: int) -> set[int]:
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.fixture
def no_new_children() -> object:
    """Fail the test if a child of this process started during it is still alive."""
    before = _descendants(os.getpid())
    yield
    left = _descendants(os.getpid()) - before
    assert not left, f"processes outlived the build: {sorted(left)}"


def _cores(count: int) -> object:
    """Say the machine has ``count`` cores, so the build starts its second processes."""
    return mock.patch("svsna.report.render._cores", return_value=count)


@pytest.mark.usefixtures("no_new_children")
def test_a_finished_build_leaves_no_process(good_folder: Path, tmp_path: Path) -> None:
    with _cores(2):
        build(good_folder, tmp_path / "report", formats=PRINTED)
    assert (tmp_path / "report" / "report.docx").is_file()


@pytest.mark.usefixtures("no_new_children")
def test_a_build_stopped_by_its_data_leaves_no_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "occurrences.csv").write_text("not,a,contract\n1,2,3\n", encoding="utf-8")
    with _cores(2), pytest.raises(SvsnaError):
        build(data, tmp_path / "report", formats=PRINTED)


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
@pytest.mark.usefixtures("no_new_children")
def test_a_build_interrupted_while_rendering_leaves_no_process(
    good_folder: Path, tmp_path: Path, error: type[BaseException]
) -> None:
    with (
        _cores(2),
        mock.patch("svsna.pipeline.render_report", side_effect=error),
        pytest.raises(error),
    ):
        build(good_folder, tmp_path / "report", formats=PRINTED)


@pytest.mark.slow
def test_a_build_killed_outright_leaves_no_process(
    good_folder: Path, tmp_path: Path
) -> None:
    """SIGKILL runs nothing of the build: its workers notice and leave by themselves."""
    command = [sys.executable, "-m", "svsna", "build", str(good_folder),
               "--out", str(tmp_path / "report"), "--format", "html,pdf,docx"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 3 and process.poll() is None and time.monotonic() < deadline:
        workers = _descendants(process.pid)  # two workers and the resource tracker
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while (left := workers & set(_parents())) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"processes outlived the killed build: {sorted(left)}"
