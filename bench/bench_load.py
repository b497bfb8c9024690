"""Benchmark: load and check a large data folder, then build the warehouse.

Writes ``--rows`` synthetic occurrences (and two persons each) as CSV, then
times ``load_folder`` and ``build_warehouse`` and reports peak memory.

Run: .venv/bin/python bench/bench_load.py --rows 1000000
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from svsna.load import load_folder
from svsna.warehouse import build_warehouse


def write_folder(folder: Path, rows: int, seed: int = 1) -> None:
    """Write ``rows`` plausible occurrences and 2 × ``rows`` persons."""
    rng = np.random.default_rng(seed)
    ids = np.char.add("OCC", np.arange(rows).astype(str))
    days = pd.Timestamp("2020-04-01") + pd.to_timedelta(
        rng.integers(0, 1856, rows), unit="D"
    )
    minutes = rng.integers(0, 1440, rows)
    occurrences = pd.DataFrame(
        {
            "occurrence_id": ids,
            "committed_date": days.strftime("%Y-%m-%d"),
            "committed_time": [f"{m // 60:02d}:{m % 60:02d}" for m in minutes],
            "offence_code": rng.choice(["5D", "8N", "34B", "10D", "105A", "8F"], rows),
            "district": rng.choice(
                ["Derby", "Chesterfield", "Erewash", "High Peak"], rows
            ),
            "easting": rng.uniform(410000, 450000, rows).round(1),
            "northing": rng.uniform(330000, 380000, rows).round(1),
            "knife_flag": rng.choice(["true", "false", ""], rows),
            "outcome_code": rng.integers(1, 23, rows),
        }
    )
    occurrences.to_csv(folder / "occurrences.csv", index=False)
    persons = pd.DataFrame(
        {
            "occurrence_id": np.repeat(ids, 2),
            "person_id": np.char.add("P", rng.integers(0, rows, 2 * rows).astype(str)),
            "role": np.tile(["victim", "suspect"], rows),
            "age": rng.integers(0, 90, 2 * rows),
            "sex": rng.choice(["M", "F", ""], 2 * rows),
        }
    )
    persons.to_csv(folder / "persons.csv", index=False)


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_folder(folder, args.rows)
        started = time.perf_counter()
        loaded = load_folder(folder)
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        build_warehouse(
            folder / "wh.duckdb",
            loaded.arrow_tables(),
            rejects=loaded.rejects,
            metadata={},
        )
        build_seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"rows={args.rows:,} occurrences + {2 * args.rows:,} persons: "
        f"load {load_seconds:.1f} s, warehouse {build_seconds:.1f} s, peak {peak_mb:,.0f} MB"
    )


if __name__ == "__main__":
    main()
