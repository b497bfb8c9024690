"""Benchmark: what the places-over-time chapters add to the demo build.

Writes the synthetic area (scale 1) and builds its warehouse (restricted
edition, tables only), then runs chapter 5 (hotspots) first, as a build does,
so that the spatial extension and libpysal are already loaded, and times
``emerging_hotspots``, ``near_repeat`` and ``harm`` one by one: wall seconds
and the process's CPU seconds (all threads). On a shared machine the wall
time is an upper bound; the CPU time is what the chapters cost.

Run: .venv/bin/python bench/bench_places_over_time.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from svsna.analyses import CHAPTERS, make_context
from svsna.config import load_definition
from svsna.pipeline import build
from svsna.synth import DEMO_SEED, write_area
from svsna.warehouse import Warehouse

CHAPTER_IDS = ("emerging_hotspots", "near_repeat", "harm")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="svsna-bench-places-"))
    private = out / "report.private"
    if not (private / "warehouse" / "catalog.json").exists():
        write_area(out / "data", seed=DEMO_SEED)
        build(
            out / "data",
            out / "report-RESTRICTED",
            edition="restricted",
            formats=(),
            private_dir=private,
        )
    with Warehouse.open(private / "warehouse") as warehouse:
        tables = frozenset(
            warehouse.query("SELECT table_name FROM information_schema.tables")[
                "table_name"
            ]
        )
        ctx = make_context(warehouse, load_definition(), tables)
        CHAPTERS["hotspots"].run(ctx)
        load = os.getloadavg()[0]
        print("| chapter | wall s | CPU s |\n|---|---|---|")
        total_wall = total_cpu = 0.0
        for chapter_id in CHAPTER_IDS:
            wall, cpu = time.perf_counter(), time.process_time()
            CHAPTERS[chapter_id].run(ctx)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            total_wall, total_cpu = total_wall + wall, total_cpu + cpu
            print(f"| {chapter_id} | {wall:.2f} | {cpu:.2f} |")
        print(f"| all three | {total_wall:.2f} | {total_cpu:.2f} |")
        print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
