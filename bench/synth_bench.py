"""Benchmark: time and peak memory of ``svsna synth`` at a given scale.

Runs the command in a child process under ``/usr/bin/time -v`` (GNU time) so
that the peak resident memory of the whole run is measured, then prints one
line: scale, wall seconds, peak MB, rows written and bytes on disk.

Run: .venv/bin/python bench/synth_bench.py --scale 1
     .venv/bin/python bench/synth_bench.py --scale 45
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq


def rows_written(folder: Path) -> int:
    """Occurrence rows in the folder (CSV lines or Parquet rows)."""
    csv = folder / "occurrences.csv"
    if csv.is_file():
        with csv.open("rb") as handle:
            return sum(1 for _ in handle) - 1
    return sum(
        pq.ParquetFile(p).metadata.num_rows
        for p in (folder / "occurrences").glob("*.parquet")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "data"
        svsna = Path(sys.executable).with_name("svsna")
        command = ["/usr/bin/time", "-v", str(svsna), "synth", "--out", str(out),
                   "--scale", str(args.scale), "--seed", str(args.seed)]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        wall = re.search(
            r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr
        )
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
        assert wall and peak, run.stderr
        seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(
            f"scale {args.scale}: {seconds:.1f} s wall, peak {int(peak[1]) / 1024:.0f} MB, "
            f"{rows_written(out):,} occurrences, {size / 1e6:.0f} MB on disk"
        )


if __name__ == "__main__":
    main()
