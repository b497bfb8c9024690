"""A chapter that fails on its data costs only itself (issue 14.1).

Its section says in one line, in every medium, that it could not be
computed (naming the kind of error, never a value from the data), the
manifest lists it, the command line warns, and the rest of the report is
built. ``--debug`` lets the error through so that it can be reported.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from docx import Document
from pypdf import PdfReader

from svsna.analyses import runner
from svsna.analyses.core.chapter import Chapter, Heading
from svsna.errors import SvsnaError
from svsna.pipeline import build
from svsna.report.view import left_out_line
from svsna.results import Section

if TYPE_CHECKING:
    from svsna.analyses import Context

FAILING = "qualifiers"
LINE = "Not produced: it could not be computed from these data (ValueError)"


def _boom(ctx: Context, heading: Heading) -> Section:
    raise ValueError("secret-value-42 from a record")


def _refuse(ctx: Context, heading: Heading) -> Section:
    raise SvsnaError("a sentence for the user")


class _Everything:
    """A context holding every input (all a chapter's run asks of it here)."""

    def missing(self, *names: str) -> tuple[str, ...]:
        return ()


CTX: Any = _Everything()


def _chapter(compute: Any) -> Chapter:
    return Chapter(id="x", title="X", compute=compute, needs=("occurrences",))


def test_a_failing_chapter_is_one_line_without_the_data() -> None:
    section = _chapter(_boom).run(CTX, "4", strict=False)
    assert not section.available and section.number == "4" and section.title == "X"
    assert left_out_line(section).startswith(LINE)
    assert "secret-value-42" not in left_out_line(section)


def test_strict_runs_and_svsna_errors_let_the_error_through() -> None:
    with pytest.raises(ValueError, match="secret-value-42"):
        _chapter(_boom).run(CTX)
    with pytest.raises(SvsnaError):
        _chapter(_refuse).run(CTX, strict=False)


@pytest.fixture
def failing_chapter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The definition's FAILING chapter raises on any data."""
    chapters_of = runner.chapters_of

    def with_a_failure(definition: Any) -> tuple[Chapter, ...]:
        return tuple(
            dataclasses.replace(c, compute=_boom) if c.id == FAILING else c
            for c in chapters_of(definition)
        )

    monkeypatch.setattr(runner, "chapters_of", with_a_failure)


@pytest.mark.usefixtures("failing_chapter")
def test_the_rest_of_the_report_is_built_and_every_medium_says_why(
    good_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from svsna.cli import main

    out = tmp_path / "report-RESTRICTED"
    argv = ["svsna", "build", str(good_folder), "--out", str(out)]
    argv += ["--edition", "restricted", "--format", "html,docx,pdf"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 0
    assert "not produced: it could not be computed" in " ".join(
        capsys.readouterr().err.split()
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sections_left_out"][FAILING].startswith(LINE)
    assert "near_repeat" in manifest["tables"]  # the chapters after it were computed
    assert LINE in (out / "index.html").read_text(encoding="utf-8")
    words = [p.text for p in Document(str(out / "report.docx")).paragraphs]
    assert any(w.startswith(LINE) for w in words)
    pages = PdfReader(out / "report.pdf").pages
    pdf = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert LINE in pdf
    assert "secret-value-42" not in pdf


@pytest.mark.usefixtures("failing_chapter")
def test_debug_lets_the_error_through(good_folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="secret-value-42"):
        build(good_folder, tmp_path / "report", formats=(), debug=True)
