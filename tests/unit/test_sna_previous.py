"""--previous: an earlier build read back from its report folder only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from svsna.errors import SvsnaError
from svsna.results.previous import read_previous


def _build_folder(folder: Path, *, restricted: bool = False) -> Path:
    (folder / "tables").mkdir(parents=True)
    manifest = {
        "definition": {"settings": {"name": "Old", "hotspots": {"top_n": 15}}},
        "inputs": {"occurrences": {}, "persons": {}},
        "settings": {"file": "sna.yaml", "sha256": "abc"},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    findings = [{"section_id": "s", "id": "f", "direction": "up"}]
    (folder / "findings.json").write_text(json.dumps(findings), encoding="utf-8")
    mark = "# RESTRICTED: exact numbers, not for publication\n" if restricted else ""
    (folder / "tables" / "hotspots.csv").write_text(
        mark + "rank,neighbourhood,total\n1,Abbey,[c]\n2,NA,\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("restricted", [False, True])
def test_an_earlier_build_is_read_as_text(tmp_path: Path, restricted: bool) -> None:
    old = read_previous(_build_folder(tmp_path / "old", restricted=restricted))
    assert old.name == "old"
    assert old.inputs == frozenset({"occurrences", "persons", "sna.yaml"})
    assert old.definition["hotspots"] == {"top_n": 15}
    assert old.findings[0]["direction"] == "up"
    hotspots = old.table("hotspots")
    # Every cell stays text: [c], an area called "NA" and a blank are kept as written.
    assert hotspots.values.tolist() == [["1", "Abbey", "[c]"], ["2", "NA", ""]]
    assert old.table("missing") is None


def test_a_folder_that_is_not_a_build_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SvsnaError, match="does not exist"):
        read_previous(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SvsnaError, match="has no manifest.json"):
        read_previous(tmp_path / "empty")
    folder = _build_folder(tmp_path / "bad")
    (folder / "findings.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SvsnaError, match="cannot be read as JSON"):
        read_previous(folder)


def test_build_with_a_bad_previous_stops_before_loading(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "svsna", "build", str(tmp_path / "no-data"),
         "--out", str(tmp_path / "out"), "--previous", str(tmp_path / "no-build")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "The earlier build" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
