"""The folder a user shares holds only what may be shared (issue 20).

The small area (every table, with rejected rows planted) is built by the
command line in both editions; the publishable folder of the public build is
then searched, file by file and inside every xlsx, docx and PDF, for anything
record-level from the inputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from small_area import PLANTED, PLANTED_ID, record_ids, texts, tokens

if TYPE_CHECKING:
    from conftest import OfflineBuild

pytestmark = pytest.mark.slow
REPORT_FILES = {
    "index.html",
    "report.pdf",
    "report.docx",
    "tables.xlsx",
    "manifest.json",
}


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_build_says_rows_were_rejected_and_writes_both_folders(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    for built in offline_builds.values():
        assert built.exit_code == 1, built.stderr
        assert "Traceback" not in built.stderr
        assert REPORT_FILES | {"README.txt"} <= {p.name for p in built.out.iterdir()}
        assert {p.name for p in built.private.iterdir()} == {
            "README.txt",
            "manifest.json",
            "rejects.csv",
            "warehouse",
        }


def test_the_public_folder_holds_no_record_and_no_path(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    built = offline_builds["public"]
    ids = record_ids(built.data)
    rejected = pd.read_csv(built.private / "rejects.csv", dtype=str)["value"].dropna()
    assert set(PLANTED) <= set(rejected), "the planted values were not rejected"
    assert len(ids) > 5000 and PLANTED_ID in ids
    paths = {str(built.data), str(built.data.resolve()), str(built.private)}
    paths |= {str(p.resolve()) for p in built.data.iterdir()}
    found = []
    for path in _files(built.out):
        assert path.suffix not in (".duckdb", ".wal", ".parquet") and path.name != "rejects.csv"
        for part, text in texts(path):
            words = tokens(text)
            found += [(part, "id", i) for i in sorted(ids & words)[:3]]
            found += [(part, "rejected", v) for v in set(rejected) if v in text]
            found += [(part, "path", p) for p in paths if p in text]
    assert not found, found[:20]


def test_the_public_manifest_names_inputs_within_the_data_folder_only(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    built = offline_builds["public"]
    shared = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    full = json.loads((built.private / "manifest.json").read_text(encoding="utf-8"))
    files = shared["inputs"]["occurrences"]["files"]
    assert [f["path"] for f in files] == ["occurrences.csv"]
    assert full["inputs"]["occurrences"]["files"][0]["path"] == str(
        built.data / "occurrences.csv"
    )
    assert full["data_dir"] == str(built.data.resolve())
    assert "data_dir" not in shared and "warehouse" not in shared
    # The planted role (required) rejects its row; the planted sex (optional)
    # is set to unknown and its row stays.
    assert shared["inputs"]["persons"]["rows_rejected"] == 1
    assert shared["inputs"]["persons"]["values_set_to_unknown"] == 1


def test_each_folder_says_what_it_is_and_who_may_see_it(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    public = offline_builds["public"]
    readme = (public.out / "README.txt").read_text(encoding="utf-8")
    assert "This is the folder to share" in readme
    assert "report.private" in readme and "never share that one" in readme
    private = (public.private / "README.txt").read_text(encoding="utf-8")
    assert "Never share it" in private and "warehouse/" in private
    assert not (public.out / "RESTRICTED").exists()


def test_every_file_of_the_restricted_folder_says_it_is_restricted(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    built = offline_builds["restricted"]
    assert "RESTRICTED" in built.out.name
    assert (
        (built.out / "RESTRICTED").read_text(encoding="utf-8").startswith("RESTRICTED")
    )
    unmarked = [
        path.relative_to(built.out).as_posix()
        for path in _files(built.out)
        if not any("RESTRICTED" in text for _, text in texts(path))
        and not (
            path.suffix == ".json" and '"edition": "restricted"' in path.read_text()
        )
    ]
    assert unmarked == []


def test_the_restricted_tables_are_exact_under_their_marker_line(
    offline_builds: dict[str, OfflineBuild],
) -> None:
    tables = offline_builds["restricted"].out / "tables"
    first = (tables / "sv_yearly.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert first[0].startswith("# RESTRICTED")
    assert first[1] == "measure,group,year,all,victims_18_under,suspects_18_under"
    public = offline_builds["public"].out / "tables" / "sv_yearly.csv"
    assert public.read_text(encoding="utf-8").startswith("measure,group,year")
