"""The two output folders: one build at a time, the report swapped in whole, leftovers undone."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from svsna.errors import SvsnaError
from svsna.publish import OutputFolders


def test_the_private_folder_defaults_to_a_sibling(tmp_path: Path) -> None:
    folders = OutputFolders.for_build(tmp_path / "report")
    assert folders.private == tmp_path / "report.private"
    assert folders.warehouse == tmp_path / "report.private" / "warehouse"


def test_a_report_folder_inside_the_private_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SvsnaError, match="inside the private folder"):
        OutputFolders.for_build(tmp_path / "p" / "report", private=tmp_path / "p")


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report").write_text("x", encoding="utf-8")
    folders = OutputFolders.for_build(tmp_path / "report")
    with pytest.raises(SvsnaError, match="is a file"):
        folders.check_replaceable(clean=False)


def test_the_report_is_swapped_in_only_when_complete(tmp_path: Path) -> None:
    folders = OutputFolders.for_build(tmp_path / "report")
    rejects = folders.private / "rejects.csv"
    with folders.staged() as staging:
        (staging.public / "index.html").write_text("first", encoding="utf-8")
        staging.write_private(rejects, "first")
        assert not rejects.exists()
    with pytest.raises(RuntimeError), folders.staged() as staging:
        (staging.public / "index.html").write_text("half", encoding="utf-8")
        staging.write_private(rejects, "half")
        raise RuntimeError("the build failed part-way")
    assert (tmp_path / "report" / "index.html").read_text(encoding="utf-8") == "first"
    assert rejects.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "report.private"]
    assert [p.name for p in folders.private.iterdir()] == ["rejects.csv"]


def test_what_a_killed_build_left_is_undone_by_the_next(tmp_path: Path) -> None:
    """Killed between moving the old report aside and moving the new one in."""
    aside = tmp_path / ".report.previous-4242"
    aside.mkdir()
    (aside / "index.html").write_text("previous", encoding="utf-8")
    (tmp_path / ".report.building-4243").mkdir()
    folders = OutputFolders.for_build(tmp_path / "report")
    with folders.locked():
        assert (tmp_path / "report" / "index.html").read_text(encoding="utf-8") == (
            "previous"
        )
    assert not aside.exists() and not (tmp_path / ".report.building-4243").exists()


def test_a_second_build_into_the_same_folder_waits_for_the_first(
    good_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    folders = OutputFolders.for_build(out)
    with folders.locked():
        second = subprocess.Popen(
            [sys.executable, "-m", "svsna", "build", str(good_folder), "--out", str(out),
             "--format", "html"],
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert second.stderr is not None
        said = second.stderr.readline()
        deadline = time.monotonic() + 120
        while "waiting" not in said and said and time.monotonic() < deadline:
            said = second.stderr.readline()
        assert f"Another build is writing {out}; waiting" in said
        time.sleep(0.5)
        assert second.poll() is None and not out.exists()
    rest = second.communicate(timeout=300)[1]
    assert second.returncode == 0, rest
    assert (out / "index.html").is_file()
