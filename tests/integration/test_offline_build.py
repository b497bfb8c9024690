"""No network, ever (issue 14.4): a full build with the network cut renders every format.

The small area (every table) is built by the command line in both editions,
every format, in a new network namespace where Linux allows one and in any
case with a socket guard in every Python process that refuses and records
each connection (:mod:`offline`). Nothing may be attempted, and every file
of every format must be there, non-empty and whole.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from offline import run_offline

if TYPE_CHECKING:
    from conftest import OfflineBuild

pytestmark = pytest.mark.slow


def test_the_guard_refuses_and_records_a_connection(tmp_path: Path) -> None:
    """The guard the builds run under would catch a build that reached out."""
    result, attempts = run_offline(
        ["-c", "import socket; socket.create_connection(('pypi.org', 443), timeout=5)"],
        guard_dir=tmp_path / "guard",
    )
    assert result.returncode != 0
    assert attempts and "create_connection" in attempts[0]


@pytest.mark.parametrize("edition", ["public", "restricted"])
def test_a_build_with_the_network_cut_renders_every_format(
    offline_builds: dict[str, OfflineBuild], edition: str
) -> None:
    built = offline_builds[edition]
    assert built.exit_code == 1, (
        built.stderr
    )  # the small area has rows planted to reject
    assert built.network_attempts == []
    report = built.out
    assert (report / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (report / "report.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    for office in ("report.docx", "tables.xlsx"):
        with zipfile.ZipFile(report / office) as archive:
            assert archive.testzip() is None, office
    html = (report / "index.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    tables = sorted((report / "tables").glob("*.csv"))
    assert len(tables) > 50 and all(t.stat().st_size > 0 for t in tables)
    profiles = sorted((report / "profiles").iterdir())
    assert {p.suffix for p in profiles} == {".html", ".pdf"}
    assert all(p.stat().st_size > 0 for p in profiles)
    assert (report / "findings.json").stat().st_size > 0
