"""Chapters are declared once, numbered by the definition, and checked before any data load."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import svsna.analyses as analyses
from svsna.analyses import CHAPTERS, chapters_of
from svsna.analyses.core.chapter import Chapter
from svsna.analyses.runner import numbered
from svsna.config import load_definition
from svsna.errors import SvsnaError
from svsna.pipeline import build, chapter_inputs

DEFAULTS = Path(analyses.__file__).parents[1] / "config" / "defaults.yaml"


def _definition_with_chapters(tmp_path: Path, chapters: list[str]) -> Path:
    text = DEFAULTS.read_text(encoding="utf-8")
    start = text.index("chapters:\n")
    end = text.index("\n\n", start)
    listed = "chapters:\n" + "".join(f"  - {c}\n" for c in chapters)
    path = tmp_path / "definition.yaml"
    path.write_text(text[:start] + listed + text[end + 1 :], encoding="utf-8")
    return path


def test_every_chapter_module_declares_one_chapter_and_is_registered() -> None:
    """A module with an ``analyse`` function is a chapter: declared once, registered."""
    declared = []
    for info in pkgutil.walk_packages(analyses.__path__, "svsna.analyses."):
        module = importlib.import_module(info.name)
        if inspect.isfunction(getattr(module, "analyse", None)):
            chapter = module.CHAPTER
            assert isinstance(chapter, Chapter), info.name
            assert chapter.compute is module.analyse, info.name
            declared.append(chapter)
    assert sorted(c.id for c in declared) == sorted(CHAPTERS)
    assert all(CHAPTERS[c.id] is c for c in declared)


def test_numbers_follow_the_definitions_order(tmp_path: Path) -> None:
    order = ["fire", "qualifiers", "ed", "ambulance", "hidden_violence", "outcomes"]
    definition = load_definition(_definition_with_chapters(tmp_path, order))
    got = [(c.id, n) for c, n in numbered(chapters_of(definition))]
    assert got == [
        ("fire", "1"),
        ("qualifiers", "2"),
        ("ed", "3.1"),
        ("ambulance", "3.2"),
        ("hidden_violence", "3.3"),
        ("outcomes", "4"),
    ]


def test_a_misspelt_chapter_stops_before_any_data_are_read(tmp_path: Path) -> None:
    config = _definition_with_chapters(tmp_path, ["qualifiers", "hotspot"])
    with pytest.raises(SvsnaError) as caught:
        # The data folder does not exist: the definition must fail first.
        build(tmp_path / "no-such-folder", tmp_path / "out", config=config, formats=())
    message = str(caught.value)
    assert "'hotspot'" in message and "'hotspots'" in message
    assert caught.value.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_chapter_inputs_say_what_a_folder_enables(good_folder: Path) -> None:
    rows = {r.chapter.id: r for r in chapter_inputs(None, good_folder)}
    assert rows["qualifiers"].runnable is True
    assert rows["hotspots"].runnable is False  # no neighbourhoods table
    assert rows["hotspots"].chapter.needs == ("occurrences", "neighbourhoods")
    assert [r.number for r in chapter_inputs()][:3] == ["1", "2", "3"]


def test_svsna_chapters_lists_them(good_folder: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "svsna", "chapters", str(good_folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "night_time_economy" in ok.stdout and "nte_areas (missing)" in ok.stdout
    config = _definition_with_chapters(tmp_path, ["firee"])
    bad = subprocess.run(
        [sys.executable, "-m", "svsna", "chapters", "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "'fire'" in bad.stderr and "Traceback" not in bad.stderr
