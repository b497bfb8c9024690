"""The rule every build keeps, whatever folder it is given, checked as a user meets it.

``svsna build`` ends with exit 0 (a report), 1 (a report; some rows were
rejected) or 2 (one sentence saying what is wrong, nothing written); never a
traceback, never exit 3. Every table's rows read = rows loaded + rows
rejected, every format is written, and no chapter failed on its data.
"""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr
from pathlib import Path
from unittest import mock

import pandas as pd

from svsna.cli import main

FILES = ("index.html", "report.pdf", "report.docx", "tables.xlsx", "manifest.json")


def build_as_a_user(data: Path, out: Path, *options: str) -> tuple[int, str]:
    """Run ``svsna build`` in this process (the PDF too); return its exit code and what it said."""
    said = io.StringIO()
    argv = ["svsna", "build", str(data), "--out", str(out), *options]
    with (
        mock.patch.object(sys, "argv", argv),
        redirect_stderr(said),
        mock.patch("svsna.report.render._cores", return_value=1),
    ):
        try:
            main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 3
        else:
            code = 0
    return code, said.getvalue()


def records(path: Path) -> int:
    """Data records of a CSV file written by :class:`Folder` (blank records are not rows)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=True)
    return len(frame)


def assert_the_rule(data: Path, out: Path, *, edition: str) -> int:
    """Build ``data`` into ``out`` and check the rule; return the exit code."""
    if edition == "restricted":
        out = out.with_name(f"{out.name}-RESTRICTED")
    code, said = build_as_a_user(data, out, "--edition", edition)
    assert "Traceback" not in said, said
    assert code in (0, 1, 2), said
    if code == 2:
        words = " ".join(said.split())
        assert words.startswith("error: ") and words.count("error:") == 1, said
        assert not out.exists(), "a build that stopped wrote a report"
        return code
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name, table in manifest["inputs"].items():
        assert table["rows_read"] == table["rows_loaded"] + table["rows_rejected"], name
    private = out.with_name(f"{out.name}.private")
    rejects = pd.read_csv(private / "rejects.csv", dtype=str)
    assert code == (1 if len(rejects) else 0), said
    for name in FILES:
        assert (out / name).stat().st_size > 0, name
    failed = {k: v for k, v in manifest["sections_left_out"].items() if "could not" in v}
    assert not failed, failed
    return code
