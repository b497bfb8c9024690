"""Benchmark: load and check a data folder, beside a plain DuckDB scan of the same files.

Three measurements, each in its own process (so each peak memory is its own),
one after the other in the same run:

- ``scan``: DuckDB reads every value of every input file (CSV as text,
  Parquet as stored) and streams it out as Arrow batches: the floor.
- ``load``: ``load_folder`` reads, checks and writes the checked tables.
- ``warehouse``: ``load_folder`` then ``build_warehouse`` from its Parquet parts.

Run on a synthetic CSV folder (``--rows``) or any data folder (``--folder``),
e.g. the national synthetic area made by ``svsna synth --out /tmp/nat --scale 45``:

    .venv/bin/python bench/bench_load.py --rows 1000000
    .venv/bin/python bench/bench_load.py --folder /tmp/nat
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def write_folder(folder: Path, rows: int, seed: int = 1) -> None:
    """Write ``rows`` plausible occurrences and 2 × ``rows`` persons as CSV."""
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


def scan(folder: Path) -> dict[str, float]:
    """The floor: DuckDB streams every value of every contract file out as Arrow."""
    import duckdb

    from svsna.contract import CONTRACT
    from svsna.load.readers import find_sources

    con = duckdb.connect()
    rows = 0
    for table in CONTRACT:
        for path in find_sources(folder, table):
            reader = (
                f"read_parquet('{path}')"
                if path.suffix == ".parquet"
                else f"read_csv('{path}', all_varchar = true, header = true)"
            )
            for batch in con.execute(f"SELECT * FROM {reader}").fetch_record_batch():
                rows += batch.num_rows
    return {"rows": rows}


def load(folder: Path, *, warehouse: bool) -> dict[str, float]:
    """``load_folder`` (and, if asked, ``build_warehouse`` from its Parquet parts)."""
    from svsna.load import load_folder
    from svsna.warehouse import build_warehouse

    started = time.perf_counter()
    loaded = load_folder(folder)
    result = {
        "load_seconds": time.perf_counter() - started,
        "rows": sum(t.rows_read for t in loaded.tables.values()),
        "rejects": len(loaded.rejects),
    }
    if warehouse:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            build_warehouse(
                Path(tmp) / "wh.duckdb",
                loaded.checked_tables(),
                rejects=loaded.rejects,
                metadata={},
            )
            result["warehouse_seconds"] = time.perf_counter() - started
    return result


def _child(stage: str, folder: Path) -> dict[str, float]:
    started = time.perf_counter()
    warehouse = stage == "warehouse"
    result = scan(folder) if stage == "scan" else load(folder, warehouse=warehouse)
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = _peak_mb()
    return result


def _peak_mb() -> float:
    """This process's peak resident memory.

    ``ru_maxrss`` survives ``exec`` on Linux, so a child would report the
    parent's peak (the parent that wrote the folder); ``VmHWM`` is the
    process's own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(stage: str, folder: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--stage", stage, "--folder", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--stage", choices=("scan", "load", "warehouse"))
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(_child(args.stage, args.folder)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            folder = Path(tmp)
            write_folder(folder, args.rows)
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        results = {
            stage: _measure(stage, folder) for stage in ("scan", "load", "warehouse")
        }
    floor, loaded, built = results["scan"], results["load"], results["warehouse"]
    print(
        f"{folder if args.folder else f'{args.rows:,} occurrences + persons (CSV)'}: "
        f"{int(floor['rows']):,} rows\n"
        f"  DuckDB scan (floor): {floor['seconds']:.1f} s, peak {floor['peak_mb']:,.0f} MB\n"
        f"  load and check:      {loaded['load_seconds']:.1f} s "
        f"({loaded['load_seconds'] / floor['seconds']:.1f}x the scan), "
        f"peak {loaded['peak_mb']:,.0f} MB, {int(loaded['rejects']):,} rejects\n"
        f"  + warehouse:         {built['warehouse_seconds']:.1f} s "
        f"(load {built['load_seconds']:.1f} s), peak {built['peak_mb']:,.0f} MB"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
