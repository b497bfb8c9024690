"""Benchmark: linking the synthetic area's people across every partner table (Splink, DuckDB).

Writes the synthetic area (scale 1), loads it and builds its warehouse once,
then runs the build's link stage (:func:`svsna.warehouse.link_people`) on a
fresh copy of that warehouse ``--runs`` times: wall seconds and the
process's CPU seconds (all threads), the records, people and pairs, and the
precision and recall against the area's truth. On a shared machine the wall
time is an upper bound; the load average is printed beside it.

Run: .venv/bin/python bench/bench_linkage.py [--out DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from svsna.config import load_definition
from svsna.load import load_folder
from svsna.stats.linkage import pair_counts
from svsna.synth import DEMO_SEED, write_area
from svsna.warehouse import Warehouse, build_warehouse, link_people


def _warehouse(out: Path) -> Path:
    base = out / "base-warehouse"
    if not base.exists():
        write_area(out / "data", seed=DEMO_SEED)
        loaded = load_folder(out / "data")
        build_warehouse(
            base, loaded.checked_tables(), rejects=loaded.rejects, metadata={}
        )
    return base


def _accuracy(warehouse: Warehouse) -> str:
    known = warehouse.query(
        "SELECT t.dataset || ':' || t.record_id AS record, t.person, "
        "COALESCE(l.person_key, t.dataset || ':' || t.record_id) AS linked "
        "FROM linkage_truth t LEFT JOIN person_links l USING (dataset, record_id)"
    ).set_index("record")
    counts = pair_counts(known["linked"], known["person"])
    return f"precision {counts.precision:.2f}%, recall {counts.recall:.2f}%"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="svsna-bench-linkage-"))
    out.mkdir(parents=True, exist_ok=True)
    base = _warehouse(out)
    linkage = load_definition().people_over_time.linkage
    walls, cpus = [], []
    for run in range(args.runs):
        copy = out / f"run{run}-warehouse"
        shutil.copytree(base, copy)
        load = os.getloadavg()[0]
        with Warehouse.open(copy) as warehouse:
            wall, cpu = time.perf_counter(), time.process_time()
            result = link_people(warehouse, linkage)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            accuracy = _accuracy(warehouse)
        walls.append(wall)
        cpus.append(cpu)
        print(
            f"run {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, load {load:.1f}; {result}"
        )
        shutil.rmtree(copy)
    print(
        f"median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU"
    )
    print(accuracy)


if __name__ == "__main__":
    main()
