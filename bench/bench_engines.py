"""The same build on DuckDB and on Spark (local), wall time and peak memory of each.

    .venv/bin/svsna synth --out /tmp/national --scale 45
    .venv/bin/python bench/bench_engines.py /tmp/national --json bench/engines.json

Each engine runs ``svsna build DATA --edition restricted --format xlsx
--engine E`` in a child process. Peak memory is the largest sum of resident
memory over the whole process tree (Python, and for Spark its JVM), sampled
every 0.2 s from /proc, because GNU time sees only one process. Stage times
come from the build's manifest.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        proc = Path(f"/proc/{current}")
        try:
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in (proc / "task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(data: Path, engine: str, out: Path) -> dict[str, object]:
    """One build on ``engine``: wall seconds, peak tree memory, stage seconds."""
    command = [
        str(Path(sys.executable).with_name("svsna")), "build", str(data), "--out", str(out),
        "--warehouse", str(out.with_name(out.name + "-warehouse")),
        "--edition", "restricted", "--format", "xlsx", "--engine", engine,
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{engine} build failed with exit code {process.returncode}")
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        "engine": engine,
        "wall_s": round(wall, 1),
        "peak_mb": round(peak / 1e6),
        "stage_seconds": manifest["stage_seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [
            run(args.data, engine, Path(tmp) / engine)
            for engine in args.engines.split(",")
        ]
    for result in results:
        print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
