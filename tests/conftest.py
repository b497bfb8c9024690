"""Shared fixtures: a fixed "today" and the tiny data folders under tests/data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make future-date checks independent of the day the tests run."""
    monkeypatch.setenv("SVSNA_TODAY", "2026-11-27")


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    """A copy of the small, valid data folder."""
    folder = tmp_path / "data"
    shutil.copytree(DATA / "good", folder)
    return folder
