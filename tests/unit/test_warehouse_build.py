"""Warehouse builds are idempotent and atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from svsna.errors import SvsnaError
from svsna.load import load_folder
from svsna.warehouse import Warehouse, build_warehouse
from svsna.warehouse.catalog import read_catalog


def _build(folder: Path, target: Path) -> None:
    loaded = load_folder(folder)
    build_warehouse(
        target, loaded.arrow_tables(), rejects=loaded.rejects, metadata={"k": "v"}
    )


def _snapshot(target: Path) -> dict[str, list[tuple]]:
    names = [t.name for t in read_catalog(target).tables]
    with Warehouse.open(target) as warehouse:
        return {
            n: sorted(
                (tuple(row.values()) for row in warehouse.arrow(f"SELECT * FROM {n}").to_pylist()),
                key=repr,
            )
            for n in names
        }


def test_loading_the_same_inputs_twice_gives_the_same_warehouse(
    good_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "wh"
    _build(good_folder, target)
    first = _snapshot(target)
    _build(good_folder, target)
    assert _snapshot(target) == first
    assert len(first["occurrences"]) == 3
    assert len(first["persons"]) == 3


def test_a_failed_build_leaves_the_previous_warehouse(
    good_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "wh"
    _build(good_folder, target)
    before = _snapshot(target)
    small = pa.table({"x": [1, 2]})
    twice = pa.Table.from_arrays([pa.array([1]), pa.array([2])], names=["x", "x"])
    bad = {"a_table": small, "b_table": twice, "occurrences": small}  # fails mid-way
    with pytest.raises(SvsnaError, match="previous warehouse"):
        build_warehouse(target, bad, rejects=pd.DataFrame(), metadata={})
    assert _snapshot(target) == before
    assert not list(target.glob(".building-*"))
    assert len(list(target.glob("g-*"))) == 1


def test_a_table_name_no_engine_can_hold_is_refused(tmp_path: Path) -> None:
    small = pa.table({"x": [1, 2]})
    with pytest.raises(SvsnaError, match="letters, digits and _ only"):
        build_warehouse(
            tmp_path / "wh", {'broken"name': small}, rejects=pd.DataFrame(), metadata={}
        )


def test_dated_tables_are_split_by_financial_year(
    good_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "wh"
    _build(good_folder, target)
    catalog = read_catalog(target)
    stored = {t.name: t for t in catalog.tables}
    assert stored["occurrences"].partitioned
    assert not stored["persons"].partitioned
    years = sorted(p.name for p in stored["occurrences"].folder.iterdir())
    # good/occurrences.csv: 2024-01-01 (FY 2023/24) to 2024-05-02 (FY 2024/25)
    assert years == ["svsna_fy=2023", "svsna_fy=2024"]
    with Warehouse.open(target) as warehouse:
        assert "svsna_fy" not in warehouse.columns("occurrences")


def test_a_dated_table_of_headers_only_is_an_empty_table(
    good_folder: Path, tmp_path: Path
) -> None:
    # Found by the nasty corpus: with no rows there is no year to split by, and
    # an engine finds no file to read; the table must still be there, empty.
    folder = tmp_path / "headers_only"
    folder.mkdir()
    for source in good_folder.iterdir():
        text = source.read_text()
        if source.name == "occurrences.csv":
            text = text.splitlines()[0] + "\n"
        (folder / source.name).write_text(text)
    target = tmp_path / "wh"
    _build(folder, target)
    with Warehouse.open(target) as warehouse:
        assert warehouse.arrow("SELECT * FROM occurrences").num_rows == 0
        columns = warehouse.columns("occurrences") or []
        assert "occurrence_id" in columns and "svsna_fy" not in columns


def test_a_build_killed_part_way_leaves_the_previous_warehouse_readable(
    good_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "wh"
    _build(good_folder, target)
    before = _snapshot(target)
    script = textwrap.dedent(
        f"""
        import pyarrow as pa, pandas as pd
        from pathlib import Path
        from svsna.warehouse import build_warehouse
        big = {{f"t{{i}}": pa.table({{"x": pa.array(range(3_000_000))}}) for i in range(40)}}
        rejects = pd.DataFrame({{"a": [1]}})
        build_warehouse(Path({str(target)!r}), big, rejects=rejects, metadata={{}})
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while (
        not list(target.glob(".building-*")) and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed"
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _snapshot(target) == before
    with Warehouse.open(target) as warehouse:
        assert warehouse.scalar("SELECT count(*) FROM occurrences") == 3
    _build(good_folder, target)  # the next build cleans up what the killed one left
    assert not list(target.glob(".building-*"))
    assert len(list(target.glob("g-*"))) == 1
