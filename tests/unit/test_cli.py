"""The command line: examples in every help, exit codes, one-sentence errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

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


def _one_sentence(stderr: str) -> str:
    """The error line, wrapped by the terminal, as one sentence."""
    assert "Traceback" not in stderr
    text = " ".join(stderr.split())
    assert text.startswith("error: ") and text.endswith("."), text
    return text


def test_build_prints_the_folder_to_share_and_the_private_one(
    good_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    result = _svsna("build", str(good_folder), "--out", str(out), "--format", "html")
    assert result.returncode == 0, result.stderr
    assert f"the folder to share: {out}" in result.stderr
    assert f"private, never share: {tmp_path / 'report.private'}" in result.stderr
    assert (tmp_path / "report.private" / "warehouse" / "catalog.json").is_file()
    assert not (out / "warehouse").exists() and not (out / "rejects.csv").exists()


@pytest.mark.parametrize("left", ["warehouse.duckdb", "rejects.csv"])
def test_a_public_build_into_an_old_folder_with_records_stops_unless_cleaned(
    good_folder: Path, tmp_path: Path, left: str
) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "index.html").write_text("an earlier report", encoding="utf-8")
    (out / left).write_text("record-level", encoding="utf-8")
    refused = _svsna("build", str(good_folder), "--out", str(out), "--format", "html")
    assert refused.returncode == 2
    assert left in _one_sentence(refused.stderr) and "--clean" in refused.stderr
    assert (out / left).read_text(encoding="utf-8") == "record-level"
    cleaned = _svsna(
        "build", str(good_folder), "--out", str(out), "--format", "html", "--clean"
    )
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (out / left).exists()
    assert "an earlier report" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_build_will_not_replace_a_folder_of_someone_elses_files(
    good_folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = _svsna("build", str(good_folder), "--out", str(tmp_path), "--format", "html")
    assert result.returncode == 2
    assert "svsna did not write" in _one_sentence(result.stderr)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_a_restricted_folder_must_say_so_and_is_never_the_default(
    good_folder: Path, tmp_path: Path
) -> None:
    named = _svsna(
        "build", str(good_folder), "--out", str(tmp_path / "board"), "--edition",
        "restricted", "--format", "html",
    )  # fmt: skip
    assert named.returncode == 2
    assert "board-RESTRICTED" in _one_sentence(named.stderr)
    default = _svsna(
        "build", str(good_folder), "--edition", "restricted", "--format", "html",
        cwd=tmp_path,
    )  # fmt: skip
    assert default.returncode == 0, default.stderr
    folder = tmp_path / "svsna-report-RESTRICTED"
    assert (folder / "RESTRICTED").is_file()
    assert "RESTRICTED" in (folder / "README.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "svsna-report").exists()


def test_the_private_folder_may_not_sit_inside_the_shared_one(
    good_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    for option in ("--private", "--warehouse"):
        result = _svsna(
            "build", str(good_folder), "--out", str(out), option, str(out / "inner"),
        )  # fmt: skip
        assert result.returncode == 2
        assert "meant to be shared" in _one_sentence(result.stderr)
    assert not out.exists()


def test_demo_prints_both_folders(
    good_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import svsna.synth

    monkeypatch.setattr(  # the demo area itself is built by the end-to-end tests
        svsna.synth, "write_area", lambda out, **_: shutil.copytree(good_folder, out)
    )
    demo = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(demo), "--format", "html"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"the folder to share: {demo / 'report'}" in said
    assert f"private, never share: {demo / 'report.private'}" in said


def test_the_readme_says_which_folder_to_share() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "svsna-demo/report/" in readme and "svsna-demo/report.private/" in readme
    assert "share" in readme.split("svsna-demo/report.private/")[1][:400]


def test_a_package_missing_from_the_installation_is_one_sentence(monkeypatch, capsys):
    """A stale environment (a dependency added since it was made) says what to do."""
    import svsna.cli as cli

    def missing(**_: object) -> None:
        raise ModuleNotFoundError("No module named 'networkx'", name="networkx")

    monkeypatch.setattr(cli, "app", missing)
    monkeypatch.setattr(cli.sys, "argv", ["svsna", "demo"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    said = " ".join(capsys.readouterr().err.split())
    assert stopped.value.code == 3
    assert "lacks the package 'networkx'" in said and "Traceback" not in said
