"""The command line: examples in every help, exit codes, one-sentence errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from svsna.cli import app

BAD = Path(__file__).parents[1] / "data" / "bad"


def _commands() -> list[tuple[str, Any]]:
    root: Any = typer.main.get_command(app)
    found = [("svsna", root)]
    for name, command in root.commands.items():
        found.append((name, command))
        if hasattr(command, "commands"):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: str(v))
def test_every_help_shows_an_example(name: str, command: Any) -> None:
    assert command.help, f"{name} has no help"
    assert "Example: svsna" in command.help, f"{name} help has no example"


def _svsna(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "svsna", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={"SVSNA_TODAY": "2026-11-27", "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
    )


def test_validate_exit_0_when_every_row_is_good(
    good_folder: Path, tmp_path: Path
) -> None:
    result = _svsna("validate", str(good_folder), "--rejects", str(tmp_path / "r.csv"))
    assert result.returncode == 0, result.stderr
    assert "occurrences" in result.stderr and "persons" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_validate_exit_1_and_rejects_file_when_rows_are_rejected(
    good_folder: Path, tmp_path: Path
) -> None:
    shutil.copy(BAD / "occurrences_invalid_date.csv", good_folder / "occurrences.csv")
    (good_folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    rejects = tmp_path / "r.csv"
    result = _svsna("validate", str(good_folder), "--rejects", str(rejects))
    assert result.returncode == 1, result.stderr
    lines = rejects.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "table,file,line,column,value,rule,action"
    assert lines[1] == (
        "occurrences,occurrences.csv,2,committed_date,2024-13-01,invalid_date,"
        "row rejected"
    )
    assert len(lines) == 4


def test_validate_exit_2_when_a_required_table_is_missing(good_folder: Path) -> None:
    (good_folder / "persons.csv").unlink()
    result = _svsna("validate", str(good_folder))
    assert result.returncode == 2
    assert "persons" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_exit_2_when_a_required_column_is_missing(good_folder: Path) -> None:
    shutil.copy(BAD / "occurrences_missing_column.csv", good_folder / "occurrences.csv")
    result = _svsna("validate", str(good_folder))
    assert result.returncode == 2
    assert "committed_date" in result.stderr


def test_errors_are_one_sentence_without_traceback(tmp_path: Path) -> None:
    result = _svsna("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "does not exist" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _svsna("--debug", "validate", str(tmp_path / "nowhere"))
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_unknown_config_is_a_clear_error(good_folder: Path, tmp_path: Path) -> None:
    result = _svsna(
        "build", str(good_folder), "--out", str(tmp_path / "o"), "--config", "nope"
    )
    assert result.returncode == 2
    assert "No definition file or shipped definition called 'nope'" in result.stderr
